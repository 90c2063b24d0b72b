"""assess skips reading the figures of a task with no target unless the progress text
states a completion rate (figures.states_plan_rate): every text of the gold and held-out
files, and each of its clauses, as written and full-width, whose figures carry a stated
rate passes that test. And the figures read with their targets given (the periods of those
no target can take left out) answer those targets as the figures read with none."""

import json
import re

from luoshi.textparse import figures
from luoshi.textparse.assess import assess
from luoshi.textparse.figures import extract_figures, match_figures
from luoshi.textparse.targets import extract_targets

from .test_scan import FILES, TEXTS

FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "%": "％"})
PIECES = [p for t in TEXTS for p in [t, *re.split(r"[,，;；。]", t)] if p]


def test_a_stated_rate_is_read_wherever_a_figure_carries_one():
    carried = 0
    for t in PIECES + [p.translate(FULL) for p in PIECES]:
        if any(f.plan_rate is not None for f in figures.extract_figures(t, 2021)):
            carried += 1
            assert figures.states_plan_rate(t), t
    assert carried > 5


def test_the_stated_rate_test_is_not_always_true():
    assert not figures.states_plan_rate("新增驿站12家,网办率100%")
    assert figures.states_plan_rate("完成年度目标任务的41.3%")
    assert figures.states_plan_rate("完成年度目标任务的４１.３％")


def test_a_task_with_no_target_is_judged_by_its_stated_rate():
    task = {"id": 1, "content": "深化机关内部改革,优化营商环境。",
            "status_text": "已完成年度目标任务的41.3%。", "as_of": "2021-06"}  # fmt: skip
    full_width = dict(task, status_text="已完成年度目标任务的４１.３％。")
    for t in (task, full_width):
        trace: dict = {}
        traced = assess(t, trace)
        assert trace["read"]  # the trace still holds every figure read
        assert assess(t) == traced
        assert traced["status"] == "behind"  # 41.3% of the year's work at the half year
        assert traced["evidence"] == [t["status_text"][1:-1]]


def test_figures_read_for_their_targets_are_the_figures_read_for_none():
    pairs = 0
    for path in FILES:
        for ex in json.loads(path.read_text(encoding="utf-8")):
            content, text = ex.get("content") or "", ex.get("status_text") or ""
            for c, t in ((content, text), (content.translate(FULL), text.translate(FULL))):
                targets = extract_targets(c, 2021)
                want = [f.as_dict() for f in match_figures(targets, extract_figures(t, 2021))]
                got = extract_figures(t, 2021, None, targets)
                assert [f.as_dict() for f in match_figures(targets, got)] == want, t
                pairs += bool(want)
    assert pairs > 50


def test_figures_left_unread_for_other_tasks_targets_change_no_match():
    # Each progress text against the targets of the cases next to it: most of its figures
    # then fit no target, the case where extract_figures leaves them (or the whole text)
    # unread, and the matches must be those of the figures all read.
    cases = [ex for path in FILES for ex in json.loads(path.read_text(encoding="utf-8"))]
    matched = unread = 0
    for i, ex in enumerate(cases):
        text = ex.get("status_text") or ""
        for other in cases[i + 1 : i + 4]:
            targets = extract_targets(other.get("content") or "", 2021)
            everything = extract_figures(text, 2021)  # afresh: matching changes figures
            want = [f.as_dict() for f in match_figures(targets, everything)]
            got = extract_figures(text, 2021, None, targets)
            assert [f.as_dict() for f in match_figures(targets, got)] == want, (text, targets)
            matched += bool(want)
            unread += len(got) < len(everything)
    assert matched > 50 and unread > 200
