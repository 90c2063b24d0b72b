"""Passwords: Django's validators (AUTH_PASSWORD_VALIDATORS: length, common, all digits,
like the account name) wherever one is set; a password set by an admin must be changed by
its owner at the next log-in; changes and resets are audited."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from luoshi.audit.log import record
from luoshi.security.models import PasswordState

SESSION_FLAG = "luoshi_must_change_password"


# Django's own wording, in Chinese where its translation lacks it or reads awkwardly.
_SAID = {
    "password_too_short": "密码至少 {min_length} 个字符",
    "password_too_common": "这个密码太常见",
    "password_entirely_numeric": "密码不能全是数字",
    "password_too_similar": "密码与账号名太相似",
}


def problems(password: str, user) -> list[str]:
    """What the validators say against `password` for `user` (an unsaved User will do)."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return [
            _SAID[e.code].format(**(e.params or {})) if e.code in _SAID else " ".join(e.messages)
            for e in exc.error_list
        ]
    return []


def must_change(user) -> bool:
    return PasswordState.objects.filter(user=user, must_change=True).exists()


def set_by_admin(user) -> None:
    """The password was set by someone other than its owner (in the same transaction)."""
    PasswordState.objects.update_or_create(user=user, defaults={"must_change": True})


def changed_by_owner(user) -> None:
    with transaction.atomic():
        PasswordState.objects.update_or_create(
            user=user, defaults={"must_change": False, "changed": timezone.now()}
        )
        record(user, "password.changed", government=_government(user))


def reset(actor, user, password: str) -> list[str]:
    """An admin sets a new password for `user`, who must change it at the next log-in.
    Returns the validators' objections (nothing changed then)."""
    found = problems(password, user)
    if found:
        return found
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        set_by_admin(user)
        record(actor, "password.reset", government=_government(user), note=user.get_username())
    return []


def _government(user):
    membership = getattr(user, "membership", None)
    return membership.government if membership is not None else None
