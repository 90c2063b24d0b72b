"""Guessing passwords is throttled: five failures at an account within 15 minutes lock it
for 15 minutes (the right password included), too many from one address lock the address;
the admin or `luoshi user unlock` ends a lockout; log-in, failed log-in, lockout, unlock
and log-out are in the audit log."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from luoshi.audit.models import AuditEvent
from luoshi.plans.models import Government
from luoshi.security.models import Lockout
from tests.quarter import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    government = Government.objects.create(name="某某县")
    admin = make_user("dcs", government, "admin")
    reviewer = make_user("shenhe", government, "reviewer")
    return government, admin, reviewer


def log_in(client, name, password, address="10.0.0.7"):
    return client.post(
        "/accounts/login/",
        {"username": name, "password": password, "next": "/work/"},
        REMOTE_ADDR=address,
    )


def logged_in(response) -> bool:
    return response.status_code == 302


def test_twenty_wrong_passwords_then_the_right_one_does_not_log_in(county):
    client = Client()
    for _ in range(20):
        assert not logged_in(log_in(client, "shenhe", "wrong-password"))
    response = log_in(client, "shenhe", PASSWORD)
    assert not logged_in(response)
    assert "已锁定" in response.content.decode()


def test_four_failures_leave_the_account_open(county):
    client = Client()
    for _ in range(4):
        log_in(client, "shenhe", "wrong-password")
    assert logged_in(log_in(client, "shenhe", PASSWORD))


def test_a_success_starts_the_count_again(county):
    client = Client()
    for _ in range(4):
        log_in(client, "shenhe", "wrong-password")
    assert logged_in(log_in(client, "shenhe", PASSWORD))
    for _ in range(4):
        log_in(Client(), "shenhe", "wrong-password")
    assert logged_in(log_in(Client(), "shenhe", PASSWORD))


def test_the_lockout_ends_after_its_minutes(county):
    for _ in range(5):
        log_in(Client(), "shenhe", "wrong-password")
    lock = Lockout.objects.get(scope="account", key="shenhe")
    assert lock.until - lock.created == dt.timedelta(minutes=15)
    Lockout.objects.update(until=timezone.now() - dt.timedelta(seconds=1))
    assert logged_in(log_in(Client(), "shenhe", PASSWORD))


def test_failures_older_than_the_window_do_not_count(county):
    from luoshi.security.models import LoginFailure

    for _ in range(4):
        log_in(Client(), "shenhe", "wrong-password")
    LoginFailure.objects.update(at=timezone.now() - dt.timedelta(minutes=16))
    log_in(Client(), "shenhe", "wrong-password")
    assert logged_in(log_in(Client(), "shenhe", PASSWORD))


def test_many_accounts_tried_from_one_address_lock_the_address(county, settings):
    settings.LUOSHI_LOGIN_MAX_FAILURES_PER_ADDRESS = 6
    for n in range(6):
        log_in(Client(), f"guess{n}", "wrong-password", address="203.0.113.9")
    assert not logged_in(log_in(Client(), "shenhe", PASSWORD, address="203.0.113.9"))
    assert logged_in(log_in(Client(), "shenhe", PASSWORD, address="10.0.0.8"))


def test_the_admin_login_is_throttled_too(county):
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    for _ in range(5):
        Client().post("/admin/login/", {"username": "root", "password": "nope-nope-nope"})
    response = Client().post(
        "/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD}
    )
    assert response.status_code == 200  # the form again, not the redirect into /admin/


def test_the_admin_unlocks_an_account_from_the_accounts_page(county):
    government, admin, reviewer = county
    for _ in range(5):
        log_in(Client(), "shenhe", "wrong-password")
    office = Client()
    office.force_login(admin)
    page = office.get("/work/accounts/").content.decode()
    assert "登录已锁定至" in page and "解除锁定" in page
    response = office.post(f"/work/accounts/{reviewer.membership.pk}/unlock/")
    assert response.status_code == 302
    assert logged_in(log_in(Client(), "shenhe", PASSWORD))
    event = AuditEvent.objects.get(action="login.unlocked")
    assert event.actor == admin and event.government == government


def test_an_admin_cannot_unlock_another_governments_account(county):
    _, _, reviewer = county
    other = Government.objects.create(name="另一个县")
    stranger = Client()
    stranger.force_login(make_user("other-admin", other, "admin"))
    for _ in range(5):
        log_in(Client(), "shenhe", "wrong-password")
    assert stranger.post(f"/work/accounts/{reviewer.membership.pk}/unlock/").status_code == 404
    assert Lockout.objects.current().filter(key="shenhe").exists()


def test_luoshi_user_unlock_ends_the_lockout(county, capsys):
    for _ in range(5):
        log_in(Client(), "shenhe", "wrong-password")
    call_command("user", "unlock", "shenhe")
    assert "已解除 shenhe 的登录锁定" in capsys.readouterr().out
    assert logged_in(log_in(Client(), "shenhe", PASSWORD))


def test_log_in_failures_lockout_and_log_out_are_audited(county):
    government, _, reviewer = county
    client = Client()
    assert logged_in(log_in(client, "shenhe", PASSWORD))
    client.post("/accounts/logout/")
    for _ in range(5):
        log_in(Client(), "shenhe", "wrong-password")
    log_in(Client(), "nobody", "wrong-password")
    events = list(AuditEvent.objects.order_by("id").values_list("action", "actor_name"))
    assert events[:2] == [("login.succeeded", "shenhe"), ("logout", "shenhe")]
    assert events.count(("login.failed", "shenhe")) == 5
    assert ("login.locked", "shenhe") in events
    assert ("login.failed", "nobody (未知账号)") in events
    ours = AuditEvent.objects.filter(actor=reviewer)
    assert set(ours.values_list("government", flat=True)) == {government.pk}
    assert "地址 10.0.0.7" in ours.get(action="login.succeeded").note
