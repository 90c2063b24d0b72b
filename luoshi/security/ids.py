"""Ids from a query string: a row id is a positive integer the database can hold (SQLite
and PostgreSQL alike stop at 2**63 - 1; a bigger one raised OverflowError, a 500)."""

MAX_ID = 2**63 - 1


def as_id(text) -> int | None:
    text = str(text or "")
    if not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
