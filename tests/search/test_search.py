"""Chinese full-text search over published reports: jieba words, ranked, highlighted."""

import re

import pytest
from django.core.management import call_command

from luoshi.disclosure.models import Publication
from luoshi.plans.models import Task
from luoshi.search.models import SearchEntry
from luoshi.search.query import highlight, search
from tests.portal import store_third_quarter

pytestmark = pytest.mark.django_db


def _seqs(hits):
    return [h.task.seq for h in hits]


def test_storing_a_report_indexes_each_of_its_106_rows(seed_publication):
    assert SearchEntry.objects.filter(publication=seed_publication).count() == 106


def test_two_character_word_finds_the_elevator_tasks(seed_publication):
    assert sorted(_seqs(search("电梯"))) == [89, 90]


@pytest.mark.parametrize("word", ["养老", "河道"])
def test_two_character_words_find_every_task_that_uses_them(seed_publication, word):
    found = set(_seqs(search(word)))
    expected = {
        p.task.seq
        for p in seed_publication.period.progress.select_related("task")
        if word in p.task.content or word in p.text
    }
    assert expected and found == expected


def test_every_query_word_must_match(seed_publication):
    assert _seqs(search("加装电梯")) == [90]
    assert search("电梯 河道") == []


def test_a_task_naming_the_word_often_ranks_first(seed_publication):
    # Task 89 says 电梯 eight times, task 90 twice.
    assert _seqs(search("电梯"))[0] == 89


def test_matched_words_are_wrapped_in_mark(seed_publication):
    hit = next(h for h in search("电梯") if h.task.seq == 90)
    assert hit.content_html == "完成既有住宅加装<mark>电梯</mark>165台以上。"
    assert "<mark>电梯</mark>" in hit.text_html


def test_highlight_escapes_document_text_before_marking():
    html = highlight('<b>电梯</b> & "电梯"', ["电梯"])
    assert html == "&lt;b&gt;<mark>电梯</mark>&lt;/b&gt; &amp; &quot;<mark>电梯</mark>&quot;"


def test_query_punctuation_cannot_break_the_match_syntax(seed_publication):
    assert sorted(_seqs(search('电梯"*'))) == [89, 90]
    assert search("') | ('") == []
    assert search("") == [] and search("，。") == []


def test_search_within_one_report_or_across_all(seed_publication, seed_report):
    q3 = store_third_quarter(seed_report)
    across = search("电梯")
    assert {h.publication.pk for h in across} == {seed_publication.pk, q3.pk}
    within = search("电梯", publication_id=q3.pk)
    assert sorted(_seqs(within)) == [89, 90]
    assert {h.publication.pk for h in within} == {q3.pk}


def test_search_page_lists_hits_with_links_to_the_task_pages(client, seed_publication):
    html = client.get("/search/", {"q": "电梯"}).content.decode()
    assert re.findall(r'<li class="hit" data-seq="(\d+)"', html) == ["89", "90"]
    task90 = Task.objects.get(seq=90)
    assert f'href="/tasks/{task90.pk}/"' in html
    assert "<mark>电梯</mark>" in html


def test_search_page_escapes_the_query(client, seed_publication):
    html = client.get("/search/", {"q": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_reindex_rebuilds_the_index_from_the_stored_reports(seed_publication):
    SearchEntry.objects.all().delete()
    assert search("电梯") == []
    call_command("reindex")
    assert sorted(_seqs(search("电梯"))) == [89, 90]


def test_a_deleted_report_leaves_no_hits(seed_publication):
    Publication.objects.filter(pk=seed_publication.pk).delete()
    assert search("电梯") == []


def test_an_edited_progress_text_is_found_after_reindexing(seed_publication):
    progress = seed_publication.period.progress.get(task__seq=1)
    progress.text = "新开工河道整治工程三项。"
    progress.save()
    call_command("reindex")
    assert 1 in _seqs(search("河道"))
