"""Exports: `luoshi reports`, `luoshi export` and the page's downloads carry the same rows."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

HEADERS = ["序号", "项目名称", "主要工作内容", "牵头单位", "完成情况"]


def test_reports_json_lists_the_stored_report(seed_publication, capsys):
    call_command("reports", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {
            "id": seed_publication.pk,
            "title": "2021年四季度《政府工作报告》主要目标任务完成情况",
            "government": seed_publication.government.name,
            "period": "2021年四季度",
            "index_no": "K1493206-6/2022-22822",
        }
    ]


def test_export_json_writes_report_and_tasks(seed_publication, seed_report, tmp_path):
    out = tmp_path / "r.json"
    call_command("export", str(seed_publication.pk), "--format", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    report = data["report"]
    assert report["index_no"] == "K1493206-6/2022-22822"
    assert report["publisher"] == "区府办"
    assert report["disclosure_method"] == "主动公开"
    assert report["disclosure_scope"] == "面向全社会"
    assert report["disclosure_term"] == "长期公开"
    assert report["doc_no"] == ""
    assert report["generated_on"] == report["published_on"] == "2022-01-19"
    assert report["period"] == "2021年四季度"
    tasks = data["tasks"]
    assert len(tasks) == 106
    assert tasks[0]["section"] == "(一)经济社会发展主要预期目标"
    for row, parsed in zip(tasks, seed_report.tasks, strict=True):
        assert row["seq"] == parsed.seq
        assert row["content"] == parsed.content
        assert row["lead_units"] == parsed.lead_units
        assert row["status_text"] == parsed.progress
        assert row["status"] in {
            "exceeded",
            "completed",
            "on_track",
            "in_progress",
            "behind",
            "awaiting_data",
        }
        assert isinstance(row["targets"], list) and isinstance(row["actuals"], list)


def test_export_json_carries_targets_and_actuals(seed_publication, tmp_path):
    out = tmp_path / "r.json"
    call_command("export", str(seed_publication.pk), "--format", "json", "-o", str(out))
    task1 = json.loads(out.read_text(encoding="utf-8"))["tasks"][0]
    assert task1["targets"][0]["value"] == 7.5
    assert task1["status"] == "awaiting_data"


def test_export_csv_has_chinese_headers_and_106_rows(seed_publication, tmp_path):
    out = tmp_path / "r.csv"
    call_command("export", str(seed_publication.pk), "--format", "csv", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == HEADERS
    assert rows[0][5:] == ["评估类别", "目标", "实际"]
    assert len(rows) == 107
    assert rows[1][0] == "1" and rows[1][3] == "区发改经信局"


def test_export_xlsx_has_chinese_headers_and_106_rows(seed_publication, tmp_path):
    out = tmp_path / "r.xlsx"
    call_command("export", str(seed_publication.pk), "--format", "xlsx", "-o", str(out))
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    head = [r[0] for r in rows].index("序号")  # below the report's metadata rows
    assert list(rows[head][:5]) == HEADERS
    assert len(rows) - head - 1 == 106
    assert rows[-1][0] == 106


def test_export_of_unknown_report_fails_clearly(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有编号为 999 的报告"):
        call_command("export", "999", "--format", "json")


def test_download_of_a_filtered_view_holds_only_its_rows(client, seed_publication):
    url = f"/reports/{seed_publication.pk}/download.csv"
    response = client.get(url, {"unit": "区住建局"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    # The filter stated first, then the table.
    assert rows[1] == ["筛选条件", "牵头单位: 区住建局"] and rows[3][:5] == HEADERS
    assert len(rows[4:]) == 11
    assert all("区住建局" in r[3] for r in rows[4:])


def test_download_is_named_after_the_report(client, seed_publication):
    response = client.get(f"/reports/{seed_publication.pk}/download.xlsx")
    assert "2021" in response["Content-Disposition"]
    assert "xlsx" in response["Content-Disposition"]
