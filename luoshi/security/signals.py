"""Log-in, failed log-in and log-out, into the audit log (and the lockout's counts)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from luoshi.audit.log import record
from luoshi.security import lockout, passwords


def _government(user):
    membership = getattr(user, "membership", None)
    return membership.government if membership is not None else None


@receiver(user_logged_in, dispatch_uid="luoshi.security.logged_in")
def logged_in(sender, request, user, **kwargs):
    lockout.succeeded(user)
    if request is not None and hasattr(request, "session") and passwords.must_change(user):
        request.session[passwords.SESSION_FLAG] = True
    record(
        user,
        "login.succeeded",
        government=_government(user),
        note=f"地址 {lockout.address_of(request) or '未知'}",
    )


@receiver(user_logged_out, dispatch_uid="luoshi.security.logged_out")
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(user, "logout", government=_government(user))


@receiver(user_login_failed, dispatch_uid="luoshi.security.login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    lockout.failed(credentials.get("username", ""), lockout.address_of(request))
