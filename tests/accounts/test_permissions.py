"""Every permission boundary, one test each, through the pages a user would use."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from luoshi.disclosure import publishing
from luoshi.progress import workflow
from luoshi.progress.models import Period, Progress
from tests.quarter import PASSWORD, row

pytestmark = pytest.mark.django_db

DRAFT = "区商务局的草稿: 外资项目洽谈中, 尚未签约。"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def form_url(progress):
    return reverse("work:task_form", args=[progress.pk])


def test_housing_reporter_cannot_read_a_task_led_by_commerce(client, quarter):
    progress = row(quarter.period, quarter.commerce_task)
    workflow.save_draft(quarter.commerce, progress, DRAFT)
    response = login(client, quarter.housing).get(form_url(progress))
    assert response.status_code == 403
    assert DRAFT not in response.content.decode()


def test_housing_reporter_cannot_write_a_task_led_by_commerce(client, quarter):
    progress = row(quarter.period, quarter.commerce_task)
    login(client, quarter.housing)
    response = client.post(form_url(progress), {"text": "冒名填报", "action": "submit"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        workflow.save_draft(quarter.housing, progress, "冒名填报")
    progress.refresh_from_db()
    assert progress.text == "" and progress.state == Progress.DRAFT


def test_housing_reporter_lists_only_tasks_its_unit_leads(client, quarter):
    page = login(client, quarter.housing).get(reverse("work:my_tasks")).content.decode()
    assert f'data-seq="{quarter.parking.seq}"' in page
    assert f'data-seq="{quarter.commerce_task.seq}"' not in page


def test_preview_of_another_units_task_is_refused(client, quarter):
    progress = row(quarter.period, quarter.commerce_task)
    login(client, quarter.housing)
    response = client.post(reverse("work:preview", args=[progress.pk]), {"text": "x"})
    assert response.status_code == 403


def test_reporter_cannot_edit_after_approval(client, quarter):
    progress = row(quarter.period, quarter.parking)
    workflow.submit(quarter.housing, progress, text="完工公共停车泊位200个。")
    workflow.approve(quarter.reviewer, progress)
    login(client, quarter.housing).post(
        form_url(progress), {"text": "改过的文字", "action": "save"}
    )
    progress.refresh_from_db()
    assert progress.text == "完工公共停车泊位200个。"
    with pytest.raises(PermissionDenied, match="已审核通过"):
        workflow.save_draft(quarter.housing, progress, "改过的文字")


def test_reporter_cannot_edit_while_submitted(quarter):
    progress = row(quarter.period, quarter.parking)
    workflow.submit(quarter.housing, progress, text="完工公共停车泊位200个。")
    with pytest.raises(PermissionDenied, match="等待审核"):
        workflow.save_draft(quarter.housing, progress, "再改")


def test_reporter_cannot_act_in_a_closed_period(quarter):
    Period.objects.filter(pk=quarter.period.pk).update(status=Period.CLOSED)
    progress = row(quarter.period, quarter.parking)
    with pytest.raises(PermissionDenied):
        workflow.save_draft(quarter.housing, progress, "截止后填报")
    with pytest.raises(PermissionDenied):
        workflow.submit(quarter.housing, progress, text="截止后填报")


def test_reporter_cannot_write_a_draft_once_reporting_is_closed(quarter):
    workflow.close_reporting(quarter.admin, quarter.period)
    with pytest.raises(PermissionDenied):
        workflow.save_draft(quarter.housing, row(quarter.period, quarter.parking), "迟到")


def test_reporter_cannot_touch_the_published_previous_period(client, quarter):
    old = row(quarter.seed.period, quarter.seed_parking)
    before = old.text
    with pytest.raises(PermissionDenied):
        workflow.save_draft(quarter.housing, old, "改写去年的报告")
    login(client, quarter.housing).post(form_url(old), {"text": "改写", "action": "save"})
    old.refresh_from_db()
    assert old.text == before


def test_reporter_cannot_review(quarter):
    progress = row(quarter.period, quarter.parking)
    workflow.submit(quarter.housing, progress, text="完工公共停车泊位200个。")
    with pytest.raises(PermissionDenied):
        workflow.approve(quarter.housing, progress)


def test_reviewer_cannot_publish(client, quarter):
    progress = row(quarter.period, quarter.parking)
    workflow.submit(quarter.housing, progress, text="完工公共停车泊位200个。")
    workflow.approve(quarter.reviewer, progress)
    with pytest.raises(PermissionDenied):
        publishing.publish(quarter.reviewer, quarter.period, allow_partial=True)
    response = login(client, quarter.reviewer).post(
        reverse("work:publish", args=[quarter.period.pk]), {"allow_partial": "1"}
    )
    assert response.status_code == 403
    quarter.period.refresh_from_db()
    assert quarter.period.status == Period.REPORTING


def test_reviewer_cannot_open_a_period(quarter):
    with pytest.raises(PermissionDenied):
        workflow.open_period(quarter.reviewer, quarter.plan, 2022, 2, quarter.period.deadline)


def test_public_cannot_see_drafts(client, quarter):
    progress = row(quarter.period, quarter.commerce_task)
    workflow.save_draft(quarter.commerce, progress, DRAFT)
    pages = [
        "/",
        reverse("disclosure:report_detail", args=[quarter.seed.pk]),
        reverse("disclosure:task_detail", args=[quarter.commerce_task.pk]),
        "/search/?q=外资项目洽谈中",
    ]
    for url in pages:
        assert DRAFT not in client.get(url).content.decode(), url
    response = client.get(form_url(progress))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_public_cannot_see_unapproved_rows_of_a_partly_published_period(client, quarter):
    approved = row(quarter.period, quarter.parking)
    workflow.submit(quarter.housing, approved, text="完工公共停车泊位200个。")
    workflow.approve(quarter.reviewer, approved)
    draft = row(quarter.period, quarter.commerce_task)
    workflow.save_draft(quarter.commerce, draft, DRAFT)
    publication = publishing.publish(quarter.admin, quarter.period, allow_partial=True)
    page = client.get(reverse("disclosure:report_detail", args=[publication.pk])).content
    assert "完工公共停车泊位200个" in page.decode()
    assert DRAFT not in page.decode()
    for url in [
        reverse("disclosure:task_detail", args=[quarter.commerce_task.pk]),
        reverse("disclosure:report_download", args=[publication.pk, "csv"]),
        f"/api/v1/tasks?report={publication.pk}",
        f"/api/v1/tasks/{quarter.commerce_task.pk}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert DRAFT not in response.content.decode("utf-8", "replace"), url


def test_admin_of_another_government_cannot_see_drafts(client, quarter, other_government):
    progress = row(quarter.period, quarter.commerce_task)
    workflow.save_draft(quarter.commerce, progress, DRAFT)
    login(client, other_government.admin)
    assert client.get(reverse("work:review_queue", args=[quarter.period.pk])).status_code == 403
    assert client.get(reverse("work:review_item", args=[progress.pk])).status_code == 403
    assert client.get(form_url(progress)).status_code == 403
    periods = client.get(reverse("work:periods")).content.decode()
    assert quarter.period.label not in periods
    with pytest.raises(PermissionDenied):
        publishing.publish(other_government.admin, quarter.period, allow_partial=True)


def test_cooperating_unit_sees_the_task_but_not_the_lead_units_draft(quarter):
    from luoshi.plans.models import TaskUnit
    from luoshi.progress import permissions as perms

    task = quarter.commerce_task
    TaskUnit.objects.create(
        task=task, unit=quarter.housing.membership.unit, role=TaskUnit.COOPERATING, position=9
    )
    task = type(task).objects.get(pk=task.pk)  # without the prefetched units
    progress = row(quarter.period, task)
    assert perms.can_view_task(quarter.housing, task)
    assert not perms.can_view_progress(quarter.housing, progress)
    assert not perms.can_edit_progress(quarter.housing, progress)


def test_work_pages_send_the_public_to_log_in(client, quarter):
    for url in ["/work/", reverse("work:my_tasks"), reverse("work:periods"), "/work/audit/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
