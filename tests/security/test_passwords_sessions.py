"""Weak passwords are refused wherever one is set; everyone can change their own; an admin
resets one, and a password set by an admin must be changed at the next log-in; a session
ends after 30 idle minutes and with the browser."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from luoshi.accounts import people
from luoshi.audit.models import AuditEvent
from luoshi.plans.models import Government
from tests.quarter import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    government = Government.objects.create(name="某某县")
    return government, make_user("dcs", government, "admin")


def _office(admin):
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    ("password", "said"),
    [
        ("12345678", "密码至少 10 个字符"),
        ("1234567890", "密码不能全是数字"),
        ("aaaaaaaaaa", "这个密码太常见"),
        ("shenhe2021x", "密码与账号名太相似"),
    ],
)
def test_weak_passwords_are_refused_in_the_back_office(county, password, said):
    _, admin = county
    data = {"name": "shenhe2021", "role": "reviewer", "password": password, "password2": password}
    page = _office(admin).post("/work/accounts/", data, follow=True).content.decode()
    assert said in page
    assert not get_user_model().objects.filter(username="shenhe2021").exists()


def test_luoshi_user_add_refuses_a_common_password(county, tmp_path):
    path = tmp_path / "pw"
    path.write_text("password123\n", encoding="utf-8")
    with pytest.raises(CommandError, match="这个密码太常见"):
        call_command("user", "add", "shenhe", "--role", "reviewer", "--password-file", str(path))


def test_createsuperuser_is_judged_by_the_same_validators():
    # createsuperuser asks validate_password (and so AUTH_PASSWORD_VALIDATORS) when prompting.
    with pytest.raises(ValidationError):
        validate_password("1", get_user_model()(username="root"))


def test_everyone_changes_their_own_password_and_it_is_audited(county):
    government, _ = county
    reviewer = make_user("shenhe", government, "reviewer")
    client = Client()
    client.force_login(reviewer)
    new = "a-new-one-of-mine"
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert client.get("/work/").status_code == 302  # still signed in: on to the home page
    assert Client().login(username="shenhe", password=new)
    assert AuditEvent.objects.filter(action="password.changed", actor=reviewer).exists()


def test_a_weak_new_password_is_refused_by_the_change_form(county):
    government, _ = county
    reviewer = make_user("shenhe", government, "reviewer")
    client = Client()
    client.force_login(reviewer)
    data = {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    assert client.post("/accounts/password/", data).status_code == 200
    assert Client().login(username="shenhe", password=PASSWORD)


def test_a_new_accounts_initial_password_must_be_changed_at_first_log_in(county):
    government, admin = county
    people.add_account(admin, government, "shenhe", "reviewer", "", "initial-from-admin")
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "shenhe", "password": "initial-from-admin"}
    )
    assert response.status_code == 302
    response = client.get("/work/review/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/?next=/work/review/"
    assert "请先设置您自己的密码" in client.get("/accounts/password/").content.decode()


def test_the_admin_resets_a_password_which_must_then_be_changed(county):
    government, admin = county
    reviewer = make_user("shenhe", government, "reviewer")
    new = "reset-by-the-office"
    office = _office(admin)
    office.post(
        f"/work/accounts/{reviewer.membership.pk}/password/", {"password": new, "password2": new}
    )
    client = Client()
    client.post("/accounts/login/", {"username": "shenhe", "password": new})
    assert client.get("/work/")["Location"].startswith("/accounts/password/")
    event = AuditEvent.objects.get(action="password.reset")
    assert (event.actor, event.note, event.government) == (admin, "shenhe", government)


def test_a_reset_to_a_weak_password_changes_nothing(county):
    government, admin = county
    reviewer = make_user("shenhe", government, "reviewer")
    page = (
        _office(admin)
        .post(
            f"/work/accounts/{reviewer.membership.pk}/password/",
            {"password": "1234567890", "password2": "1234567890"},
            follow=True,
        )
        .content.decode()
    )
    assert "密码不能全是数字" in page
    assert Client().login(username="shenhe", password=PASSWORD)


def test_a_session_ends_with_the_browser(county):
    _, admin = county
    response = Client().post("/accounts/login/", {"username": "dcs", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]


def test_a_session_idle_for_30_minutes_has_ended(county):
    _, admin = county
    client = Client()
    client.post("/accounts/login/", {"username": "dcs", "password": PASSWORD})
    assert client.get("/work/accounts/").status_code == 200
    session = Session.objects.get()
    left = session.expire_date - timezone.now()
    assert dt.timedelta(minutes=29) < left <= dt.timedelta(minutes=30)  # pushed on by use
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/work/accounts/")["Location"].startswith("/accounts/login/")
