"""Chinese full-text search over published reports: Han bigrams, ranked, highlighted."""

import re

import pytest
from django.core.management import call_command

from luoshi.disclosure.models import Publication
from luoshi.plans.models import Task
from luoshi.search.index import index_publication
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


def test_a_working_row_changed_after_publication_is_not_found_even_after_reindexing(
    seed_publication,
):
    # Search finds what the report published (its frozen rows), as the report page shows.
    progress = seed_publication.period.progress.get(task__seq=1)
    published = progress.text
    progress.text = "新开工河道整治工程三项。"
    progress.save()
    call_command("reindex")
    assert 1 not in _seqs(search("河道整治工程三项"))
    assert "地区生产总值增长9.6%" in published
    hit = next(h for h in search("地区生产总值") if h.task.seq == 1)
    assert hit.row.text == published


# --- A query word is found wherever its characters occur, however a segmenter cuts them.


def _set_text(publication, seq, text):
    """A report that published `text` for task `seq` (its frozen row), indexed."""
    publication.rows().filter(task__seq=seq).update(text=text)
    index_publication(publication)


def _containing(publication, query):
    return {
        r.task.seq
        for r in publication.rows().select_related("task")
        if query in r.task.content or query in r.text
    }


@pytest.mark.parametrize("query", ["一网通办", "网通办", "通办率", "办率", "构床", "老旧小区"])
def test_a_word_is_found_inside_longer_words(seed_publication, query):
    # The seed says 一网通办率 (task 102): jieba cuts the query 一网通办 as 一网通 + 办 but
    # the text as 一网通 + 办率, so the word-based index found nothing.
    expected = _containing(seed_publication, query)
    assert expected and set(_seqs(search(query, limit=1000))) == expected


def test_the_words_of_a_query_need_not_be_next_to_each_other(seed_publication):
    # 养老床位 is 养老 + 床位; task 76 says 新增养老机构床位.
    found = set(_seqs(search("养老床位", limit=1000)))
    assert 76 in found
    assert found == _containing(seed_publication, "养老") & _containing(seed_publication, "床位")


def test_a_word_inside_a_longer_word_is_highlighted(seed_publication):
    hit = next(h for h in search("一网通办") if h.task.seq == 102)
    assert "<mark>一网通办</mark>率" in hit.text_html


def test_every_substring_of_a_text_finds_it(seed_publication):
    text = "完成老旧小区改造项目十二个，居家养老服务中心实现街道全覆盖。"
    _set_text(seed_publication, 2, text)
    for run in ("完成老旧小区改造项目十二个", "居家养老服务中心实现街道全覆盖"):
        for size in range(1, 7):
            for start in range(len(run) - size + 1):
                query = run[start : start + size]
                assert 2 in _seqs(search(query, seed_publication.pk, limit=1000)), query


def test_the_characters_of_a_word_must_be_consecutive(seed_publication):
    # Has the bigrams 一网, 网通 and 通办 but never 一网通办 itself.
    _set_text(seed_publication, 3, "一网联通，网通办事。")
    assert 3 not in _seqs(search("一网通办"))
    assert 3 in _seqs(search("网通办事"))


def test_full_width_digits_letters_and_mixed_words(seed_publication):
    _set_text(seed_publication, 4, "建成５Ｇ基站７３１９个。")
    assert _seqs(search("5G基站")) == [4]
    assert _seqs(search("7319")) == [4]
    assert _seqs(search("５ｇ")) == [4]
    assert search("731") == []  # numbers and Latin words match whole


def test_query_text_becomes_the_same_tokens_as_indexed_text():
    from luoshi.search.segment import query_terms, words

    assert words("一网通办率") == ["一网", "网通", "通办", "办率", "率"]
    assert words("新建5G基站，Ｂ区") == ["新建", "建", "5g", "基站", "站", "b", "区"]
    assert [(t.text, t.tokens, t.prefix) for t in query_terms("一网通办 率 5G")] == [
        ("一网通办", ("一网", "网通", "通办"), False),
        ("率", ("率",), True),
        ("5g", ("5g",), False),
    ]


def test_postgres_reads_the_same_tokens_in_the_same_positions():
    from django.db import connection

    from luoshi.search.segment import words

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    text = (
        "新建5G基站２００个，覆盖率达99.5%；e-mail a@b.com http://x.y/z 1e5 x_y café かな 한국 区"
    )
    tokens = words(text)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme, positions FROM unnest(to_tsvector('simple', %s))", [" ".join(tokens)]
        )
        found = {lexeme: sorted(positions) for lexeme, positions in cursor.fetchall()}
    expected: dict[str, list[int]] = {}
    for position, token in enumerate(tokens, start=1):
        expected.setdefault(token, []).append(position)
    assert found == expected


def test_postgres_ranks_the_newest_matches_of_a_common_word(
    seed_publication, seed_report, monkeypatch
):
    from django.db import connection

    from luoshi.search import query

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    q3 = store_third_quarter(seed_report)
    # Two candidates: the newest window holds enough, so only the latest report's are ranked.
    monkeypatch.setattr(query, "RANK_CANDIDATES", 2)
    hits = search("电梯", limit=2)
    assert sorted(_seqs(hits)) == [89, 90] and {h.publication.pk for h in hits} == {q3.pk}
    # Fewer in the window than wanted: every match is found through the GIN index.
    monkeypatch.setattr(query, "NEWEST_WINDOW", 1)
    assert len(search("电梯", limit=2)) == 2
    monkeypatch.setattr(query, "RANK_CANDIDATES", 10)
    assert {h.publication.pk for h in search("电梯", limit=10)} == {seed_publication.pk, q3.pk}
