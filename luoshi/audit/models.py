"""Every change anyone makes, as one row: who, when, what, and the state before and after.

The rows form a hash chain: each carries the SHA-256 of its own content and of the row
before it (`previous_hash`), so a row edited, deleted or slipped in afterwards (in the
database itself, past the application) breaks the chain at that row; `luoshi audit
verify` names the first broken link."""

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

GENESIS = "0" * 64  # the previous hash of the first event


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
    # Set before saving (not auto_now_add, which is set after save() sees it): the time
    # is part of what the hash covers.
    at = models.DateTimeField("时间", default=timezone.now, editable=False, db_index=True)
    action = models.CharField("操作", max_length=64, db_index=True)  # dotted: progress.submitted
    object_type = models.CharField("对象类型", max_length=64, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    government = models.ForeignKey(
        "plans.Government", null=True, blank=True, on_delete=models.SET_NULL
    )
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    previous_hash = models.CharField("上一条哈希", max_length=64, blank=True, editable=False)
    hash = models.CharField("哈希", max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            return super().save(*args, **kwargs)  # nothing in the app edits an event
        with transaction.atomic():
            if connection.vendor == "postgresql":  # one writer of the chain's end at a time
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(hashtext('luoshi_audit_chain'))")
            # (SQLite: the IMMEDIATE transaction already holds the one write lock.)
            last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
            self.previous_hash = last or GENESIS
            self.at = self.at or timezone.now()
            # As stored: JSON round-trips tuples to lists and keys to strings.
            self.before, self.after = _as_stored(self.before), _as_stored(self.after)
            self.hash = self.content_hash(self.previous_hash)
            return super().save(*args, **kwargs)

    def content_hash(self, previous: str) -> str:
        """SHA-256 over the previous event's hash and this event's content, canonical JSON."""
        at = self.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
        content = [
            previous,
            at,
            self.actor_id,
            self.actor_name,
            self.action,
            self.object_type,
            self.object_id,
            self.government_id,
            self.before,
            self.after,
            self.note,
        ]
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


def _as_stored(value):
    return None if value is None else json.loads(json.dumps(value))


def first_broken_link(events=None):
    """The first event whose hash does not match its content, or whose previous hash is not
    the hash of the event before it: (event, why); None when the chain holds."""
    previous = GENESIS
    rows = events if events is not None else AuditEvent.objects.order_by("id").iterator()
    for event in rows:
        if event.previous_hash != previous:
            return event, "上一条哈希不符: 此前的事件被删除、插入或改动"
        if event.content_hash(previous) != event.hash:
            return event, "哈希与内容不符: 此事件被改动"
        previous = event.hash
    return None
