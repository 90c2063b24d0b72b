"""Views of report pages counted in Redis (or Valkey), shared by every app host, folded
into the database about once a second. Used when LUOSHI_REDIS_URL is set.

Why: on PostgreSQL a view counted by `UPDATE … RETURNING` waits for a durable commit, and
one report's views queue on its row lock across all hosts (measured: ~2,100-3,000 views a
second at most, whatever the hosts). Redis's INCR is atomic across hosts and answers in
microseconds; the database is written once a second per process, not once per view.

Exact: the Redis key is the count. INCR hands each reader their own number, so no view
is lost or counted twice while Redis runs. A missing key (the report's first view, or
Redis lost its data) starts from the database's count, atomically (one Lua script: two
processes starting the same key do not both add the database's count).

Folding: each process remembers, per report, the highest number Redis handed it since its
last fold, and raises the row to it with `clicks = GREATEST(clicks, n)` (idempotent: a fold
repeated, or two processes folding the same report, add nothing). It then raises the Redis
key to the row's count (the same MAX the other way): if Redis restarted without its data
and started a key from an older database count, the key catches up within a second, so
neither the database nor, after that second, the numbers shown go backwards. A clean stop
folds at exit (atexit); a crash of a process loses at most its last second of views.

Whose row: the key holds a fingerprint of the publication's `created` time and the
database's name, so a key left from another database (a test database flushed, ids
handed out again) is not taken for a new row with the same id."""

from __future__ import annotations

import atexit
import logging
import multiprocessing.util
import os
import threading
import zlib

log = logging.getLogger(__name__)

FOLD_SECONDS = 1.0
TIMEOUT = 0.5  # seconds: a Redis that does not answer must not hold a page for long

# INCR only a key that exists: a missing key returns nil, and the caller starts it from the
# database's count (START) after reading that count.
COUNT_LUA = "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCR', KEYS[1]) end"
START_LUA = (
    "if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end "
    "return redis.call('INCR', KEYS[1])"
)
RAISE_LUA = (
    "local n = tonumber(redis.call('GET', KEYS[1]) or '0') "
    "if n < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end"
)
# The hit: count the view (if the key exists: 0 otherwise) and read the government's page
# stamp, in one round trip.
HIT_LUA = (
    "local n = 0 "
    "if redis.call('EXISTS', KEYS[1]) == 1 then n = redis.call('INCR', KEYS[1]) end "
    "return {n, redis.call('GET', KEYS[2]) or ''}"
)
# The counter endpoint's call: count the view only while the government's stamp is still
# the value the report was found current at (a correction bumps it); -1 when it moved (not
# counted), 0 when the key has to be started (not counted).
CLICK_LUA = (
    "local stamp = redis.call('GET', KEYS[2]) "
    "if not stamp or tonumber(string.match(stamp, '^%d+')) ~= tonumber(ARGV[1]) then "
    "return -1 end "
    "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCR', KEYS[1]) end "
    "return 0"
)
# A government's page stamp `value|changed`, raised only: a reader seeding it from an older
# read never takes it back below a bump's.
STAMP_LUA = (
    "local old = redis.call('GET', KEYS[1]) "
    "if not old or tonumber(string.match(old, '^%d+')) < tonumber(ARGV[1]) then "
    "redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2]) end"
)
# Stamps bumped this recently are written to Redis again at every fold: a bump whose own
# write to Redis failed, or that Redis lost in a restart, is repaired within a second.
RESYNC_SECONDS = 60
FOLD_SQL = {
    "postgresql": "UPDATE disclosure_publication SET clicks = GREATEST(clicks, %s) "
    "WHERE id = %s AND CAST(created AS TEXT) = %s RETURNING clicks",
    "sqlite": "UPDATE disclosure_publication SET clicks = MAX(clicks, %s) "
    "WHERE id = %s AND CAST(created AS TEXT) = %s RETURNING clicks",
}


class _Wire:
    """The page hit's one round trip to Redis on a socket of the thread's own, written and
    read directly (one sendall, one recv, hiredis's C reader): through redis-py the same
    EVALSHA cost ~100 us of CPU per view (its connection pool, command packing, response
    callbacks and instrumentation), about as much as the rest of the hit
    (docs/performance.md). Only for plain TCP or a Unix socket; anything else (TLS) goes
    through redis-py. Errors are raised as OSError or redis's, both in SharedCounter.errors."""

    def __init__(self, pool):
        kwargs = pool.connection_kwargs
        self.path = kwargs.get("path")
        self.address = (kwargs.get("host", "localhost"), kwargs.get("port", 6379))
        self.setup = []  # AUTH and SELECT, as redis-py sends them on connect
        if kwargs.get("password"):
            user = kwargs.get("username")
            self.setup.append(("AUTH", user, kwargs["password"]) if user else
                              ("AUTH", kwargs["password"]))  # fmt: skip
        if kwargs.get("db"):
            self.setup.append(("SELECT", kwargs["db"]))
        self.local = threading.local()

    @staticmethod
    def usable(pool) -> bool:
        import redis

        return pool.connection_class in (redis.Connection, redis.UnixDomainSocketConnection)

    @staticmethod
    def pack(*args) -> bytes:
        parts = [b"*%d\r\n" % len(args)]
        for arg in args:
            data = arg if isinstance(arg, bytes) else str(arg).encode()
            parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
        return b"".join(parts)

    def _socket(self):
        import socket

        local = self.local
        if getattr(local, "pid", None) == os.getpid() and local.sock is not None:
            return local.sock, local.reader
        import hiredis

        if self.path:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        else:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(TIMEOUT)
        try:
            sock.connect(self.path or self.address)
            local.sock, local.reader, local.pid = sock, hiredis.Reader(), os.getpid()
            for command in self.setup:
                self._ask(self.pack(*command))
        except BaseException:
            self.close()
            sock.close()
            raise
        return local.sock, local.reader

    def _ask(self, request: bytes):
        sock, reader = self.local.sock, self.local.reader
        try:
            sock.sendall(request)
            reply = reader.gets()
            while reply is False:
                data = sock.recv(65536)
                if not data:
                    raise ConnectionError("Redis closed the connection")
                reader.feed(data)
                reply = reader.gets()
        except BaseException:
            self.close()  # a reply half read: the next call opens a new socket
            raise
        if isinstance(reply, Exception):  # hiredis hands an error reply back, as redis-py's
            import redis

            raise redis.ResponseError(str(reply))
        return reply

    def call(self, request: bytes):
        reused = getattr(self.local, "sock", None) is not None
        self._socket()
        try:
            return self._ask(request)
        except ConnectionError:
            if not reused:
                raise
        # A connection Redis closed while idle (a restart, a timeout, CLIENT KILL): once more
        # on a new one, as redis-py retries.
        self._socket()
        return self._ask(request)

    def close(self) -> None:
        sock = getattr(self.local, "sock", None)
        self.local.sock = None
        if sock is not None and getattr(self.local, "pid", None) == os.getpid():
            sock.close()


class SharedCounter:
    def __init__(self, url: str, database: str, fold_seconds: float | None = None):
        import redis  # only where LUOSHI_REDIS_URL is set: the embedded default needs none

        self.client = redis.Redis.from_url(url, socket_timeout=TIMEOUT,
                                           socket_connect_timeout=TIMEOUT)  # fmt: skip
        self.errors = (redis.RedisError, OSError)
        self.prefix = f"luoshi:clicks:{zlib.crc32(database.encode()):08x}:"
        self.count_script = self.client.register_script(COUNT_LUA)
        self.start_script = self.client.register_script(START_LUA)
        self.raise_script = self.client.register_script(RAISE_LUA)
        self.hit_script = self.client.register_script(HIT_LUA)
        self.click_script = self.client.register_script(CLICK_LUA)
        pool = self.client.connection_pool
        self.wire = _Wire(pool) if _Wire.usable(pool) else None
        self.stamp_script = self.client.register_script(STAMP_LUA)
        self.stamp_prefix = f"luoshi:stamp:{zlib.crc32(database.encode()):08x}:"
        # publication id -> (created, government id, stamp value) as last read from the
        # database: a view reads the database again only when the stamp moved (a row
        # deleted or changed bumps its government's stamp).
        self.rows: dict[int, tuple[str, int, int]] = {}
        # publication id -> the stamp value it was found current at (not corrected): the
        # counter endpoint's calls are counted by CLICK_LUA alone while the stamp holds.
        self.current_at: dict[int, int] = {}
        self.fold_seconds = fold_seconds
        self.lock = threading.Lock()
        self.pending: dict[int, tuple[int, str]] = {}  # id -> (highest number, created)
        self.owner = None  # the process whose folder runs (a forked child starts its own)
        self.stopping = threading.Event()

    def key(self, publication_id: int, created: str) -> str:
        return f"{self.prefix}{publication_id}:{zlib.crc32(created.encode()):08x}"

    # -- counting (the page hit) ------------------------------------------------------

    def hit(self, publication_id: int, created: str, government_id: int) -> tuple[int, str]:
        """Count a view of a publication read before; (the count including it, or 0 when
        the key has to be started; the government's stamp as `value|changed`, or '')."""
        keys = (self.key(publication_id, created), f"{self.stamp_prefix}{government_id}")
        n, stamp = self._run(self.hit_script, keys, ())
        if n:
            self.remember(publication_id, created, n)
        return n, stamp.decode() if isinstance(stamp, bytes) else stamp

    def click(self, publication_id: int, stamp: int) -> int:
        """Count a call of the counter endpoint for a publication read before, if its
        government's stamp is still `stamp`; the count including it, or 0 (not counted:
        the stamp moved or the key has to be started)."""
        created, government_id, _ = self.rows[publication_id]
        keys = (self.key(publication_id, created), f"{self.stamp_prefix}{government_id}")
        n = self._run(self.click_script, keys, (stamp,))
        if n > 0:
            self.remember(publication_id, created, n)
            return n
        return 0

    def _run(self, script, keys, args):
        """EVALSHA of a registered script, on the lean wire where there is one; a Redis
        that lost its scripts (NOSCRIPT) gets it loaded again by redis-py's call."""
        if self.wire is None:
            return script(keys=list(keys), args=list(args))
        try:
            return self.wire.call(_Wire.pack("EVALSHA", script.sha, len(keys), *keys, *args))
        except self.errors as error:
            if not str(error).startswith("NOSCRIPT"):
                raise
            return script(keys=list(keys), args=list(args))

    def set_stamp(self, government_id: int, value: int, changed: str, client=None) -> None:
        self.stamp_script(keys=[f"{self.stamp_prefix}{government_id}"], args=[value, changed],
                          client=client)  # fmt: skip

    def count(self, publication_id: int, created: str, read_clicks) -> int:
        """Add one view; the count including it. `read_clicks()` reads the row's count from
        the database, called only when the key has to be started. Raises one of
        self.errors when Redis cannot be reached."""
        key = self.key(publication_id, created)
        n = self.count_script(keys=[key])
        if n is None:
            # From the database, or from what this process handed out and has not folded
            # yet (Redis lost its data within the last second): never a number again.
            known = self.pending.get(publication_id)
            start = read_clicks()
            if known is not None and known[1] == created:
                start = max(start, known[0])
            n = self.start_script(keys=[key], args=[start])
        self.remember(publication_id, created, n)
        return n

    def remember(self, publication_id: int, created: str, n: int) -> None:
        with self.lock:
            known = self.pending.get(publication_id)
            if known is None or known[0] < n or known[1] != created:
                self.pending[publication_id] = (n, created)
        if self.owner != os.getpid():
            self._start_folder()

    def value(self, publication_id: int, created: str) -> int:
        """The count in Redis (0 for none, or when Redis cannot be reached)."""
        try:
            return int(self.client.get(self.key(publication_id, created)) or 0)
        except self.errors:
            return 0

    # -- folding into the database ----------------------------------------------------

    def fold(self) -> int:
        """Raise the rows to the numbers this process handed out since its last fold, on
        this thread's connection; then raise the Redis keys to the rows. Returns how many
        rows were written."""
        from django.db import connections, transaction

        db = connections["default"]
        self._resync_stamps(db)
        with self.lock:
            pending, self.pending = self.pending, {}
        if not pending:
            return 0
        sql = FOLD_SQL["sqlite" if db.vendor == "sqlite" else "postgresql"]
        rows = {}
        try:
            with transaction.atomic(using="default"), db.cursor() as cursor:
                for publication_id, (n, created) in sorted(pending.items()):
                    cursor.execute(sql, (n, publication_id, created))
                    row = cursor.fetchone()
                    if row is not None:
                        rows[publication_id] = (row[0], created)
        except Exception:
            with self.lock:  # folded again at the next round
                for publication_id, (n, created) in pending.items():
                    known = self.pending.get(publication_id)
                    if known is None or known[0] < n:
                        self.pending[publication_id] = (n, created)
            raise
        try:
            with self.client.pipeline(transaction=False) as pipe:
                for publication_id, (clicks, created) in rows.items():
                    self.raise_script(keys=[self.key(publication_id, created)], args=[clicks],
                                      client=pipe)  # fmt: skip
                pipe.execute()
        except self.errors as error:  # the rows are written; Redis catches up next round
            log.info("shared click counter: keys not raised: %s", error)
        return len(rows)

    def _resync_stamps(self, db) -> None:
        import datetime as dt

        from django.utils import timezone

        since = timezone.now() - dt.timedelta(seconds=RESYNC_SECONDS)
        with db.cursor() as cursor:
            cursor.execute(
                "SELECT government_id, value, changed FROM pagecache_stamp WHERE changed > %s",
                (db.ops.adapt_datetimefield_value(since),),
            )
            stamps = cursor.fetchall()
        if not stamps:
            return
        try:
            with self.client.pipeline(transaction=False) as pipe:
                for government_id, value, changed in stamps:
                    self.set_stamp(government_id, value, stamp_text(changed), client=pipe)
                pipe.execute()
        except self.errors as error:
            log.info("shared click counter: stamps not written: %s", error)

    def _start_folder(self) -> None:
        with self.lock:
            if self.owner == os.getpid():
                return
            self.owner = os.getpid()
            self.stopping = threading.Event()
            folder = threading.Thread(target=self._fold_forever, daemon=True,
                                      name="luoshi-shared-clicks")  # fmt: skip
            folder.start()
        atexit.register(self._fold_at_exit, os.getpid())
        # A multiprocessing child (granian's workers) leaves by os._exit, past atexit: its
        # finalizers with an exit priority are what runs there.
        multiprocessing.util.Finalize(None, self._fold_at_exit, args=(os.getpid(),),
                                      exitpriority=10)  # fmt: skip

    def _fold_forever(self) -> None:
        from django.db import connections

        while not self.stopping.wait(self.fold_seconds or FOLD_SECONDS):
            self._fold_quietly()
        connections["default"].close()

    def _fold_quietly(self) -> bool:
        from django.db import connections

        try:
            self.fold()
            return True
        except Exception:
            # The database is down or busy: the numbers stay pending for the next round.
            log.exception("shared click counter: not folded")
            connections["default"].close()
            return False

    def _fold_at_exit(self, pid: int) -> None:
        """A clean stop writes every view this process counted (atexit, in the main
        thread: a connection of its own)."""
        if pid != os.getpid() or self.stopping.is_set():  # a forked child's parent, or done
            return
        self.stopping.set()
        self._fold_quietly()

    def close(self) -> None:
        """Stop folding in this process; the views not folded yet stay in Redis only."""
        self.stopping.set()
        atexit.unregister(self._fold_at_exit)
        if self.wire is not None:
            self.wire.close()
        self.client.close()


def stamp_text(changed) -> str:
    """A stamp's time as text, however the database handed it back."""
    return changed if isinstance(changed, str) else changed.isoformat()
