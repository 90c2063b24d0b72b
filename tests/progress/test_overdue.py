"""Who has not reported after the deadline."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from luoshi.plans.models import Unit
from luoshi.progress import overdue, workflow
from tests.quarter import PASSWORD

pytestmark = pytest.mark.django_db

AFTER = dt.date(2022, 3, 26)


def _lead_units(period, rows):
    return {tu.unit.name for p in rows for tu in p.task.lead_task_units}


def _submit_all_of(quarter, user):
    unit = user.membership.unit
    for p in quarter.period.progress.led_by(unit).select_related("task", "period__plan"):
        workflow.submit(user, p, text="有序推进中。")


def test_overdue_lists_exactly_the_units_that_have_not_submitted(quarter):
    _submit_all_of(quarter, quarter.housing)
    _submit_all_of(quarter, quarter.commerce)
    every_lead = {
        u.name
        for u in Unit.objects.filter(task_units__task__plan=quarter.plan, task_units__role="lead")
    }
    late = {u.unit.name for u in overdue.overdue(quarter.period, today=AFTER)}
    assert late == every_lead - {"区住建局", "区商务局"}
    # Each task listed is one its unit leads and has not submitted.
    for due in overdue.overdue(quarter.period, today=AFTER):
        for task in due.tasks:
            assert due.unit.name in task.lead_unit_names
            assert quarter.period.progress.get(task=task).state == "draft"


def test_a_unit_with_one_task_still_unsubmitted_is_overdue_for_that_task_only(quarter):
    rows = list(
        quarter.period.progress.led_by(quarter.housing.membership.unit).select_related(
            "task", "period__plan"
        )
    )
    for p in rows[1:]:
        workflow.submit(quarter.housing, p, text="有序推进中。")
    due = {u.unit.name: u for u in overdue.overdue(quarter.period, today=AFTER)}
    assert [t.seq for t in due["区住建局"].tasks] == [rows[0].task.seq]


def test_a_returned_task_counts_as_not_submitted(quarter):
    _submit_all_of(quarter, quarter.housing)
    p = quarter.period.progress.get(task=quarter.parking)
    workflow.return_progress(quarter.reviewer, p, "请补充数据")
    due = {u.unit.name: u for u in overdue.overdue(quarter.period, today=AFTER)}
    assert [t.seq for t in due["区住建局"].tasks] == [45]


def test_nothing_is_overdue_before_the_deadline(quarter):
    assert overdue.overdue(quarter.period, today=dt.date(2022, 3, 25)) == []


def test_overdue_command_lists_units_as_json(quarter, capsys):
    _submit_all_of(quarter, quarter.housing)
    call_command("overdue", "--period", str(quarter.period.pk), "--json")
    (item,) = json.loads(capsys.readouterr().out)
    units = {u["unit"] for u in item["units"]}
    assert item["deadline"] == "2022-03-25" and item["deadline_passed"]
    assert "区住建局" not in units and "区商务局" in units


def test_overdue_command_without_period_reports_every_late_period(quarter, capsys):
    call_command("overdue")
    out = capsys.readouterr().out
    assert "2022年一季度" in out and "区住建局" in out and "未提交" in out


def test_overdue_page_lists_the_late_units(client, quarter):
    _submit_all_of(quarter, quarter.commerce)
    client.login(username="dcs", password=PASSWORD)
    page = client.get(reverse("work:overdue", args=[quarter.period.pk])).content.decode()
    assert "已过截止日期" in page
    assert '<td class="unit">区住建局</td>' in page
    assert '<td class="unit">区商务局</td>' not in page
