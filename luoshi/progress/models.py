"""What units report each period, and what the assessment engine makes of it."""

import hashlib

from django.db import models

from luoshi.plans.models import Plan, Task
from luoshi.textparse import STATUS_LABELS, STATUSES


class Period(models.Model):
    """A reporting period of a plan: a quarter, or a month span (1-9月)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("季度", null=True, blank=True)
    start_month = models.PositiveSmallIntegerField(default=1)
    end_month = models.PositiveSmallIntegerField(default=12)
    label = models.CharField("名称", max_length=50)

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


STATUS_CHOICES = [(s, STATUS_LABELS[s]) for s in STATUSES]


class Progress(models.Model):
    """A task's report for a period, with the engine's proposed class and its evidence."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="progress")
    text = models.TextField("完成情况", blank=True)

    # The assessment of `text`, kept with a hash of what it was computed from so a changed
    # text (or content) is reassessed and an unchanged one is not.
    status = models.CharField("评估类别", max_length=16, choices=STATUS_CHOICES, blank=True)
    targets = models.JSONField(default=list, blank=True)
    actuals = models.JSONField(default=list, blank=True)
    data_pending = models.BooleanField(default=False)
    evidence = models.JSONField(default=list, blank=True)
    assessed_hash = models.CharField(max_length=64, blank=True)

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
        return STATUS_LABELS.get(self.status, "")

    def _assessment_key(self):
        source = "\x00".join([self.task.content, self.text, self.period.as_of])
        return hashlib.sha256(source.encode()).hexdigest()

    def assess(self, force=False):
        """Run the engine unless the inputs are the ones last assessed. Returns True when
        the stored assessment changed."""
        from luoshi.textparse import assess

        key = self._assessment_key()
        if not force and key == self.assessed_hash:
            return False
        result = assess(
            {
                "id": str(self.task.seq),
                "content": self.task.content,
                "status_text": self.text,
                "as_of": self.period.as_of,
            }
        )
        self.status = result.get("status") or ""
        self.targets = result.get("targets", [])
        self.actuals = result.get("actuals", [])
        self.data_pending = bool(result.get("data_pending"))
        self.evidence = result.get("evidence", [])
        self.assessed_hash = key
        return True

    def comparisons(self):
        """Each target that has a reported figure, with the share achieved: what the
        disclosure page shows as target vs reported."""
        rows = []
        for i, target in enumerate(self.targets):
            figures = [a for a in self.actuals if a.get("target") == i]
            if not figures:
                continue
            # Prefer an actual figure over an estimate, and the latest stated one.
            figure = next((a for a in reversed(figures) if not a.get("estimate")), figures[-1])
            rows.append({"target": target, "actual": figure, "percent": _percent(target, figure)})
        return rows


def _percent(target, figure):
    """Achieved as a share of the target, for count and amount targets in the same unit
    after normalising multipliers; None where a share makes no sense (growth rates)."""
    from luoshi.textparse.numbers import normalise

    if target.get("kind") in {"growth", "share"}:
        return None
    try:
        t_value, t_unit = normalise(target["value"], target.get("unit", ""))
        a_value, a_unit = normalise(figure.get("sum", figure["value"]), figure.get("unit", ""))
    except (KeyError, TypeError, ValueError):
        return None
    if t_unit != a_unit or not t_value:
        return None
    return round(a_value / t_value * 100)
