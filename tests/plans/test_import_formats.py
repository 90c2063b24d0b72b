"""`luoshi import` on every format governments publish: the HTML, XLSX and DOCX samples of
the Gongshu 2021 Q4 report store the same 106 tasks as the seed page text; CSV in GB18030
and UTF-8 with a BOM; folders with a progress bar; --dry-run; --period and --government
where a document does not say; and no partial import whatever the input.

Task 106's progress in the samples ends with the page's navigation (规划计划 / 规划计划 /
政府工作报告重点任务); luoshi.ingest.navigation drops it by a general rule (bare trailing
lines of the last row that repeat the page's breadcrumb, or follow a finished sentence
where the document gives no breadcrumb), so the samples compare equal field by field."""

import random
import shutil

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.audit.models import AuditEvent
from luoshi.disclosure.models import Publication
from luoshi.imports.importer import store_report
from luoshi.ingest.report import ReadError
from luoshi.plans.models import Section, Task
from luoshi.plans.reading import read_for_import
from luoshi.progress.models import Progress
from tests.conftest import SAMPLES, SEED, nothing_imported, stored_rows
from tests.ingest.helpers import FIXTURES

pytestmark = pytest.mark.django_db

GOV = "拱墅区"
SAMPLE_NAMES = ["gongshu-2021q4.html", "gongshu-2021q4.xlsx", "gongshu-2021q4.docx"]


def _stored_rows():
    """Every stored task as (seq, section, content, lead units, cooperating, progress)."""
    rows = []
    for task in Task.objects.select_related("section").prefetch_related("task_units__unit"):
        progress = Progress.objects.get(task=task).text
        rows.append(
            (
                task.seq,
                task.section.heading,
                task.content,
                task.lead_unit_names,
                task.cooperating_unit_names,
                progress,
            )
        )
    return rows


def _parsed_rows(report):
    return [
        (t.seq, s.heading, t.content, t.lead_units, t.cooperating_units, t.progress)
        for s in report.sections
        for t in s.tasks
    ]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_each_sample_imports_to_the_same_106_tasks_as_the_seed(name, seed_report, capsys):
    call_command("import", "--government", GOV, str(SAMPLES / name))
    rows = _stored_rows()
    expected = _parsed_rows(seed_report)
    assert len(rows) == 106
    for got, want in zip(rows, expected, strict=True):
        assert got == want, got[0]
    headings = [s.heading for s in Section.objects.order_by("position")]
    assert headings == [s.heading for s in seed_report.sections]
    assert "网页导航, 已去除" in capsys.readouterr().out


def test_samples_after_the_seed_are_the_same_report_and_change_nothing(capsys):
    call_command("import", str(SEED))
    before = stored_rows()
    for name in SAMPLE_NAMES:
        call_command("import", "--government", GOV, str(SAMPLES / name))
    out = capsys.readouterr().out
    assert out.count("已导入过, 未作改动") == 3
    assert stored_rows() == before


def test_a_different_report_without_index_number_for_a_stored_period_is_refused(tmp_path, capsys):
    call_command("import", str(SEED))
    before = stored_rows()
    wb = openpyxl.load_workbook(SAMPLES / "gongshu-2021q4.xlsx")
    ws = wb.worksheets[0]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "已完成":
                cell.value = "未完成"
    last = ws.max_row
    ws.cell(last, ws.max_column).value = "改写过的完成情况。"
    path = tmp_path / "changed.xlsx"
    wb.save(path)
    with pytest.raises(CommandError):
        call_command("import", "--government", GOV, str(path))
    err = capsys.readouterr().err
    assert "已有报告" in err and "没有索引号" in err
    assert stored_rows() == before


def _untitled_xlsx(tmp_path):
    """The XLSX sample as an attachment often is: the table alone, no title anywhere."""
    wb = openpyxl.load_workbook(SAMPLES / "gongshu-2021q4.xlsx")
    ws = wb.worksheets[0]
    head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value in ("序号", "序 号"))
    for rng in list(ws.merged_cells.ranges):
        if rng.min_row < head:
            ws.unmerge_cells(str(rng))
    if head > 1:
        ws.delete_rows(1, head - 1)
    ws.title = "Sheet1"
    wb.properties.title = None
    path = tmp_path / "table.xlsx"
    wb.save(path)
    return path


def test_document_without_a_period_is_refused_asking_for_period(tmp_path, capsys):
    path = _untitled_xlsx(tmp_path)
    with pytest.raises(CommandError):
        call_command("import", "--government", GOV, str(path))
    err = capsys.readouterr().err
    assert "没有写明年度和报告期" in err and "--period" in err and str(path) in err
    assert nothing_imported(besides=())


def test_period_option_gives_the_period_a_document_does_not_say(tmp_path):
    call_command("import", "--government", GOV, "--period", "2021Q4", str(_untitled_xlsx(tmp_path)))
    publication = Publication.objects.get()
    assert publication.period.label == "2021年四季度"
    assert (publication.period.start_month, publication.period.end_month) == (1, 12)
    assert Task.objects.count() == 106


def test_period_option_corrects_the_period_read_with_a_warning(capsys):
    call_command(
        "import", "--government", GOV, "--period", "2022Q1", str(SAMPLES / SAMPLE_NAMES[1])
    )
    out = capsys.readouterr().out
    assert "文件中读到的报告期是 2021年四季度 (标题), 按指定的 2022年一季度 导入" in out
    period = Publication.objects.get().period
    assert (period.year, period.start_month, period.end_month) == (2022, 1, 3)


def test_document_naming_no_government_asks_for_government(capsys):
    with pytest.raises(CommandError):
        call_command("import", str(SAMPLES / "gongshu-2021q4.xlsx"))
    assert "--government" in capsys.readouterr().err
    assert nothing_imported(besides=())


@pytest.mark.parametrize("name", ["progress-gb18030.csv", "progress-utf8bom.csv"])
def test_csv_in_either_encoding_imports(name):
    call_command("import", "--government", GOV, "--period", "2023Q3", str(FIXTURES / name))
    tasks = {t.seq: t for t in Task.objects.prefetch_related("task_units__unit")}
    assert sorted(tasks) == [1, 2, 3]
    assert tasks[1].content == "社会消费品零售总额增长8%。"
    assert tasks[2].lead_unit_names == ["区商务局", "区海关办"]
    assert Progress.objects.get(task=tasks[1]).text == "1-9月增长7.2%。\n预计全年增长8%。"
    assert Publication.objects.get().period.label == "2023年三季度"


def _folder(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in SAMPLE_NAMES:
        shutil.copy(SAMPLES / name, folder / name)
    # Read first (a folder is read in name order): the page text carries the index number,
    # so the attachments without one that follow are known as the same report. Read after
    # them, a report with an index number is a report of its own.
    shutil.copy(SEED, folder / f"0-{SEED.name}")
    return folder


def test_dry_run_of_a_folder_prints_counts_sections_units_warnings_and_stores_nothing(
    tmp_path, capsys
):
    call_command("import", "--dry-run", str(_folder(tmp_path)))
    captured = capsys.readouterr()
    out = captured.out
    assert out.count("任务 106 项") == 4 and out.count("板块 21 个") == 4
    assert out.count("(二十一)推动绩效再提升: 3 项") == 4
    assert out.count("单位: 区发改经信局、") == 4
    assert out.count("警告: 任务 106 完成情况末尾的 3 行像是网页导航") == 3
    assert "4/4" in captured.err  # the progress bar
    assert nothing_imported(besides=())


def test_folder_import_stores_the_report_once_with_a_progress_bar(tmp_path, capsys):
    call_command("import", "--government", GOV, str(_folder(tmp_path)))
    captured = capsys.readouterr()
    assert captured.out.count("已导入:") == 1
    assert captured.out.count("已导入过, 未作改动") == 3
    assert "[##############################] 4/4" in captured.err
    assert Publication.objects.count() == 1 and Task.objects.count() == 106


def test_html_cut_off_inside_its_table_is_refused_naming_the_line(tmp_path, capsys):
    data = (SAMPLES / "gongshu-2021q4.html").read_bytes()
    path = tmp_path / "cut.html"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CommandError):
        call_command("import", "--government", GOV, str(path))
    err = capsys.readouterr().err
    assert "文件可能不完整" in err and "line " in err and str(path) in err
    assert nothing_imported(besides=())


# --- no partial import ---------------------------------------------------------------------

_SOURCES = {
    "seed": SEED.read_bytes(),
    "html": (SAMPLES / "gongshu-2021q4.html").read_bytes(),
}


def _mangled(kind: str, source: str, cut: float, seed: int) -> bytes:
    data = _SOURCES[source]
    if kind == "truncated":
        return data[: int(len(data) * cut)]
    lines = data.decode("utf-8").splitlines(keepends=True)
    rng = random.Random(seed)
    start = int(len(lines) * cut)
    window = lines[start : start + 12]
    rng.shuffle(window)
    return "".join(lines[:start] + window + lines[start + 12 :]).encode("utf-8")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    kind=st.sampled_from(["truncated", "shuffled"]),
    source=st.sampled_from(sorted(_SOURCES)),
    cut=st.floats(min_value=0.05, max_value=0.999),
    seed=st.integers(0, 10_000),
)
def test_mangled_reports_are_stored_whole_or_not_at_all(kind, source, cut, seed):
    data = _mangled(kind, source, cut, seed)
    with transaction.atomic():
        before = stored_rows()
        try:
            report = read_for_import(data, f"mangled.{'txt' if source == 'seed' else 'html'}")
            report.period = report.period or read_for_import(SEED).period
            result = store_report(report, government_name=GOV)
        except ReadError:
            assert stored_rows() == before
        else:
            stored = Progress.objects.filter(period=result.publication.period)
            assert stored.count() == len(report.tasks)
            assert {p.task.seq for p in stored} == {t.seq for t in report.tasks}
            assert {p.text for p in stored} == {t.progress for t in report.tasks}
        transaction.set_rollback(True)


def test_a_plan_without_progress_is_logged_as_imported_by_the_command_line(tmp_path):
    path = tmp_path / "分解表.csv"
    path.write_text(
        "2023年政府工作报告重点任务分解表\n序号,主要工作内容,牵头单位\n1,新建口袋公园5个。,区建设局\n",
        encoding="utf-8",
    )
    call_command("import", str(path), "--government", "某某县")
    event = AuditEvent.objects.get(action="plan.imported")
    assert (event.actor, event.actor_name, event.note) == (None, "命令行", "分解表.csv")
    assert event.after == {"tasks": 1, "sections": 1}


def test_the_progress_bar_of_many_files_shows_tasks_rate_and_time_left():
    import importlib
    import io

    from django.core.management.base import OutputWrapper

    _Progress = importlib.import_module("luoshi.imports.management.commands.import")._Progress
    now = [100.0]
    err = io.StringIO()
    bar = _Progress(4, OutputWrapper(err), clock=lambda: now[0])
    now[0], bar.tasks = 102.0, 200
    bar.step("第0001县.xlsx")
    assert err.getvalue().endswith("] 1/4 · 200 项任务 · 100 项/秒 · 剩余约 0:06 第0001县.xlsx")
