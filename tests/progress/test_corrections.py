"""Publishing with 未报送 rows, and corrections: only rows published or approved, from the
published text, through review or as a named 督查室更正."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from luoshi.audit.models import AuditEvent
from luoshi.disclosure import publishing
from luoshi.disclosure.models import Publication
from luoshi.progress import workflow
from luoshi.progress.models import Progress
from tests.quarter import PASSWORD, row

pytestmark = pytest.mark.django_db

TEXT = "1-3月, 完工公共停车泊位200个, 完成开工及续建2000个。"
FIXED = "1-3月, 完工公共停车泊位210个, 完成开工及续建2000个。"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def publish(quarter, unreported=False):
    progress = workflow.submit(quarter.housing, row(quarter.period, quarter.parking), text=TEXT)
    workflow.approve(quarter.reviewer, progress)
    return publishing.publish(
        quarter.admin,
        quarter.period,
        on=dt.date(2022, 4, 20),
        allow_partial=not unreported,
        include_unreported=unreported,
    )


def stored():
    # A refused action stores nothing; the log-in before it is audited on its own.
    events = AuditEvent.objects.exclude(action="login.succeeded")
    return (Publication.objects.count(), events.count(), list(
        Progress.objects.order_by("pk").values_list("state", "text", "correcting")
    ))  # fmt: skip


def test_publishing_with_unreported_rows_shows_them_as_such(client, quarter):
    publication = publish(quarter, unreported=True)
    assert publication.rows().count() == quarter.plan.tasks.count()
    html = client.get(reverse("disclosure:report_detail", args=[publication.pk])).content.decode()
    commerce = html.split(f'data-seq="{quarter.commerce_task.seq}"')[1].split("</tr>")[0]
    assert '<span class="unreported">未报送</span>' in commerce
    assert TEXT in html


def test_publishing_without_the_option_leaves_unreported_tasks_out(quarter):
    assert publish(quarter).rows().count() == 1


def test_a_row_neither_published_nor_approved_cannot_be_corrected(quarter):
    publication = publish(quarter)
    before = stored()
    with pytest.raises(workflow.WorkflowError, match="既未发布也未审核通过"):
        publishing.correct(
            quarter.admin, publication, {quarter.commerce_task.pk: {"text": "补写"}}, "补充"
        )
    with pytest.raises(workflow.WorkflowError, match="既未发布也未审核通过"):
        publishing.start_correction(quarter.admin, publication, quarter.commerce_task.pk, text="x")
    assert stored() == before


def test_the_correction_form_starts_with_the_published_text(client, quarter):
    publication = publish(quarter)
    url = reverse("work:correct", args=[publication.pk]) + f"?task={quarter.parking.pk}"
    html = login(client, quarter.admin).get(url).content.decode()
    assert f'name="text" rows="8">{TEXT}</textarea>' in html


def test_a_corrected_text_is_published_only_after_review(client, quarter):
    publication = publish(quarter)
    publishing.start_correction(quarter.admin, publication, quarter.parking.pk, text=FIXED)
    with pytest.raises(workflow.WorkflowError, match="还没有审核通过的更正"):
        publishing.publish_correction(quarter.admin, publication, "更正泊位数")
    page = client.get(reverse("disclosure:report_detail", args=[publication.pk])).content.decode()
    assert FIXED not in page and TEXT in page
    progress = row(quarter.period, quarter.parking)
    assert progress.state == Progress.SUBMITTED and progress.correcting
    workflow.approve(quarter.reviewer, progress)
    new = publishing.publish_correction(quarter.admin, publication, "更正泊位数")
    assert (new.version, new.correction_note) == (2, "更正泊位数")
    assert list(new.rows().values_list("text", flat=True)) == [FIXED]
    assert not row(quarter.period, quarter.parking).correcting


def test_a_row_sent_back_is_rewritten_by_its_unit_and_reviewed_again(client, quarter):
    publication = publish(quarter)
    publishing.start_correction(
        quarter.admin, publication, quarter.parking.pk, comment="泊位数与台账不符, 请核实"
    )
    login(client, quarter.housing)
    assert "2022年一季度" in client.get(reverse("work:my_tasks")).content.decode()
    progress = row(quarter.period, quarter.parking)
    form = reverse("work:task_form", args=[progress.pk])
    assert "泊位数与台账不符" in client.get(form).content.decode()
    client.post(form, {"text": FIXED, "action": "submit"})
    progress.refresh_from_db()
    assert progress.state == Progress.SUBMITTED and progress.text == FIXED
    workflow.approve(quarter.reviewer, progress)
    new = publishing.publish_correction(quarter.admin, publication, "核实后更正")
    assert new.rows().get().text == FIXED


def test_an_unreported_row_is_corrected_through_review_once_the_unit_reports(quarter):
    publication = publish(quarter, unreported=True)
    task = quarter.commerce_task
    publishing.start_correction(quarter.admin, publication, task.pk, comment="请补报")
    progress = workflow.submit(quarter.commerce, row(quarter.period, task), text="已补报完成情况。")
    workflow.approve(quarter.reviewer, progress)
    new = publishing.publish_correction(quarter.admin, publication, "补报")
    published = new.rows().get(task=task)
    assert published.text == "已补报完成情况。" and not published.unreported
    assert new.rows().count() == publication.rows().count()


def test_a_direct_correction_names_the_office_in_the_version_note(quarter):
    m = quarter.admin.membership
    m.full_name = "李督查"
    m.save()
    publication = publish(quarter)
    new = publishing.correct(
        quarter.admin, publication, {quarter.parking.pk: {"text": FIXED}}, "更正"
    )
    assert new.correction_note == "更正 (督查室更正: 李督查)"


@pytest.mark.parametrize("who", ["reviewer", "housing", "other"])
def test_only_the_governments_admin_starts_or_publishes_corrections(
    client, quarter, other_government, who
):
    publication = publish(quarter)
    user = other_government.admin if who == "other" else getattr(quarter, who)
    before = stored()
    with pytest.raises(PermissionDenied):
        publishing.start_correction(user, publication, quarter.parking.pk, text=FIXED)
    with pytest.raises(PermissionDenied):
        publishing.publish_correction(user, publication, "更正")
    url = reverse("work:correct", args=[publication.pk])
    response = login(client, user).post(
        url, {"mode": "review", "task": quarter.parking.pk, "text": FIXED}
    )
    assert response.status_code == 403
    assert stored() == before


def test_reviewers_review_a_correction_but_nothing_else_of_a_published_period(quarter):
    publication = publish(quarter)
    other = row(quarter.period, quarter.commerce_task)
    Progress.objects.filter(pk=other.pk).update(state=Progress.SUBMITTED, text="x")
    with pytest.raises(PermissionDenied):
        workflow.approve(quarter.reviewer, row(quarter.period, quarter.commerce_task))
    publishing.start_correction(quarter.admin, publication, quarter.parking.pk, text=FIXED)
    assert workflow.approve(quarter.reviewer, row(quarter.period, quarter.parking)).state == (
        Progress.APPROVED
    )
