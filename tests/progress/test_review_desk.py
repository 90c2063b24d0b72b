"""The review desk: filters, ticked bulk approval, overrides shown in the queue and to
the reporter, and a reporter withdrawing a submission before review."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from luoshi.audit.models import AuditEvent
from luoshi.progress import workflow
from luoshi.progress.models import Progress
from tests.quarter import PASSWORD, row

pytestmark = pytest.mark.django_db

SHORT = "1-3月, 完工公共停车泊位100个, 完成开工及续建2000个。"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def submitted(quarter):
    """45 (区住建局, contested: claims 序时推进, the engine says 滞后) and a 区商务局 task."""
    quarter.p45 = workflow.submit(
        quarter.housing, row(quarter.period, quarter.parking), text=SHORT, self_status="on_track"
    )
    quarter.pc = workflow.submit(
        quarter.commerce, row(quarter.period, quarter.commerce_task), text="有序推进中。"
    )
    return quarter


def queue(client, period, **params):
    html = client.get(reverse("work:review_queue", args=[period.pk]), params).content.decode()
    return html.count('class="queue-item'), html


def test_the_queue_filters_by_unit_section_class_and_flag(client, submitted):
    q = submitted
    login(client, q.reviewer)
    assert queue(client, q.period)[0] == 2
    housing = q.government.units.get(name="区住建局")
    n, html = queue(client, q.period, unit=housing.pk)
    assert n == 1 and 'data-seq="45"' in html
    assert queue(client, q.period, section=q.parking.section_id)[0] == 1 + (
        q.commerce_task.section_id == q.parking.section_id
    )
    assert queue(client, q.period, status="behind")[0] == 1
    assert queue(client, q.period, flag="1")[0] == 1
    n, html = queue(client, q.period, flag="0")
    assert n == 1 and f'data-seq="{q.commerce_task.seq}"' in html


def test_bulk_approval_approves_the_ticked_rows_only(client, submitted, quarter):
    another = workflow.submit(
        quarter.commerce,
        row(quarter.period, quarter.plan.tasks.exclude(pk=quarter.commerce_task.pk)
            .filter(task_units__unit__name="区商务局", task_units__role="lead").first()),
        text="推进中。",
    )  # fmt: skip
    login(client, quarter.reviewer).post(
        reverse("work:bulk_approve", args=[quarter.period.pk]),
        {"ticked": "1", "ids": [submitted.pc.pk, submitted.p45.pk]},
    )
    states = dict(Progress.objects.filter(pk__in=[submitted.pc.pk, submitted.p45.pk, another.pk])
                  .values_list("pk", "state"))  # fmt: skip
    assert states[submitted.pc.pk] == Progress.APPROVED
    assert states[submitted.p45.pk] == Progress.SUBMITTED  # contested: one by one
    assert states[another.pk] == Progress.SUBMITTED  # not ticked


def test_a_reporter_cannot_bulk_approve(client, submitted):
    before = AuditEvent.objects.exclude(action="login.succeeded").count()
    response = login(client, submitted.housing).post(
        reverse("work:bulk_approve", args=[submitted.period.pk]),
        {"ticked": "1", "ids": [submitted.pc.pk]},
    )
    assert (
        response.status_code == 403
        and AuditEvent.objects.exclude(action="login.succeeded").count() == before
    )


def test_an_override_shows_in_the_queue_and_to_the_reporter(client, submitted):
    q = submitted
    workflow.approve(q.reviewer, q.p45, override_status="on_track", reason="春节停工, 已追回进度")
    _, html = queue(login(client, q.reviewer), q.period, state="approved")
    assert "改判: 滞后 → <strong>序时推进</strong> · shenhe · 理由: 春节停工, 已追回进度" in html
    client.logout()
    page = login(client, q.housing).get(reverse("work:task_form", args=[q.p45.pk]))
    result = page.content.decode().split('id="review-result"')[1].split("</p>")[0]
    assert "序时推进" in result and "督查室改判为 序时推进" in result and "春节停工" in result


def test_a_reporter_withdraws_a_submission_before_review_and_edits_it(client, submitted):
    q = submitted
    login(client, q.housing).post(
        reverse("work:task_form", args=[q.p45.pk]), {"action": "withdraw"}
    )
    q.p45.refresh_from_db()
    assert q.p45.state == Progress.DRAFT
    assert AuditEvent.objects.filter(action="progress.withdrawn").count() == 1
    assert workflow.save_draft(q.housing, q.p45, SHORT + "补充说明。").state == Progress.DRAFT


def test_a_reviewed_submission_cannot_be_withdrawn(submitted):
    workflow.approve(submitted.reviewer, submitted.pc)
    before = AuditEvent.objects.exclude(action="login.succeeded").count()
    with pytest.raises(workflow.WorkflowError, match="已审核通过"):
        workflow.withdraw(submitted.commerce, submitted.pc)
    assert AuditEvent.objects.exclude(action="login.succeeded").count() == before


@pytest.mark.parametrize("who", ["commerce", "reviewer", "admin"])
def test_only_the_lead_units_reporter_withdraws(submitted, who):
    with pytest.raises(PermissionDenied):
        workflow.withdraw(getattr(submitted, who), submitted.p45)
    submitted.p45.refresh_from_db()
    assert submitted.p45.state == Progress.SUBMITTED


def test_problems_and_next_steps_are_saved_with_the_report(submitted):
    q = submitted
    progress = workflow.save_draft(
        q.housing, row(q.period, q.plan.tasks.get(seq=42)), "推进中。",
        problems="拆迁进度慢", next_steps="二季度完成签约",
    )  # fmt: skip
    progress.refresh_from_db()
    assert (progress.problems, progress.next_steps) == ("拆迁进度慢", "二季度完成签约")
