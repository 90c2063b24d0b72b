import io
import json

from luoshi.textparse.cli import evaluate, run_assess, run_eval


def run(lines):
    out, err = io.StringIO(), io.StringIO()
    rc = run_assess(io.StringIO("\n".join(lines) + "\n"), out, err)
    return rc, [json.loads(x) for x in out.getvalue().splitlines()], err.getvalue()


def task(i, **kw):
    d = {
        "id": i,
        "content": "建成杭州书房5家。",
        "status_text": "完成杭州书房建设5家。",
        "as_of": "2021-12",
    }
    d.update(kw)
    return json.dumps(d, ensure_ascii=False)


def test_lines_come_out_in_order():
    rc, out, err = run([task("a"), task("b")])
    assert rc == 0 and [o["id"] for o in out] == ["a", "b"] and err == ""
    assert out[0]["status"] == "completed"


def test_bad_json_gets_an_error_line_and_the_rest_go_on():
    rc, out, err = run([task("a"), "{not json", task("c")])
    assert rc == 0
    assert [o["status"] for o in out] == ["completed", None, "completed"]
    assert out[1]["error"] and "第 2 行" in err


def test_missing_field_is_reported_with_its_id():
    rc, out, err = run([json.dumps({"id": "m", "content": "x"})])
    assert out[0] == {"id": "m", "status": None, "error": out[0]["error"]}
    assert "status_text" in err and "第 1 行" in err


def test_non_string_value_is_an_error():
    rc, out, err = run([task("n", content=12)])
    assert out[0]["status"] is None and "content" in out[0]["error"]


def test_a_json_value_that_is_not_an_object_is_an_error():
    rc, out, err = run(["[1, 2]", '"text"'])
    assert [o["status"] for o in out] == [None, None]


def test_output_keeps_chinese_readable():
    out = io.StringIO()
    run_assess(io.StringIO(task("中") + "\n"), out, io.StringIO())
    assert "中" in out.getvalue()


def test_gold_evaluation_meets_the_thresholds(gold_path):
    r = evaluate(json.loads(gold_path.read_text(encoding="utf-8")))
    assert r["target_f1"] >= 0.95
    assert r["figures_matched"] >= 0.9
    assert r["status_within_accept"] >= 0.95


def test_run_eval_prints_the_numbers(gold_path):
    out = io.StringIO()
    assert run_eval(str(gold_path), out) == 0
    assert "F1" in out.getvalue() and "可接受" in out.getvalue()
