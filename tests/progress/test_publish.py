"""Publishing a period: index number, metadata, frozen rows, corrections as versions."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from luoshi.disclosure import publishing
from luoshi.disclosure.indexno import IndexNoError, format_index_no, next_index_no
from luoshi.disclosure.models import Publication
from luoshi.plans.models import Government
from luoshi.progress import workflow
from luoshi.progress.models import Period, Progress
from tests.quarter import row

pytestmark = pytest.mark.django_db

TEXT = "1-3月, 完工公共停车泊位200个, 完成开工及续建2000个。"


def _approve_parking(quarter, text=TEXT):
    progress = workflow.submit(quarter.housing, row(quarter.period, quarter.parking), text=text)
    return workflow.approve(quarter.reviewer, progress)


def _publish(quarter, on=dt.date(2022, 4, 20)):
    _approve_parking(quarter)
    return publishing.publish(quarter.admin, quarter.period, on=on, allow_partial=True)


def test_publishing_continues_the_serial_after_the_imported_index_number(quarter):
    publication = _publish(quarter)
    # The seed is K1493206-6/2022-22822: the government's own serial for 2022 goes on.
    assert publication.index_no == "K1493206-6/2022-22823"


def test_publishing_copies_the_disclosure_metadata_and_dates(quarter):
    publication = _publish(quarter)
    assert publication.title == "2022年一季度《政府工作报告》主要目标任务完成情况"
    assert publication.publisher == "区府办"
    assert (publication.disclosure_method, publication.disclosure_scope) == (
        "主动公开",
        "面向全社会",
    )
    assert publication.disclosure_term == "长期公开"
    assert publication.published_on == publication.generated_on == dt.date(2022, 4, 20)
    period = Period.objects.get(pk=quarter.period.pk)
    assert period.status == Period.PUBLISHED


def test_publishing_with_rows_not_approved_needs_confirmation(quarter):
    _approve_parking(quarter)
    with pytest.raises(workflow.WorkflowError, match="105 项任务未审核通过"):
        publishing.publish(quarter.admin, quarter.period)
    assert not Publication.objects.filter(period=quarter.period).exists()


def test_publishing_twice_is_refused(quarter):
    _publish(quarter)
    with pytest.raises(Exception, match="已发布"):
        publishing.publish(quarter.admin, quarter.period, allow_partial=True)


def test_serials_run_per_government_per_year(db):
    gov = Government.objects.create(name="甲区", org_code="764137824")
    other = Government.objects.create(name="乙区", org_code="K0000000-1")
    assert next_index_no(gov, dt.date(2023, 1, 5)) == "764137824/2023-00001"
    assert next_index_no(gov, dt.date(2023, 6, 5)) == "764137824/2023-00002"
    assert next_index_no(other, dt.date(2023, 6, 5)) == "K0000000-1/2023-00001"
    assert next_index_no(gov, dt.date(2024, 1, 5)) == "764137824/2024-00001"


def test_year_month_pattern_with_an_18_character_code(db):
    gov = Government.objects.create(
        name="丙市",
        org_code="11341700003244967K",
        index_no_pattern="{code}/{year}{month:02d}-{serial:05d}",
    )
    assert next_index_no(gov, dt.date(2020, 12, 1)) == "11341700003244967K/202012-00001"
    assert format_index_no(
        "{code}/{year}-{serial:05d}", "115001020086700333", dt.date(2023, 1, 1), 52
    ) == ("115001020086700333/2023-00052")


def test_a_pattern_without_a_serial_is_refused(db):
    with pytest.raises(IndexNoError):
        format_index_no("{code}/{year}", "K1", dt.date(2023, 1, 1), 1)


def test_a_published_report_is_frozen_against_later_changes(client, quarter):
    publication = _publish(quarter)
    Progress.objects.filter(period=quarter.period, task=quarter.parking).update(
        text="事后改动的文字", status="completed"
    )
    page = client.get(reverse("disclosure:report_detail", args=[publication.pk])).content.decode()
    assert "完工公共停车泊位200个" in page and "事后改动的文字" not in page


def _public_texts(client, quarter) -> dict[str, str]:
    """The parking task's text wherever the public can read it, besides the report page."""
    task = quarter.parking
    history = client.get(reverse("disclosure:task_detail", args=[task.pk])).content.decode()
    # The page marks the change since the quarter before: read it as the new text.
    history = re.sub(r"<[^>]+>", "", re.sub(r"<del>.*?</del>", "", history))
    latest = Publication.objects.filter(period=quarter.period).order_by("-id").first()
    listed = client.get(reverse("api:tasks"), {"report": latest.pk}).json()["results"]
    detail = client.get(reverse("api:task", args=[task.pk])).json()
    from luoshi.search.query import search

    return {
        "history page": history,
        "api list": " ".join(r["status_text"] for r in listed if r["task_id"] == task.pk),
        "api history": " ".join(q["status_text"] for q in detail["history"]),
        "search": " ".join(h.row.text for h in search("停车泊位") if h.task == task),
    }


def test_no_public_page_shows_a_working_row_changed_after_publication(client, quarter):
    first = _publish(quarter)
    # A reassessment or an edit outside a correction changes the working row only.
    Progress.objects.filter(period=quarter.period, task=quarter.parking).update(
        text="事后改动的文字 停车泊位", status="completed"
    )
    for where, text in _public_texts(client, quarter).items():
        assert "完工公共停车泊位200个" in text, where
        assert "事后改动的文字" not in text, where

    publishing.correct(
        quarter.admin, first, {quarter.parking.pk: {"text": TEXT.replace("200", "210")}}, "更正"
    )
    for where, text in _public_texts(client, quarter).items():
        assert "完工公共停车泊位210个" in text, where
        assert "事后改动的文字" not in text, where


def test_a_correction_is_a_new_version_with_its_note_and_the_history_is_public(client, quarter):
    first = _publish(quarter)
    second = publishing.correct(
        quarter.admin,
        first,
        {quarter.parking.pk: {"text": TEXT.replace("200", "210")}},
        "更正任务45完工泊位数",
    )
    assert (second.version, second.previous, second.index_no) == (2, first, first.index_no)
    new_page = client.get(reverse("disclosure:report_detail", args=[second.pk])).content.decode()
    assert "完工公共停车泊位210个" in new_page and "版本记录" in new_page
    assert "更正任务45完工泊位数" in new_page
    old_page = client.get(reverse("disclosure:report_detail", args=[first.pk])).content.decode()
    assert "完工公共停车泊位200个" in old_page and "本信息已更正" in old_page
    listing = client.get("/").content.decode()
    assert reverse("disclosure:report_detail", args=[second.pk]) in listing
    assert reverse("disclosure:report_detail", args=[first.pk]) + '"' not in listing


def test_a_correction_needs_a_note(quarter):
    first = _publish(quarter)
    with pytest.raises(workflow.WorkflowError, match="说明"):
        publishing.correct(quarter.admin, first, {quarter.parking.pk: {"text": "x"}}, "")


def test_only_the_latest_version_can_be_corrected(quarter):
    first = _publish(quarter)
    publishing.correct(quarter.admin, first, {quarter.parking.pk: {"text": "改一"}}, "第一次更正")
    first.refresh_from_db()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        publishing.correct(quarter.admin, first, {quarter.parking.pk: {"text": "改二"}}, "再改")


def _class_counts(client, publication):
    url = reverse("disclosure:report_charts_json", args=[publication.pk])
    return {c["status"]: c["count"] for c in client.get(url).json()["classes"]}


def test_the_earlier_version_keeps_its_own_rows_in_downloads_and_charts(client, quarter):
    first = _publish(quarter)
    published = _class_counts(client, first)
    second = publishing.correct(
        quarter.admin,
        first,
        {quarter.parking.pk: {"text": "尚未开工。", "status": "behind"}},
        "更正任务45进度",
    )
    download = client.get(reverse("disclosure:report_download", args=[first.pk, "json"]))
    (task,) = [t for t in download.json()["tasks"] if t["seq"] == quarter.parking.seq]
    assert "完工公共停车泊位200个" in task["status_text"]
    assert _class_counts(client, first) == published
    corrected = _class_counts(client, second)
    assert corrected["behind"] == published["behind"] + 1
