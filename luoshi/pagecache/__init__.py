"""Cached rendering of the published report pages.

A report page changes only when its government's published data changes (publish,
correction, import, a reassessment). Each government has a stamp, bumped by signals
whenever a row its pages show is saved or deleted; a rendered page is cached under
(report, stamp, variant) and so is never served stale once the change has committed.
The click counter stays outside the cache: every view, hit or miss, is counted once and
atomically (with LUOSHI_REDIS_URL in Redis, shared by every host, luoshi.pagecache.shared;
otherwise on SQLite in the click journal beside the database, luoshi.pagecache.journal, and
on PostgreSQL by one UPDATE … RETURNING), and the number is put into the cached HTML."""
