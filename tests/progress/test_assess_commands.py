"""`luoshi assess` and `luoshi eval` as a user runs them."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import GOLD


def _luoshi(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "luoshi", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_assess_reads_json_lines_from_stdin_and_answers_each_in_order():
    lines = [
        {
            "id": "a",
            "content": "新增养老机构床位270张。",
            "status_text": "共新增养老机构床位379张。",
            "as_of": "2021-12",
        },
        {
            "id": "b",
            "content": "地区生产总值增长7.5%左右。",
            "status_text": "1-12月数据尚未出。",
            "as_of": "2021-12",
        },
    ]
    result = _luoshi("assess", stdin="\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[0]["status"] == "exceeded"
    assert out[1]["status"] == "awaiting_data"


def test_assess_goes_on_past_a_broken_line_and_says_which():
    stdin = '{"id": "x", "content": "新建公园3个。", "status_text": "已建成公园3个。", "as_of": "2021-12"}\nnot json\n'
    result = _luoshi("assess", stdin=stdin)
    assert result.returncode == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 2
    assert out[0]["status"] == "completed"
    assert out[1]["status"] is None and out[1]["error"]
    assert "2" in result.stderr


def test_assess_of_a_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="无法读取"):
        call_command("assess", "/nonexistent/tasks.jsonl")


def test_eval_prints_the_scores_on_the_gold_file():
    out = io.StringIO()
    sys_stdout = sys.stdout
    sys.stdout = out
    try:
        call_command("eval", str(GOLD))
    finally:
        sys.stdout = sys_stdout
    text = out.getvalue()
    assert "F1" in text or "f1" in text


def test_eval_of_a_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="无法读取"):
        call_command("eval", "/nonexistent/gold.json")


def _eval_output(*args):
    out = io.StringIO()
    sys_stdout = sys.stdout
    sys.stdout = out
    try:
        call_command("eval", *args)
    finally:
        sys.stdout = sys_stdout
    return out.getvalue()


def _missing_class_gold(tmp_path):
    ex = {"id": "m1", "content": "建成口袋公园3个。", "as_of": "2023-12",
          "status_text": "已建成口袋公园3个，另有1个项目暂缓。",
          "targets": [{"text": "建成口袋公园3个", "metric": "建成口袋公园", "value": 3,
                       "unit": "个", "comparator": "=", "kind": "count"}],
          "actuals": [], "status": "completed", "accept": ["completed"]}  # fmt: skip
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([ex], ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_eval_misses_flag_lists_each_miss_with_its_rule(tmp_path):
    text = _eval_output(_missing_class_gold(tmp_path), "--misses")
    assert "m1  内容" in text and "shortfall_words" in text


def test_eval_verbosity_two_lists_the_misses_too(tmp_path):
    text = _eval_output(_missing_class_gold(tmp_path), "-v", "2")
    assert "shortfall_words" in text


def test_eval_json_flag_prints_one_json_object(tmp_path):
    r = json.loads(_eval_output(_missing_class_gold(tmp_path), "--json"))
    assert r["tasks"] == 1 and r["misses"][0]["what"] == "status"
