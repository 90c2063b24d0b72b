"""A failure inside the click journal (out of memory mapping the file, the generation check,
the write of a slot) costs at most the view it happened on: the file lock is released,
the failing worker opens the journal anew at its next view, and every other worker goes on
counting meanwhile. A page whose view could not be counted is still served."""

from __future__ import annotations

import errno
import multiprocessing

import pytest

from luoshi.pagecache import journal as journal_module
from luoshi.pagecache.journal import ClickJournal
from tests.disclosure.test_click_journal import make_database, view


@pytest.fixture
def database(tmp_path):
    path = str(tmp_path / "luoshi.sqlite3")
    make_database(path, [(1, 0, "2026-01-01 00:00:00")])
    return path


@pytest.fixture
def journals():
    opened = []

    def make(database):
        journal = ClickJournal(database, fold_seconds=3600)
        opened.append(journal)
        return journal

    yield make
    for journal in opened:
        journal.close()


def _view_in_another_worker(database, numbers):
    numbers.put(view(ClickJournal(database, fold_seconds=3600), 1))


def other_worker_counts(database) -> int:
    """One view counted by another process; fails (rather than hangs) if it cannot lock."""
    forked = multiprocessing.get_context("fork")
    numbers = forked.Queue()
    child = forked.Process(target=_view_in_another_worker, args=(database, numbers))
    child.start()
    try:
        return numbers.get(timeout=20)
    finally:
        child.join(timeout=5)
        if child.is_alive():
            child.kill()


def _fail_once(monkeypatch, target, name, error):
    real = getattr(target, name)
    calls = []

    def failing(*args, **kwargs):
        if not calls:
            calls.append(1)
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, failing)


def test_a_failed_map_is_opened_again_at_the_next_view(database, journals, monkeypatch):
    worker = journals(database)
    _fail_once(monkeypatch, worker, "_map", OSError(errno.ENOMEM, "Cannot allocate memory"))
    with pytest.raises(OSError):
        view(worker, 1)
    assert other_worker_counts(database) == 1
    assert view(worker, 1) == 2  # reopened, not "no attribute 'map'"
    assert other_worker_counts(database) == 3


def test_a_failed_generation_check_releases_the_file_lock(database, journals, monkeypatch):
    worker = journals(database)
    assert view(worker, 1) == 1
    _fail_once(monkeypatch, worker, "_check_generation", MemoryError())
    with pytest.raises(MemoryError):
        view(worker, 1)
    assert other_worker_counts(database) == 2  # would wait for the lock for ever
    assert view(worker, 1) == 3


def test_a_failed_remap_after_another_worker_moved_the_slots_recovers(
    database, journals, monkeypatch
):
    worker, mover = journals(database), journals(database)
    assert view(worker, 1) == 1
    with mover._locked():
        mover._rebuild()  # a new generation: every other worker remaps
    _fail_once(monkeypatch, worker, "_map", OSError(errno.ENOMEM, "Cannot allocate memory"))
    with pytest.raises(OSError):
        view(worker, 1)
    assert other_worker_counts(database) == 2
    assert view(worker, 1) == 3


class _FailingSlot:
    """The slot layout, whose next write fails (a bad page of the map, say)."""

    def __init__(self, real):
        self.real, self.failed = real, False

    def __getattr__(self, name):
        return getattr(self.real, name)

    def pack_into(self, *args):
        if not self.failed:
            self.failed = True
            raise ValueError("write failed")
        return self.real.pack_into(*args)


def test_a_failed_write_releases_the_lock_and_counts_on(database, journals, monkeypatch):
    worker = journals(database)
    assert view(worker, 1) == 1
    monkeypatch.setattr(journal_module, "SLOT", _FailingSlot(journal_module.SLOT))
    with pytest.raises(ValueError):
        view(worker, 1)
    monkeypatch.undo()
    assert other_worker_counts(database) == 2  # the failed view is not counted
    assert view(worker, 1) == 3


@pytest.mark.django_db
def test_a_view_the_journal_fails_to_count_still_serves_the_page(client, seed_report, monkeypatch):
    from luoshi.imports.importer import store_report

    publication = store_report(seed_report).publication

    def out_of_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(ClickJournal, "count", out_of_memory)
    response = client.get(f"/reports/{publication.pk}/")
    assert response.status_code == 200
