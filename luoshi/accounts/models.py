"""Who may do what: each account belongs to one government, with one role there."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from luoshi.plans.models import Government, Unit


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", "督查室管理员"
        REVIEWER = "reviewer", "审核人"
        REPORTER = "reporter", "单位填报人"

    # Shorthands the code has always used (Membership.ADMIN); ROLES for forms and commands.
    ADMIN, REVIEWER, REPORTER = Role.ADMIN, Role.REVIEWER, Role.REPORTER
    ROLES = Role.choices

    # One-to-one: an account belongs to exactly one government, so every permission can be
    # scoped to it and an account can never reach another government's drafts.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="members")
    role = models.CharField("角色", max_length=12, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="reporters"
    )
    # Contacts, for reminders and the overdue list (e-mail is the account's own field).
    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("电话", max_length=30, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "账号角色"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="reporter", unit__isnull=False)
                | (~models.Q(role="reporter") & models.Q(unit__isnull=True)),
                name="membership_unit_iff_reporter",
            )
        ]

    def __str__(self):
        unit = f" · {self.unit}" if self.unit_id else ""
        return f"{self.user} · {self.government} · {self.get_role_display()}{unit}"

    def clean(self):
        if self.unit_id and self.unit.government_id != self.government_id:
            raise ValidationError("单位不属于该政府")
