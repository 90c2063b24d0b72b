"""`luoshi eval` says why it missed: the rule that decided a class, and what became of a
figure the gold file expects (explain.py, cli.evaluate). Every text has a full-width twin."""

import io
import json

import pytest

from luoshi.textparse.cli import evaluate, run_eval

COMMAS = pytest.mark.parametrize("comma", [",", "，"])


def case(content, status_text, targets, actuals, accept, as_of="2023-12"):
    return {"id": "c1", "content": content, "status_text": status_text, "as_of": as_of,
            "targets": targets, "actuals": actuals, "status": accept[0], "accept": accept}  # fmt: skip


def count(text, value, unit="个", comparator="="):
    return {"text": text, "metric": text, "value": value, "unit": unit,
            "comparator": comparator, "kind": "count"}  # fmt: skip


def fig(text, target, value, unit="个"):
    return {"text": text, "target": target, "value": value, "unit": unit, "period": "",
            "estimate": False}  # fmt: skip


def misses(example, what):
    return [m for m in evaluate([example])["misses"] if m["what"] == what]


@COMMAS
def test_a_class_outside_accept_names_the_shortfall_rule_and_its_words(comma):
    ex = case("建成口袋公园3个。", f"已建成口袋公园3个{comma}另有1个项目暂缓。",
              [count("建成口袋公园3个", 3)], [fig("已建成口袋公园3个", 0, 3)], ["completed"])  # fmt: skip
    [m] = misses(ex, "status")
    assert m["got"] == "behind"
    assert m["rule"]["rule"] == "shortfall_words"
    assert m["rule"]["where"] == "classify.SHORTFALL_RE"
    assert m["rule"]["cues"] == ["暂缓"]


@COMMAS
def test_a_class_decided_by_a_target_names_the_target_and_its_progress(comma):
    ex = case("新建口袋公园10个。", f"1-6月{comma}新建口袋公园2个。",
              [count("新建口袋公园10个", 10)], [fig("新建口袋公园2个", 0, 2)], ["on_track"],
              as_of="2023-06")  # fmt: skip
    [m] = misses(ex, "status")
    assert m["rule"]["rule"] == "target_behind"
    assert m["rule"]["cues"] == ["新建口袋公园10个"]
    [v] = m["verdicts"]
    assert (v["result"], v["month"], v["progress"]) == ("behind", 6, 0.2)
    assert v["figures"] == ["新建口袋公园2个"]


@COMMAS
def test_a_figure_given_to_another_target_names_that_target(comma):
    ex = case(f"新建口袋公园3个{comma}新建停车场5个。", "新建口袋公园3个。",
              [count("新建口袋公园3个", 3), count("新建停车场5个", 5)],
              [fig("新建口袋公园3个", 1, 3)], ["in_progress"])  # fmt: skip
    [m] = misses(ex, "figure")
    assert (m["why"], m["where"]) == ("wrong target", "figures.match_figures")
    assert m["target"] == "新建停车场5个"
    assert "给了目标「新建口袋公园3个」" in m["detail"]


def test_a_figure_read_with_another_value_is_a_wrong_value():
    ex = case("新建口袋公园3个。", "新建口袋公园3个。", [count("新建口袋公园3个", 3)],
              [fig("新建口袋公园3个", 0, 4)], ["completed"])  # fmt: skip
    [m] = misses(ex, "figure")
    assert m["why"] == "wrong value" and "= 3个" in m["detail"]


def test_a_figure_the_progress_text_does_not_hold_was_not_read():
    ex = case("新建口袋公园3个。", "新建口袋公园3个。", [count("新建口袋公园3个", 3)],
              [fig("改造口袋公园2个", 0, 2)], ["completed"])  # fmt: skip
    [m] = misses(ex, "figure")
    assert (m["why"], m["where"]) == ("not read", "numbers.find_quantities")


@COMMAS
def test_a_part_passed_over_for_its_total_is_reported_as_not_used(comma):
    ex = case("新建口袋公园5个。", f"新建口袋公园共5个{comma}其中城区新建口袋公园3个。",
              [count("新建口袋公园5个", 5)], [fig("城区新建口袋公园3个", 0, 3)], ["completed"])  # fmt: skip
    [m] = misses(ex, "figure")
    assert (m["why"], m["where"]) == ("not used", "figures._select")
    assert "「新建口袋公园共5个」" in m["detail"]


@COMMAS
def test_a_restated_target_in_the_progress_is_not_a_figure(comma):
    ex = case("新建口袋公园5个。", f"目标为5个{comma}已建成口袋公园2个。",
              [count("新建口袋公园5个", 5)], [fig("目标为5个", 0, 5)], ["behind"])  # fmt: skip
    [m] = misses(ex, "figure")
    assert (m["why"], m["where"]) == ("not a figure", "figures.extract_figures")


def test_a_target_the_engine_did_not_read_is_named_and_so_are_its_figures():
    ex = case("实施“口袋公园5个”工程。", "新建口袋公园5个。", [count("口袋公园5个", 5)],
              [fig("新建口袋公园5个", 0, 5)], ["completed"])  # fmt: skip
    [t] = misses(ex, "target")
    assert (t["why"], t["where"]) == ("not read", "targets.extract_targets")
    assert t["detail"] == "应为 = 5个 (count)"
    [f] = misses(ex, "figure")
    assert f["why"] == "target missed"


@COMMAS
def test_one_number_for_two_metrics_read_as_one_target_is_reported_as_shared(comma):
    # Two metrics joined by 和 under one 均增长 are still one target of the engine (the
    # 、 list with 分别/均 is split since the 3a rules).
    text = "城镇和农村居民人均可支配收入均增长7%以上"
    ex = case(f"{text}。", f"城镇居民人均可支配收入增长7.2%{comma}农村居民增长8.1%。",
              [dict(count(text, 7, "%", ">="), kind="growth", metric="城镇居民人均可支配收入"),
               dict(count(text, 7, "%", ">="), kind="growth", metric="农村居民人均可支配收入")],
              [], ["completed", "exceeded"])  # fmt: skip
    [m] = misses(ex, "target")
    assert m["why"] == "shared" and f"已对应目标「{text}」" in m["detail"]


def test_an_extra_target_says_how_it_was_read():
    ex = case("新建口袋公园3个。", "新建口袋公园3个。", [], [], ["completed"])
    [m] = misses(ex, "extra target")
    assert m["read_as"] == "= 3个 (count)" and m["where"] == "targets.extract_targets"


def write_gold(tmp_path, examples):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(examples, ensure_ascii=False), encoding="utf-8")
    return str(path)


WRONG_CLASS = case("建成口袋公园3个。", "已建成口袋公园3个，另有1个项目暂缓。",
                   [count("建成口袋公园3个", 3)], [fig("已建成口袋公园3个", 0, 3)], ["completed"])  # fmt: skip


def test_eval_without_the_flag_prints_the_scores_and_counts_of_misses(tmp_path):
    out = io.StringIO()
    run_eval(write_gold(tmp_path, [WRONG_CLASS]), out)
    text = out.getvalue()
    assert "F1 1.000" in text and "分类不在可接受范围 1" in text
    assert "SHORTFALL_RE" not in text and "--misses" in text


def test_eval_with_misses_prints_each_miss_with_the_rule_that_decided(tmp_path):
    out = io.StringIO()
    run_eval(write_gold(tmp_path, [WRONG_CLASS]), out, misses=True)
    text = out.getvalue()
    assert "c1  内容: 建成口袋公园3个。" in text
    assert "分类 behind，可接受 completed" in text
    assert "classify.SHORTFALL_RE, shortfall_words" in text and "依据: 「暂缓」" in text
    assert "目标「建成口袋公园3个」= 3个 (count): met" in text


def test_eval_json_is_one_object_with_the_scores_and_the_misses(tmp_path):
    out = io.StringIO()
    run_eval(write_gold(tmp_path, [WRONG_CLASS]), out, as_json=True)
    r = json.loads(out.getvalue())
    assert r["status_within_accept"] == 0.0
    assert r["misses"][0]["rule"]["rule"] == "shortfall_words"
