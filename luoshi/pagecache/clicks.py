"""Counting a view of a report page, once, whether the page came from the cache or not."""

import fcntl
import os
import threading

from django.db import connections

from luoshi.pagecache.signals import bump

# Set by the WSGI layer when it has already counted this request's view.
COUNTED = "luoshi.clicks"


def register_view(request, publication) -> None:
    """For the report view: count the view unless the page cache already did (then only
    take the number it got, so the page shows the count including this view)."""
    counted = request.META.get(COUNTED)
    if counted is None:
        publication.register_view()
    else:
        publication.clicks = counted


def count_view(publication_id: int):
    """One atomic UPDATE … RETURNING: add this view and read the count together with the
    government's page stamp (found from the updated row itself, so nothing is memoised
    that could go stale). Returns (clicks, stamp, changed) or None for no such report;
    `changed` is as the database hands it back (text on SQLite, see as_datetime)."""
    db = connections["default"]
    params = (publication_id,)
    raw = db.connection
    if raw is None or db.queries_logged or db.vendor not in _RAW_SQL:
        # Through Django's cursor: opens the connection (with its init PRAGMAs) and logs
        # the query when logging is on (DEBUG, tests counting queries).
        with db.cursor() as cursor:
            cursor.execute(SQL, params)
            row = cursor.fetchone()
    else:
        # The hit path: the thread's open connection, straight through the driver (the
        # same single statement, without the wrapper's per-call work).
        with db.wrap_database_errors, _writer(db):
            cursor = raw.cursor()
            try:
                cursor.execute(_RAW_SQL[db.vendor], params)
                row = cursor.fetchone()
            finally:
                cursor.close()
    if row is None:
        return None
    clicks, government_id, stamp, changed = row
    if stamp is None:
        # The first view since this government's pages were last stamped: stamp them
        # now (the view is already counted; this only reads the new stamp).
        bump(government_id)
        with db.cursor() as cursor:
            cursor.execute(STAMP_SQL, [government_id])
            row = cursor.fetchone()
        if row is None:  # the government was deleted meanwhile
            return None
        stamp, changed = row
    return clicks, stamp, changed


class _SQLiteWriter:
    """Click updates on SQLite take turns: a thread lock within the process and flock(2)
    on a file beside the database across processes. SQLite's own lock does not queue: a
    writer that finds it taken sleeps and retries (1, 2, 5, 10 ms…), which under load
    put a 10-20 ms tail on the page. A kernel lock wakes the next writer at once. Writers
    that do not take it (imports, the back office) still meet SQLite's lock as before."""

    def __init__(self, path):
        self.path = f"{path}.clicks-lock"
        self.thread_lock = threading.Lock()
        self.fd, self.pid = None, None

    def __enter__(self):
        self.thread_lock.acquire()
        try:
            if self.pid != os.getpid():  # first use in this (forked) process
                self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                self.pid = os.getpid()
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except BaseException:
            self.thread_lock.release()
            raise

    def __exit__(self, *exc):
        try:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            self.thread_lock.release()


class _NoLock:
    def __enter__(self):
        pass

    def __exit__(self, *exc):
        pass


_writers: dict[str, object] = {}


def _writer(db):
    name = str(db.settings_dict["NAME"])
    writer = _writers.get(name)
    if writer is None:
        in_file = db.vendor == "sqlite" and not db.is_in_memory_db()
        writer = _writers[name] = _SQLiteWriter(name) if in_file else _NoLock()
    return writer


# The report's government, from the updated row (a period belongs to one plan, a plan to
# one government).
_GOVERNMENT = (
    "(SELECT plan.government_id FROM progress_period period "
    "JOIN plans_plan plan ON plan.id = period.plan_id "
    "WHERE period.id = disclosure_publication.period_id)"
)
SQL = (
    "UPDATE disclosure_publication SET clicks = clicks + 1 WHERE id = %s RETURNING clicks, "
    f"{_GOVERNMENT}, "
    f"(SELECT value FROM pagecache_stamp WHERE government_id = {_GOVERNMENT}), "
    f"(SELECT changed FROM pagecache_stamp WHERE government_id = {_GOVERNMENT})"
)
STAMP_SQL = "SELECT value, changed FROM pagecache_stamp WHERE government_id = %s"
_RAW_SQL = {"sqlite": SQL.replace("%s", "?"), "postgresql": SQL}


def as_datetime(value):
    import datetime as dt

    if isinstance(value, str):  # SQLite hands back the stored text
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value
