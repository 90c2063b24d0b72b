"""Every layout of cases.py, written as its document, read field by field: once with the
punctuation its page types (full-width) and once typed in ASCII."""

from __future__ import annotations

from dataclasses import replace

import pytest

from luoshi.ingest.csvfile import read_csv
from luoshi.ingest.docx import read_docx
from luoshi.ingest.html import read_html
from luoshi.ingest.xlsx import read_xlsx
from tests.ingest.layouts.build import document, half_width
from tests.ingest.layouts.cases import CASES

READERS = {"html": read_html, "xlsx": read_xlsx, "docx": read_docx, "csv": read_csv}
WIDTHS = ("full-width", "half-width")


def reading(task, heading: str) -> dict:
    """Every field of a task as read."""
    return dict(
        seq=task.seq,
        written=task.number,
        section=heading,
        content=task.content,
        lead=task.lead_units,
        coop=task.cooperating_units,
        aliases=task.unit_aliases,
        officials=task.lead_officials,
        progress=task.progress,
        rate=task.completion_rate,
        remarks=task.remarks,
        deadline=task.deadline,
        milestones=task.milestones,
    )


def expected(task: dict) -> dict:
    """A task of cases.py with the fields it does not name empty; 序号 as written is the
    number itself unless the case says otherwise (or there is no 序号 column)."""
    out = dict(
        seq=task["seq"],
        written=task.get("written", str(task["seq"])),
        section="",
        content="",
        lead=[],
        coop=[],
        aliases={},
        officials=[],
        progress="",
        rate="",
        remarks="",
        deadline="",
        milestones={},
    )
    out.update(task)
    return out


def _read(case, width):
    layout = case.layout if width == "full-width" else half_width(case.layout)
    data = document(layout)
    return READERS[layout.fmt](data, f"{layout.name}.{layout.fmt}")


def _want(case, width, value):
    return value if width == "full-width" else half_width(value)


@pytest.fixture(params=CASES, ids=[c.layout.name for c in CASES])
def case(request):
    return request.param


@pytest.mark.parametrize("width", WIDTHS)
def test_layout_tasks_read_field_by_field(case, width):
    report = _read(case, width)
    got = [reading(t, s.heading) for s in report.sections for t in s.tasks]
    want = [expected(t) for t in _want(case, width, case.tasks)]
    if "written" not in {k for t in case.tasks for k in t} and case.layout.fmt == "csv":
        for w in want:
            w["written"] = ""  # no 序号 column: tasks numbered in order
    assert got == want


@pytest.mark.parametrize("width", WIDTHS)
def test_layout_sections_in_document_order(case, width):
    report = _read(case, width)
    assert [s.heading for s in report.sections] == _want(case, width, case.sections)


@pytest.mark.parametrize("width", WIDTHS)
def test_layout_metadata(case, width):
    report = _read(case, width)
    want = _want(case, width, case.meta)
    assert {k: getattr(report.meta, k) for k in want} == want


WITH_COLUMNS = [c for c in CASES if c.columns is not None]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", WITH_COLUMNS, ids=[c.layout.name for c in WITH_COLUMNS])
def test_layout_columns_as_written(case, width):
    report = _read(case, width)
    assert report.columns == _want(case, width, case.columns)


@pytest.mark.parametrize("width", WIDTHS)
def test_layout_warnings(case, width):
    report = _read(case, width)
    for w in case.warnings:
        assert any(w in x for x in report.warnings), report.warnings
    if not case.warnings:
        assert report.warnings == []


def _tasks_only(case, report):
    """Tasks as read, less the section a caption names where a document has several
    tables (a sheet has no caption above it, an HTML table no sheet name)."""
    rows = [reading(t, s.heading) for s in report.sections for t in s.tasks]
    for row in rows:
        if len(case.layout.tables) > 1:
            row.pop("section")
    return rows


# Every case in every container that can hold it (one CSV holds one table).
IN_EVERY_FORMAT = [
    pytest.param(c, fmt, id=f"{c.layout.name}-as-{fmt}")
    for c in CASES
    for fmt in ("html", "xlsx", "docx", "csv")
    if fmt != c.layout.fmt and not (fmt == "csv" and len(c.layout.tables) > 1)
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case,fmt", IN_EVERY_FORMAT)
def test_layout_reads_alike_in_every_format(case, fmt, width):
    layout = replace(case.layout, fmt=fmt, meta_html="")
    layout = layout if width == "full-width" else half_width(layout)
    report = READERS[fmt](document(layout), f"{layout.name}.{fmt}")
    assert _tasks_only(case, report) == _tasks_only(case, _read(case, width))
