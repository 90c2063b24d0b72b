"""No download holds a formula: a unit's text `=HYPERLINK(…)` is text in the public XLSX
and CSV downloads and in the audit CSV."""

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from luoshi.audit.log import record
from luoshi.disclosure.models import PublishedProgress
from luoshi.plans.models import Task
from luoshi.security.cells import FORMULA_START
from tests.quarter import PASSWORD

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://example.com/x","点击查看")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def hostile_publication(seed_publication):
    rows = list(PublishedProgress.objects.filter(publication=seed_publication).order_by("id"))
    for row, text in zip(rows, HOSTILE, strict=False):
        row.text = text
        row.save(update_fields=["text"])
    first = rows[0].task
    Task.objects.filter(pk=first.pk).update(content='=HYPERLINK("http://example.com","任务")')
    return seed_publication


def _csv_cells(data: bytes):
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
        yield from row


def test_xlsx_download_stores_every_text_as_a_string(client, hostile_publication):
    data = client.get(f"/reports/{hostile_publication.pk}/download.xlsx").content
    sheet = load_workbook(io.BytesIO(data)).active  # formulas kept as formulas
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert set(HOSTILE) <= values  # as typed, only never live
    assert '=HYPERLINK("http://example.com","任务")' in values


def test_filtered_xlsx_download_has_no_formula_either(client, hostile_publication):
    response = client.get(f"/reports/{hostile_publication.pk}/download.xlsx", {"q": "HYPERLINK"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_csv_download_prefixes_every_formula_start_with_a_quote(client, hostile_publication):
    data = client.get(f"/reports/{hostile_publication.pk}/download.csv").content
    cells = list(_csv_cells(data))
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    assert "'" + HOSTILE[0] in cells and "'\t=1+1" in cells


def test_audit_csv_prefixes_formula_starts(quarter):
    record(quarter.admin, "progress.saved", government=quarter.government, note="=1+2")
    client = Client()
    client.login(username="dcs", password=PASSWORD)
    cells = list(_csv_cells(client.get("/work/audit/export.csv").content))
    assert "'=1+2" in cells
    assert not [c for c in cells if c.startswith(FORMULA_START)]
