"""Views counted in Redis (LUOSHI_REDIS_URL), shared by every process and host, folded
into the database: exact across processes, nothing lost on a clean stop, never backwards
after Redis loses its data. Needs a Redis: `scripts/with-redis` (make test starts one for
the PostgreSQL run and names it in LUOSHI_TEST_REDIS_URL); skipped without one."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from luoshi.disclosure.models import Publication
from luoshi.pagecache import clicks as clicks_module
from luoshi.pagecache import shared
from luoshi.pagecache.clicks import add_view, write_journal
from tests.disclosure.test_caching import get, page

REDIS_URL = os.environ.get("LUOSHI_TEST_REDIS_URL") or os.environ.get("LUOSHI_REDIS_URL")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="no Redis (scripts/with-redis)")


@pytest.fixture
def redis_counter(settings, monkeypatch):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    settings.LUOSHI_REDIS_URL = REDIS_URL
    # Folded by the tests themselves: a background fold on its own connection would not
    # see a test's rows (inside the test's transaction).
    monkeypatch.setattr(shared, "FOLD_SECONDS", 3600)
    monkeypatch.setattr(clicks_module, "_counters", {})
    yield client
    for counter in clicks_module._counters.values():
        counter.close()
    client.flushdb()
    client.close()


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


COUNTER = """
import json, sys, threading, django
django.setup()
from django.db import connection
from django.utils import timezone
from luoshi.pagecache.clicks import add_view
report, views = int(sys.argv[1]), int(sys.argv[2])
numbers = []
def read(k):
    for _ in range(k):
        numbers.append(add_view(report))
    connection.close()
threads = [threading.Thread(target=read, args=(views // 4,)) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps(numbers))
"""


@pytest.mark.django_db(transaction=True)
def test_two_processes_hand_out_exactly_1_to_n_and_the_database_holds_n_after_a_clean_stop(
    redis_counter, seed_report
):
    from luoshi.imports.importer import store_report

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the other processes need the database in a file")
    publication = store_report(seed_report).publication
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "LUOSHI_REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "luoshi.settings",
    }
    connection.close()  # SQLite: no lock of ours while the others write
    command = [sys.executable, "-c", COUNTER, str(publication.pk), "400"]
    processes = [
        subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    numbers = []
    for process in processes:
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        numbers += json.loads(out)
    assert sorted(numbers) == list(range(1, 801))
    # Nobody folded in this process: the database has the views from the others' exit.
    assert Publication.objects.get(pk=publication.pk).clicks == 800
    assert int(redis_counter.get(redis_counter.keys("luoshi:clicks:*")[0])) == 800


@pytest.mark.django_db
def test_each_reader_of_the_cached_page_sees_their_own_number(redis_counter, seed_publication):
    shown = []
    for _ in range(3):
        html = get(page(seed_publication)).body
        shown.append(int(html.split('<span id="clicks">')[1].split("<")[0]))
    assert shown == [1, 2, 3]
    assert Publication.objects.get(pk=seed_publication.pk).clicks == 0  # not folded yet
    write_journal()
    assert Publication.objects.get(pk=seed_publication.pk).clicks == 3


@pytest.mark.django_db
def test_a_missing_key_starts_from_the_database_count(redis_counter, seed_publication):
    Publication.objects.filter(pk=seed_publication.pk).update(clicks=41)
    assert add_view(seed_publication.pk) == 42
    assert add_view(seed_publication.pk) == 43


@pytest.mark.django_db
def test_redis_losing_its_data_never_takes_the_count_backwards(redis_counter, seed_publication):
    for _ in range(5):
        add_view(seed_publication.pk)
    write_journal()  # the database: 5
    for _ in range(3):
        add_view(seed_publication.pk)  # 6, 7, 8: not folded yet
    redis_counter.flushdb()  # Redis restarted without its data
    assert add_view(seed_publication.pk) == 9
    write_journal()
    assert Publication.objects.get(pk=seed_publication.pk).clicks == 9


@pytest.mark.django_db
def test_a_fold_raises_a_key_started_behind_the_database(redis_counter, seed_publication):
    assert add_view(seed_publication.pk) == 1
    key = redis_counter.keys("luoshi:clicks:*")[0]
    # Another host's fold wrote 20 views that this Redis (restarted from an old copy) lacks.
    Publication.objects.filter(pk=seed_publication.pk).update(clicks=20)
    assert add_view(seed_publication.pk) == 2
    write_journal()
    assert int(redis_counter.get(key)) == 20
    assert add_view(seed_publication.pk) == 21


@pytest.mark.django_db
def test_with_redis_unreachable_the_view_is_counted_in_the_database(
    redis_counter, settings, seed_publication
):
    settings.LUOSHI_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = get(page(seed_publication))
    assert response.status == 200 and '<span id="clicks">1</span>' in response.body
    assert Publication.objects.get(pk=seed_publication.pk).clicks == 1


@pytest.mark.django_db
def test_a_correction_carries_over_the_views_still_only_in_redis(redis_counter, seed_publication):
    from luoshi.pagecache.clicks import clicks_now

    for _ in range(4):
        add_view(seed_publication.pk)
    for counter in clicks_module._counters.values():
        counter.close()  # another host counted them: nothing pending here
    clicks_module._counters.clear()
    assert clicks_now(seed_publication.pk) == 4


def _change_a_task(publication) -> tuple[int, str]:
    """Change a task the page shows, without signals (no bump): (government, new text)."""
    from luoshi.plans.models import Task

    task = Task.objects.filter(plan_id=publication.period.plan_id).first()
    Task.objects.filter(pk=task.pk).update(content=task.content + "（已更正）")
    return task.plan.government_id, "（已更正）"


@pytest.mark.django_db
def test_a_bump_reaches_the_views_counted_without_the_database(redis_counter, seed_publication):
    from luoshi.pagecache.signals import bump

    get(page(seed_publication))
    get(page(seed_publication))  # read from Redis: the stamp this process knows
    government_id, mark = _change_a_task(seed_publication)
    bump(government_id)  # what the change's commit does
    assert mark in get(page(seed_publication)).body


@pytest.mark.django_db
def test_a_stamp_redis_missed_is_written_by_the_next_fold(redis_counter, seed_publication):
    get(page(seed_publication))
    get(page(seed_publication))  # read from Redis from now on
    government_id, mark = _change_a_task(seed_publication)
    with connection.cursor() as cursor:  # a bump whose write to Redis was lost
        cursor.execute(
            "UPDATE pagecache_stamp SET value = value + 1, changed = %s WHERE government_id = %s",
            [connection.ops.adapt_datetimefield_value(timezone.now()), government_id],
        )
    assert mark not in get(page(seed_publication)).body  # at most until the fold
    write_journal()
    assert mark in get(page(seed_publication)).body


@pytest.mark.django_db(transaction=True)
def test_luoshi_serve_writes_every_view_into_the_database_when_it_stops(redis_counter, seed_report):
    import urllib.request

    from luoshi.imports.importer import store_report
    from tests.disclosure.test_serve import luoshi_serve

    publication = store_report(seed_report).publication
    # The last views come less than a second before the stop: the workers write them as
    # they exit (granian's workers leave past atexit: a multiprocessing finalizer).
    with luoshi_serve(workers=2, threads=2, LUOSHI_REDIS_URL=REDIS_URL) as base:
        for _ in range(60):
            urllib.request.urlopen(f"{base}/reports/{publication.pk}/", timeout=60).read()
    assert Publication.objects.get(pk=publication.pk).clicks == 60


def _click(publication):
    return get(f"/reports/{publication.pk}/click", method="POST")


@pytest.mark.django_db
def test_counter_calls_are_counted_in_redis_alone_and_share_the_pages_count(
    redis_counter, seed_publication
):
    from django.test.utils import CaptureQueriesContext

    # The first call is Django's; the second finds the report current (one read).
    assert [json.loads(_click(seed_publication).body)["clicks"] for _ in range(2)] == [1, 2]
    get(page(seed_publication))  # the page's view: the third
    with CaptureQueriesContext(connection) as queries:
        answers = [json.loads(_click(seed_publication).body)["clicks"] for _ in range(3)]
    assert answers == [4, 5, 6]
    assert len(queries) == 0
    write_journal()
    assert Publication.objects.get(pk=seed_publication.pk).clicks == 6


@pytest.mark.django_db
def test_a_version_corrected_after_calls_counted_in_redis_is_404_and_counts_nothing(
    redis_counter, seed_publication
):
    from luoshi.pagecache.clicks import clicks_now
    from luoshi.pagecache.signals import bump

    for _ in range(3):
        _click(seed_publication)
    newer = Publication.objects.get(pk=seed_publication.pk)
    newer.pk, newer.previous, newer.index_no = None, seed_publication, ""
    newer.save()
    bump(seed_publication.period.plan.government_id)  # what the correction's commit does
    assert _click(seed_publication).status == 404
    assert clicks_now(seed_publication.pk) == 3


@pytest.mark.django_db
def test_a_redis_that_lost_its_scripts_still_counts_each_view_once(redis_counter, seed_publication):
    shown = []
    for n in range(4):
        if n == 2:
            redis_counter.script_flush()  # a restarted Redis: the hit's script is unknown
        html = get(page(seed_publication)).body
        shown.append(int(html.split('<span id="clicks">')[1].split("<")[0]))
    assert shown == [1, 2, 3, 4]


@pytest.mark.django_db
def test_a_dropped_connection_to_redis_is_opened_again(redis_counter, seed_publication):
    for _ in range(3):  # stamped, read with its stamp, then counted by Redis alone
        get(page(seed_publication))
    killed = redis_counter.client_kill_filter(_type="normal", skipme=True)  # every other
    assert killed >= 1
    html = get(page(seed_publication)).body
    assert '<span id="clicks">4</span>' in html
    assert Publication.objects.get(pk=seed_publication.pk).clicks == 0  # not the fallback
