"""Two governments on one instance, each with its own units, plan, accounts and drafts:
each admin works on its own government's drafts and never sees the other's."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from luoshi.progress import permissions as perms
from luoshi.progress import workflow
from tests.quarter import DEADLINE, PASSWORD, make_user, plan_of_year, row, task_led_only_by

pytestmark = pytest.mark.django_db

OTHER = "某县人民政府"
DRAFT_A = "拱墅区商务局草稿: 外资项目洽谈中。"
DRAFT_B = "某县商务局草稿: 招商签约三个项目。"


@pytest.fixture
def county(quarter, seed_report):
    """A second government that imported a report of the same shape (its own units are
    created by the import), with its own admin, a reporter and an open quarter."""
    from luoshi.imports.importer import store_report

    report = copy.deepcopy(seed_report)
    report.meta.index_no = "11341700003244967K/2022-00001"
    report.government = report.meta.publisher = OTHER
    publication = store_report(report, government_name=OTHER, source_name="county").publication
    government = publication.government
    plan = plan_of_year(publication.period.plan, 2022)
    admin = make_user("county-admin", government, "admin")
    commerce = make_user("county-shangwu", government, "reporter", "区商务局")
    period = workflow.open_period(admin, plan, 2022, 1, DEADLINE)
    task = task_led_only_by(plan, "区商务局")
    progress = workflow.save_draft(commerce, row(period, task), DRAFT_B)
    return type("County", (), dict(government=government, admin=admin, period=period,
                                   progress=progress))  # fmt: skip


def opens(client, user, url):
    assert client.login(username=user.username, password=PASSWORD)
    response = client.get(url)
    client.logout()
    return response


def draft_page(client, user, progress):
    return opens(client, user, reverse("work:review_item", args=[progress.pk]))


def drafts_list(client, user, period):
    url = reverse("work:review_queue", args=[period.pk]) + "?state=draft"
    return opens(client, user, url)


def test_each_admin_sees_its_own_drafts_and_never_the_other_governments(client, quarter, county):
    mine = workflow.save_draft(
        quarter.commerce, row(quarter.period, quarter.commerce_task), DRAFT_A
    )
    assert quarter.government != county.government
    assert mine.task.lead_unit_names == county.progress.task.lead_unit_names  # same names,
    assert mine.task.task_units.first().unit != county.progress.task.task_units.first().unit

    own = draft_page(client, quarter.admin, mine)
    assert own.status_code == 200 and DRAFT_A in own.content.decode()
    assert draft_page(client, quarter.admin, county.progress).status_code == 403
    assert draft_page(client, county.admin, mine).status_code == 403
    theirs = draft_page(client, county.admin, county.progress)
    assert theirs.status_code == 200 and DRAFT_B in theirs.content.decode()
    assert drafts_list(client, quarter.admin, quarter.period).status_code == 200
    assert drafts_list(client, quarter.admin, county.period).status_code == 403
    assert drafts_list(client, county.admin, quarter.period).status_code == 403

    assert not perms.can_view_progress(quarter.admin, county.progress)
    assert not perms.can_view_progress(county.admin, mine)
    assert not perms.progress_for(quarter.admin, county.period).exists()
    assert not perms.progress_for(county.admin, quarter.period).exists()
