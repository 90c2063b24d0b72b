"""Helpers for the portal's tests: a second published quarter of the seed's plan."""

from __future__ import annotations

import copy

from luoshi.ingest.report import PeriodSpec

Q3_TITLE = "2021年三季度《政府工作报告》主要目标任务完成情况"
Q3_INDEX_NO = "K1493206-6/2021-18000"
# Task 76's third-quarter text: fewer beds than the year-end 379.
Q3_TEXT_76 = "已建成4家居家养老服务中心;共新增养老机构床位200张。"


def store_third_quarter(seed_report, texts: dict[int, str] | None = None):
    """Store a copy of the seed as the plan's 2021年三季度 report, with task 76 (and any
    `texts` given by seq) reporting something else; returns its Publication."""
    from luoshi.imports.importer import store_report

    report = copy.deepcopy(seed_report)
    report.period = PeriodSpec(
        year=2021, quarter=3, start_month=1, end_month=9, label="2021年三季度"
    )
    report.meta.title = Q3_TITLE
    report.meta.index_no = Q3_INDEX_NO
    report.meta.generated_on = report.meta.published_on = "2021-10-20"
    report.meta.published_at = "2021-10-20 09:00:00"
    changes = {76: Q3_TEXT_76, **(texts or {})}
    for task in report.tasks:
        if task.seq in changes:
            task.progress = changes[task.seq]
    return store_report(report, source_name="q3-copy").publication


def correct_twice(publication, seq=90):
    """Correct the report twice (task `seq` reads 加装电梯170台, then 172台); returns the
    three versions, oldest first."""
    from luoshi.disclosure import publishing
    from tests.quarter import make_user

    admin = make_user("dcs-versions", publication.government, "admin")
    task = publication.period.plan.tasks.get(seq=seq)
    v2 = publishing.correct(
        admin, publication, {task.pk: {"text": "已完成加装电梯170台。"}}, "加装电梯台数更正"
    )
    v3 = publishing.correct(
        admin, v2, {task.pk: {"text": "已完成加装电梯172台。"}}, "加装电梯台数再次更正"
    )
    return publication, v2, v3
