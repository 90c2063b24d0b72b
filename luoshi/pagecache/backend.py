"""The per-process store of rendered report pages: Django's LocMemCache without pickling.

LocMemCache pickles every value, so each hit would unpickle (copy) a whole 130 KiB page.
The page cache's entries are immutable (tuples of bytes and str), so they are kept as
they are and handed out shared. Keys are made by luoshi.pagecache.wsgi (ASCII, short), so
the per-call key validation is skipped. Expiry, culling and clear() are LocMemCache's."""

from __future__ import annotations

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class PageCache(LocMemCache):
    def get(self, key, default=None, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def incr(self, key, delta=1, version=None):
        raise NotImplementedError("the page cache holds pages, not counters")
