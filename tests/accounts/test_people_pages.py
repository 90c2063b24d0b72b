"""The admin's pages for accounts and units: who may use them, what they change, audit."""

import re

import pytest
from django.test import Client

from luoshi.accounts.models import Membership
from luoshi.audit.models import AuditEvent
from luoshi.plans.models import Task, Unit, UnitAlias
from tests.quarter import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "new-reporter-pass"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _add(client, **fields):
    data = {"name": "minzheng", "role": "reporter", "unit": "区民政局"}
    data |= {"password": NEW_PASSWORD, "password2": NEW_PASSWORD} | fields
    return client.post("/work/accounts/", data, follow=True)


def test_admin_adds_a_reporter_who_can_log_in_and_sees_only_his_units_tasks(quarter):
    page = _add(_client(quarter.admin)).content.decode()
    assert "已新增账号 minzheng" in page
    member = Membership.objects.get(user__username="minzheng")
    assert (member.role, member.unit.name, member.government) == (
        "reporter",
        "区民政局",
        quarter.government,
    )
    reporter = Client()
    assert reporter.login(username="minzheng", password=NEW_PASSWORD)
    # The initial password was the admin's: its owner chooses one first.
    assert reporter.get("/work/tasks/")["Location"].startswith("/accounts/password/")
    own = "minzheng-own-choice"
    changed = {"old_password": NEW_PASSWORD, "new_password1": own, "new_password2": own}
    assert reporter.post("/accounts/password/", changed).status_code == 302
    tasks = reporter.get("/work/tasks/").content.decode()
    assert "新增养老机构床位270张" in tasks  # task 76, led by 区民政局
    assert "新增公共停车泊位630个" not in tasks  # task 45, 区住建局's
    event = AuditEvent.objects.get(action="user.added")
    assert (event.actor, event.after["user"], event.after["unit"]) == (
        quarter.admin,
        "minzheng",
        "区民政局",
    )


def test_a_refused_account_is_named_and_nothing_is_stored(quarter):
    before = Membership.objects.count()
    client = _client(quarter.admin)
    assert "两次输入的密码不一致" in _add(client, password2="other-pass-1").content.decode()
    assert "已存在" in _add(client, name="zhujian").content.decode()
    assert (
        "密码至少 10 个字符" in _add(client, password="short", password2="short").content.decode()
    )
    assert "没有单位" in _add(client, unit="区不存在局").content.decode()
    assert "填报人须指定所属单位" in _add(client, unit="").content.decode()
    assert Membership.objects.count() == before
    assert not AuditEvent.objects.filter(action="user.added").exists()


@pytest.mark.parametrize("who", ["reviewer", "housing"])
def test_only_the_admin_reaches_accounts_and_units(quarter, who):
    client = _client(getattr(quarter, who))
    assert client.get("/work/accounts/").status_code == 403
    assert client.get("/work/units/").status_code == 403
    assert _add(client).status_code == 403
    assert not Membership.objects.filter(user__username="minzheng").exists()


def test_the_public_is_sent_to_log_in(quarter):
    response = Client().get("/work/accounts/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_governments_admin_sees_none_of_these_accounts_and_cannot_switch_them_off(
    quarter, other_government
):
    client = _client(other_government.admin)
    page = client.get("/work/accounts/").content.decode()
    assert "zhujian" not in page and "shangwu" not in page
    housing = Membership.objects.get(user=quarter.housing)
    response = client.post(f"/work/accounts/{housing.pk}/active/", {"active": "0"})
    assert response.status_code == 404
    quarter.housing.refresh_from_db()
    assert quarter.housing.is_active


def test_a_switched_off_account_cannot_log_in_and_its_session_ends(quarter):
    reporter = Client()
    assert reporter.login(username="zhujian", password=PASSWORD)
    housing = Membership.objects.get(user=quarter.housing)
    admin = _client(quarter.admin)
    page = admin.post(f"/work/accounts/{housing.pk}/active/", {"active": "0"}, follow=True)
    assert "已停用账号 zhujian" in page.content.decode()
    response = reporter.get("/work/tasks/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Client().login(username="zhujian", password=PASSWORD)
    assert AuditEvent.objects.filter(action="user.deactivated", actor=quarter.admin).exists()
    admin.post(f"/work/accounts/{housing.pk}/active/", {"active": "1"})
    assert Client().login(username="zhujian", password=PASSWORD)


def test_the_admin_cannot_switch_off_his_own_account(quarter):
    own = Membership.objects.get(user=quarter.admin)
    page = _client(quarter.admin).post(
        f"/work/accounts/{own.pk}/active/", {"active": "0"}, follow=True
    )
    assert "不能停用自己的账号" in page.content.decode()
    quarter.admin.refresh_from_db()
    assert quarter.admin.is_active


def test_units_page_lists_units_with_aliases_and_task_counts(quarter):
    page = _client(quarter.admin).get("/work/units/").content.decode()
    row = page[page.index('data-unit="区发改经信局"') :]
    row = row[: row.index("</tr>")]
    assert "区支援合作局" in row  # the seed writes it under 区发改经信局
    leads, cooperates, reporters = re.findall(r'<td class="num">(\d+)</td>', row)
    led = Task.objects.filter(
        task_units__unit__name="区发改经信局", task_units__role="lead"
    ).count()
    assert (int(leads), int(reporters)) == (led, 0) and led > 0


def test_admin_adds_a_unit_and_an_alias_that_imports_then_match(quarter):
    client = _client(quarter.admin)
    client.post("/work/units/", {"name": "区数据资源局"})
    unit = Unit.objects.get(government=quarter.government, name="区数据资源局")
    page = client.post(f"/work/units/{unit.pk}/alias/", {"alias": "区大数据局"}, follow=True)
    assert "已为 区数据资源局 新增别名" in page.content.decode()
    assert Unit.objects.named(quarter.government, "区大数据局").get() == unit
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"unit.added", "unit.alias_added"} <= actions


def test_a_name_already_used_by_a_unit_or_alias_is_refused(quarter):
    client = _client(quarter.admin)
    unit = Unit.objects.get(government=quarter.government, name="区民政局")
    before = (Unit.objects.count(), UnitAlias.objects.count())
    assert (
        "已存在" in client.post("/work/units/", {"name": "区住建局"}, follow=True).content.decode()
    )
    page = client.post(f"/work/units/{unit.pk}/alias/", {"alias": "区支援合作局"}, follow=True)
    assert "已存在" in page.content.decode()
    assert (Unit.objects.count(), UnitAlias.objects.count()) == before


def test_unit_names_are_escaped(quarter):
    client = _client(quarter.admin)
    client.post("/work/units/", {"name": "<script>alert(1)</script>局"})
    page = client.get("/work/units/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in page
