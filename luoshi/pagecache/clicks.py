"""Counting a view of a report page, once, whether the page came from the cache or not."""

from django.db import connection

from luoshi.pagecache.signals import bump, gov_of_publication

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
    government's page stamp. Returns (clicks, stamp, changed) or None for no such report."""
    government_id = gov_of_publication(publication_id)
    if government_id is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(SQL, [publication_id, government_id, government_id])
        row = cursor.fetchone()
        if row is None:
            return None
        clicks, stamp, changed = row
        if stamp is None:
            # The first view since this government's pages were last stamped: stamp them
            # now (the view is already counted; this only reads the new stamp).
            bump(government_id)
            cursor.execute(STAMP_SQL, [government_id])
            stamp, changed = cursor.fetchone()
    return clicks, stamp, _as_datetime(changed)


SQL = (
    "UPDATE disclosure_publication SET clicks = clicks + 1 WHERE id = %s RETURNING clicks, "
    "(SELECT value FROM pagecache_stamp WHERE government_id = %s), "
    "(SELECT changed FROM pagecache_stamp WHERE government_id = %s)"
)
STAMP_SQL = "SELECT value, changed FROM pagecache_stamp WHERE government_id = %s"


def _as_datetime(value):
    import datetime as dt

    if isinstance(value, str):  # SQLite hands back the stored text
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value
