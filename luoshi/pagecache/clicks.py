"""Counting a view of a report page, once, whether the page came from the cache or not."""

import logging

from django.db import DatabaseError, connections, transaction

from luoshi.disclosure.edge import COUNTED
from luoshi.disclosure.models import Publication
from luoshi.pagecache.journal import ROW_SQL as journal_row
from luoshi.pagecache.journal import ClickJournal
from luoshi.pagecache.models import PageStamp
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
    found = Publication.objects.filter(pk=publication_id).values_list("clicks", flat=True)
    return found.first() or 0


def add_view_with_stamp(publication_id: int):
    """Count one view and read the count together with the government's page stamp (found
    from the publication's row itself, so nothing is memoised that could go stale).
    Returns (clicks, stamp, changed) or None for no such report; `changed` is as the
    database hands it back (text on SQLite, see as_datetime).

    On SQLite in a file the view is counted in the click journal (luoshi.pagecache.journal)
    after one read; elsewhere by one atomic UPDATE … RETURNING, so no view is lost or
    counted twice either way."""
    db = connections["default"]
    journal = _journal(db)
    row = _fetch(db, READ_SQL if journal else UPDATE_SQL, (publication_id,))
    if row is None:
        return None
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
STAMP_SQL = f"SELECT {_VALUE}, {_CHANGED} FROM {_STAMPS} WHERE {_STAMP_GOV} = %s"
# On SQLite the stamp's time as text, as the hit reads it: the first view after a stamp
# keys its page as every later hit does.
_SQLITE = {
    STAMP_SQL: (f"SELECT {_VALUE}, CAST({_CHANGED} AS TEXT) FROM {_STAMPS} WHERE {_STAMP_GOV} = %s")
}
ROW_SQL = journal_row.replace("?", "%s")  # Django's placeholders, as every statement here
# sqlite3's placeholders, for the driver called directly.
_QMARK = {
    sql: sql.replace("%s", "?") for sql in (UPDATE_SQL, READ_SQL, ROW_SQL, _SQLITE[STAMP_SQL])
}


def as_datetime(value):
    import datetime as dt

    if isinstance(value, str):  # SQLite hands back the stored text
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value
