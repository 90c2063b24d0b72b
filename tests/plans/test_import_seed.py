"""Storing the seed: what the database holds after `luoshi import`, and what it refuses."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from luoshi.disclosure.models import Publication
from luoshi.imports.importer import store_report
from luoshi.plans.models import Section, Task, TaskUnit, Unit, UnitAlias
from luoshi.progress.models import Progress
from tests.conftest import SEED, nothing_imported, stored_rows

pytestmark = pytest.mark.django_db


def test_seed_import_stores_every_task_as_read(seed_report):
    publication = store_report(seed_report).publication
    stored = {t.seq: t for t in Task.objects.prefetch_related("task_units__unit")}
    assert len(stored) == 106
    for parsed in seed_report.tasks:
        task = stored[parsed.seq]
        assert task.content == parsed.content
        assert task.lead_unit_names == parsed.lead_units
        progress = Progress.objects.get(task=task, period=publication.period)
        assert progress.text == parsed.progress


def test_seed_import_stores_21_sections_in_order(seed_report):
    store_report(seed_report)
    headings = [s.heading for s in Section.objects.order_by("position")]
    assert len(headings) == 21
    assert headings[0] == "(一)经济社会发展主要预期目标"
    assert headings == [s.heading for s in seed_report.sections]


def test_seed_import_stores_the_disclosure_metadata(seed_report):
    publication = store_report(seed_report).publication
    assert publication.index_no == "K1493206-6/2022-22822"
    assert publication.title == "2021年四季度《政府工作报告》主要目标任务完成情况"
    assert publication.publisher == "区府办"
    assert publication.disclosure_method == "主动公开"
    assert publication.disclosure_scope == "面向全社会"
    assert publication.disclosure_term == "长期公开"
    assert str(publication.generated_on) == "2022-01-19"
    assert str(publication.published_on) == "2022-01-19"
    assert publication.published_at.strftime("%Y-%m-%d %H:%M:%S") == "2022-01-19 11:50:16"
    assert publication.period.label == "2021年四季度"
    assert publication.government.org_code == "K1493206-6"


def test_seed_import_records_unit_aliases_written_beside_a_unit(seed_report):
    store_report(seed_report)
    alias = UnitAlias.objects.get(name="区支援合作局")
    assert alias.unit.name == "区发改经信局"
    written = TaskUnit.objects.filter(written_as="区支援合作局")
    assert written.count() == 2
    assert all(tu.unit.name == "区发改经信局" for tu in written)
    # The alias is not a unit of its own.
    assert not Unit.objects.filter(name="区支援合作局").exists()


def test_seed_names_39_lead_units_one_of_them_an_alias(seed_report):
    store_report(seed_report)
    leads = Unit.objects.filter(task_units__role=TaskUnit.LEAD).distinct()
    aliases = UnitAlias.objects.filter(unit__in=leads)
    # 区支援合作局 is written as a lead-unit line of its own, but under 区发改经信局: the
    # same unit by another name, so 39 names are 38 units.
    assert leads.count() == 38
    assert leads.count() + aliases.count() == 39


def test_importing_the_seed_twice_gives_one_report(seed_report):
    first = store_report(seed_report)
    before = stored_rows()
    second = store_report(seed_report)
    assert first.created and not second.created
    assert second.publication == first.publication
    assert stored_rows() == before
    assert "未作改动" in second.summary()


def test_import_command_says_a_repeated_import_changed_nothing(capsys):
    call_command("import", str(SEED))
    call_command("import", str(SEED))
    out = capsys.readouterr().out
    assert "已导入:" in out and "已导入过, 未作改动" in out
    assert Publication.objects.count() == 1


def _truncated_seed(tmp_path, keep_lines):
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "truncated.txt"
    path.write_text("".join(lines[:keep_lines]), encoding="utf-8")
    return path


def test_truncated_seed_is_refused_naming_the_line_and_stores_nothing(
    tmp_path, capsys, seed_report
):
    store_report(seed_report)  # a database that already holds something
    before = stored_rows()
    path = _truncated_seed(tmp_path, 1300)
    with pytest.raises(CommandError):
        call_command("import", str(path))
    err = capsys.readouterr().err
    assert "导入失败" in err
    assert "line " in err and str(path) in err
    assert stored_rows() == before


def test_garbled_seed_is_refused_naming_the_line_and_stores_nothing(tmp_path, capsys):
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    # Drop the cells of task 40 in the first layout: the numbering jumps from 39 to 41.
    start = lines.index("40\n")
    end = lines.index("41\n")
    path = tmp_path / "garbled.txt"
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import", str(path))
    err = capsys.readouterr().err
    assert "line " in err
    assert nothing_imported(besides=())


def test_import_stores_nothing_when_storing_fails_halfway(seed_report, monkeypatch):
    from luoshi.imports import importer

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "_store_publication", explode)
    with pytest.raises(RuntimeError):
        store_report(seed_report)
    assert nothing_imported(besides=())


def test_import_assesses_every_task_of_the_period(seed_report):
    store_report(seed_report)
    statuses = set(Progress.objects.values_list("status", flat=True))
    assert "" not in statuses
    assert statuses <= {
        "exceeded",
        "completed",
        "on_track",
        "in_progress",
        "behind",
        "awaiting_data",
    }


def test_dry_run_prints_the_report_and_stores_nothing(capsys):
    call_command("import", "--dry-run", str(SEED))
    out = capsys.readouterr().out
    assert "任务 106 项" in out and "板块 21 个" in out
    assert nothing_imported(besides=())
