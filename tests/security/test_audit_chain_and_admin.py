"""/admin/ changes no domain row (every change goes through the audited services, a
published row only through a correction); the audit log is a hash chain, and `luoshi audit
verify` names the first broken link; the government's settings have a back-office page."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from luoshi.audit.log import record
from luoshi.audit.models import GENESIS, AuditEvent
from luoshi.disclosure.models import Publication
from luoshi.plans.models import Government, Task
from tests.quarter import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client():
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    client = Client()
    client.login(username="root", password=PASSWORD)
    return client


def test_admin_cannot_change_a_published_title(superuser_client, seed_publication):
    url = f"/admin/disclosure/publication/{seed_publication.pk}/change/"
    page = superuser_client.get(url)
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()  # view only
    response = superuser_client.post(url, {"title": "改过的标题"})
    assert response.status_code == 403
    assert Publication.objects.get(pk=seed_publication.pk).title == seed_publication.title


def test_admin_cannot_change_add_or_delete_tasks_or_governments(superuser_client, seed_publication):
    task = Task.objects.first()
    posts = [
        (f"/admin/plans/task/{task.pk}/change/", {"content": "改"}),
        (f"/admin/plans/task/{task.pk}/delete/", {"post": "yes"}),
        ("/admin/plans/government/add/", {"name": "新政府"}),
    ]
    for url, data in posts:
        assert superuser_client.post(url, data).status_code == 403, url
    assert Task.objects.get(pk=task.pk).content == task.content
    assert not Government.objects.filter(name="新政府").exists()


def test_events_form_a_chain_and_verify_says_it_holds(quarter, capsys):
    record(quarter.admin, "progress.saved", government=quarter.government, after={"a": (1, 2)})
    record(quarter.admin, "progress.submitted", government=quarter.government)
    events = list(AuditEvent.objects.order_by("id"))
    assert events[0].previous_hash == GENESIS
    assert all(b.previous_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    call_command("audit", "verify")
    assert "哈希链无断裂" in capsys.readouterr().out


def _three_events(quarter):
    for action in ("progress.saved", "progress.submitted", "progress.approved"):
        record(quarter.admin, action, government=quarter.government, note=action)
    return list(AuditEvent.objects.order_by("id"))[-3:]


def test_an_event_edited_in_the_database_is_the_first_broken_link(quarter):
    first, second, _ = _three_events(quarter)
    AuditEvent.objects.filter(pk=second.pk).update(note="改过")  # past the application
    with pytest.raises(CommandError, match=f"#{second.pk} .*此事件被改动"):
        call_command("audit", "verify")


def test_an_event_deleted_from_the_database_breaks_the_next_link(quarter):
    _, second, third = _three_events(quarter)
    AuditEvent.objects.filter(pk=second.pk).delete()
    with pytest.raises(CommandError, match=f"#{third.pk} .*被删除"):
        call_command("audit", "verify")


def test_the_admin_sets_the_governments_organisation_code_in_the_back_office(quarter):
    office = Client()
    office.force_login(quarter.admin)
    page = office.get("/work/government/")
    assert page.status_code == 200
    response = office.post(
        "/work/government/",
        {"org_code": "K0000001-1", "index_no_pattern": "{code}/{year}-{serial:05d}"},
    )
    assert response.status_code == 302
    quarter.government.refresh_from_db()
    assert quarter.government.org_code == "K0000001-1"
    event = AuditEvent.objects.get(action="government.updated")
    assert event.after["org_code"] == "K0000001-1" and event.actor == quarter.admin


def test_a_pattern_without_a_serial_is_refused_and_nothing_changes(quarter):
    office = Client()
    office.force_login(quarter.admin)
    before = quarter.government.index_no_pattern
    page = office.post(
        "/work/government/", {"org_code": "K1", "index_no_pattern": "{code}/{year}"}, follow=True
    ).content.decode()
    assert "索引号格式须含" in page
    quarter.government.refresh_from_db()
    assert quarter.government.index_no_pattern == before


def test_only_the_admin_reaches_the_government_settings(quarter):
    reviewer = Client()
    reviewer.force_login(quarter.reviewer)
    assert reviewer.get("/work/government/").status_code == 403
