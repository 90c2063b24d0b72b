"""Stored downloads of an old page stamp are removed, not kept for ever: a province's
downloads folder would grow with every renamed unit and corrected report."""

import io
import os
import time

import pytest
from django.core.management import call_command

from luoshi.disclosure import files
from luoshi.pagecache.signals import bump

pytestmark = pytest.mark.django_db


def _stored(downloads_dir):
    return sorted(p for p in downloads_dir.rglob("*.csv") if p.is_file())


def _age(path, seconds):
    """Make a file or folder (and what it holds) look `seconds` old."""
    then = time.time() - seconds
    for p in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.utime(p, (then, then))


def test_a_new_page_stamp_stores_in_a_new_folder_and_removes_the_old_one(
    client, seed_publication, downloads_dir
):
    url = f"/reports/{seed_publication.pk}/download.csv"
    client.get(url)
    [old] = _stored(downloads_dir)
    _age(old.parent, files.GRACE_SECONDS + 60)
    bump(seed_publication.government.pk)  # a unit renamed: every page of it changes

    client.get(url)
    [new] = _stored(downloads_dir)
    assert new.parent != old.parent and new.parent.parent == old.parent.parent
    assert not old.parent.exists()


def test_an_old_folder_within_the_grace_is_kept(client, seed_publication, downloads_dir):
    url = f"/reports/{seed_publication.pk}/download.csv"
    client.get(url)
    [old] = _stored(downloads_dir)
    bump(seed_publication.government.pk)

    client.get(url)  # a request that read the stamp before the change may still write there
    assert old.exists() and len(_stored(downloads_dir)) == 2


def test_prune_downloads_removes_what_no_report_serves_and_keeps_the_rest(
    client, seed_publication, downloads_dir
):
    client.get(f"/reports/{seed_publication.pk}/download.csv")
    [current] = _stored(downloads_dir)
    report_dir = current.parent.parent
    stale = report_dir / "0123456789abcdef" / "old.csv"  # an earlier fingerprint's file
    stale.parent.mkdir()
    stale.write_text("旧", encoding="utf-8")
    flat = report_dir / "abc.csv"  # the layout before fingerprint folders
    flat.write_text("旧", encoding="utf-8")
    gone = downloads_dir / str(seed_publication.pk + 1000) / "0123456789abcdef" / "x.csv"
    gone.parent.mkdir(parents=True)  # a report deleted since
    gone.write_text("旧", encoding="utf-8")
    other = downloads_dir / "README.txt"  # not a report's folder: left alone
    other.write_text("运维说明", encoding="utf-8")
    for path in (stale.parent, flat, gone.parent.parent, current.parent):
        _age(path, files.GRACE_SECONDS + 60)

    out = io.StringIO()
    call_command("prune-downloads", stdout=out)
    assert current.exists() and other.exists()
    assert not stale.parent.exists() and not flat.exists() and not gone.parent.parent.exists()
    assert "删除 3 个" in out.getvalue()  # stale, flat and the deleted report's file


def test_prune_downloads_keeps_a_deleted_reports_files_within_the_grace(
    seed_publication, downloads_dir
):
    recent = downloads_dir / str(seed_publication.pk + 1000) / "0123456789abcdef" / "x.csv"
    recent.parent.mkdir(parents=True)
    recent.write_text("新", encoding="utf-8")

    call_command("prune-downloads")
    assert recent.exists()
