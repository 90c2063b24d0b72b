"""Counting a view of a report page, once, whether the page came from the cache or not."""

import logging

from django.conf import settings
from django.db import DatabaseError, connections, transaction

from luoshi.disclosure.edge import COUNTED
from luoshi.disclosure.models import Publication
from luoshi.pagecache.journal import ROW_SQL as journal_row
from luoshi.pagecache.journal import ClickJournal
from luoshi.pagecache.models import PageStamp
from luoshi.pagecache.shared import SharedCounter, stamp_text
from luoshi.pagecache.signals import bump
from luoshi.plans.models import Plan
from luoshi.progress.models import Period

log = logging.getLogger(__name__)


def add_page_view(request, publication) -> None:
    """For the report view: count the view unless the page cache already did (then only
    take the number it got, so the page shows the count including this view)."""
    counted = request.META.get(COUNTED)
    if counted is None:
        publication.add_view()
    else:
        publication.clicks = counted


def add_view(publication_id: int) -> int | None:
    """Count one view; the count including it, or None for no such report."""
    counted = add_view_with_stamp(publication_id)
    return None if counted is None else counted[0]


def write_journal() -> int:
    """Write every view still only in the click journal into the database now, on this
    thread's connection (inside its transaction, if any); the journal does this by itself
    about once a second. Returns how many reports were written."""
    db = connections["default"]
    shared = _shared(db)
    if shared is not None:
        return shared.fold()
    journal = _journal(db)
    if journal is None:
        return 0
    with transaction.atomic(), db.cursor() as cursor:
        written = journal.write(cursor, journal.pending(everything=True))
    journal.mark_folded(written)
    return len(written)


def clicks_now(publication_id: int) -> int:
    """A report's count including views still only in the click journal: what a
    correction carries over to its new version."""
    write_journal()
    db = connections["default"]
    row = _fetch(db, ROW_SQL, (publication_id,))  # (clicks, created as stored text)
    if row is None:
        return 0
    clicks, created = row
    shared = _shared(db)
    if shared is None:
        return clicks
    # Other hosts' views of the last second are in Redis only.
    return max(clicks, shared.value(publication_id, created))


def add_view_with_stamp(publication_id: int):
    """Count one view and read the count together with the government's page stamp (found
    from the publication's row itself, so nothing is memoised that could go stale).
    Returns (clicks, stamp, changed) or None for no such report; `changed` is as the
    database hands it back (text on SQLite, see as_datetime).

    With LUOSHI_REDIS_URL set the view is counted in Redis (luoshi.pagecache.shared) after
    one read; on SQLite in a file in the click journal (luoshi.pagecache.journal) after one
    read; elsewhere by one atomic UPDATE … RETURNING, so no view is lost or counted twice
    either way."""
    db = connections["default"]
    shared = _shared(db)
    if shared is not None:
        counted = _count_shared(db, shared, publication_id)
        if counted is False:
            return None
        if counted is not None:
            clicks, government_id, stamp, changed = counted
            return _stamped(db, clicks, government_id, stamp, changed)
        # Redis cannot be reached: this view is counted in the database, durably.
    journal = None if shared else _journal(db)
    row = _fetch(db, READ_SQL if journal else UPDATE_SQL, (publication_id,))
    if row is None:
        return None
    if shared is not None:  # the fold raises the Redis key to this count when it is back
        clicks, government_id, stamp, changed = row
        created = _fetch(db, ROW_SQL, (publication_id,))[1]
        shared.remember(publication_id, created, clicks)
        return _stamped(db, clicks, government_id, stamp, changed)
    if journal:
        clicks, created, government_id, stamp, changed = row
        params = (publication_id,)
        try:
            clicks = journal.count(
                publication_id, created, clicks, lambda: _fetch(db, ROW_SQL, params)
            )
        except DatabaseError:
            raise  # the database's own trouble: the caller handles it
        except Exception:
            # The journal failed (out of memory, the file gone): this view goes uncounted,
            # the page is still served, and the journal opens anew at the next view.
            log.exception("click journal: view of report %s not counted", publication_id)
            clicks += 1
    else:
        clicks, government_id, stamp, changed = row
    return _stamped(db, clicks, government_id, stamp, changed)


def add_click(publication_id: int) -> int | None:
    """Count one call of the counter endpoint (POST /reports/<id>/click): the count
    including it, or None, nothing counted, for no such report or a corrected version."""
    db = connections["default"]
    shared = _shared(db)
    if shared is not None:
        stamp = shared.current_at.get(publication_id)
        if stamp is not None and publication_id in shared.rows:
            try:
                n = shared.click(publication_id, stamp)
            except shared.errors:
                n = 0  # counted below, the database's way
            if n:
                return n
    row = _fetch(db, CURRENT_SQL, (publication_id,))
    if row is None:  # no such report, or corrected: nothing counted
        if shared is not None:
            shared.current_at.pop(publication_id, None)
        return None
    counted = add_view_with_stamp(publication_id)
    if counted is None:
        return None
    if shared is not None and row[0] is not None:
        # The stamp read with the check, not the count's: a correction committed between
        # the two has bumped it, so the next call checks again.
        shared.current_at[publication_id] = row[0]
    return counted[0]


def _count_shared(db, shared, publication_id):
    """(clicks, government, stamp, changed) counted in Redis; False for no such report;
    None when Redis cannot be reached.

    A publication viewed before in this process is counted without the database: one
    round trip to Redis counts the view and reads the government's stamp (luoshi.pagecache.
    shared keeps it there, written by every bump). Only when that stamp is not the one
    this process read with the row (the row may have changed or gone) is the row read
    again."""
    try:
        known = shared.rows.get(publication_id)
        if known is not None:
            created, government_id, seen = known
            n, stamp = shared.hit(publication_id, created, government_id)
            value, _, changed = stamp.partition("|")
            if value == str(seen):
                if not n:
                    n = shared.count(
                        publication_id, created, lambda: _read_clicks(db, publication_id)
                    )
                return n, government_id, seen, changed
            if n:  # counted; the row is read again below for its stamp, not counted twice
                row = _fetch(db, SHARED_SQL, (publication_id,))
                if row is None:
                    shared.rows.pop(publication_id, None)
                    return False
                return n, *_known(shared, publication_id, row)
        row = _fetch(db, SHARED_SQL, (publication_id,))
        if row is None:
            shared.rows.pop(publication_id, None)
            return False
        created = row[1]
        government_id, stamp, changed = _known(shared, publication_id, row)
        n = shared.count(publication_id, created, lambda: _read_clicks(db, publication_id))
    except shared.errors:
        log.warning("shared click counter unreachable: view of report %s counted in the "
                    "database", publication_id, exc_info=True)  # fmt: skip
        return None
    return n, government_id, stamp, changed


def _known(shared, publication_id, row):
    """Keep the row's look-up for the next views, and its government's stamp in Redis; the
    (government, stamp, changed as text) of the row."""
    _, created, government_id, stamp, changed = row
    if stamp is None:  # not stamped yet: _stamped stamps it, the next view reads it
        return government_id, None, None
    changed = stamp_text(changed)
    shared.set_stamp(government_id, stamp, changed)
    shared.rows[publication_id] = (created, government_id, stamp)
    return government_id, stamp, changed


def stamp_changed(government_id, value, changed) -> None:
    """After a bump: the new stamp into Redis, where the shared counter's views read it
    (if that fails, the counter's next fold writes it)."""
    shared = _shared(connections["default"])
    if shared is None:
        return
    try:
        shared.set_stamp(government_id, value, stamp_text(changed))
    except shared.errors:
        log.warning("shared click counter unreachable: stamp of government %s written at the "
                    "next fold", government_id, exc_info=True)  # fmt: skip


def _read_clicks(db, publication_id) -> int:
    row = _fetch(db, ROW_SQL, (publication_id,))
    return 0 if row is None else row[0]


def _stamped(db, clicks, government_id, stamp, changed):
    if stamp is None:
        # The first view since this government's pages were last stamped: stamp them
        # now (the view is already counted; this only reads the new stamp).
        bump(government_id)
        row = _fetch(db, STAMP_SQL, (government_id,))
        if row is None:  # the government was deleted meanwhile
            return None
        stamp, changed = row
    return clicks, stamp, changed


def _fetch(db, sql, params):
    sqlite = db.vendor == "sqlite"
    if sqlite:
        sql = _SQLITE.get(sql, sql)
    raw = db.connection
    if raw is None or db.queries_logged:
        # Through Django's cursor: opens the connection (with its init PRAGMAs) and logs
        # the query when logging is on (DEBUG, tests counting queries).
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    # The hit path: the thread's open connection, straight through the driver (the same
    # single statement, without the wrapper's per-call work).
    with db.wrap_database_errors:
        cursor = raw.cursor()
        try:
            cursor.execute(_QMARK[sql] if sqlite else sql, params)
            return cursor.fetchone()
        finally:
            cursor.close()


_journals: dict[str, ClickJournal] = {}
_counters: dict[tuple[str, str], SharedCounter] = {}


def _shared(db) -> SharedCounter | None:
    """The shared counter when LUOSHI_REDIS_URL is set (one per Redis and database)."""
    url = settings.LUOSHI_REDIS_URL
    if not url:
        return None
    name = f"{db.vendor}:{db.settings_dict['HOST']}:{db.settings_dict['PORT']}:"
    name += str(db.settings_dict["NAME"])
    counter = _counters.get((url, name))
    if counter is None:
        counter = _counters[url, name] = SharedCounter(url, name)
    return counter


def _journal(db) -> ClickJournal | None:
    """The click journal of a SQLite database in a file; None for any other database."""
    name = str(db.settings_dict["NAME"])
    journal = _journals.get(name)
    if journal is None and db.vendor == "sqlite" and not db.is_in_memory_db():
        journal = _journals[name] = ClickJournal(name)
    return journal


def _table(model) -> str:
    return model._meta.db_table


def _column(model, name: str) -> str:
    return model._meta.get_field(name).column


# The statements below are written out as SQL (the hit path runs them on the raw driver
# connection, see _fetch), with the table and column names the models give, so a renamed
# table or column cannot leave them behind.
_PUB, _PERIOD, _PLAN, _STAMPS = (_table(m) for m in (Publication, Period, Plan, PageStamp))
_ID = _column(Publication, "id")
_CLICKS, _CREATED = _column(Publication, "clicks"), _column(Publication, "created")
_PUB_PERIOD = _column(Publication, "period")
_PERIOD_ID, _PERIOD_PLAN = _column(Period, "id"), _column(Period, "plan")
_PLAN_ID, _PLAN_GOV = _column(Plan, "id"), _column(Plan, "government")
_STAMP_GOV = _column(PageStamp, "government")
_VALUE, _CHANGED = _column(PageStamp, "value"), _column(PageStamp, "changed")

# The report's government, from the updated row (a period belongs to one plan, a plan to
# one government).
_GOVERNMENT = (
    f"(SELECT plan.{_PLAN_GOV} FROM {_PERIOD} period "
    f"JOIN {_PLAN} plan ON plan.{_PLAN_ID} = period.{_PERIOD_PLAN} "
    f"WHERE period.{_PERIOD_ID} = {_PUB}.{_PUB_PERIOD})"
)
_STAMP = (
    f"{_GOVERNMENT}, "
    f"(SELECT {_VALUE} FROM {_STAMPS} WHERE {_STAMP_GOV} = {_GOVERNMENT}), "
    f"(SELECT {_CHANGED} FROM {_STAMPS} WHERE {_STAMP_GOV} = {_GOVERNMENT})"
)
UPDATE_SQL = (
    f"UPDATE {_PUB} SET {_CLICKS} = {_CLICKS} + 1 WHERE {_ID} = %s RETURNING {_CLICKS}, {_STAMP}"
)
# The same as one join (a read may; RETURNING may not); SQLite only. Times as stored
# text: `created` is the journal's fingerprint of the row (see journal.ROW_SQL), and
# `changed` goes into the page's cache key unparsed. (A plain column would be parsed into a
# datetime by Django's SQLite driver on every hit; the subqueries above are not.)
READ_SQL = (
    f"SELECT pub.{_CLICKS}, CAST(pub.{_CREATED} AS TEXT), plan.{_PLAN_GOV}, stamp.{_VALUE}, "
    f"CAST(stamp.{_CHANGED} AS TEXT) FROM {_PUB} pub "
    f"JOIN {_PERIOD} period ON period.{_PERIOD_ID} = pub.{_PUB_PERIOD} "
    f"JOIN {_PLAN} plan ON plan.{_PLAN_ID} = period.{_PERIOD_PLAN} "
    f"LEFT JOIN {_STAMPS} stamp ON stamp.{_STAMP_GOV} = plan.{_PLAN_GOV} "
    f"WHERE pub.{_ID} = %s"
)
# With the shared counter on PostgreSQL: `changed` as a datetime, as STAMP_SQL reads it (one
# cache key for the first view after a stamp and every later hit); on SQLite READ_SQL.
SHARED_SQL = READ_SQL.replace(f"CAST(stamp.{_CHANGED} AS TEXT)", f"stamp.{_CHANGED}")
# A current report (no later version corrects it) and its government's stamp value.
_PREVIOUS = _column(Publication, "previous")
CURRENT_SQL = (
    f"SELECT stamp.{_VALUE} FROM {_PUB} pub "
    f"JOIN {_PERIOD} period ON period.{_PERIOD_ID} = pub.{_PUB_PERIOD} "
    f"JOIN {_PLAN} plan ON plan.{_PLAN_ID} = period.{_PERIOD_PLAN} "
    f"LEFT JOIN {_STAMPS} stamp ON stamp.{_STAMP_GOV} = plan.{_PLAN_GOV} "
    f"WHERE pub.{_ID} = %s AND NOT EXISTS "
    f"(SELECT 1 FROM {_PUB} newer WHERE newer.{_PREVIOUS} = pub.{_ID})"
)
STAMP_SQL = f"SELECT {_VALUE}, {_CHANGED} FROM {_STAMPS} WHERE {_STAMP_GOV} = %s"
# On SQLite the stamp's time as text, as the hit reads it: the first view after a stamp
# keys its page as every later hit does.
_SQLITE = {
    SHARED_SQL: READ_SQL,
    STAMP_SQL: (
        f"SELECT {_VALUE}, CAST({_CHANGED} AS TEXT) FROM {_STAMPS} WHERE {_STAMP_GOV} = %s"
    ),
}
ROW_SQL = journal_row.replace("?", "%s")  # Django's placeholders, as every statement here
# sqlite3's placeholders, for the driver called directly.
_QMARK = {
    sql: sql.replace("%s", "?")
    for sql in (UPDATE_SQL, READ_SQL, ROW_SQL, CURRENT_SQL, _SQLITE[STAMP_SQL])
}


def as_datetime(value):
    import datetime as dt

    if isinstance(value, str):  # SQLite hands back the stored text
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value
