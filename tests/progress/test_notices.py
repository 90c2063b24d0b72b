"""催报 and 督办: what is due when, to whom, over which channel, and the record of it."""

import base64
import datetime as dt
import hashlib
import hmac

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from luoshi.audit.models import AuditEvent
from luoshi.progress import notices, overdue, workflow
from luoshi.progress.models import Notice, Webhook
from tests.quarter import DEADLINE, PASSWORD, row

pytestmark = pytest.mark.django_db

SECRET = "SEC-robot-secret"
REMIND_DAY = DEADLINE - dt.timedelta(days=3)


@pytest.fixture
def reachable(quarter, robot):
    """The two reporters have e-mail addresses; the government has a signed robot."""
    for user, address in [(quarter.housing, "zhujian@example.cn"), (quarter.commerce, "")]:
        user.email = address
        user.save()
    m = quarter.housing.membership
    m.full_name, m.phone = "王建", "0571-88001234"
    m.save()
    Webhook.objects.create(government=quarter.government, url=robot.url, secret=SECRET)
    quarter.robot = robot
    return quarter


def late_units(quarter):
    return {u.unit.name for u in overdue.not_submitted(quarter.period)}


def test_a_reminder_is_due_three_days_before_the_deadline_not_four(quarter):
    assert notices.due(quarter.period, DEADLINE - dt.timedelta(days=4)) == []
    due = notices.due(quarter.period, REMIND_DAY)
    assert {d.kind for d in due} == {Notice.REMIND}
    assert {d.unit.name for d in due} == late_units(quarter)


def test_a_unit_that_submitted_everything_is_not_reminded(quarter):
    for task in quarter.plan.tasks.filter(
        task_units__unit__name="区住建局", task_units__role="lead"
    ):
        workflow.submit(quarter.housing, row(quarter.period, task), text="已完成。")
    due = notices.due(quarter.period, REMIND_DAY)
    assert "区住建局" not in {d.unit.name for d in due} and due


def test_overdue_notices_escalate_blue_yellow_red_by_days_late(quarter):
    def levels(days):
        found = notices.due(quarter.period, DEADLINE + dt.timedelta(days=days))
        return {d.level for d in found if d.kind == Notice.OVERDUE}

    assert levels(0) == set()
    assert levels(1) == levels(2) == {Notice.BLUE}
    assert levels(3) == levels(6) == {Notice.YELLOW}
    assert levels(7) == levels(30) == {Notice.RED}


def test_a_unit_with_a_later_deadline_is_reminded_against_its_own(quarter):
    housing = quarter.government.units.get(name="区住建局")
    workflow.extend_deadline(
        quarter.admin, quarter.period, DEADLINE + dt.timedelta(days=10), "机构调整", unit=housing
    )
    due = {d.unit.name: d for d in notices.due(quarter.period, DEADLINE + dt.timedelta(days=8))}
    assert due["区住建局"].kind == Notice.REMIND
    assert due["区商务局"].level == Notice.RED


def test_tasks_approved_as_behind_get_their_own_duban(quarter):
    progress = workflow.submit(
        quarter.housing, row(quarter.period, quarter.parking), text="1-3月, 完工公共停车泊位100个。"
    )
    workflow.approve(quarter.reviewer, progress)
    behind = [d for d in notices.due(quarter.period, REMIND_DAY) if d.kind == Notice.BEHIND]
    assert [(d.unit.name, [t.seq for t in d.tasks]) for d in behind] == [("区住建局", [45])]
    assert "滞后" in behind[0].subject


def test_reminders_go_by_mail_and_to_the_robot_once(reachable, mailoutbox):
    q = reachable
    first = notices.remind(q.period, actor=q.admin, today=REMIND_DAY)
    assert [m.to for m in mailoutbox] == [["zhujian@example.cn"]]
    assert "【催报】2022年一季度 区住建局" in mailoutbox[0].subject
    assert "45. " in mailoutbox[0].body and "王建 0571-88001234" in mailoutbox[0].body
    robot_units = {c.split(" ")[1].split(":")[0] for c in q.robot.contents()}
    assert robot_units == late_units(q)
    assert len(first.sent) == len(late_units(q)) + 1 and not first.failed
    again = notices.remind(q.period, actor=q.admin, today=REMIND_DAY)
    later = notices.remind(q.period, actor=q.admin, today=REMIND_DAY + dt.timedelta(days=1))
    assert not again.sent and not later.sent and len(mailoutbox) == 1
    assert len(q.robot.messages) == len(late_units(q))


def test_robot_messages_are_dingtalk_text_and_signed(reachable):
    notices.remind(reachable.period, today=REMIND_DAY)
    query, body = reachable.robot.messages[0]
    assert body["msgtype"] == "text" and body["text"]["content"].startswith("【催报】")
    assert query["access_token"] == "t0k3n"
    expected = hmac.new(
        SECRET.encode(), f"{query['timestamp']}\n{SECRET}".encode(), hashlib.sha256
    ).digest()
    assert base64.b64decode(query["sign"]) == expected


def test_every_notice_is_recorded_with_its_channel_and_in_the_audit_log(reachable):
    notices.remind(reachable.period, actor=reachable.admin, today=REMIND_DAY)
    mail = Notice.objects.get(channel=Notice.EMAIL)
    assert (mail.unit.name, mail.recipient, mail.result) == (
        "区住建局",
        "zhujian@example.cn",
        Notice.SENT,
    )
    assert mail.sent_by == "dcs"
    assert Notice.objects.filter(channel=Notice.WEBHOOK).count() == len(late_units(reachable))
    assert "t0k3n" not in Notice.objects.filter(channel=Notice.WEBHOOK).first().recipient
    assert AuditEvent.objects.filter(action="notice.sent").count() == Notice.objects.count()


def test_a_refused_robot_message_is_shown_and_retried_the_next_day_not_the_same(
    reachable, mailoutbox
):
    q = reachable
    q.robot.answer = {"errcode": 310000, "errmsg": "sign not match"}
    first = notices.remind(q.period, today=REMIND_DAY)
    assert len(mailoutbox) == 1  # the mail still went
    assert first.failed and all("310000" in n.error for n in first.failed)
    assert notices.remind(q.period, today=REMIND_DAY).failed == []
    q.robot.answer = {"errcode": 0}
    retried = notices.remind(q.period, today=REMIND_DAY + dt.timedelta(days=1))
    assert len(retried.sent) == len(first.failed)
    assert Notice.objects.failed().count() == 0
    assert {n.attempts for n in Notice.objects.filter(channel=Notice.WEBHOOK)} == {2}


def test_an_unreachable_robot_does_not_stop_the_mail(reachable, mailoutbox):
    Webhook.objects.filter(government=reachable.government).update(url="http://127.0.0.1:9/x")
    result = notices.remind(reachable.period, today=REMIND_DAY)
    assert len(mailoutbox) == 1 and len(result.sent) == 1
    assert all("无法送达" in n.error for n in result.failed)


def test_a_unit_nobody_can_reach_gets_a_failed_notice_saying_so(quarter):
    result = notices.remind(quarter.period, today=REMIND_DAY)
    assert not result.sent
    assert {n.unit.name for n in result.failed} == late_units(quarter)
    assert "没有填报人邮箱" in result.failed[0].error


def test_a_dry_run_sends_and_stores_nothing(reachable, mailoutbox):
    result = notices.remind(reachable.period, today=REMIND_DAY, dry_run=True)
    assert len(result.planned) == len(late_units(reachable)) + 1
    assert not mailoutbox and not reachable.robot.messages and not Notice.objects.exists()


def test_the_remind_command_sends_overdue_notices_and_says_what_it_did(reachable, capsys):
    call_command("remind", "--period", str(reachable.period.pk))
    out = capsys.readouterr().out
    assert f"发送 {len(late_units(reachable)) + 1} 条, 失败 0 条" in out
    assert set(Notice.objects.values_list("level", flat=True)) == {Notice.RED}
    call_command("remind")
    assert "发送 0 条" in capsys.readouterr().out


def test_the_remind_command_dry_run_lists_and_stores_nothing(reachable, capsys):
    call_command("remind", "--dry-run")
    assert "【红色督办】2022年一季度 区住建局" in capsys.readouterr().out
    assert not Notice.objects.exists()


def test_the_remind_command_fails_when_a_send_failed(quarter):
    with pytest.raises(CommandError, match="发送失败"):
        call_command("remind", "--period", str(quarter.period.pk))


def test_the_remind_button_sends_and_the_period_page_lists_each_notice(client, reachable):
    assert client.login(username="dcs", password=PASSWORD)
    client.post(reverse("work:period_remind", args=[reachable.period.pk]))
    html = client.get(reverse("work:period_detail", args=[reachable.period.pk])).content.decode()
    assert "【红色督办】2022年一季度 区住建局" in html and "zhujian@example.cn" in html
    assert html.count('class="notice notice-sent"') == Notice.objects.count()


@pytest.mark.parametrize("who", ["reviewer", "housing"])
def test_only_the_admin_presses_remind_or_sets_the_robot(client, reachable, who, mailoutbox):
    assert client.login(username=getattr(reachable, who).username, password=PASSWORD)
    assert client.post(reverse("work:period_remind", args=[reachable.period.pk])).status_code == 403
    response = client.post(reverse("work:webhook"), {"url": "https://oapi.dingtalk.com/x"})
    assert response.status_code == 403
    assert not Notice.objects.exists() and not mailoutbox
    assert Webhook.objects.get().url == reachable.robot.url


def test_the_admin_sets_the_robot_and_a_blank_secret_keeps_the_old_one(client, reachable):
    assert client.login(username="dcs", password=PASSWORD)
    client.post(
        reverse("work:webhook"), {"url": "https://oapi.dingtalk.com/robot/send?access_token=n"}
    )
    hook = Webhook.objects.get()
    assert hook.url.endswith("access_token=n") and hook.secret == SECRET
    event = AuditEvent.objects.get(action="webhook.changed")
    assert "access_token" not in str(event.after)


def _duban(client, period, **params):
    return client.get(reverse("work:duban", args=[period.pk]), params)


def test_the_duban_sheets_print_one_per_overdue_unit_with_its_tasks_and_contact(client, reachable):
    assert client.login(username="dcs", password=PASSWORD)
    due = [d for d in notices.due(reachable.period) if d.kind != Notice.REMIND]
    html = _duban(client, reachable.period).content.decode()
    assert html.count('<article class="duban-sheet') == len(due) > 0
    assert '<span class="duban-level">红色督办</span>' in html
    assert "<td>王建 0571-88001234</td>" in html  # the housing bureau's reporter
    housing = next(d for d in due if d.unit.name == "区住建局")
    assert f"<td>{housing.tasks[0].seq}</td><td>{housing.tasks[0].content}</td>" in html
    assert housing.instruction in html and "签收人" in html
    page = client.get(reverse("work:period_detail", args=[reachable.period.pk])).content.decode()
    assert f"打印今日督办单 ({len(due)} 份)" in page


def test_one_units_duban_sheet(client, reachable):
    assert client.login(username="dcs", password=PASSWORD)
    housing = reachable.government.units.get(name="区住建局")
    html = _duban(client, reachable.period, unit=housing.pk).content.decode()
    assert html.count('<article class="duban-sheet') == 1 and "区商务局" not in html


@pytest.mark.parametrize("who", ["reviewer", "housing"])
def test_only_the_admin_prints_duban_sheets(client, reachable, who):
    assert client.login(username=getattr(reachable, who).username, password=PASSWORD)
    assert _duban(client, reachable.period).status_code == 403


def _returned(q, capture, comment="泊位数与台账不符, 请核实。"):
    progress = workflow.submit(q.housing, row(q.period, q.parking), text="完工200个。")
    with capture(execute=True):
        return workflow.return_progress(q.reviewer, progress, comment)


def test_a_returned_report_is_mailed_to_its_submitter_with_the_comment(
    reachable, mailoutbox, django_capture_on_commit_callbacks
):
    progress = _returned(reachable, django_capture_on_commit_callbacks)
    [mail] = mailoutbox
    assert mail.to == ["zhujian@example.cn"]
    assert mail.subject == "【退回】2022年一季度 第 45 项任务的报告已退回, 请修改后重新报送"
    assert "审核意见: 泊位数与台账不符, 请核实。" in mail.body
    assert f"/work/tasks/{progress.pk}/" in mail.body
    event = AuditEvent.objects.get(action="notice.returned")
    assert (event.note, event.actor_name) == ("zhujian@example.cn", "shenhe")


def test_a_submitter_without_e_mail_leaves_the_return_unmailed(
    quarter, mailoutbox, django_capture_on_commit_callbacks
):
    progress = _returned(quarter, django_capture_on_commit_callbacks)
    assert progress.state == "returned" and not mailoutbox
    assert not AuditEvent.objects.filter(action__startswith="notice.returned").exists()


def test_a_failed_return_mail_is_logged_and_the_return_stands(
    reachable, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(address, subject, body):
        raise notices.SendError("邮件发送失败: connection refused")

    monkeypatch.setattr(notices, "send_email", refuse)
    progress = _returned(reachable, django_capture_on_commit_callbacks)
    progress.refresh_from_db()
    assert progress.state == "returned"
    event = AuditEvent.objects.get(action="notice.returned_failed")
    assert event.note == "zhujian@example.cn: 邮件发送失败: connection refused"
