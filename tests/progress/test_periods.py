"""Periods that make sense: opened against their plan, closed with a confirmation and
reopened before publication, deadlines extended for all or one unit."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from luoshi.audit.models import AuditEvent
from luoshi.progress import overdue, workflow
from luoshi.progress.models import Period, Progress, UnitDeadline
from tests.quarter import PASSWORD, row

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def counts():
    # What a refused action would store; the log-in before it is audited on its own.
    return (
        Period.objects.count(),
        Progress.objects.count(),
        AuditEvent.objects.exclude(action="login.succeeded").count(),
    )


def test_a_period_of_another_year_than_its_plan_is_refused_and_the_import_offered(client, quarter):
    before = counts()
    response = login(client, quarter.admin).post(
        reverse("work:periods"),
        {"plan": quarter.seed.period.plan.pk, "year": 2022, "quarter": 1, "deadline": "2022-03-25"},
        follow=True,
    )
    html = response.content.decode()
    assert "是 2021 年的计划, 不能开启 2022 年的报告期" in html
    assert 'id="offer-import"' in html and reverse("imports:upload") in html
    assert counts() == before


def test_a_period_of_another_year_is_refused_by_the_command_too(quarter):
    with pytest.raises(CommandError, match="须先导入当年"):
        call_command(
            "period", "open", str(quarter.plan.pk), "--year", "2023", "--quarter", "1",
            "--deadline", "2023-03-25", "--as", quarter.admin.username,
        )  # fmt: skip


@pytest.mark.parametrize(
    "quarter_no, deadline, words",
    [
        (2, "2022-03-31", "早于2022年二季度开始 (2022-04-01)"),
        (2, "2022-08-15", "晚于2022年二季度结束 (2022-06-30) 超过 31 天"),
        (4, "2023-02-15", "晚于2022年四季度结束 (2022-12-31) 超过 31 天"),
    ],
)
def test_a_deadline_outside_the_quarter_or_long_after_it_is_refused(
    quarter, quarter_no, deadline, words
):
    before = counts()
    with pytest.raises(workflow.WorkflowError, match=words.replace("(", r"\(").replace(")", r"\)")):
        workflow.open_period(
            quarter.admin, quarter.plan, 2022, quarter_no, dt.date.fromisoformat(deadline)
        )
    assert counts() == before


def test_a_deadline_just_after_the_quarter_is_accepted(quarter):
    period = workflow.open_period(quarter.admin, quarter.plan, 2022, 4, dt.date(2023, 1, 20))
    assert period.label == "2022年四季度"


def test_the_same_span_twice_is_refused_on_the_page_with_its_state(client, quarter):
    before = counts()
    response = login(client, quarter.admin).post(
        reverse("work:periods"),
        {"plan": quarter.plan.pk, "year": 2022, "quarter": 1, "deadline": "2022-03-28"},
        follow=True,
    )
    assert "2022年一季度 (1-3月) 已存在, 当前「填报中」" in response.content.decode()
    assert counts() == before


def close(client, period, confirm):
    data = {"action": "close", **({"confirm": "1"} if confirm else {})}
    return client.post(reverse("work:period_action", args=[period.pk]), data)


def test_closing_reporting_asks_first_and_names_who_has_not_submitted(client, quarter):
    response = close(login(client, quarter.admin), quarter.period, confirm=False)
    assert response.status_code == 200
    html = response.content.decode()
    assert "确认截止填报" in html and "区住建局" in html
    quarter.period.refresh_from_db()
    assert quarter.period.status == Period.REPORTING
    close(client, quarter.period, confirm=True)
    quarter.period.refresh_from_db()
    assert quarter.period.status == Period.REVIEW


def test_reporting_can_be_reopened_before_publication(client, quarter):
    login(client, quarter.admin)
    close(client, quarter.period, confirm=True)
    client.post(reverse("work:period_action", args=[quarter.period.pk]), {"action": "reopen"})
    quarter.period.refresh_from_db()
    assert quarter.period.status == Period.REPORTING
    assert AuditEvent.objects.filter(action="period.reporting_reopened").count() == 1


def test_a_published_period_cannot_be_reopened(quarter):
    with pytest.raises(workflow.WorkflowError, match="已发布"):
        workflow.reopen_reporting(quarter.admin, quarter.seed.period)


@pytest.mark.parametrize("who", ["reviewer", "housing"])
def test_only_the_admin_closes_reopens_and_extends(client, quarter, who):
    user = getattr(quarter, who)
    workflow.close_reporting(quarter.admin, quarter.period)
    before = counts()
    login(client, user)
    url = reverse("work:period_action", args=[quarter.period.pk])
    assert client.post(url, {"action": "reopen"}).status_code == 403
    response = client.post(
        reverse("work:period_extend", args=[quarter.period.pk]),
        {"deadline": "2022-04-10", "reason": "请求延期"},
    )
    assert response.status_code == 403
    assert counts() == before


def test_the_admin_of_another_government_cannot_extend_or_remind(client, quarter, other_government):
    before = counts()
    login(client, other_government.admin)
    extend = reverse("work:period_extend", args=[quarter.period.pk])
    assert client.post(extend, {"deadline": "2022-04-10", "reason": "x"}).status_code == 403
    remind = reverse("work:period_remind", args=[quarter.period.pk])
    assert client.post(remind).status_code == 403
    assert counts() == before and not quarter.period.notices.exists()


def test_extending_the_whole_period_moves_its_deadline_with_the_reason_in_the_audit(quarter):
    workflow.extend_deadline(quarter.admin, quarter.period, dt.date(2022, 4, 5), "清明假期")
    quarter.period.refresh_from_db()
    assert quarter.period.deadline == dt.date(2022, 4, 5)
    event = AuditEvent.objects.get(action="period.deadline_extended")
    assert event.note == "清明假期" and event.before == {"deadline": "2022-03-25"}


def test_an_extension_needs_a_reason_and_a_later_date(quarter):
    before = counts()
    with pytest.raises(workflow.WorkflowError, match="理由"):
        workflow.extend_deadline(quarter.admin, quarter.period, dt.date(2022, 4, 5), " ")
    with pytest.raises(workflow.WorkflowError, match="须晚于"):
        workflow.extend_deadline(quarter.admin, quarter.period, dt.date(2022, 3, 20), "提前")
    assert counts() == before


def test_a_unit_given_more_time_is_not_overdue_until_its_own_deadline(client, quarter):
    housing = quarter.government.units.get(name="区住建局")
    login(client, quarter.admin).post(
        reverse("work:period_extend", args=[quarter.period.pk]),
        {"unit": housing.pk, "deadline": "2022-04-08", "reason": "局领导调整, 材料待审定"},
    )
    assert UnitDeadline.objects.get(unit=housing).deadline == dt.date(2022, 4, 8)
    late = {u.unit.name for u in overdue.overdue(quarter.period, dt.date(2022, 4, 1))}
    assert "区住建局" not in late and "区商务局" in late
    later = {u.unit.name for u in overdue.overdue(quarter.period, dt.date(2022, 4, 9))}
    assert "区住建局" in later
    event = AuditEvent.objects.get(action="period.deadline_extended")
    assert event.after["unit"] == "区住建局" and event.note == "局领导调整, 材料待审定"


def test_a_unit_given_more_time_still_writes_after_reporting_closed(quarter):
    housing = quarter.government.units.get(name="区住建局")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    workflow.extend_deadline(quarter.admin, quarter.period, tomorrow, "延期", unit=housing)
    workflow.close_reporting(quarter.admin, quarter.period)
    progress = workflow.save_draft(quarter.housing, row(quarter.period, quarter.parking), "推进中")
    assert progress.text == "推进中"
    with pytest.raises(PermissionDenied, match="已截止填报"):
        workflow.save_draft(quarter.commerce, row(quarter.period, quarter.commerce_task), "推进中")


def test_the_period_command_closes_reopens_and_extends_for_one_unit(quarter, capsys):
    pk, admin = str(quarter.period.pk), quarter.admin.username
    call_command("period", "close", pk, "--as", admin)
    call_command("period", "reopen", pk, "--as", admin)
    call_command(
        "period", "extend", pk, "--deadline", "2022-04-08", "--reason", "材料待审定",
        "--unit", "区住建局", "--as", admin,
    )  # fmt: skip
    out = capsys.readouterr().out
    assert (
        "已截止填报" in out
        and "已重新开放填报" in out
        and "区住建局的截止日期已延至 2022-04-08" in out
    )
    assert UnitDeadline.objects.get().reason == "材料待审定"


def test_the_period_command_refuses_a_reviewer_and_changes_nothing(quarter):
    before = counts()
    with pytest.raises(CommandError):
        call_command("period", "close", str(quarter.period.pk), "--as", quarter.reviewer.username)
    assert counts() == before


def test_an_opened_quarter_is_named_as_an_imported_one(quarter):
    from luoshi.plans.reading import parse_period

    assert quarter.period.label == parse_period("2022Q1").label == "2022年一季度"
