"""What units report each period, and what the assessment engine makes of it."""

import datetime as dt
import hashlib
from collections import Counter

from django.conf import settings
from django.db import models
from django.utils import timezone

from luoshi.plans.models import Plan, Task
from luoshi.textparse import CLASS_CHOICES, CLASS_LABELS, assess
from luoshi.textparse.numbers import normalise


class PeriodQuerySet(models.QuerySet):
    def of_government(self, government):
        return self.filter(plan__government=government)

    def accepting_reports(self):
        """Periods where units may still write: reporting, and review (for returned items)."""
        return self.filter(status__in=[Period.REPORTING, Period.REVIEW])


class Period(models.Model):
    """A reporting period of a plan: a quarter, or a month span (1-9月).

    Lifecycle (luoshi.progress.workflow moves it): open → reporting → review → published;
    closed ends a period that will not be published."""

    class Status(models.TextChoices):
        OPEN = "open", "已开启"
        REPORTING = "reporting", "填报中"
        REVIEW = "review", "审核中"
        PUBLISHED = "published", "已发布"
        CLOSED = "closed", "已关闭"

    # Shorthands the code has always used (Period.PUBLISHED).
    OPEN, REPORTING, REVIEW = Status.OPEN, Status.REPORTING, Status.REVIEW
    PUBLISHED, CLOSED = Status.PUBLISHED, Status.CLOSED

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("季度", null=True, blank=True)
    start_month = models.PositiveSmallIntegerField(default=1)
    end_month = models.PositiveSmallIntegerField(default=12)
    label = models.CharField("名称", max_length=50)
    # Imported historical reports are published ones; a period opened in luoshi starts open.
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    deadline = models.DateField("报送截止日期", null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "报告期"
        ordering = ["plan", "year", "end_month"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "start_month", "end_month"], name="period_unique_span"
            )
        ]

    def __str__(self):
        return self.label

    @property
    def as_of(self):
        return f"{self.year:04d}-{self.end_month:02d}"

    @property
    def government(self):
        return self.plan.government

    def deadline_for(self, unit) -> "dt.date | None":
        """The unit's own deadline: the period's, or a later one granted to the unit."""
        extension = self.unit_deadlines.filter(unit=unit).first()
        if extension is not None and (self.deadline is None or extension.deadline > self.deadline):
            return extension.deadline
        return self.deadline

    @property
    def deadline_passed(self):
        # The deadline is a whole day: reports are on time until its end, local time.
        return self.deadline is not None and timezone.localdate() > self.deadline


class UnitDeadline(models.Model):
    """A later deadline for one unit of a period, granted with a reason (audited)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="unit_deadlines")
    unit = models.ForeignKey("plans.Unit", on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField("延期至")
    reason = models.TextField("延期理由")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "单位延期"
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="unit_deadline_once")
        ]

    def __str__(self):
        return f"{self.period} · {self.unit} → {self.deadline}"


def count_states(states) -> dict[str, int]:
    """{state: rows} for every workflow state in the order of Progress.State, 0 where none,
    from the rows' states: what the back-office pages count."""
    found = Counter(states)
    return {state: found.get(state, 0) for state in Progress.State.values}


class ProgressQuerySet(models.QuerySet):
    def in_state(self, *states):
        return self.filter(state__in=states)

    def state_counts(self) -> dict[str, int]:
        """{state: rows} for every workflow state (see count_states), in one query."""
        return count_states(state for _, state in self.values_list("pk", "state"))

    def not_submitted(self):
        """Still with the unit: never submitted, or returned and not resubmitted."""
        return self.filter(state__in=[Progress.DRAFT, Progress.RETURNED])

    def submitted(self):
        return self.filter(state=Progress.SUBMITTED)

    def approved(self):
        return self.filter(state=Progress.APPROVED)

    def published(self):
        """What the public may see: approved rows of periods that have been published."""
        return (
            self.filter(state=Progress.APPROVED, period__status=Period.PUBLISHED)
            .filter(period__publications__isnull=False)
            .distinct()
        )

    def led_by(self, unit):
        return self.filter(task__task_units__role="lead", task__task_units__unit=unit).distinct()

    def led_by_id(self, unit_id):
        return self.filter(
            task__task_units__role="lead", task__task_units__unit_id=unit_id
        ).distinct()

    def of_unit(self, unit):
        """Rows of tasks the unit leads or cooperates on."""
        return self.filter(task__task_units__unit=unit).distinct()


class Progress(models.Model):
    """A task's report for a period, with the engine's proposed class and its evidence."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="progress")
    text = models.TextField("完成情况", blank=True)
    problems = models.TextField("存在问题", blank=True)
    next_steps = models.TextField("下步打算", blank=True)

    # The reporting workflow (luoshi.progress.workflow moves it).
    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已审核通过"

    # Shorthands the code has always used (Progress.APPROVED); STATES for the pages.
    DRAFT, SUBMITTED = State.DRAFT, State.SUBMITTED
    RETURNED, APPROVED = State.RETURNED, State.APPROVED
    STATES = State.choices
    state = models.CharField("填报状态", max_length=10, choices=State.choices, default=State.DRAFT)
    stated_figures = models.CharField("填报数据", max_length=500, blank=True)
    self_status = models.CharField("单位自评", max_length=16, choices=CLASS_CHOICES, blank=True)
    review_comment = models.TextField("审核意见", blank=True)
    override_status = models.CharField("改判类别", max_length=16, choices=CLASS_CHOICES, blank=True)
    override_reason = models.TextField("改判理由", blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True, null=True)
    # A published (or approved) row being corrected: the new text goes through review
    # again while the period stays published; the approved correction is then published
    # as the report's next version (luoshi.disclosure.publishing.publish_correction).
    correcting = models.BooleanField("更正中", default=False)
    # The engine's own proposal. `status` below is the class of record: the engine's
    # proposal until a reviewer overrides it, then the override; the portal reads `status`.
    engine_status = models.CharField("系统评估", max_length=16, choices=CLASS_CHOICES, blank=True)

    # The assessment of `text`, kept with a hash of what it was computed from so a changed
    # text (or content) is reassessed and an unchanged one is not.
    status = models.CharField("评估类别", max_length=16, choices=CLASS_CHOICES, blank=True)
    targets = models.JSONField(default=list, blank=True)
    actuals = models.JSONField(default=list, blank=True)
    data_pending = models.BooleanField(default=False)
    evidence = models.JSONField(default=list, blank=True)
    assessed_hash = models.CharField(max_length=64, blank=True)

    objects = ProgressQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "完成情况"
        ordering = ["period", "task__seq"]
        constraints = [
            models.UniqueConstraint(fields=["task", "period"], name="progress_unique_period")
        ]

    def __str__(self):
        return f"{self.period} · {self.task.seq}"

    def save(self, *args, **kwargs):
        # Every save re-checks the assessment: a changed text is reassessed wherever it
        # was changed (import, reporter form, admin); an unchanged one costs a hash.
        self.assess()
        super().save(*args, **kwargs)

    @property
    def status_label(self):
        return CLASS_LABELS.get(self.status, "")

    @property
    def engine_status_label(self):
        return CLASS_LABELS.get(self.engine_status, "")

    @property
    def self_status_label(self):
        return CLASS_LABELS.get(self.self_status, "")

    @property
    def assessed_text(self):
        """What the engine reads: the text, plus the figures the unit stated apart."""
        if self.stated_figures.strip():
            return f"{self.text}\n{self.stated_figures.strip()}"
        return self.text

    def _assessment_key(self):
        source = "\x00".join([self.task.content, self.assessed_text, self.period.as_of])
        return hashlib.sha256(source.encode()).hexdigest()

    def assess(self, force=False):
        """Run the engine unless the inputs are the ones last assessed. Returns True when
        the stored assessment changed."""

        key = self._assessment_key()
        if not force and key == self.assessed_hash:
            return False
        result = assess(
            {
                "id": str(self.task.seq),
                "content": self.task.content,
                "status_text": self.assessed_text,
                "as_of": self.period.as_of,
            }
        )
        self.engine_status = result.get("status") or ""
        self.status = self.override_status or self.engine_status
        self.targets = result.get("targets", [])
        self.actuals = result.get("actuals", [])
        self.data_pending = bool(result.get("data_pending"))
        self.evidence = result.get("evidence", [])
        self.assessed_hash = key
        return True

    def comparisons(self):
        """Each target that has a reported figure, with the share achieved: what the
        disclosure page shows as target vs reported."""
        return comparisons(self.targets, self.actuals)


def comparisons(targets, actuals):
    rows = []
    for i, target in enumerate(targets):
        figures = [a for a in actuals if a.get("target") == i]
        if not figures:
            continue
        # Prefer an actual figure over an estimate, and the latest stated one.
        figure = next((a for a in reversed(figures) if not a.get("estimate")), figures[-1])
        rows.append({"target": target, "actual": figure, "percent": _percent(target, figure)})
    return rows


def _percent(target, figure):
    """Achieved as a share of the target, for count and amount targets in the same unit
    after normalising multipliers; None where a share makes no sense (growth and reduction
    rates, ranges, levels)."""

    if (
        target.get("kind") in {"growth", "reduction", "share"}
        or target.get("comparator") == "range"
    ):
        return None
    try:
        t_value, t_unit = normalise(target["value"], target.get("unit", ""))
        a_value, a_unit = normalise(figure.get("sum", figure["value"]), figure.get("unit", ""))
    except (KeyError, TypeError, ValueError):
        return None
    if t_unit != a_unit or not t_value:
        return None
    return round(a_value / t_value * 100)


class Webhook(models.Model):
    """A government's group robot (DingTalk / WeCom style): reminders and 督办 notices are
    posted there as {"msgtype": "text", ...}. With a secret, each post is signed the
    DingTalk way (timestamp and HMAC-SHA256 in the query)."""

    government = models.OneToOneField(
        "plans.Government", on_delete=models.CASCADE, related_name="webhook"
    )
    url = models.URLField("机器人地址", max_length=500)
    secret = models.CharField("加签密钥", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "群机器人"

    def __str__(self):
        return f"{self.government} · {self.url}"


class NoticeQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(result=Notice.SENT)

    def failed(self):
        return self.filter(result=Notice.FAILED)


class Notice(models.Model):
    """One reminder (催报) or 督办 notice to one unit over one channel, and what came of it.

    A notice is keyed by what it says (period, unit, kind, level) and where it goes
    (channel, recipient): a sent one is never sent again, a failed one is retried by the
    next run, at most one attempt per day."""

    REMIND = "remind"
    OVERDUE = "overdue"
    BEHIND = "behind"
    KINDS = [(REMIND, "催报"), (OVERDUE, "逾期督办"), (BEHIND, "滞后督办")]
    BLUE, YELLOW, RED = "blue", "yellow", "red"
    LEVELS = [("", "—"), (BLUE, "蓝色督办"), (YELLOW, "黄色督办"), (RED, "红色督办")]
    EMAIL, WEBHOOK = "email", "webhook"
    CHANNELS = [(EMAIL, "邮件"), (WEBHOOK, "群机器人")]
    SENT, FAILED = "sent", "failed"
    RESULTS = [(SENT, "已发送"), (FAILED, "发送失败")]

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="notices")
    unit = models.ForeignKey("plans.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("类型", max_length=10, choices=KINDS)
    level = models.CharField("等级", max_length=10, choices=LEVELS, blank=True)
    channel = models.CharField("渠道", max_length=10, choices=CHANNELS)
    recipient = models.CharField("接收人", max_length=300)
    subject = models.CharField("标题", max_length=300)
    body = models.TextField("内容")
    result = models.CharField("结果", max_length=10, choices=RESULTS)
    error = models.TextField("失败原因", blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=1)
    last_tried_on = models.DateField("最后尝试日期")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    sent_by = models.CharField("发送人", max_length=150, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "催报督办"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "kind", "level", "channel", "recipient"],
                name="notice_once",
            )
        ]

    def __str__(self):
        return f"{self.period} · {self.unit} · {self.get_kind_display()}"


class Attachment(models.Model):
    """佐证材料: a file the unit attaches to its report. Stored under the var folder by
    its hash (never by the uploaded name), served only to those who may see the row."""

    progress = models.ForeignKey(Progress, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=10)  # pdf, png, jpeg, docx, xlsx
    size = models.PositiveIntegerField("大小")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name
