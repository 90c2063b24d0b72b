"""A rule skipped because the text lacks a word is a rule that could not have matched: for
every gated pattern, each text of the gold and held-out files (as written, folded and
half-width, whole and cut into clauses) that the pattern matches passes its word test."""

import re

from luoshi.textparse import classify, targets
from luoshi.textparse.fold import fold

from .test_scan import TEXTS

PIECES = [p for t in TEXTS for p in [t, *re.split(r"[,，;；。]", t)] if p]


def test_the_on_schedule_judgement_is_read_wherever_it_can_match():
    for t in PIECES:
        if classify.NODE_ON_TRACK_RE.search(fold(t)):
            assert classify._may_judge_on_track(fold(t)), t


def test_the_on_schedule_word_test_is_not_always_true():
    assert not classify._may_judge_on_track("新增驿站12家")
    assert classify._may_judge_on_track("完成9月节点目标")
    assert classify._may_judge_on_track(fold("完成９月节点目标，是否达序：是"))


def test_task_and_item_completion_are_read_wherever_they_can_match():
    for t in PIECES:
        f = fold(t)
        if classify.TASK_DONE_RE.search(f):
            assert classify._may_be_task_done(f), t
        if classify.ITEM_DONE_RE.search(f):
            assert classify._may_be_item_done(f), t


def test_the_completion_word_tests_are_not_always_true():
    assert not classify._may_be_task_done("已完成19条省级美丽河道创建工作")
    assert classify._may_be_task_done(fold("完成年度目标任务，"))
    assert not classify._may_be_item_done("已完成19条省级美丽河道创建工作")
    assert classify._may_be_item_done(fold("项目均已完成（验收）"))


def test_a_restated_achievement_holds_one_of_the_achievement_verbs():
    for t in PIECES:
        if classify._ACHIEVED_LEAD.match(t):
            assert classify._ACHIEVED_VERB.search(t), t


def test_a_multi_year_or_later_year_span_holds_nian_or_wu():
    for t in PIECES:
        if targets.MULTI_YEAR.search(t) or targets.FUTURE_YEAR.search(t):
            assert "年" in t or "五" in t, t


def test_a_context_lead_or_after_word_starts_with_one_of_its_first_characters():
    for t in PIECES:
        if targets.CONTEXT_LEAD.match(t):
            assert t[0] in targets._CONTEXT_LEAD_FIRST, t
        for i in range(len(t)):
            if targets.CONTEXT_AFTER.match(t[i : i + 4]):
                assert t[i] in targets._CONTEXT_AFTER_FIRST, t
