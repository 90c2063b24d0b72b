"""The quarter's workflow: opening, drafting, submitting, reviewing."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from luoshi.audit.models import AuditEvent
from luoshi.disclosure.history import previous_published
from luoshi.progress import workflow
from luoshi.progress.models import Progress
from luoshi.progress.review import disagreement, highlight
from tests.quarter import PASSWORD, row

pytestmark = pytest.mark.django_db

SHORT = "1-3月, 完工公共停车泊位100个, 完成开工及续建2000个。"


def test_opening_a_quarter_gives_every_task_of_the_plan_an_empty_draft(quarter):
    rows = quarter.period.progress.all()
    assert rows.count() == quarter.plan.tasks.count() == 106
    assert set(rows.values_list("state", flat=True)) == {Progress.DRAFT}
    assert set(rows.values_list("text", flat=True)) == {""}
    assert quarter.period.label == "2022年一季度" and quarter.period.as_of == "2022-03"


def test_opening_the_same_quarter_twice_is_refused(quarter):
    with pytest.raises(workflow.AlreadyDone):
        workflow.open_period(quarter.admin, quarter.plan, 2022, 1, quarter.period.deadline)


def test_the_unit_sees_its_last_published_text_beside_the_new_draft(quarter):
    progress = row(quarter.period, quarter.parking)
    previous = previous_published(progress)
    assert previous.publication == quarter.seed
    assert previous.text == row(quarter.seed.period, quarter.seed_parking).text


def test_saving_a_draft_assesses_it_against_the_quarter(quarter):
    progress = workflow.save_draft(quarter.housing, row(quarter.period, quarter.parking), SHORT)
    assert progress.engine_status == "behind"  # 100 of 630 is 16%, short of 25% at Q1
    assert progress.state == Progress.DRAFT


def test_stated_figures_are_read_with_the_text(quarter):
    progress = workflow.save_draft(
        quarter.housing,
        row(quarter.period, quarter.parking),
        "停车泊位建设有序推进。",
        stated_figures="完工公共停车泊位200个, 完成开工及续建2000个",
    )
    assert {a["text"] for a in progress.actuals} >= {"完工公共停车泊位200个"}


def test_submitting_empty_text_is_refused(quarter):
    with pytest.raises(workflow.WorkflowError, match="不能为空"):
        workflow.submit(quarter.housing, row(quarter.period, quarter.parking))


def test_disagreement_flag_explains_the_units_own_figure_is_short(quarter):
    progress = workflow.submit(
        quarter.housing, row(quarter.period, quarter.parking), text=SHORT, self_status="on_track"
    )
    flag = disagreement(progress)
    assert "单位自评「序时推进」" in flag and "系统评估「滞后」" in flag
    assert "完工公共停车泊位100个" in flag and "低于序时进度25%" in flag


def test_no_flag_when_the_unit_agrees_with_the_engine(quarter):
    progress = workflow.submit(
        quarter.housing, row(quarter.period, quarter.parking), text=SHORT, self_status="behind"
    )
    assert disagreement(progress) == ""


def test_returning_needs_a_comment(quarter):
    progress = workflow.submit(quarter.housing, row(quarter.period, quarter.parking), text=SHORT)
    with pytest.raises(workflow.WorkflowError, match="意见"):
        workflow.return_progress(quarter.reviewer, progress, " ")


def test_a_returned_item_can_be_rewritten_and_resubmitted_after_reporting_closes(quarter):
    progress = workflow.submit(quarter.housing, row(quarter.period, quarter.parking), text=SHORT)
    workflow.close_reporting(quarter.admin, quarter.period)
    workflow.return_progress(quarter.reviewer, progress, "请说明滞后原因")
    progress = workflow.submit(
        quarter.housing, progress, text=SHORT + "受疫情影响开工推迟。", self_status="behind"
    )
    assert progress.state == Progress.SUBMITTED
    assert workflow.approve(quarter.reviewer, progress).state == Progress.APPROVED


def test_overriding_the_class_needs_a_reason(quarter):
    progress = workflow.submit(quarter.housing, row(quarter.period, quarter.parking), text=SHORT)
    with pytest.raises(workflow.WorkflowError, match="理由"):
        workflow.approve(quarter.reviewer, progress, override_status="on_track")
    assert Progress.objects.get(pk=progress.pk).state == Progress.SUBMITTED


def test_an_override_becomes_the_class_of_record_and_is_audited(quarter):
    progress = workflow.submit(quarter.housing, row(quarter.period, quarter.parking), text=SHORT)
    progress = workflow.approve(
        quarter.reviewer, progress, override_status="on_track", reason="一季度为施工淡季"
    )
    assert progress.status == "on_track" and progress.engine_status == "behind"
    event = AuditEvent.objects.get(action="assessment.overridden")
    assert event.before == {"status": "behind"} and event.after == {"status": "on_track"}
    assert event.note == "一季度为施工淡季" and event.actor == quarter.reviewer


def test_approving_twice_says_already_approved(quarter):
    progress = workflow.submit(quarter.housing, row(quarter.period, quarter.parking), text=SHORT)
    workflow.approve(quarter.reviewer, progress)
    with pytest.raises(workflow.AlreadyDone, match="已审核通过, 无需重复操作"):
        workflow.approve(quarter.reviewer2, progress)


def test_bulk_approve_leaves_the_contested_items_for_a_closer_look(quarter):
    contested = workflow.submit(
        quarter.housing, row(quarter.period, quarter.parking), text=SHORT, self_status="completed"
    )
    plain = workflow.submit(
        quarter.commerce, row(quarter.period, quarter.commerce_task), text="有序推进中。"
    )
    assert workflow.bulk_approve(quarter.reviewer, quarter.period) == (1, 1)
    assert Progress.objects.get(pk=plain.pk).state == Progress.APPROVED
    assert Progress.objects.get(pk=contested.pk).state == Progress.SUBMITTED


def test_highlight_marks_figures_and_escapes_document_text(quarter):
    progress = workflow.save_draft(
        quarter.housing,
        row(quarter.period, quarter.parking),
        "<script>alert(1)</script>1-3月, 完工公共停车泊位100个。",
    )
    html = str(highlight(progress))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<mark class="figure">完工公共停车泊位100个</mark>' in html


def test_preview_assesses_the_unsaved_draft_without_storing_it(client, quarter):
    progress = row(quarter.period, quarter.parking)
    client.login(username="zhujian", password=PASSWORD)
    data = client.post(
        reverse("work:preview", args=[progress.pk]), {"text": SHORT, "self_status": "completed"}
    ).json()
    assert data["status"] == "behind" and data["status_label"] == "滞后"
    assert "新增公共停车泊位630个" in data["targets"]
    assert "完工公共停车泊位100个" in data["actuals"]
    assert "单位自评「已完成」" in data["disagreement"]
    progress.refresh_from_db()
    assert progress.text == ""


def test_review_page_shows_self_assessment_engine_class_and_flag(client, quarter):
    progress = workflow.submit(
        quarter.housing, row(quarter.period, quarter.parking), text=SHORT, self_status="completed"
    )
    client.login(username="shenhe", password=PASSWORD)
    page = client.get(reverse("work:review_item", args=[progress.pk])).content.decode()
    assert "自评与系统评估不一致" in page and "仅为目标「新增公共停车泊位630个」的16%" in page
    queue = client.get(reverse("work:review_queue", args=[quarter.period.pk])).content.decode()
    assert "queue-item contested" in queue


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approving_at_once_give_one_approval_and_one_already_approved(
    quarter,
):
    progress = workflow.submit(quarter.housing, row(quarter.period, quarter.parking), text=SHORT)
    barrier = threading.Barrier(2)
    outcomes = []

    def review(reviewer):
        try:
            mine = Progress.objects.select_related("period__plan", "task").get(pk=progress.pk)
            barrier.wait()
            workflow.approve(reviewer, mine)
            outcomes.append("approved")
        except workflow.AlreadyDone as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()  # each thread has its own connection

    threads = [
        threading.Thread(target=review, args=(r,)) for r in (quarter.reviewer, quarter.reviewer2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["approved", "已审核通过, 无需重复操作"]
    assert AuditEvent.objects.filter(action="progress.approved").count() == 1
    assert Progress.objects.get(pk=progress.pk).state == Progress.APPROVED
