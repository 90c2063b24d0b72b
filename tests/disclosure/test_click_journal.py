"""The click journal (luoshi.pagecache.journal): views counted in a shared file beside the
SQLite database, exact across processes, folded into the database, and not lost when a
process is killed. Plain sqlite3, no Django: the journal needs only the table's columns."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import time

import pytest

from luoshi.pagecache.journal import FIRST_SLOTS, ROW_SQL, ClickJournal


def make_database(path, rows):
    """rows: (id, clicks, created)."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(
        "CREATE TABLE disclosure_publication "
        "(id INTEGER PRIMARY KEY, clicks INTEGER NOT NULL, created DATETIME NOT NULL)"
    )
    db.executemany("INSERT INTO disclosure_publication VALUES (?, ?, ?)", rows)
    db.commit()
    db.close()


def stored(path, publication_id) -> int:
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT clicks FROM disclosure_publication WHERE id = ?", (publication_id,)
        ).fetchone()[0]


def view(journal, publication_id) -> int:
    """One view, as the page does it: read the row, then count."""
    db = sqlite3.connect(journal.database)
    try:
        clicks, created = db.execute(ROW_SQL, (publication_id,)).fetchone()
        return journal.count(
            publication_id,
            created,
            clicks,
            lambda: db.execute(ROW_SQL, (publication_id,)).fetchone(),
        )
    finally:
        db.close()


@pytest.fixture(autouse=True)
def closed_after(monkeypatch):
    """Every journal a test opens stops its folding thread afterwards."""
    opened = []
    init = ClickJournal.__init__

    def tracked(self, *args, **kwargs):
        init(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(ClickJournal, "__init__", tracked)
    yield
    for journal in opened:
        journal.close()


@pytest.fixture
def database(tmp_path):
    path = str(tmp_path / "luoshi.sqlite3")
    make_database(path, [(1, 0, "2026-01-01 00:00:00.000001"), (2, 7, "2026-01-02 00:00:00")])
    return path


def test_counting_goes_on_from_the_count_in_the_database(database):
    journal = ClickJournal(database, fold_seconds=3600)
    assert [view(journal, 2) for _ in range(3)] == [8, 9, 10]
    assert stored(database, 2) == 7  # not folded yet


def test_fold_writes_the_count_into_the_database_and_a_second_fold_adds_nothing(database):
    journal = ClickJournal(database, fold_seconds=3600)
    for _ in range(3):
        view(journal, 1)
    assert journal.fold() == 1
    assert stored(database, 1) == 3
    assert journal.fold(everything=True) == 0
    assert stored(database, 1) == 3


def test_the_journal_folds_by_itself_about_every_interval(database):
    journal = ClickJournal(database, fold_seconds=0.05)
    for _ in range(4):
        view(journal, 1)
    deadline = time.monotonic() + 10
    while stored(database, 1) != 4 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert stored(database, 1) == 4


def _count_in_child(database, publication_id, views, numbers):
    journal = ClickJournal(database)
    numbers.put([view(journal, publication_id) for _ in range(views)])


def test_views_from_four_processes_each_get_their_own_number(database):
    forked = multiprocessing.get_context("fork")
    numbers = forked.Queue()
    children = [
        forked.Process(target=_count_in_child, args=(database, 1, 250, numbers)) for _ in range(4)
    ]
    for child in children:
        child.start()
    seen = [n for _ in children for n in numbers.get(timeout=60)]
    for child in children:
        child.join(timeout=60)
    assert sorted(seen) == list(range(1, 1001))
    ClickJournal(database).fold(everything=True)
    assert stored(database, 1) == 1000


def _count_and_die(database, publication_id, views):
    journal = ClickJournal(database, fold_seconds=3600)
    for _ in range(views):
        view(journal, publication_id)
    os.kill(os.getpid(), signal.SIGKILL)  # no fold, no exit handlers


def test_views_of_a_killed_process_are_folded_by_the_next_one(database):
    child = multiprocessing.get_context("fork").Process(
        target=_count_and_die, args=(database, 1, 100)
    )
    child.start()
    child.join(timeout=60)
    assert child.exitcode == -signal.SIGKILL
    assert stored(database, 1) == 0

    # The next process's first fold takes every count left in the file.
    journal = ClickJournal(database, fold_seconds=0.05)
    assert view(journal, 2) == 8
    deadline = time.monotonic() + 10
    while stored(database, 1) != 100 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert stored(database, 1) == 100
    assert view(journal, 1) == 101


def test_a_count_left_from_another_database_at_the_same_path_is_not_taken(database):
    journal = ClickJournal(database, fold_seconds=3600)
    for _ in range(5):
        view(journal, 1)
    # The database is deleted and made anew; the journal file beside it stays.
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(database + suffix):
            os.remove(database + suffix)
    make_database(database, [(1, 0, "2026-03-01 08:00:00")])

    assert journal.fold(everything=True) == 0  # the old row's 5 do not go to the new row
    assert stored(database, 1) == 0
    assert view(ClickJournal(database, fold_seconds=3600), 1) == 1


def test_the_file_grows_and_drops_slots_whose_views_are_in_the_database(tmp_path):
    database = str(tmp_path / "luoshi.sqlite3")
    many = FIRST_SLOTS * 2
    make_database(database, [(i, i, f"2026-01-01 {i}") for i in range(1, 2 * many + 1)])
    journal = ClickJournal(database, fold_seconds=3600)
    first = range(1, many + 1)
    assert all(view(journal, i) == i + 1 for i in first)
    grown = os.path.getsize(journal.path)
    assert grown > FIRST_SLOTS * 32 + 64
    journal.fold()
    assert stored(database, many) == many + 1

    # A second batch as large: the first batch's slots are folded, so they make room.
    assert all(view(journal, i) == i + 1 for i in range(many + 1, 2 * many + 1))
    assert os.path.getsize(journal.path) == grown
    # Dropped slots start again from the database's count.
    assert [view(journal, i) for i in (1, 2, many)] == [3, 4, many + 2]


def test_an_unreadable_file_is_started_anew_from_the_database(database):
    with open(database + ".clicks", "wb") as garbage:
        garbage.write(b"not a click journal")
    journal = ClickJournal(database, fold_seconds=3600)
    assert view(journal, 2) == 8
    assert os.path.getsize(journal.path) == 64 + FIRST_SLOTS * 32
