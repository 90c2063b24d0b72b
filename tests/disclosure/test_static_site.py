"""`luoshi publish-static`: the published portal as static files, served by nginx, equal to
the live pages."""

import gzip
import json
import re
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import brotli
import pytest
from django.core.management import CommandError, call_command

from luoshi.disclosure import static_site
from tests.staticsite import nginx

# The one element a static page legitimately differs in: its click count, blank in the
# file (filled by clicks.js), and where its script calls the counter.
CLICKS = re.compile(
    rb'<span class="clicks" data-counter="[^"]*">\xe7\x82\xb9\xe5\x87\xbb\xe7\x8e\x87: '
    rb'<span id="clicks">\d*</span></span>'
)
NORMAL = '<span class="clicks">点击率: <span id="clicks"></span></span>'.encode()
# Pages the folder does not hold: luoshi answers them behind the web server.
LIVE_ONLY = ("/search/", "/compare/", "/governments/", "/api/", "/display/")
LINK = re.compile(rb'(?:href|src|data-src)="(/[^"]*)"')


def normalised(page: bytes) -> bytes:
    return CLICKS.sub(NORMAL, page)


def fetch(url, **headers) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), dict(response.headers)


def manifest(folder: Path) -> list[str]:
    return json.loads((folder / static_site.MANIFEST).read_text(encoding="utf-8"))


def page_url(name: str) -> str:
    return "/" + name.removesuffix("index.html")


@pytest.fixture
def published(seed_report, tmp_path):
    from luoshi.imports.importer import store_report

    publication = store_report(seed_report).publication
    folder = tmp_path / "site"
    call_command("publish-static", str(folder))
    return publication, folder


@pytest.fixture(scope="module")
def seed_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seed's copy written once for the tests that only read it (the database rolled
    back after): the folder, a second run over it, and one with a counter elsewhere."""
    from django.db import transaction
    from django.test import override_settings

    from luoshi.imports.importer import store_report
    from luoshi.ingest.seedtext import read_seedtext
    from luoshi.pagecache.clicks import clicks_now
    from tests.conftest import SEED

    tmp = tmp_path_factory.mktemp("seed-site")
    folder, elsewhere = tmp / "site", tmp / "elsewhere"
    with (
        override_settings(LUOSHI_DOWNLOADS_DIR=tmp / "downloads"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        report = read_seedtext(SEED.read_text(encoding="utf-8"), source=SEED.name)
        publication = store_report(report).publication
        static_site.publish(folder)
        mtime = (folder / "index.html").stat().st_mtime_ns
        again = static_site.publish(folder)
        static_site.publish(elsewhere, counter_url="https://luoshi.example.gov.cn/")
        site = SimpleNamespace(
            pk=publication.pk,
            folder=folder,
            elsewhere=elsewhere,
            again=again,
            kept=(folder / "index.html").stat().st_mtime_ns == mtime,
            clicks=clicks_now(publication.pk),
        )
        transaction.set_rollback(True)
    return site


@pytest.mark.django_db(transaction=True)
def test_static_pages_served_by_nginx_equal_the_live_pages(published, live_server):
    publication, folder = published
    names = [n for n in manifest(folder) if n.endswith(("index.html", "charts.json"))]
    assert {"index.html", f"reports/{publication.pk}/index.html"} <= set(names)
    assert f"reports/{publication.pk}/charts/index.html" in names
    assert sum(n.startswith("tasks/") for n in names) == 106
    with nginx(folder, live_server.url) as site:
        for name in names:
            static, _ = fetch(site + page_url(name))
            live, _ = fetch(live_server.url + page_url(name))
            assert static == (folder / name).read_bytes(), name  # from the file, not luoshi
            if name == f"reports/{publication.pk}/index.html":
                assert len(CLICKS.findall(live)) == 1 and len(CLICKS.findall(static)) == 1
                counter = f'data-counter="/reports/{publication.pk}/click"'.encode()
                assert counter + '>点击率: <span id="clicks"></span>'.encode() in static
            assert normalised(static) == normalised(live), name
            if name != f"reports/{publication.pk}/index.html":
                assert static == live, name  # no click count: byte for byte


@pytest.mark.django_db(transaction=True)
def test_static_downloads_are_the_live_downloads_byte_for_byte(published, live_server):
    publication, folder = published
    downloads = [n for n in manifest(folder) if "/download." in n and n.count(".") == 1]
    assert sorted(Path(n).suffix for n in downloads) == [".csv", ".docx", ".json", ".pdf", ".xlsx"]
    with nginx(folder, live_server.url) as site:
        for name in downloads:
            static, headers = fetch(f"{site}/{name}")
            live, _ = fetch(f"{live_server.url}/{name}")
            assert static == live == (folder / name).read_bytes(), name
            assert headers["Content-Disposition"] == "attachment"


def test_nginx_sends_the_gzip_variant_to_a_reader_who_accepts_it(seed_site):
    folder = seed_site.folder
    with nginx(folder, "http://127.0.0.1:9") as site:  # no luoshi behind: the file alone
        body, headers = fetch(f"{site}/reports/{seed_site.pk}/", **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert body == (folder / f"reports/{seed_site.pk}/index.html.gz").read_bytes()


def test_every_compressible_file_has_variants_that_decompress_to_it(seed_site):
    folder = seed_site.folder
    names = set(manifest(folder))
    texts = [n for n in names if Path(n).suffix in static_site.COMPRESSIBLE]
    assert any(n.endswith(".css") for n in texts) and any(
        n.endswith("echarts.min.js") for n in texts
    )
    for name in texts:
        data = (folder / name).read_bytes()
        assert gzip.decompress((folder / f"{name}.gz").read_bytes()) == data, name
        assert brotli.decompress((folder / f"{name}.br").read_bytes()) == data, name
    for binary in ("download.pdf", "download.xlsx", "download.docx"):
        assert not any(n.endswith(binary + ".gz") for n in names)


def test_links_in_static_pages_map_to_files_or_to_pages_luoshi_serves(seed_site):
    folder = seed_site.folder
    for name in manifest(folder):
        if not name.endswith(".html"):
            continue
        for link in LINK.findall((folder / name).read_bytes()):
            path = link.decode().split("#")[0].split("?")[0]
            if path.startswith(LIVE_ONLY):
                continue
            assert (folder / static_site.page_file(path)).is_file(), f"{name}: {path}"


def test_writing_the_copy_counts_no_view(seed_site):
    assert seed_site.clicks == 0  # after three runs over the report's page


def test_counter_url_names_where_the_static_page_counts(seed_site):
    page = (seed_site.elsewhere / f"reports/{seed_site.pk}/index.html").read_text(encoding="utf-8")
    wanted = f'data-counter="https://luoshi.example.gov.cn/reports/{seed_site.pk}/click"'
    assert wanted in page


def test_a_second_run_keeps_unchanged_files_and_removes_none(seed_site):
    folder = seed_site.folder
    assert seed_site.again.removed == 0 and seed_site.kept
    on_disk = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert sorted(manifest(folder)) == sorted(str(p.relative_to(folder)) for p in on_disk)


def test_a_folder_holding_other_files_is_refused_and_left_alone(seed_publication, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CommandError, match="目录中已有其他文件"):
        call_command("publish-static", str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def _publish_quarter(quarter):  # noqa: F811 (the fixture, passed on)
    import datetime as dt

    from luoshi.disclosure import publishing
    from luoshi.progress import workflow
    from tests.quarter import row

    text = "1-3月, 完工公共停车泊位200个, 完成开工及续建2000个。"
    progress = workflow.submit(quarter.housing, row(quarter.period, quarter.parking), text=text)
    workflow.approve(quarter.reviewer, progress)
    return publishing.publish(
        quarter.admin, quarter.period, on=dt.date(2022, 4, 20), allow_partial=True
    )


def _correct(quarter, publication):  # noqa: F811
    from luoshi.disclosure import publishing
    from luoshi.progress import workflow
    from tests.quarter import row

    fixed = "1-3月, 完工公共停车泊位210个, 完成开工及续建2000个。"
    publishing.start_correction(quarter.admin, publication, quarter.parking.pk, text=fixed)
    workflow.approve(quarter.reviewer, row(quarter.period, quarter.parking))
    return publishing.publish_correction(quarter.admin, publication, "更正泊位数")


# transaction=True: the copy is written by a thread with its own connection, which sees
# only what has committed.
@pytest.mark.django_db(transaction=True)
def test_each_publish_and_correction_rewrites_the_static_dir_after_it_commits(
    quarter, settings, tmp_path
):
    settings.LUOSHI_STATIC_DIR = str(tmp_path / "site")
    folder = tmp_path / "site"
    first = _publish_quarter(quarter)
    static_site.republisher.wait()
    assert (folder / f"reports/{first.pk}/index.html").is_file()
    corrected = _correct(quarter, first)
    static_site.republisher.wait()
    assert (folder / f"reports/{corrected.pk}/index.html").is_file()
    assert not (folder / f"reports/{first.pk}").exists()  # the corrected version's files went
    assert f"/reports/{first.pk}/" not in (folder / "index.html").read_text(encoding="utf-8")
    assert f"reports/{first.pk}/download.pdf" not in manifest(folder)


@pytest.mark.django_db(transaction=True)
def test_a_static_dir_that_cannot_be_written_never_undoes_the_publication(
    quarter, settings, tmp_path, caplog
):
    (tmp_path / "notes.txt").write_text("someone else's folder", encoding="utf-8")
    settings.LUOSHI_STATIC_DIR = str(tmp_path)
    publication = _publish_quarter(quarter)
    static_site.republisher.wait()
    from luoshi.disclosure.models import Publication

    assert Publication.objects.current().filter(pk=publication.pk).exists()
    assert f"static copy in {tmp_path} not written" in caplog.text
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.django_db(transaction=True)
def test_the_office_publish_returns_before_the_static_copy_is_written(
    quarter, settings, tmp_path, monkeypatch
):
    import threading

    settings.LUOSHI_STATIC_DIR = str(tmp_path / "site")
    release, runs = threading.Event(), []

    def slow_publish(folder, counter_url="", governments=None):
        runs.append((threading.current_thread().name, governments))
        assert release.wait(timeout=30)  # held until the publish has returned
        return static_site.Published(folder=folder)

    monkeypatch.setattr(static_site, "publish", slow_publish)
    publication = _publish_quarter(quarter)  # returned with the copy still being written
    release.set()
    static_site.republisher.wait()
    assert runs == [("luoshi-static", {publication.period.plan.government_id})]


def test_governments_queued_during_a_run_are_written_by_one_more_run(settings, monkeypatch):
    import threading

    settings.LUOSHI_STATIC_DIR = "unused"
    started, release, runs = threading.Event(), threading.Event(), []

    def publish(folder, counter_url="", governments=None):
        runs.append(set(governments))
        started.set()
        assert release.wait(timeout=30)
        return static_site.Published(folder=folder)

    monkeypatch.setattr(static_site, "publish", publish)
    writer = static_site.Republisher()
    writer.queue({1})
    assert started.wait(timeout=30)
    writer.queue({2})
    writer.queue({3, 1})
    release.set()
    writer.wait()
    assert runs == [{1}, {1, 2, 3}]


def _second_government(seed_report):
    """The seed's report stored again as another government's (its index number cleared, so
    it is not taken for the seed's government)."""
    from luoshi.imports.importer import store_report

    seed_report.meta.index_no = ""
    return store_report(seed_report, government_name="某县人民政府").publication


@pytest.mark.django_db
def test_a_publish_writes_only_its_governments_files_and_keeps_the_others(
    seed_publication, seed_report, tmp_path
):
    folder = tmp_path / "site"
    static_site.publish(folder)
    seed_files = {n: o for n, o in manifest(folder).items() if o == seed_publication.government.pk}
    page = folder / f"reports/{seed_publication.pk}/index.html"
    before = page.stat().st_mtime_ns
    other = _second_government(seed_report)
    assert other.government != seed_publication.government

    result = static_site.publish(folder, governments={other.government.pk})
    after = manifest(folder)
    assert result.removed == 0
    assert page.stat().st_mtime_ns == before  # the seed's government's page was not rendered
    assert {n: after[n] for n in seed_files} == seed_files
    assert after[f"reports/{other.pk}/index.html"] == other.government.pk
    assert f"/reports/{other.pk}/" in (folder / "index.html").read_text(encoding="utf-8")
    assert result.pages < len([n for n in after if n.endswith(("index.html", ".json"))])


@pytest.mark.django_db
def test_a_publish_removes_its_governments_stale_files_only(
    seed_publication, seed_report, tmp_path
):
    from luoshi.disclosure.models import Publication

    folder = tmp_path / "site"
    other = _second_government(seed_report)
    static_site.publish(folder)
    Publication.objects.filter(pk=other.pk).delete()  # the second government's report gone

    result = static_site.publish(folder, governments={other.government.pk})
    assert not (folder / f"reports/{other.pk}").exists()
    assert (folder / f"reports/{seed_publication.pk}/index.html").is_file()
    assert result.removed > 0
    assert not [n for n in manifest(folder) if n.startswith(f"reports/{other.pk}/")]


@pytest.mark.django_db
def test_a_manifest_without_owners_makes_a_whole_run(seed_publication, tmp_path):
    folder = tmp_path / "site"
    static_site.publish(folder)
    names = sorted(manifest(folder))
    (folder / static_site.MANIFEST).write_text(json.dumps(names), encoding="utf-8")
    static_site.publish(folder, governments={seed_publication.government.pk + 1})
    assert sorted(manifest(folder)) == names  # every file still listed, each with its owner
    assert None not in manifest(folder).values()
