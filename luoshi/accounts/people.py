"""Managing a government's accounts and units: one place for the CLI and the back office.

Each change is one transaction with its audit event; a refusal raises PeopleError with a
message for the admin and changes nothing. Accounts are switched off, never deleted: the
audit log and the review history keep pointing at them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from luoshi.accounts.models import Membership
from luoshi.audit.log import record
from luoshi.plans.models import Unit, UnitAlias
from luoshi.security import passwords

MIN_PASSWORD = 10  # AUTH_PASSWORD_VALIDATORS' MinimumLengthValidator says the same
NAME_MAX = 100


class PeopleError(ValueError):
    pass


def _clean_name(value: str, what: str) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise PeopleError(f"请填写{what}")
    if len(name) > NAME_MAX:
        raise PeopleError(f"{what}过长 (最多 {NAME_MAX} 个字符)")
    return name


def add_account(actor, government, name: str, role: str, unit_name: str, password: str, **contact):
    """A new account of `government` with one role (reporters belong to one unit);
    `contact` may give full_name (姓名), phone (电话) and email."""
    contact = clean_contact(**contact)
    name = (name or "").strip()
    if not name or len(name) > 150 or any(c.isspace() for c in name):
        raise PeopleError("账号名不能为空、不能含空格, 最多 150 个字符")
    if role not in dict(Membership.ROLES):
        raise PeopleError("请选择角色")
    unit = None
    if role == Membership.REPORTER:
        if not unit_name:
            raise PeopleError("填报人须指定所属单位")
        unit = Unit.objects.named(government, unit_name).first()
        if unit is None:
            raise PeopleError(f"{government} 没有单位 {unit_name}")
    elif unit_name:
        raise PeopleError("只有填报人属于单位")
    User = get_user_model()
    objections = passwords.problems(password or "", User(username=name))
    if objections:
        raise PeopleError(" ".join(objections))
    with transaction.atomic():
        if User.objects.filter(username=name).exists():
            raise PeopleError(f"账号 {name} 已存在")
        user = User.objects.create_user(name, password=password, email=contact["email"])
        passwords.set_by_admin(user)  # its owner chooses their own at the first log-in
        membership = Membership.objects.create(
            user=user,
            government=government,
            role=role,
            unit=unit,
            full_name=contact["full_name"],
            phone=contact["phone"],
        )
        record(
            actor,
            "user.added",
            membership,
            government=government,
            after={"user": name, "role": role, "unit": unit.name if unit else ""},
        )
    return membership


def clean_contact(full_name: str = "", phone: str = "", email: str = "") -> dict:
    """姓名, 电话 and e-mail for reminders and the overdue list, checked."""
    from django.core.validators import validate_email

    full_name = " ".join((full_name or "").split())
    phone = (phone or "").strip()
    email = (email or "").strip()
    if len(full_name) > 50:
        raise PeopleError("姓名过长 (最多 50 个字符)")
    if len(phone) > 30 or (phone and not all(c.isdigit() or c in "+-() 转" for c in phone)):
        raise PeopleError("电话只能含数字、空格和 + - ( ) 转")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise PeopleError(f"邮箱地址无效: {email}") from None
    return {"full_name": full_name, "phone": phone, "email": email}


def set_contact(actor, membership, **contact) -> None:
    """Change an account's 姓名, 电话 and e-mail (audited)."""
    contact = clean_contact(**contact)
    user = membership.user
    before = {"full_name": membership.full_name, "phone": membership.phone, "email": user.email}
    if before == contact:
        return
    with transaction.atomic():
        membership.full_name, membership.phone = contact["full_name"], contact["phone"]
        membership.save(update_fields=["full_name", "phone"])
        user.email = contact["email"]
        user.save(update_fields=["email"])
        record(
            actor,
            "user.contact_changed",
            membership,
            government=membership.government,
            before=before,
            after=contact,
        )


def set_active(actor, membership, active: bool) -> bool:
    """Switch an account on or off; False when it already was."""
    user = membership.user
    if user.is_active == active:
        return False
    if not active and user.pk == getattr(actor, "pk", None):
        raise PeopleError("不能停用自己的账号")
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        record(
            actor,
            "user.reactivated" if active else "user.deactivated",
            membership,
            government=membership.government,
            before={"active": not active},
            after={"active": active},
        )
    return True


def _create_named(government, model, name, /, **fields):
    """A unit or alias named `name`, refused when the name is already a unit's or an
    alias's in `government` (found first, or met as a concurrent request's row)."""
    if Unit.objects.named(government, name).exists():
        raise PeopleError(f"单位或别名 {name} 已存在")
    try:
        return model.objects.create(name=name, **fields)
    except IntegrityError as exc:  # a concurrent request added it first
        raise PeopleError(f"单位或别名 {name} 已存在") from exc


def add_unit(actor, government, name: str) -> Unit:
    name = _clean_name(name, "单位名称")
    with transaction.atomic():
        unit = _create_named(government, Unit, name, government=government)
        record(actor, "unit.added", unit, government=government, after={"name": name})
    return unit


def add_alias(actor, unit, name: str) -> UnitAlias:
    """Another name of `unit` (区支援合作局 for 区发改经信局): imports then match it."""
    name = _clean_name(name, "别名")
    with transaction.atomic():
        alias = _create_named(unit.government, UnitAlias, name, unit=unit)
        record(
            actor,
            "unit.alias_added",
            unit,
            government=unit.government,
            after={"unit": unit.name, "alias": name},
        )
    return alias
