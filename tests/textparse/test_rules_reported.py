"""Rules for shapes found in other governments' progress reports (measured on
tests/textparse/heldout3.json), one test per behaviour, each run on the ASCII text and on its
full-width twin (，：；（）). The sentences are written in the reports' shape, not copied."""

import pytest

from luoshi.textparse import assess

FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})


@pytest.fixture(params=["ascii", "full-width"])
def assess_text(request):
    """assess() on the text as given, then on its full-width twin."""

    def go(content, status_text, as_of="2023-12"):
        if request.param == "full-width":
            content, status_text = content.translate(FULL_WIDTH), status_text.translate(FULL_WIDTH)
        return assess({"id": "t", "content": content, "status_text": status_text, "as_of": as_of})

    return go


def targets_of(r):
    return [(t["text"], t["value"], t["comparator"], t["kind"]) for t in r["targets"]]


def figures_of(r):
    return [(a["value"], a["target"]) for a in r["actuals"]]


# --- a target over a set of named measures (N个…指标) --------------------------------------


def test_count_of_named_measures_is_a_label_not_a_target(assess_text):
    r = assess_text("确保工业投资增长8%以上,3项结构指标均实现12%以上增长。", "")
    assert targets_of(r) == [("工业投资增长8%以上", 8, ">=", "growth"),
                             ("3项结构指标均实现12%以上增长", 12, ">=", "growth")]  # fmt: skip


def test_rate_followed_by_growth_word_is_a_growth_target(assess_text):
    r = assess_text("全县规上工业企业营业收入实现15%以上增长。", "")
    assert targets_of(r) == [("全县规上工业企业营业收入实现15%以上增长", 15, ">=", "growth")]


def test_parts_after_the_set_named_again_answer_the_set_target(assess_text):
    r = assess_text(
        "3项结构指标均实现12%以上增长。",
        "1-9月,3项结构指标中,工业技改投资增长15.2%,民间投资同比下降3.1%,基础设施投资增长13%。",
        "2023-09",
    )
    assert figures_of(r) == [(15.2, 0), (-3.1, 0), (13, 0)]
    assert r["status"] == "behind"  # every part must reach 12%: the lowest speaks


def test_parts_in_one_sentence_are_not_taken_by_a_growth_target_sharing_a_word(assess_text):
    r = assess_text(
        "固定资产投资增长7%左右;3大结构指标增长9%。",
        "1-9月,固定资产投资增长8.2%;工业投资增长10.5%,民间投资增长9.6%,交通投资下降1.2%。",
        "2023-09",
    )
    assert figures_of(r) == [(8.2, 0), (10.5, 1), (9.6, 1), (-1.2, 1)]
    assert r["status"] == "behind"


def test_set_target_with_every_part_above_its_rate_is_on_schedule(assess_text):
    r = assess_text(
        "3大结构指标增长9%。",
        "上半年,工业投资增长10.5%,民间投资增长9.6%,交通投资增长11%。",
        "2023-06",
    )
    assert figures_of(r) == [(10.5, 0), (9.6, 0), (11, 0)]
    assert r["status"] == "on_track"


def test_sentence_with_another_number_of_rates_is_not_the_set(assess_text):
    r = assess_text("3大结构指标增长9%。", "上半年,工业投资增长10.5%,民间投资增长9.6%。", "2023-06")
    assert figures_of(r) == []  # two rates for a set of three: no part is given to it
