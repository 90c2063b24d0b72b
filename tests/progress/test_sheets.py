"""What the office works from, exported: the review sheet and the overdue list."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.progress import workflow
from tests.quarter import PASSWORD, row

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.com","点此")'


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def sheet_rows(data):
    sheet = load_workbook(io.BytesIO(data)).active
    return [[c.value for c in r] for r in sheet.iter_rows()], sheet


@pytest.fixture
def reviewed(quarter):
    progress = workflow.submit(
        quarter.housing,
        row(quarter.period, quarter.parking),
        text="1-3月, 完工公共停车泊位100个。",
        self_status="on_track",
    )
    workflow.approve(quarter.reviewer, progress, override_status="on_track", reason="春节因素")
    workflow.submit(quarter.commerce, row(quarter.period, quarter.commerce_task), text=FORMULA)
    m = quarter.housing.membership
    m.full_name, m.phone = "王建", "0571-88001234"
    m.save()
    quarter.housing.email = "zhujian@example.cn"
    quarter.housing.save()
    return quarter


def test_the_review_sheet_has_each_task_with_its_classes_state_and_flag(client, reviewed):
    response = login(client, reviewed.reviewer).get(
        reverse("work:review_sheet", args=[reviewed.period.pk])
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows, _ = sheet_rows(response.content)
    assert rows[0][:4] == ["序号", "主要工作内容", "牵头单位", "完成情况"]
    parking = next(r for r in rows[1:] if r[0] == 45)
    assert parking[2] == "区住建局" and parking[3].startswith("1-3月")
    assert parking[6:11] == ["滞后", "序时推进", "序时推进", "春节因素", "已审核通过"]
    assert "单位自评「序时推进」" in parking[11]
    assert len(rows) == 1 + reviewed.plan.tasks.count()


def test_report_text_that_looks_like_a_formula_stays_text(client, reviewed):
    response = login(client, reviewed.admin).get(
        reverse("work:review_sheet", args=[reviewed.period.pk])
    )
    rows, sheet = sheet_rows(response.content)
    i = next(i for i, r in enumerate(rows) if r[0] == reviewed.commerce_task.seq)
    cell = sheet.cell(row=i + 1, column=4)
    assert cell.value == FORMULA and cell.data_type == "s"


@pytest.mark.parametrize("who", ["housing", "other"])
def test_the_review_sheet_is_only_for_the_governments_office(
    client, reviewed, other_government, who
):
    user = other_government.admin if who == "other" else reviewed.housing
    response = login(client, user).get(reverse("work:review_sheet", args=[reviewed.period.pk]))
    assert response.status_code == 403


def test_the_overdue_list_names_each_late_unit_with_its_contacts(client, reviewed):
    url = reverse("work:overdue", args=[reviewed.period.pk])
    rows, _ = sheet_rows(login(client, reviewed.reviewer).get(url + "?format=xlsx").content)
    housing = next(r for r in rows if r[1] == "区住建局")
    assert housing[0] == "2022年一季度" and housing[2] == "2022-03-25"
    assert housing[6:] == ["王建", "0571-88001234", "zhujian@example.cn"]
    assert "45" not in housing[5].split("、")  # submitted and approved


def test_the_overdue_csv_keeps_a_formula_looking_name_as_text(client, reviewed):
    reviewed.housing.membership.full_name = "=1+2"
    reviewed.housing.membership.save()
    url = reverse("work:overdue", args=[reviewed.period.pk]) + "?format=csv"
    data = login(client, reviewed.admin).get(url).content.decode("utf-8-sig")
    housing = next(r for r in csv.reader(io.StringIO(data)) if r[1] == "区住建局")
    assert housing[6] == "'=1+2"


def test_the_overdue_command_writes_xlsx(reviewed, tmp_path):
    out = tmp_path / "late.xlsx"
    call_command("overdue", "--period", str(reviewed.period.pk), "--format", "xlsx", "-o", str(out))
    rows, _ = sheet_rows(out.read_bytes())
    assert rows[0][1] == "单位" and any(r[1] == "区商务局" for r in rows[1:])


def test_the_overdue_command_wants_a_file_for_xlsx(reviewed):
    with pytest.raises(CommandError, match="-o FILE"):
        call_command("overdue", "--format", "xlsx")
