"""Accounts carry 姓名, 电话 and e-mail: the addresses reminders go to."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from luoshi.accounts.models import Membership
from luoshi.audit.models import AuditEvent
from tests.quarter import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_admin_adds_an_account_with_its_contacts(client, quarter):
    login(client, quarter.admin).post(
        reverse("people:accounts"),
        {"name": "caizheng", "role": "reporter", "unit": "区财政局", "password": PASSWORD,
         "password2": PASSWORD, "full_name": "陈 财", "phone": "0571-8800 1234",
         "email": "cz@example.cn"},
    )  # fmt: skip
    m = Membership.objects.get(user__username="caizheng")
    assert (m.full_name, m.phone, m.user.email) == ("陈 财", "0571-8800 1234", "cz@example.cn")


def test_the_admin_changes_contacts_and_it_is_audited(client, quarter):
    m = quarter.housing.membership
    login(client, quarter.admin).post(
        reverse("people:account_contact", args=[m.pk]),
        {"full_name": "王建", "phone": "13800000000", "email": "wj@example.cn"},
    )
    m.refresh_from_db()
    m.user.refresh_from_db()
    assert (m.full_name, m.phone, m.user.email) == ("王建", "13800000000", "wj@example.cn")
    event = AuditEvent.objects.get(action="user.contact_changed")
    assert event.after["email"] == "wj@example.cn"


def test_a_bad_address_is_refused_and_nothing_changes(client, quarter):
    m = quarter.housing.membership
    response = login(client, quarter.admin).post(
        reverse("people:account_contact", args=[m.pk]),
        {"full_name": "王建", "phone": "138", "email": "not-an-address"},
        follow=True,
    )
    assert "邮箱地址无效" in response.content.decode()
    m.refresh_from_db()
    assert m.full_name == "" and not AuditEvent.objects.filter(action="user.contact_changed")


@pytest.mark.parametrize("who", ["reviewer", "housing", "other"])
def test_only_the_governments_admin_changes_contacts(client, quarter, other_government, who):
    user = other_government.admin if who == "other" else getattr(quarter, who)
    m = quarter.commerce.membership
    response = login(client, user).post(
        reverse("people:account_contact", args=[m.pk]), {"email": "x@example.cn"}
    )
    assert response.status_code in (403, 404)
    m.user.refresh_from_db()
    assert m.user.email == ""


def test_the_user_command_takes_contacts(quarter, tmp_path):
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD, encoding="utf-8")
    call_command(
        "user", "add", "fagai", "--role", "reporter", "--unit", "区发改经信局",
        "--password-file", str(pw), "--full-name", "赵发", "--phone", "88001122",
        "--email", "fg@example.cn",
    )  # fmt: skip
    m = Membership.objects.get(user__username="fagai")
    assert (m.full_name, m.phone, m.user.email) == ("赵发", "88001122", "fg@example.cn")
