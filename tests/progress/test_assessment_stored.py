"""The stored assessment follows the text it was computed from."""

import pytest

from luoshi.plans.models import Task
from luoshi.progress.models import Progress

pytestmark = pytest.mark.django_db


def _progress(publication, seq):
    return Progress.objects.select_related("task", "period").get(
        period=publication.period, task__seq=seq
    )


def test_import_stores_targets_and_figures_of_task_76(seed_publication):
    progress = _progress(seed_publication, 76)
    assert progress.status == "exceeded"
    (comparison,) = progress.comparisons()
    assert comparison["target"]["value"] == 270
    assert comparison["actual"]["value"] == 379
    assert comparison["percent"] == 140


def test_changed_progress_text_is_reassessed_on_save(seed_publication):
    progress = _progress(seed_publication, 76)
    progress.text = "新增养老机构床位100张,其余项目因故停工。"
    progress.save()
    progress.refresh_from_db()
    assert progress.status == "behind"
    assert progress.actuals[0]["value"] == 100


def test_unchanged_text_is_not_reassessed(seed_publication, monkeypatch):
    progress = _progress(seed_publication, 76)
    import luoshi.textparse

    def fail(task):
        raise AssertionError("assessed again")

    monkeypatch.setattr(luoshi.textparse, "assess", fail)
    progress.save()  # same text, same content: the stored assessment stands


def test_changed_task_content_reassesses_its_progress(seed_publication):
    task = Task.objects.get(plan=seed_publication.plan, seq=76)
    task.content = task.content.replace("270", "500")
    task.save()
    progress = _progress(seed_publication, 76)
    assert progress.targets[0]["value"] == 500
    assert progress.comparisons()[0]["percent"] == 76


def test_range_and_reduction_targets_are_stored_and_compared_without_a_share(seed_publication):
    task = Task.objects.get(plan=seed_publication.plan, seq=76)
    task.content = "地区生产总值增长6%-6.5%,单位GDP能耗下降3%。"
    task.save()
    progress = _progress(seed_publication, 76)
    progress.text = "全年地区生产总值增长6.1%,单位GDP能耗下降3.5%。"
    progress.save()
    progress.refresh_from_db()
    assert [(t["comparator"], t["kind"], t.get("high")) for t in progress.targets] == [
        ("range", "growth", 6.5), ("=", "reduction", None)]  # fmt: skip
    assert [c["percent"] for c in progress.comparisons()] == [None, None]
    assert progress.status == "exceeded"
