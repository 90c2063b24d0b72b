"""`luoshi plans`, `luoshi export --plan` and the report JSON's span and cooperating units."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from luoshi.imports.importer import store_report
from luoshi.ingest.paragraphs import read_paragraphs
from luoshi.textparse.fold import fold

pytestmark = pytest.mark.django_db

# A decomposition written as paragraphs (a plan: no progress), full-width as offices type it.
PLAN = (
    "2023年政府工作报告重点任务分解\n"
    "一、稳增长\n"
    "1.地区生产总值增长6%。（牵头单位：县发改局；配合单位：县统计局、县财政局）\n"
    "2.新建城市书房5个。（牵头单位：县文旅局）\n"
)


@pytest.fixture(params=["full-width", "ascii"])
def plan(request):
    text = PLAN if request.param == "full-width" else fold(PLAN)
    return store_report(read_paragraphs(text), government_name="某某县").plan


def test_plans_json_lists_the_stored_plan(plan, capsys):
    call_command("plans", "--json")
    assert json.loads(capsys.readouterr().out) == [
        {"id": plan.pk, "government": "某某县", "year": 2023, "title": str(plan), "tasks": 2}
    ]


def test_plans_lists_the_stored_plan_as_text(plan, capsys):
    call_command("plans")
    assert f"{plan.pk:>4}  某某县  2023  2 项" in capsys.readouterr().out


def test_plan_json_export_has_the_tasks_in_a_reports_shape(plan, tmp_path):
    out = tmp_path / "p.json"
    call_command("export", "--plan", str(plan.pk), "--format", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["plan"] == {"id": plan.pk, "title": str(plan), "government": "某某县", "year": 2023}
    first, second = data["tasks"]
    assert list(first) == [
        "seq", "number", "section", "content", "lead_units", "cooperating_units",
        "status_text", "status", "status_label", "unreported", "targets", "actuals",
    ]  # fmt: skip
    assert (first["seq"], first["number"], first["section"]) == (1, "1", "一、稳增长")
    assert first["lead_units"] == ["县发改局"]
    assert first["cooperating_units"] == ["县统计局", "县财政局"]
    assert (second["content"], second["cooperating_units"]) == ("新建城市书房5个。", [])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_plan_table_export_has_one_row_per_task(plan, tmp_path, fmt):
    out = tmp_path / f"p.{fmt}"
    call_command("export", "--plan", str(plan.pk), "--format", fmt, "-o", str(out))
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    else:
        rows = [[c if c is not None else "" for c in r] for r in load_workbook(out).active.values]
    assert rows[0][:4] == ["序号", "项目名称", "主要工作内容", "牵头单位"]
    assert [str(r[0]) for r in rows[1:]] == ["1", "2"]
    assert rows[2][3] == "县文旅局"


def test_plan_export_refuses_a_format_a_plan_has_not(plan):
    with pytest.raises(CommandError, match="年度计划只能导出为 csv、json、xlsx"):
        call_command("export", "--plan", str(plan.pk), "--format", "pdf")


def test_export_of_unknown_plan_fails_clearly(db):
    with pytest.raises(CommandError, match="没有编号为 999 的年度计划"):
        call_command("export", "--plan", "999")


def test_export_needs_a_report_or_a_plan(db):
    with pytest.raises(CommandError, match="二者选一"):
        call_command("export")


def test_report_json_carries_span_and_cooperating_units(seed_publication, tmp_path):
    out = tmp_path / "r.json"
    call_command("export", str(seed_publication.pk), "--format", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["report"]["span"] == {"year": 2021, "start_month": 1, "end_month": 12}
    task = data["tasks"][0]
    assert list(task)[:6] == [
        "seq",
        "number",
        "section",
        "content",
        "lead_units",
        "cooperating_units",
    ]
    stored = {t.seq: t for t in seed_publication.period.plan.tasks.all()}
    assert all(
        t["cooperating_units"] == stored[t["seq"]].cooperating_unit_names for t in data["tasks"]
    )


FORMULA_PLAN = (
    "2023年政府工作报告重点任务分解\n"
    '1.=HYPERLINK("http://example.com","点击")。（牵头单位：县发改局）\n'
)


@pytest.mark.parametrize("text", [FORMULA_PLAN, fold(FORMULA_PLAN)], ids=["full-width", "ascii"])
def test_plan_table_export_writes_document_text_as_text_never_a_formula(text, tmp_path):
    plan = store_report(read_paragraphs(text), government_name="某某县").plan
    csv_out, xlsx_out = tmp_path / "p.csv", tmp_path / "p.xlsx"
    call_command("export", "--plan", str(plan.pk), "--format", "csv", "-o", str(csv_out))
    call_command("export", "--plan", str(plan.pk), "--format", "xlsx", "-o", str(xlsx_out))
    rows = list(csv.reader(io.StringIO(csv_out.read_text(encoding="utf-8-sig"))))
    assert rows[1][2].startswith("'=HYPERLINK(")
    cell = load_workbook(xlsx_out).active["C2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK(")


RESTARTED = (
    "2023年政府工作报告重点任务分解\n"
    "一、稳增长\n"
    "1.地区生产总值增长6%。（牵头单位：县发改局）\n"
    "二、惠民生\n"
    "1.新建城市书房5个。（牵头单位：县文旅局）\n"
)


@pytest.mark.parametrize("text", [RESTARTED, fold(RESTARTED)], ids=["full-width", "ascii"])
def test_restarted_numbering_is_stored_numbered_on_with_the_number_as_written(text, tmp_path):
    plan = store_report(read_paragraphs(text), government_name="某某县").plan
    out = tmp_path / "p.json"
    call_command("export", "--plan", str(plan.pk), "--format", "json", "-o", str(out))
    tasks = json.loads(out.read_text(encoding="utf-8"))["tasks"]
    assert [(t["seq"], t["number"], t["section"]) for t in tasks] == [
        (1, "1", "一、稳增长"),
        (2, "1", "二、惠民生"),
    ]
