"""Reminders (催报) and 督办 notices: who is told what, over which channel, and the record
of each send.

What is due, per unit of a period (`due()`):
- 催报: `LUOSHI_REMIND_DAYS` days before the unit's deadline (and on it), a unit with
  tasks not submitted gets one reminder;
- 逾期督办: after the deadline, a notice per level reached by days late, blue ≥
  `LUOSHI_DUBAN_BLUE`, yellow ≥ `LUOSHI_DUBAN_YELLOW`, red ≥ `LUOSHI_DUBAN_RED` (a unit
  first found 8 days late gets the red one only);
- 滞后督办: a unit whose tasks were approved as 滞后 gets one notice listing them.

Each goes by e-mail to the unit's reporters and to the government's group robot. A notice
(period, unit, kind, level, channel, recipient) sent once is never sent again; a failed
one stays on the period page and is tried again by the next run, at most once a day. One
failed send never stops the others.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from luoshi.accounts.models import Membership
from luoshi.audit.log import record
from luoshi.progress import overdue as late
from luoshi.progress.models import Notice, Period, Webhook

ACTIVE = (Period.OPEN, Period.REPORTING, Period.REVIEW)
LEVEL_NAMES = dict(Notice.LEVELS)


class SendError(Exception):
    """A channel refused or failed; the message is shown on the period page."""


@dataclass
class Due:
    """One notice due to one unit, before it is addressed to anyone."""

    period: Period
    unit: object
    kind: str
    level: str = ""
    tasks: list = field(default_factory=list)
    deadline: dt.date | None = None
    days_late: int = 0

    @property
    def kind_label(self) -> str:
        return dict(Notice.KINDS)[self.kind]

    @property
    def level_label(self) -> str:
        return LEVEL_NAMES[self.level] if self.level else ""

    @property
    def is_duban(self) -> bool:
        """A 督办 (overdue or behind), not a reminder: what a printed 督办单 is made of."""
        return self.kind != Notice.REMIND

    @property
    def title(self) -> str:
        tag = self.level_label or self.kind_label
        return f"【{tag}】{self.period.label} {self.unit.name}"

    @property
    def subject(self) -> str:
        n = len(self.tasks)
        if self.kind == Notice.REMIND:
            return f"{self.title}: {n} 项任务尚未报送, {self.deadline} 截止"
        if self.kind == Notice.OVERDUE:
            return f"{self.title}: {n} 项任务逾期 {self.days_late} 天未报送"
        return f"{self.title}: {n} 项任务进度滞后"

    @property
    def instruction(self) -> str:
        """What the unit is asked to do (the notice's text and the printed 督办单's)."""
        if self.kind == Notice.REMIND:
            return f"请于 {self.deadline} 前报送以下任务的完成情况:"
        if self.kind == Notice.OVERDUE:
            return (
                f"报送截止日期 {self.deadline} 已过 {self.days_late} 天, "
                "以下任务仍未报送, 请立即报送:"
            )
        return "以下任务经审核评定为「滞后」, 请分析原因、加快推进, 并在下期报告中说明:"

    @property
    def body(self) -> str:
        lines = [f"{t.seq}. {_short(t.content)}" for t in self.tasks]
        return "\n".join([self.subject, self.instruction, *lines])


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def level_for(days_late: int) -> str:
    if days_late >= settings.LUOSHI_DUBAN_RED:
        return Notice.RED
    if days_late >= settings.LUOSHI_DUBAN_YELLOW:
        return Notice.YELLOW
    if days_late >= settings.LUOSHI_DUBAN_BLUE:
        return Notice.BLUE
    return ""


def due(period, today: dt.date | None = None) -> list[Due]:
    """Every notice due to the units of `period` today, by unit name then kind."""
    today = today or timezone.localdate()
    found: list[Due] = []
    if period.status in ACTIVE and period.deadline is not None:
        granted = late.deadlines(period)
        for unit_due in late.not_submitted(period):
            deadline = granted.get(unit_due.unit.pk, period.deadline)
            days = (today - deadline).days
            common = {"period": period, "unit": unit_due.unit, "tasks": unit_due.tasks}
            if -settings.LUOSHI_REMIND_DAYS <= days <= 0:
                found.append(Due(kind=Notice.REMIND, deadline=deadline, **common))
            elif level_for(days):
                found.append(
                    Due(
                        kind=Notice.OVERDUE,
                        level=level_for(days),
                        deadline=deadline,
                        days_late=days,
                        **common,
                    )
                )
    if period.status != Period.CLOSED:
        behind: dict[int, Due] = {}
        rows = (
            period.progress.approved()
            .filter(status="behind")
            .select_related("task")
            .prefetch_related("task__task_units__unit")
            .order_by("task__seq")
        )
        for progress in rows:
            for tu in progress.task.lead_task_units:
                behind.setdefault(
                    tu.unit_id, Due(period=period, unit=tu.unit, kind=Notice.BEHIND)
                ).tasks.append(progress.task)
        found.extend(behind.values())
    return sorted(found, key=lambda d: (d.unit.name, d.kind))


# Addresses ----------------------------------------------------------------------------


def contacts(unit) -> list[Membership]:
    """The unit's active reporters: who is written to, and who the overdue list names."""
    return list(
        Membership.objects.filter(unit=unit, role=Membership.REPORTER, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    )


def contact_line(members) -> str:
    people = []
    for m in members:
        bits = [m.full_name or m.user.username, m.phone]
        people.append(" ".join(b for b in bits if b))
    return "、".join(people)


def webhook_of(government) -> tuple[str, str]:
    """The government's robot (url, secret): its own, else the installation's setting."""
    hook = Webhook.objects.filter(government=government).first()
    if hook is not None and hook.url:
        return hook.url, hook.secret
    return settings.LUOSHI_WEBHOOK_URL, settings.LUOSHI_WEBHOOK_SECRET


def robot_name(url: str) -> str:
    """How a robot is named on the page: its host and path, never its token."""
    parts = urllib.parse.urlsplit(url)
    return f"群机器人 {parts.netloc}{parts.path}"


# Channels -----------------------------------------------------------------------------


def signed_url(url: str, secret: str, now_ms: int | None = None) -> str:
    """DingTalk's signing: timestamp (ms) and base64 HMAC-SHA256 of "timestamp\\nsecret"."""
    timestamp = str(now_ms if now_ms is not None else round(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    return f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={sign}"


def post_webhook(url: str, secret: str, content: str) -> None:
    payload = json.dumps({"msgtype": "text", "text": {"content": content}}, ensure_ascii=False)
    target = signed_url(url, secret) if secret else url
    request = urllib.request.Request(
        target,
        data=payload.encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.LUOSHI_WEBHOOK_TIMEOUT) as resp:
            answer = resp.read(65536)
    except OSError as exc:  # URLError, HTTPError, timeouts: all OSError
        raise SendError(f"群机器人无法送达: {exc}") from exc
    try:
        data = json.loads(answer or b"{}")
    except ValueError:
        return  # a robot that answers 2xx without JSON took the message
    # DingTalk and WeCom answer 200 with errcode != 0 for a refused message.
    if isinstance(data, dict) and data.get("errcode", 0) not in (0, "0"):
        raise SendError(f"群机器人拒收: {data.get('errcode')} {data.get('errmsg', '')}".strip())


def send_email(address: str, subject: str, body: str) -> None:
    try:
        send_mail(subject, body, None, [address], fail_silently=False)
    except Exception as exc:  # smtplib and socket errors alike: shown, retried next run
        raise SendError(f"邮件发送失败: {exc}") from exc


# Runs ---------------------------------------------------------------------------------


@dataclass
class Outgoing:
    due: Due
    channel: str
    recipient: str
    send: object  # callable() -> None, raising SendError
    content: str = ""


def addressed(item: Due) -> list[Outgoing]:
    """`item` addressed to each of its channels. A unit nobody can reach (no reporter's
    e-mail, no group robot) gets a notice that fails at once, so the office sees whom to
    call."""
    members = contacts(item.unit)
    people = contact_line(members)
    body = item.body + (f"\n联系人: {people}" if people else "")
    out = []
    emails = sorted({m.user.email for m in members if m.user.email})
    for address in emails:
        out.append(
            Outgoing(
                item, Notice.EMAIL, address, lambda a=address: send_email(a, item.subject, body)
            )
        )
    url, secret = webhook_of(item.period.plan.government)
    if not emails and not url:
        out.append(Outgoing(item, Notice.EMAIL, "", _no_address))
    if url:
        out.append(
            Outgoing(
                item,
                Notice.WEBHOOK,
                robot_name(url),
                lambda: post_webhook(url, secret, body),
            )
        )
    for o in out:
        o.content = body
    return out


def _no_address():
    raise SendError("该单位没有填报人邮箱: 请在账号页补充联系方式")


@dataclass
class RunResult:
    sent: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    skipped: int = 0
    planned: list = field(default_factory=list)  # a dry run's: what would be sent


def _key(o: Outgoing) -> dict:
    return {
        "period": o.due.period,
        "unit": o.due.unit,
        "kind": o.due.kind,
        "level": o.due.level,
        "channel": o.channel,
        "recipient": o.recipient,
    }


def remind(period, actor=None, today: dt.date | None = None, dry_run=False) -> RunResult:
    """Send what is due for `period` today; a dry run says what would go and stores
    nothing. `actor` is the admin who pressed the button, or 命令行 for the timer."""
    today = today or timezone.localdate()
    result = RunResult()
    for item in due(period, today):
        for o in addressed(item):
            existing = Notice.objects.filter(**_key(o)).first()
            if existing is not None and (
                existing.result == Notice.SENT or existing.last_tried_on >= today
            ):
                result.skipped += 1
                continue
            if dry_run:
                result.planned.append(o)
                continue
            notice = _attempt(o, existing, actor, today)
            (result.sent if notice.result == Notice.SENT else result.failed).append(notice)
    return result


def _attempt(o: Outgoing, existing, actor, today) -> Notice:
    error = ""
    try:
        o.send()
    except SendError as exc:
        error = str(exc)
    outcome = Notice.FAILED if error else Notice.SENT
    who = actor if isinstance(actor, str) else getattr(actor, "username", "") or "系统"
    values = {
        "subject": o.due.subject,
        "body": o.content,
        "result": outcome,
        "error": error,
        "last_tried_on": today,
        "sent_at": None if error else timezone.now(),
        "sent_by": who,
    }
    with transaction.atomic():
        if existing is not None:
            for name, value in values.items():
                setattr(existing, name, value)
            existing.attempts += 1
            existing.save()
            notice = existing
        else:
            try:
                with transaction.atomic():
                    notice = Notice.objects.create(**_key(o), **values)
            except IntegrityError:  # a concurrent run recorded it first
                notice = Notice.objects.get(**_key(o))
                return notice
        record(
            actor,
            "notice.sent" if outcome == Notice.SENT else "notice.failed",
            notice,
            government=o.due.period.plan.government,
            after={
                "unit": o.due.unit.name,
                "kind": o.due.kind,
                "level": o.due.level,
                "channel": o.channel,
                "recipient": o.recipient,
                "subject": o.due.subject,
                "attempt": notice.attempts,
            },
            note=error,
        )
    return notice


def periods_to_remind(period_id: int | None = None):
    """The periods a run looks at: one by id, else every period still taking reports or
    in review (approved 滞后 rows are found there before publication)."""
    rows = Period.objects.select_related("plan__government")
    if period_id is not None:
        return rows.filter(pk=period_id)
    return rows.filter(status__in=ACTIVE).order_by("id")


# A returned report ------------------------------------------------------------------------


def returned_recipients(progress) -> list[str]:
    """Who hears that a report came back: the reporter who submitted it, else the active
    reporters of its lead units (an account without e-mail is told on its task list)."""
    submitter = progress.submitted_by
    if submitter is not None and submitter.is_active and submitter.email:
        return [submitter.email]
    units = [tu.unit for tu in progress.task.lead_task_units]
    return sorted({m.user.email for unit in units for m in contacts(unit) if m.user.email})


def tell_returned(progress, actor) -> None:
    """E-mail the unit that its report was returned, with the reviewer's comment: a
    returned report otherwise waits unseen until the next 催报. Each send, or its failure,
    is in the audit log; a failure never undoes the return."""
    task, period = progress.task, progress.period
    subject = f"【退回】{period.label} 第 {task.seq} 项任务的报告已退回, 请修改后重新报送"
    body = "\n".join(
        [
            subject,
            f"任务: {task.seq}. {_short(task.content, 80)}",
            f"审核意见: {progress.review_comment}",
            f"审核人: {getattr(actor, 'username', '') or '督查室'}",
            f"请登录工作台修改: /work/tasks/{progress.pk}/",
        ]
    )
    for address in returned_recipients(progress):
        try:
            send_email(address, subject, body)
        except SendError as exc:
            record(actor, "notice.returned_failed", progress, note=f"{address}: {exc}")
        else:
            record(actor, "notice.returned", progress, note=address)
