"""What the log-in keeps to throttle guessing: failed attempts, and the lockouts they led
to (of an account, or of an address every account is tried from)."""

from django.db import models
from django.utils import timezone


class LockoutQuerySet(models.QuerySet):
    def current(self):
        return self.filter(until__gt=timezone.now())


class LoginFailure(models.Model):
    username = models.CharField("账号名", max_length=150, db_index=True)  # as typed
    address = models.CharField("地址", max_length=45, blank=True, db_index=True)
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录失败"

    def __str__(self):
        return f"{self.username} {self.address} {self.at:%Y-%m-%d %H:%M}"


class Lockout(models.Model):
    ACCOUNT = "account"
    ADDRESS = "address"
    SCOPES = [(ACCOUNT, "账号"), (ADDRESS, "地址")]

    scope = models.CharField("范围", max_length=8, choices=SCOPES)
    key = models.CharField("账号名或地址", max_length=150)
    created = models.DateTimeField("锁定时间", default=timezone.now)
    until = models.DateTimeField("锁定至", db_index=True)

    objects = LockoutQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "登录锁定"
        indexes = [models.Index(fields=["scope", "key"])]

    def __str__(self):
        return f"{self.get_scope_display()} {self.key} 锁定至 {self.until:%Y-%m-%d %H:%M}"


class PasswordState(models.Model):
    """Whether the account must choose its own password at its next log-in: one set by an
    admin (a new account's initial password, or a reset) is known to someone else."""

    user = models.OneToOneField(
        "auth.User", on_delete=models.CASCADE, related_name="password_state"
    )
    must_change = models.BooleanField("须修改密码", default=False)
    changed = models.DateTimeField("修改时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "密码状态"

    def __str__(self):
        return f"{self.user} {'须修改' if self.must_change else ''}"
