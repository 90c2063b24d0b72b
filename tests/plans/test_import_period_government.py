"""The period and the government as read, shown before the import and corrected by hand:
`luoshi import --dry-run` and the back-office preview say what was read and where;
--period (or the preview's 报告期) wins over a misread with a warning; a publishing office
is no government; a report whose document names no units is stored without units."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from luoshi.disclosure.models import Publication
from luoshi.plans.models import Government, Task, TaskUnit
from luoshi.textparse.fold import fold
from tests.conftest import SAMPLES, nothing_imported
from tests.quarter import make_user

pytestmark = pytest.mark.django_db

LAYOUTS = Path(__file__).resolve().parents[1] / "ingest" / "layouts" / "paragraphs"
WIDTHS = pytest.mark.parametrize("width", ["full-width", "ascii"])


def layout(tmp_path, name, width):
    text = "\n".join(
        line
        for line in (LAYOUTS / name).read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    )
    path = tmp_path / name
    path.write_text(fold(text) if width == "ascii" else text, encoding="utf-8")
    return path


@WIDTHS
def test_dry_run_says_what_period_and_government_were_read_and_where(tmp_path, capsys, width):
    call_command(
        "import", "--dry-run", str(layout(tmp_path, "guanyun-masthead-quarter.txt", width))
    )
    out = capsys.readouterr().out
    assert "报告期: 2019年三季度 (读自 标题)" in out
    assert "政府: 灌云县 (读自 第 1 行)" in out
    assert nothing_imported(besides=())


@WIDTHS
def test_dry_run_asks_for_the_government_a_document_does_not_name(tmp_path, capsys, width):
    call_command("import", "--dry-run", str(layout(tmp_path, "chengxiang-month-span.txt", width)))
    out = capsys.readouterr().out
    assert "报告期: 2020年1-9月 (读自 标题 (年度), 第 2 行)" in out
    assert "政府: (未识别, 导入时请用 --government 指定)" in out


@WIDTHS
def test_dry_run_with_period_shows_the_correction(tmp_path, capsys, width):
    path = layout(tmp_path, "guanyun-masthead-quarter.txt", width)
    call_command("import", "--dry-run", "--period", "2019Q4", "--government", "灌云县", str(path))
    out = capsys.readouterr().out
    assert "报告期: 2019年四季度 (读自 指定)" in out
    assert "警告: 文件中读到的报告期是 2019年三季度 (标题), 按指定的 2019年四季度 导入" in out
    assert "政府: 灌云县 (按 --government 指定)" in out


def test_a_publishing_office_is_not_taken_for_a_government(capsys):
    with pytest.raises(CommandError):
        call_command("import", str(SAMPLES / "gongshu-2021q4.html"))
    err = capsys.readouterr().err
    assert "文件只写了发布机构「区府办」" in err and "--government" in err
    assert "gongshu-2021q4.html" in err
    assert nothing_imported(besides=())


@WIDTHS
def test_government_read_from_the_masthead_is_stored_by_its_place(tmp_path, width):
    call_command("import", str(layout(tmp_path, "shouxian-trailing-roles.txt", width)))
    assert Publication.objects.get().government.name == "寿县"


@WIDTHS
def test_report_without_units_is_stored_without_units(tmp_path, width):
    call_command("import", str(layout(tmp_path, "xianning-target-then-progress.txt", width)))
    publication = Publication.objects.get()
    assert publication.government.name == "咸宁市"
    assert (publication.period.start_month, publication.period.end_month) == (1, 6)
    assert Task.objects.count() == 2 and TaskUnit.objects.count() == 0
    texts = sorted(publication.period.progress.values_list("text", flat=True))
    assert texts[0].startswith(fold("上半年，") if width == "ascii" else "上半年，")


@pytest.fixture
def county_admin(settings, tmp_path, db):
    settings.VAR_DIR = tmp_path
    government = Government.objects.create(name="灌云县")
    client = Client()
    client.force_login(make_user("guanyun-admin", government, "admin"))
    return client


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _upload(client, tmp_path, name, width):
    """Upload a layout in the back office; the preview's address."""
    data = layout(tmp_path, name, width).read_bytes()
    return client.post("/work/imports/", {"document": SimpleUploadedFile(name, data)}).url


@WIDTHS
def test_preview_shows_where_the_period_and_government_were_read(county_admin, tmp_path, width):
    url = _upload(county_admin, tmp_path, "guanyun-masthead-quarter.txt", width)
    page = _text(county_admin.get(url))
    assert "2019年三季度 (读自 标题; 读错时在下方「报告期」中改正)" in page
    assert "灌云县 (读自 第 1 行)" in page


@WIDTHS
def test_preview_period_corrects_the_period_read(county_admin, tmp_path, width):
    url = _upload(county_admin, tmp_path, "guanyun-masthead-quarter.txt", width)
    token = url.rstrip("/").rsplit("/", 1)[-1]
    county_admin.post(f"/work/imports/{token}/columns/", {"period": "2019Q4"})
    page = _text(county_admin.get(url))
    assert "文件中读到的报告期是 2019年三季度 (标题), 按指定的 2019年四季度 导入" in page
    response = county_admin.post(f"/work/imports/{token}/commit/")
    assert response.status_code == 302
    period = Publication.objects.get().period
    assert (period.year, period.start_month, period.end_month) == (2019, 1, 12)


@WIDTHS
def test_preview_flags_a_document_of_another_government(county_admin, tmp_path, width):
    url = _upload(county_admin, tmp_path, "shouxian-trailing-roles.txt", width)
    page = _text(county_admin.get(url))
    assert "寿县 (读自 第 1 行) 与灌云县不同, 请核对文件是否属于本政府" in page


def test_report_without_units_shows_on_its_disclosure_page(tmp_path, client):
    call_command("import", str(layout(tmp_path, "xianning-target-then-progress.txt", "full-width")))
    publication = Publication.objects.get()
    response = client.get(f"/reports/{publication.pk}/")
    assert response.status_code == 200
    page = _text(response)
    assert "新培育互联网融合发展平台1家" in page and "咸宁市" in page
