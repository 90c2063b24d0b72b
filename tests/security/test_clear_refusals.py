"""Two refusals that were 500s: publishing for a government without an organisation code
says what to set and where; a full disk on saving says so and keeps the unit's text."""

import errno
import sqlite3

import pytest
from django.db import OperationalError
from django.test import Client

from luoshi.disclosure.models import Publication
from luoshi.progress import workflow
from luoshi.progress.models import Progress
from tests.quarter import row

pytestmark = pytest.mark.django_db

TYPED = "1-3月, 完工公共停车泊位200个；完成开工及续建2000个。"


def test_publishing_without_an_organisation_code_names_the_setting(quarter):
    progress = workflow.submit(quarter.housing, row(quarter.period, quarter.parking), text=TYPED)
    workflow.approve(quarter.reviewer, progress)
    quarter.government.org_code = ""
    quarter.government.save()
    office = Client()
    office.force_login(quarter.admin)
    before = Publication.objects.count()
    response = office.post(
        f"/work/periods/{quarter.period.pk}/publish/", {"allow_partial": "1"}, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "未设置组织机构代码" in page and "政府设置" in page
    assert Publication.objects.count() == before


@pytest.mark.parametrize(
    "failure",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        OperationalError(str(sqlite3.OperationalError("database or disk is full"))),
    ],
    ids=["ENOSPC", "sqlite-full"],
)
def test_a_full_disk_on_saving_keeps_the_typed_text_in_the_form(quarter, monkeypatch, failure):
    progress = row(quarter.period, quarter.parking)

    def full(*args, **kwargs):
        raise failure

    monkeypatch.setattr(workflow, "save_draft", full)
    reporter = Client()
    reporter.force_login(quarter.housing)
    response = reporter.post(f"/work/tasks/{progress.pk}/", {"text": TYPED, "action": "save"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "服务器磁盘已满" in page and TYPED in page
    assert Progress.objects.get(pk=progress.pk).text != TYPED


def test_other_storage_errors_are_not_taken_for_a_full_disk(quarter, monkeypatch):
    progress = row(quarter.period, quarter.parking)

    def broken(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(workflow, "save_draft", broken)
    reporter = Client(raise_request_exception=False)
    reporter.force_login(quarter.housing)
    assert reporter.post(f"/work/tasks/{progress.pk}/", {"text": TYPED}).status_code == 500
