"""Throttling log-in: after LUOSHI_LOGIN_MAX_FAILURES failed attempts at one account within
LUOSHI_LOGIN_WINDOW_MINUTES (or LUOSHI_LOGIN_MAX_FAILURES_PER_ADDRESS from one address, at
any accounts), the account (the address) is locked for LUOSHI_LOGIN_LOCKOUT_MINUTES: no
password is checked meanwhile, the right one included. The government's admin (or
`luoshi user unlock`) ends a lockout early. Each failure, lockout and unlock is audited."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from luoshi.audit.log import record
from luoshi.security.models import Lockout, LoginFailure


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def address_of(request) -> str:
    """The client's address: behind the TLS proxy (LUOSHI_TLS_PROXY) the one the proxy
    appended to X-Forwarded-For last, which a client cannot forge; else the peer's."""
    if request is None:
        return ""
    meta = request.META
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:45]
    return (meta.get("REMOTE_ADDR") or "")[:45]


def locked_until(username: str, address: str = "") -> dt.datetime | None:
    """When the lockout of the account or of the address ends; None when neither is."""
    scopes = Q(scope=Lockout.ACCOUNT, key=username or "")
    if address:
        scopes |= Q(scope=Lockout.ADDRESS, key=address)
    return Lockout.objects.current().filter(scopes).aggregate(end=Max("until"))["end"]


def _user(username: str):
    return get_user_model().objects.filter(username=username).first() if username else None


def _government(user):
    membership = getattr(user, "membership", None) if user is not None else None
    return membership.government if membership is not None else None


def failed(username: str, address: str) -> None:
    """A failed log-in: audited; counted, unless the account or address is locked already
    (attempts while locked must not keep an account locked for ever)."""
    username = (username or "")[:150]
    user = _user(username)
    now = timezone.now()
    with transaction.atomic():
        locked = locked_until(username, address)
        record(
            user or f"{username or '(空)'} (未知账号)",
            "login.failed",
            government=_government(user),
            note=f"地址 {address or '未知'}" + (" · 锁定期间" if locked else ""),
        )
        if locked:
            return
        LoginFailure.objects.create(username=username, address=address, at=now)
        since = now - dt.timedelta(minutes=_setting("LUOSHI_LOGIN_WINDOW_MINUTES", 15))
        bounds = (
            (Lockout.ACCOUNT, "username", username, _setting("LUOSHI_LOGIN_MAX_FAILURES", 5)),
            (
                Lockout.ADDRESS,
                "address",
                address,
                _setting("LUOSHI_LOGIN_MAX_FAILURES_PER_ADDRESS", 20),
            ),
        )
        for scope, field, key, limit in bounds:
            if not key:
                continue
            failures = LoginFailure.objects.filter(**{field: key, "at__gte": since})
            if failures.count() < limit:
                continue
            minutes = _setting("LUOSHI_LOGIN_LOCKOUT_MINUTES", 15)
            Lockout.objects.create(
                scope=scope, key=key, created=now, until=now + dt.timedelta(minutes=minutes)
            )
            failures.delete()  # counted afresh once the lockout ends
            what = f"账号 {key}" if scope == Lockout.ACCOUNT else f"地址 {key}"
            record(
                user if scope == Lockout.ACCOUNT and user else "系统",
                "login.locked",
                government=_government(user) if scope == Lockout.ACCOUNT else None,
                note=f"{what} 连续 {limit} 次登录失败, 锁定 {minutes} 分钟",
            )


def succeeded(user) -> None:
    LoginFailure.objects.filter(username=user.get_username()).delete()


def unlock(actor, username: str = "", address: str = "") -> bool:
    """End the account's (or the address's) lockout and forget its failures; False when it
    was not locked."""
    now = timezone.now()
    with transaction.atomic():
        if username:
            scope, key, field = Lockout.ACCOUNT, username, "username"
        else:
            scope, key, field = Lockout.ADDRESS, address, "address"
        ended = Lockout.objects.current().filter(scope=scope, key=key).update(until=now)
        LoginFailure.objects.filter(**{field: key}).delete()
        if ended:
            user = _user(username) if username else None
            record(
                actor,
                "login.unlocked",
                government=_government(user),
                note=f"{'账号' if username else '地址'} {key}",
            )
    return bool(ended)
