"""Views of report pages counted in a file beside the SQLite database, folded into it.

Why: on SQLite every counted view was its own write transaction (~15 us of commit, and
the page servers' threads queueing for the one write lock). Here a view adds one to a
counter in a small file that every process maps (`<database>.clicks`), under flock(2);
each process folds the views it counted into `disclosure_publication.clicks` about once a
second, in one transaction.

Exact: the file's counter is the count. A view takes the lock, adds one and reads the
new number, so no view is lost or counted twice and each reader sees their own number,
across processes. A slot starts from the database's count.

Durable as the database is: the file is written through a shared mapping, so its pages
belong to the kernel and outlive a crashed or killed process; like SQLite in WAL mode with
synchronous=NORMAL (our setting), the latest writes may be lost on power loss. Folding is
idempotent (`clicks = MAX(clicks, n)`), so a fold repeated after a crash adds nothing, and
the first process to open the file folds whatever a dead one left.

Whose row: a slot holds a fingerprint of its publication's `created` time, so a slot left
from another database at the same path (deleted and made anew, a test database flushed)
is not taken for a new row with the same id: it starts again from the database.

Only for SQLite in a file: PostgreSQL's row lock queues writers by itself and may be
shared by several hosts, which one file cannot be."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import fcntl
import logging
import mmap
import os
import sqlite3
import struct
import threading
import zlib
from urllib.parse import quote

log = logging.getLogger(__name__)

MAGIC = b"LSCLICK1"
HEADER = struct.Struct("<8sQQQ")  # magic, slots, generation (bumped when slots move), taken
HEADER_SIZE = 64
SLOT = struct.Struct("<qqqQ")  # publication id (0: free), count, folded, fingerprint
FIRST_SLOTS = 1 << 12  # 128 KiB; doubled when three quarters are taken
FOLD_SECONDS = 1.0
# Tries at the file lock before sleeping in the kernel for it: it is held for a few us,
# and a sleeping waiter costs more to wake (measured: 32 clients, 2 workers).
SPINS = 8
# The fold's own connection waits this long for SQLite's write lock, then tries again at
# the next round (an import may hold the lock for a while).
FOLD_TIMEOUT = 2.0

# `created` as text (CAST drops the column type Django's driver would convert on): the
# fingerprint is taken of the stored text, whichever connection reads it.
ROW_SQL = "SELECT clicks, CAST(created AS TEXT) FROM disclosure_publication WHERE id = ?"
FOLD_SQL = "UPDATE disclosure_publication SET clicks = MAX(clicks, ?) WHERE id = ? AND created = ?"


def fingerprint(created: str) -> int:
    """Of the publication row's creation time, as stored (text)."""
    return zlib.crc32(created.encode()) + 1  # never 0


class ClickJournal:
    def __init__(self, database: str, fold_seconds: float = FOLD_SECONDS):
        self.database = database
        # One file per database, however its path is written (relative, via a link).
        self.path = f"{os.path.realpath(database)}.clicks"
        self.fold_seconds = fold_seconds
        self.lock = threading.Lock()  # the threads of this process; flock across processes
        self.fd = None
        self.pid = None  # the process whose map and file these are (None: open again)
        self.owner = os.getpid()  # the process whose `dirty` and `folder` these are
        self.dirty: set[int] = set()  # ids this process counted and has not folded yet
        self.folder = None
        self.stopping = threading.Event()

    # -- counting (the page hit) ------------------------------------------------------

    def count(self, publication_id: int, created: str, clicks: int, read) -> int:
        """Add one view of the publication whose row (as just read) has `created` and
        `clicks`; return the count including this view. `read()` reads (clicks, created)
        of the row again, on the caller's connection: a slot that has to be started is
        started from the database's count as it is under the lock (the row read before
        may predate a fold that dropped the slot)."""
        mark = fingerprint(created)
        with self._locked():
            at = self._find(publication_id)
            if at is None or SLOT.unpack_from(self.map, at)[3] != mark:
                # First view since the slot was dropped, or a slot from another database.
                row = read()
                if row is None:  # the row went away meanwhile
                    return clicks + 1
                at = self._start(publication_id, at, *row)
            _, n, folded, mark = SLOT.unpack_from(self.map, at)
            SLOT.pack_into(self.map, at, publication_id, n + 1, folded, mark)
            self.dirty.add(publication_id)
        if self.folder is None:
            self._start_folder()
        return n + 1

    # -- folding into the database ----------------------------------------------------

    def fold(self, everything: bool = False) -> int:
        """Write the counts of this process's views (all pending counts, `everything`) into
        the database on a connection of its own; return how many publications were
        written."""
        pending = self.pending(everything)
        if not pending:
            return 0
        try:
            db = self._connect(isolation_level=None)
            try:
                cursor = db.cursor()
                cursor.execute("BEGIN IMMEDIATE")
                written = self.write(cursor, pending)
                cursor.execute("COMMIT")
            finally:
                db.close()
        except sqlite3.Error:
            with self.lock:  # counted again at the next round
                self.dirty.update(s[0] for s in pending)
            raise
        self.mark_folded(written)
        return len(written)

    def pending(self, everything: bool = False) -> list[tuple]:
        """The slots to fold: of the views this process counted since its last fold, or
        every slot with views not yet in the database."""
        with self._locked():
            if everything:  # this process's own ids stay for its next fold: no harm twice
                return [s for s in self._slots() if s[1] > s[2]]
            ids, self.dirty = self.dirty, set()
            found = (self._find(publication_id) for publication_id in ids)
            return [SLOT.unpack_from(self.map, at) for at in found if at is not None]

    @staticmethod
    def write(cursor, pending) -> list[tuple]:
        """Raise each row's count to its slot's, on the cursor's connection and within its
        transaction; the slots written (for mark_folded, once that has committed)."""
        written = []
        for publication_id, n, _, mark in pending:
            cursor.execute(ROW_SQL, (publication_id,))
            row = cursor.fetchone()
            if row is not None and fingerprint(row[1]) == mark:
                cursor.execute(FOLD_SQL, (n, publication_id, row[1]))
                written.append((publication_id, n, mark))
        return written

    def mark_folded(self, written) -> None:
        with self._locked():
            for publication_id, n, mark in written:
                at = self._find(publication_id)
                if at is not None:
                    id_, count, folded, slot_mark = SLOT.unpack_from(self.map, at)
                    if slot_mark == mark and n > folded:
                        SLOT.pack_into(self.map, at, id_, count, n, slot_mark)

    def _connect(self, **kwargs):
        # mode=rw: never create a database that is not there (a test database deleted
        # while its process still folds).
        uri = f"file:{quote(self.database)}?mode=rw"
        return sqlite3.connect(uri, uri=True, timeout=FOLD_TIMEOUT, **kwargs)

    def _start_folder(self):
        with self.lock:
            if self.folder is not None:
                return
            self.folder = threading.Thread(target=self._fold_forever, daemon=True,
                                           name="luoshi-clicks")  # fmt: skip
            self.folder.start()
            atexit.register(self._fold_quietly)

    def _fold_forever(self):
        # The first round folds everything pending: views a dead process left behind.
        everything = True
        while not self.stopping.wait(self.fold_seconds):
            everything = not self._fold_quietly(everything) and everything

    def close(self) -> None:
        """Stop folding in this process; views not folded yet stay in the file."""
        self.stopping.set()
        if self.folder is not None and self.folder.ident is not None:
            self.folder.join()
        if self.pid == os.getpid():
            self.map.close()
            os.close(self.fd)
            self.pid = None

    def _fold_quietly(self, everything: bool = False) -> bool:
        if self.stopping.is_set():
            return False  # closed (at exit: the file keeps the views for the next process)
        try:
            self.fold(everything)
            return True
        except sqlite3.Error as error:
            # The database is busy (an import) or gone: the views stay in the file.
            log.info("click journal %s not folded: %s", self.path, error)
        except Exception:
            log.exception("click journal %s not folded", self.path)
        return False

    # -- the file ---------------------------------------------------------------------

    def _locked(self):
        return _Locked(self)

    def _open(self):
        """Map the file in this process (again after a fork, or after a failure); the first
        process to open it since a crash folds what was left. `pid` is set only once the
        map is made: a journal half opened is opened again at the next view."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                magic, slots, generation, _ = HEADER.unpack(
                    os.pread(fd, HEADER.size, 0).ljust(HEADER.size, b"\0")
                )
                if magic != MAGIC or os.fstat(fd).st_size < HEADER_SIZE + slots * SLOT.size:
                    if os.fstat(fd).st_size:
                        # Not ours, or cut short: nothing in it can be trusted, and at most
                        # the last second's views were only there.
                        log.warning("click journal %s unreadable: started anew", self.path)
                    slots, generation = FIRST_SLOTS, 1
                    os.ftruncate(fd, 0)
                    os.ftruncate(fd, HEADER_SIZE + slots * SLOT.size)
                    os.pwrite(fd, HEADER.pack(MAGIC, slots, generation, 0), 0)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
            self.fd = fd
            self._map(slots, generation)
        except BaseException:
            self.fd = None  # closed here: never closed again by number (it may be reused)
            os.close(fd)
            raise
        if self.owner != os.getpid():
            self.owner = os.getpid()
            self.dirty, self.folder = set(), None  # a forked child has neither
        self.pid = os.getpid()

    def _reset(self) -> None:
        """After any failure under the lock: drop the map and the file (closing it releases
        its flock, whatever state the failure left), to be opened anew at the next use.
        Never raises."""
        self.pid = None
        mapped = self.__dict__.pop("map", None)
        if mapped is not None:
            with contextlib.suppress(Exception):  # a map already closed
                mapped.close()
        fd, self.fd = getattr(self, "fd", None), None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def _map(self, slots, generation):
        self.map = mmap.mmap(self.fd, HEADER_SIZE + slots * SLOT.size)
        self.slots, self.generation = slots, generation

    def _check_generation(self):
        _, slots, generation, _ = HEADER.unpack_from(self.map, 0)
        if generation != self.generation:  # another process moved the slots
            self.map.close()
            self._map(slots, generation)

    def _find(self, publication_id: int):
        """The slot's offset, or None."""
        slots = self.slots
        i = _home(publication_id, slots)
        for _ in range(slots):
            at = HEADER_SIZE + i * SLOT.size
            id_ = SLOT.unpack_from(self.map, at)[0]
            if id_ == publication_id:
                return at
            if id_ == 0:
                return None
            i = (i + 1) % slots
        return None

    def _start(self, publication_id: int, at, clicks: int, created: str) -> int:
        """A slot counting on from the database's count (under the lock)."""
        if at is None:
            magic, slots, generation, taken = HEADER.unpack_from(self.map, 0)
            if taken + 1 > slots * 3 // 4:
                taken = self._rebuild()
            at = self._free(publication_id)
            HEADER.pack_into(self.map, 0, magic, self.slots, self.generation, taken + 1)
        SLOT.pack_into(self.map, at, publication_id, clicks, clicks, fingerprint(created))
        return at

    def _free(self, publication_id: int) -> int:
        i = _home(publication_id, self.slots)
        while True:
            at = HEADER_SIZE + i * SLOT.size
            if SLOT.unpack_from(self.map, at)[0] == 0:
                return at
            i = (i + 1) % self.slots

    def _slots(self):
        return [s for s in SLOT.iter_unpack(self.map[HEADER_SIZE:]) if s[0] != 0]

    def _rebuild(self) -> int:
        """Drop the slots whose views are all in the database (they start again from it)
        and double the table if it is still half full; every process remaps. Returns the
        slots taken."""
        kept = [s for s in self._slots() if s[1] > s[2]]
        slots = self.slots
        while len(kept) + 1 > slots // 2:
            slots *= 2
        table = bytearray(slots * SLOT.size)
        for slot in kept:
            i = _home(slot[0], slots)
            while SLOT.unpack_from(table, i * SLOT.size)[0] != 0:
                i = (i + 1) % slots
            SLOT.pack_into(table, i * SLOT.size, *slot)
        if slots != self.slots:
            os.ftruncate(self.fd, HEADER_SIZE + slots * SLOT.size)
        self.map.close()
        self._map(slots, self.generation + 1)
        # One copy: a kill can cost the kept (not yet folded) views only within it.
        self.map[HEADER_SIZE:] = table
        HEADER.pack_into(self.map, 0, MAGIC, slots, self.generation, len(kept))
        return len(kept)


_libc = ctypes.PyDLL(None)  # PyDLL: called without releasing the GIL
_libc_flock = _libc.flock
_libc_flock.argtypes = (ctypes.c_int, ctypes.c_int)
_EX_NB = fcntl.LOCK_EX | fcntl.LOCK_NB


def _flock(fd) -> None:
    for _ in range(SPINS):
        if _libc_flock(fd, _EX_NB) == 0:
            return
        os.sched_yield()
    fcntl.flock(fd, fcntl.LOCK_EX)


def _funlock(fd) -> None:
    _libc_flock(fd, fcntl.LOCK_UN)


def _home(publication_id: int, slots: int) -> int:
    """Where a publication's slot is looked for first (then the next ones, in turn)."""
    return (publication_id * 0x9E3779B1) % slots  # spreads consecutive ids


class _Locked:
    """The thread lock, then flock(2) on the file: one writer of the slots at a time."""

    __slots__ = ("journal",)

    def __init__(self, journal):
        self.journal = journal

    def __enter__(self):
        journal = self.journal
        journal.lock.acquire()
        try:
            if journal.pid != os.getpid():  # first use in this (forked) process, or a failure
                journal._open()
            _flock(journal.fd)
        except BaseException:
            journal._reset()
            journal.lock.release()
            raise
        try:
            journal._check_generation()
        except BaseException:
            # Closing the file releases the flock: no other process waits on us.
            journal._reset()
            journal.lock.release()
            raise

    def __exit__(self, kind, value, traceback):
        journal = self.journal
        try:
            if kind is None:
                _funlock(journal.fd)
            else:  # whatever failed under the lock, the file's lock is released with it
                journal._reset()
        finally:
            journal.lock.release()
