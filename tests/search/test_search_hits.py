"""A hit carries what the results page shows, read in one query: the same values, in the
ranking's order, as the ORM reads from the published rows."""

import pytest

from luoshi.disclosure.models import PublishedProgress
from luoshi.search import segment
from luoshi.search.models import SearchEntry
from luoshi.search.query import _ranked_ids, search
from tests.portal import store_third_quarter

pytestmark = pytest.mark.django_db

QUERIES = ["电梯", "养老", "河道", "地区生产总值", "一网通办", "养老，床位", "加装电梯"]


def _as_orm_reads(entry_id):
    entry = SearchEntry.objects.get(pk=entry_id)
    row = (
        PublishedProgress.objects.select_related("task__section", "publication")
        .prefetch_related("task__task_units__unit")
        .get(publication_id=entry.publication_id, task_id=entry.task_id)
    )
    task = row.task
    return {
        "row": (row.pk, row.text, row.status, row.status_label),
        "task": (task.pk, task.seq, task.content, task.section.heading, task.lead_unit_names),
        "publication": (row.publication.pk, row.publication.title),
    }


def _as_hit_shows(hit):
    return {
        "row": (hit.row.pk, hit.row.text, hit.row.status, hit.row.status_label),
        "task": (
            hit.task.pk,
            hit.task.seq,
            hit.task.content,
            hit.task.section.heading,
            hit.task.lead_unit_names,
        ),
        "publication": (hit.publication.pk, hit.publication.title),
    }


@pytest.mark.parametrize("query", QUERIES)
def test_hits_show_the_published_rows_in_ranking_order(seed_publication, seed_report, query):
    store_third_quarter(seed_report)
    ranked = [i for i, _ in _ranked_ids(segment.query_terms(query), None, 200)]
    hits = search(query)
    assert hits and [h.entry_id for h in hits] == ranked
    for hit in hits:
        assert _as_hit_shows(hit) == _as_orm_reads(hit.entry_id)


def test_hits_within_one_report_follow_its_ranking(seed_publication, seed_report):
    q3 = store_third_quarter(seed_report)
    for publication in (seed_publication, q3):
        ranked = [i for i, _ in _ranked_ids(segment.query_terms("电梯"), publication.pk, 200)]
        hits = search("电梯", publication_id=publication.pk)
        assert hits and [h.entry_id for h in hits] == ranked
        assert {h.publication.pk for h in hits} == {publication.pk}


def test_a_task_with_two_lead_units_lists_them_in_their_order(seed_publication):
    task = next(t for t in seed_publication.period.plan.tasks.all() if len(t.lead_unit_names) > 1)
    word = task.content[:2]
    hit = next(h for h in search(word, limit=1000) if h.task == task)
    assert hit.task.lead_unit_names == task.lead_unit_names


def test_a_search_reads_its_hits_with_one_query(seed_publication, django_assert_num_queries):
    # SQLite: one query ranks, one reads every shown hit. PostgreSQL: one statement ranks
    # and reads them (the GIN fallback for a rare word is inside it too).
    from django.db import connection

    with django_assert_num_queries(2 if connection.vendor == "sqlite" else 1):
        hits = search("养老")
    assert len(hits) == 4
