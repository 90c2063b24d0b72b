"""The back-office import (/work/imports/): upload, preview, correct the columns and the
units, commit; only the government's admin may use it, and nothing is stored before the
commit."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from luoshi.audit.models import AuditEvent
from luoshi.disclosure.models import Publication
from luoshi.plans.models import Government, Task, Unit, UnitAlias
from luoshi.progress.models import Progress
from tests.conftest import SAMPLES, nothing_imported, stored_rows
from tests.quarter import make_user

pytestmark = pytest.mark.django_db

UNRECOGNISED_CSV = (
    "编码,事项,负责,说明\n"
    "1,新建口袋公园5个。,区住建局,已建成5个。\n"
    "2,新增停车泊位800个。,区发展改革局,已新增820个。\n"
).encode()

MAPPING = {
    "col_0": "seq",
    "col_1": "content",
    "col_2": "lead_units",
    "col_3": "progress",
    "period": "2023Q2",
}


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


@pytest.fixture
def county(db):
    """A government that has imported nothing yet, with its admin logged in."""
    government = Government.objects.create(name="某某县")
    client = Client()
    client.force_login(make_user("county-admin", government, "admin"))
    return government, client


@pytest.fixture
def gongshu_admin(quarter):
    client = Client()
    client.force_login(quarter.admin)
    return client


def _upload(client, name, data):
    response = client.post("/work/imports/", {"document": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:500]
    return response.url  # /work/imports/<token>/


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_anonymous_visitor_is_sent_to_log_in():
    response = Client().get("/work/imports/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/work/imports/")


@pytest.mark.parametrize("who", ["reviewer", "housing"])
def test_reviewer_and_reporter_are_refused(quarter, who):
    client = Client()
    client.force_login(getattr(quarter, who))
    assert client.get("/work/imports/").status_code == 403
    upload = SimpleUploadedFile("x.csv", UNRECOGNISED_CSV)
    assert client.post("/work/imports/", {"document": upload}).status_code == 403


def test_preview_shows_sections_columns_units_and_warnings_and_stores_nothing(county, var_dir):
    _, client = county
    before = stored_rows()
    url = _upload(client, "gongshu-2021q4.xlsx", (SAMPLES / "gongshu-2021q4.xlsx").read_bytes())
    response = client.get(url)
    text = _text(response)
    assert response.status_code == 200
    assert "板块 21 个, 任务 106 项, 单位 38 个" in text
    assert "2021年四季度" in text
    assert "(二十一)推动绩效再提升" in text
    assert "牵头单位 → 牵头单位" in text and "完成情况 → 完成情况" in text
    assert "网页导航, 已去除" in text  # the warning
    assert "以下 38 个单位名称" in text and "区发改经信局" in text
    assert stored_rows() == before
    assert len(list((var_dir / "uploads").iterdir())) == 1  # waiting outside the database


def test_commit_stores_the_whole_report_and_removes_the_upload(county, var_dir):
    government, client = county
    url = _upload(client, "gongshu-2021q4.docx", (SAMPLES / "gongshu-2021q4.docx").read_bytes())
    response = client.post(url + "commit/")
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.period.plan.government == government
    assert publication.source_name == "gongshu-2021q4.docx"
    assert Task.objects.filter(plan__government=government).count() == 106
    assert Unit.objects.filter(government=government).count() == 38
    assert list((var_dir / "uploads").iterdir()) == []
    assert "已导入" in _text(client.get(response.url))


def test_unrecognised_heads_are_mapped_by_hand_then_committed(county):
    government, client = county
    url = _upload(client, "table.csv", UNRECOGNISED_CSV)
    text = _text(client.get(url))
    assert "无法导入, 未写入任何数据" in text and "未找到表头" in text
    assert text.count("未识别") >= 4  # every column offered for mapping
    response = client.post(url + "columns/", MAPPING)
    text = _text(client.get(response.url))
    assert "无法导入" not in text
    assert "任务 2 项" in text and "2023年二季度" in text
    assert nothing_imported()
    client.post(url + "commit/")
    tasks = {t.seq: t for t in Task.objects.filter(plan__government=government)}
    assert tasks[1].content == "新建口袋公园5个。"
    assert tasks[2].lead_unit_names == ["区发展改革局"]
    assert Progress.objects.get(task=tasks[2]).text == "已新增820个。"
    assert Publication.objects.get().period.label == "2023年二季度"


def test_commit_without_a_period_asks_for_it_and_stores_nothing(county):
    _, client = county
    url = _upload(client, "table.csv", UNRECOGNISED_CSV)
    client.post(url + "columns/", {**MAPPING, "period": ""})
    response = client.post(url + "commit/")
    assert response.status_code == 400
    assert "没有写明年度和报告期" in _text(response)
    assert nothing_imported()


def test_read_error_names_the_line_and_stores_nothing(county):
    _, client = county
    data = "序号,主要工作内容,牵头单位,完成情况\n1,任务一。,区住建局,已完成。\n二,任务二。,区商务局,已完成。\n"
    url = _upload(client, "bad.csv", data.encode())
    text = _text(client.get(url))
    assert "无法导入, 未写入任何数据" in text
    assert "位置: line 3 column 1" in text and "bad.csv" in text
    response = client.post(url + "commit/")
    assert response.status_code == 400
    assert nothing_imported()


def test_abandoning_stores_nothing_and_removes_the_upload(county, var_dir):
    _, client = county
    url = _upload(client, "gongshu-2021q4.html", (SAMPLES / "gongshu-2021q4.html").read_bytes())
    client.get(url)
    response = client.post(url + "discard/")
    assert response.status_code == 302
    assert "已放弃导入" in _text(client.get(response.url))
    assert nothing_imported()
    assert list((var_dir / "uploads").iterdir()) == []
    assert client.get(url).status_code == 404


def test_unknown_unit_mapped_to_an_existing_one_becomes_its_alias(gongshu_admin, quarter):
    url = _upload(gongshu_admin, "table.csv", UNRECOGNISED_CSV)
    gongshu_admin.post(url + "columns/", MAPPING)
    text = _text(gongshu_admin.get(url))
    assert "以下 1 个单位名称" in text and "区发展改革局" in text
    target = Unit.objects.get(government=quarter.government, name="区发改经信局")
    units_before = Unit.objects.count()
    gongshu_admin.post(url + "commit/", {"unit:区发展改革局": str(target.pk)})
    alias = UnitAlias.objects.get(name="区发展改革局")
    assert alias.unit == target
    assert Unit.objects.count() == units_before  # no new unit
    task = Task.objects.get(plan__year=2023, seq=2)
    assert task.lead_unit_names == ["区发改经信局"]
    # Next time the name matches by itself.
    url = _upload(gongshu_admin, "table.csv", UNRECOGNISED_CSV)
    gongshu_admin.post(url + "columns/", MAPPING)
    assert "区发展改革局 → 区发改经信局 (别名)" in _text(gongshu_admin.get(url))


def test_report_of_another_government_is_refused(quarter, other_government):
    client = Client()
    client.force_login(other_government.admin)
    before = stored_rows()
    url = _upload(client, "gongshu-2021q4.html", (SAMPLES / "gongshu-2021q4.html").read_bytes())
    response = client.post(url + "commit/")
    assert response.status_code == 400
    assert "属于拱墅区, 不是某县人民政府" in _text(response)
    assert stored_rows() == before


def test_an_upload_is_only_visible_to_the_session_that_made_it(county, other_government):
    _, client = county
    url = _upload(client, "table.csv", UNRECOGNISED_CSV)
    other = Client()
    other.force_login(other_government.admin)
    assert other.get(url).status_code == 404
    assert other.post(url + "commit/").status_code == 404


def test_document_text_is_escaped_in_the_preview(county):
    _, client = county
    data = (
        "序号,主要工作内容,牵头单位,完成情况\n1,<script>alert(1)</script>,区住建局,<b>已完成</b>\n"
    )
    url = _upload(client, "x.csv", data.encode())
    body = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_the_audit_log_names_the_admin_who_committed_the_import(county):
    government, client = county
    url = _upload(client, "gongshu-2021q4.docx", (SAMPLES / "gongshu-2021q4.docx").read_bytes())
    client.post(url + "commit/")
    event = AuditEvent.objects.get(action="publication.imported")
    assert (event.actor.username, event.actor_name, event.government) == (
        "county-admin",
        "county-admin",
        government,
    )
    assert event.note == "gongshu-2021q4.docx"


NEXT_QUARTER_CSV = (
    "编码,事项,负责,说明\n"
    "1,新建口袋公园5个。,区住建局,已建成6个。\n"
    "2,新增停车泊位800个。,区发展改革局,已新增900个。\n"
).encode()


def test_heads_mapped_by_hand_are_remembered_for_the_governments_next_upload(county):
    government, client = county
    url = _upload(client, "table.csv", UNRECOGNISED_CSV)
    client.post(url + "columns/", MAPPING)
    client.post(url + "commit/")
    assert dict(government.column_heads.values_list("head", "field")) == {
        "编码": "seq",
        "事项": "content",
        "负责": "lead_units",
        "说明": "progress",
    }
    url = _upload(client, "table-q3.csv", NEXT_QUARTER_CSV)
    client.post(url + "columns/", {"period": "2023Q3"})
    text = _text(client.get(url))
    assert "无法导入" not in text and "任务 2 项" in text
    assert "已按本政府上次导入时手动选择的对应关系读取 4 列" in text
    client.post(url + "commit/")
    period = Publication.objects.get(period__label="2023年三季度").period
    assert Progress.objects.get(period=period, task__seq=2).text == "已新增900个。"


def test_remembered_heads_belong_to_one_government(county, other_government):
    government, client = county
    url = _upload(client, "table.csv", UNRECOGNISED_CSV)
    client.post(url + "columns/", MAPPING)
    client.post(url + "commit/")
    other = Client()
    other.force_login(other_government.admin)
    text = _text(other.get(_upload(other, "table.csv", UNRECOGNISED_CSV)))
    assert "无法导入" in text and "按上次" not in text


def test_a_refused_commit_remembers_no_heads(county):
    government, client = county
    url = _upload(client, "table.csv", UNRECOGNISED_CSV)
    client.post(url + "columns/", {**MAPPING, "period": ""})
    assert client.post(url + "commit/").status_code == 400  # no period: nothing stored
    assert not government.column_heads.exists()


def test_a_remembered_column_changed_in_the_preview_is_no_longer_marked_as_last_time(county):
    government, client = county
    url = _upload(client, "table.csv", UNRECOGNISED_CSV)
    client.post(url + "columns/", MAPPING)
    client.post(url + "commit/")
    url = _upload(client, "table-q3.csv", NEXT_QUARTER_CSV)
    assert "读取 4 列" in _text(client.get(url))
    client.post(url + "columns/", {**MAPPING, "col_3": "ignore", "period": "2023Q3"})
    assert "读取 3 列" in _text(client.get(url))
