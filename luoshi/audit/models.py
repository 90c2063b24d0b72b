"""Every change anyone makes, as one row: who, when, what, and the state before and after."""

from django.conf import settings
from django.db import models


class AuditEventQuerySet(models.QuerySet):
    def of_government(self, government):
        return self.filter(government=government)

    def action_under(self, prefix):
        """`progress` matches progress.submitted, progress.returned, …"""
        prefix = prefix.rstrip(".")
        return self.filter(models.Q(action=prefix) | models.Q(action__startswith=prefix + "."))


class AuditEvent(models.Model):
    # SET_NULL and a copied name: deleting an account must not erase what it did.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    action = models.CharField("操作", max_length=64, db_index=True)  # dotted: progress.submitted
    object_type = models.CharField("对象类型", max_length=64, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    government = models.ForeignKey(
        "plans.Government", null=True, blank=True, on_delete=models.SET_NULL
    )
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"
