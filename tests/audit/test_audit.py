"""The audit log: every change with who, when, what, before and after."""

import csv
import io

import pytest
from django.urls import reverse

from luoshi.audit.models import AuditEvent
from luoshi.disclosure import publishing
from luoshi.progress import workflow
from tests.quarter import PASSWORD, row

pytestmark = pytest.mark.django_db

TEXT = "1-3月, 完工公共停车泊位100个。"


def _walk(quarter):
    progress = workflow.submit(quarter.housing, row(quarter.period, quarter.parking), text=TEXT)
    workflow.return_progress(quarter.reviewer, progress, "请补充开工数")
    progress = workflow.submit(quarter.housing, progress, text=TEXT + "完成开工及续建2000个。")
    workflow.approve(quarter.reviewer, progress, override_status="on_track", reason="淡季")
    publishing.publish(quarter.admin, quarter.period, allow_partial=True)
    return progress


def test_every_step_of_a_quarter_leaves_a_dotted_audit_event(quarter):
    _walk(quarter)
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    for expected in [
        "period.opened",
        "progress.saved",
        "progress.submitted",
        "progress.returned",
        "progress.approved",
        "assessment.overridden",
        "period.published",
    ]:
        assert expected in actions


def test_an_audit_event_records_who_and_the_state_before_and_after(quarter):
    _walk(quarter)
    returned = AuditEvent.objects.get(action="progress.returned")
    assert returned.actor == quarter.reviewer and returned.actor_name == "shenhe"
    assert returned.before["state"] == "submitted" and returned.after["state"] == "returned"
    assert returned.after["review_comment"] == "请补充开工数"
    assert returned.government == quarter.government
    assert returned.object_type == "progress.progress"


def test_audit_page_filters_by_action_prefix(client, quarter):
    _walk(quarter)
    client.login(username="dcs", password=PASSWORD)
    page = client.get(reverse("work:audit"), {"action": "progress"}).content.decode()
    assert "<code>progress.returned</code>" in page
    assert "<code>period.published</code>" not in page


def test_audit_log_exports_as_csv(client, quarter):
    _walk(quarter)
    client.login(username="dcs", password=PASSWORD)
    response = client.get(reverse("work:audit_csv"), {"action": "assessment"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["时间", "操作人", "操作"]
    assert [r[2] for r in rows[1:]] == ["assessment.overridden"]
    assert rows[1][1] == "shenhe" and rows[1][7] == "淡季"


def test_only_admins_see_the_audit_log(client, quarter):
    client.login(username="shenhe", password=PASSWORD)
    assert client.get(reverse("work:audit")).status_code == 403
    assert client.get(reverse("work:audit_csv")).status_code == 403


def test_an_admin_sees_only_its_own_governments_audit_log(client, quarter, other_government):
    _walk(quarter)
    client.login(username="other-admin", password=PASSWORD)
    response = client.get(reverse("work:audit_csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # Only its own admin's log-in (itself an audited event of that government).
    assert [(r[1], r[2]) for r in rows[1:]] == [("other-admin", "login.succeeded")]
