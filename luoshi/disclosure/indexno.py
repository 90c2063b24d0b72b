"""Index numbers (索引号) by the national rule: the publisher's organisation code, a slash,
then the year (or year + month) and a serial: K1493206-6/2022-22822,
11341700003244967K/202012-00140. Each government sets its pattern
(Government.index_no_pattern, with {code} {year} {month} {serial}); the serial runs per
government per year and is taken atomically, so two publications never share one."""

from __future__ import annotations

import datetime as dt
import re
import string

from django.db import transaction
from django.db.models import F

from luoshi.disclosure.models import IndexSerial, Publication

FIELDS = {"code", "year", "month", "serial"}


class IndexNoError(ValueError):
    pass


def check_pattern(pattern: str) -> None:
    names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name}
    if "serial" not in names or "code" not in names or not names <= FIELDS:
        raise IndexNoError(
            f"索引号格式须含 {{code}} 与 {{serial}}, 只可用 {sorted(FIELDS)}: {pattern}"
        )


def format_index_no(pattern: str, code: str, on: dt.date, serial: int) -> str:
    check_pattern(pattern)
    return pattern.format(code=code, year=on.year, month=on.month, serial=serial)


def _pattern_regex(pattern: str, code: str, year: int) -> re.Pattern:
    """The pattern as a regex matching this code and year, capturing the serial."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(pattern):
        parts.append(re.escape(literal))
        if name == "code":
            parts.append(re.escape(code))
        elif name == "year":
            parts.append(str(year))
        elif name == "month":
            parts.append(r"\d{1,2}")
        elif name == "serial":
            parts.append(r"(\d+)")
    return re.compile("^" + "".join(parts) + "$")


def _highest_serial_in_use(government, year: int, pattern: str) -> int:
    """The largest serial among this government's stored index numbers of `year` (imported
    reports carry serials from the publisher's own system: continue after them)."""
    regex = _pattern_regex(pattern, government.org_code, year)
    highest = 0
    candidates = Publication.objects.filter(index_no__startswith=government.org_code).values_list(
        "index_no", flat=True
    )
    for index_no in candidates:
        if m := regex.match(index_no):
            highest = max(highest, int(m.group(1)))
    return highest


@transaction.atomic
def next_index_no(government, on: dt.date) -> str:
    if not government.org_code:
        raise IndexNoError(f"{government.name} 未设置组织机构代码, 无法生成索引号")
    pattern = government.index_no_pattern
    check_pattern(pattern)
    # select_for_update serialises concurrent publishers on PostgreSQL; SQLite's
    # IMMEDIATE transactions already serialise writers.
    serial, created = IndexSerial.objects.select_for_update().get_or_create(
        government=government, year=on.year
    )
    if created:
        serial.last = _highest_serial_in_use(government, on.year, pattern)
        serial.save(update_fields=["last"])
    IndexSerial.objects.filter(pk=serial.pk).update(last=F("last") + 1)
    serial.refresh_from_db(fields=["last"])
    return format_index_no(pattern, government.org_code, on, serial.last)
