"""An upload is read once for a column mapping and period: showing the preview again and
committing take what was read, so a heavy file costs one read, not one per page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from luoshi.plans.models import Government
from luoshi.work.views import imports as views
from tests.conftest import SAMPLES, nothing_imported
from tests.quarter import make_user
from tests.security import bombs

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    government = Government.objects.create(name="拱墅区")
    client = Client()
    client.force_login(make_user("county-admin", government, "admin"))
    return government, client


@pytest.fixture
def reads(monkeypatch):
    made = []
    real = views.read_for_import

    def counting(*args, **kwargs):
        made.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "read_for_import", counting)
    return made


def test_preview_twice_and_commit_read_the_upload_once(county, reads):
    _, client = county
    data = (SAMPLES / "gongshu-2021q4.xlsx").read_bytes()
    response = client.post("/work/imports/", {"document": SimpleUploadedFile("g.xlsx", data)})
    url = response.url
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    response = client.post(f"{url}commit/", {})
    assert response.status_code == 302
    assert reads == ["g.xlsx"]


def test_choosing_other_columns_reads_it_again(county, reads):
    _, client = county
    data = (SAMPLES / "gongshu-2021q4.xlsx").read_bytes()
    url = client.post("/work/imports/", {"document": SimpleUploadedFile("g.xlsx", data)}).url
    client.get(url)
    client.post(f"{url}columns/", {"col_3": "ignore"})
    client.get(url)
    client.get(url)
    assert reads == ["g.xlsx", "g.xlsx"]


def test_a_refused_bomb_is_refused_once_and_named_in_the_preview(county, reads, monkeypatch):
    monkeypatch.setenv("LUOSHI_IMPORT_MAX_INFLATED_MB", "2")
    _, client = county
    data = bombs.xlsx_sheet_bomb(16 * 1024 * 1024)
    url = client.post("/work/imports/", {"document": SimpleUploadedFile("b.xlsx", data)}).url
    for _ in range(2):
        page = client.get(url).content.decode()
        assert "member xl/worksheets/sheet1.xml" in page and "解压后超过上限" in page
    assert reads == ["b.xlsx"]


def test_luoshi_import_refuses_a_bomb_by_name_and_stores_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LUOSHI_IMPORT_MAX_INFLATED_MB", "2")
    path = tmp_path / "bomb.docx"
    path.write_bytes(bombs.docx_bomb(16 * 1024 * 1024))
    with pytest.raises(CommandError):
        call_command("import", str(path), period="2021Q4")
    assert f"{path}, member word/document.xml: 解压后超过上限" in capsys.readouterr().err
    assert nothing_imported(besides=())
