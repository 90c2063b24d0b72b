"""JSON Lines in, JSON Lines out, and the evaluation against a gold file. No Django: the
`luoshi assess` / `luoshi eval` commands are thin wrappers over run_assess / run_eval."""

from __future__ import annotations

import json
from typing import IO

from .assess import assess
from .numbers import normalise

FIELDS = ("id", "content", "status_text", "as_of")


def run_assess(infile: IO[str], outfile: IO[str], errfile: IO[str]) -> int:
    """Assess every line of `infile`; one output line per input line, in order. A line that
    cannot be read gets {"id", "status": null, "error"} and a message naming its line."""
    for lineno, line in enumerate(infile, start=1):
        if not line.strip():
            continue
        task_id = None
        try:
            task = json.loads(line)
            if not isinstance(task, dict):
                raise ValueError("每行应为一个 JSON 对象")
            task_id = task.get("id")
            bad = [
                k for k in ("content", "status_text", "as_of") if not isinstance(task.get(k), str)
            ]
            missing = [k for k in bad if k not in task]
            if missing:
                raise ValueError(f"缺少字段: {', '.join(missing)}")
            if bad:
                raise ValueError(f"字段应为字符串: {', '.join(bad)}")
            result = assess(task)
        except Exception as exc:  # one bad line never stops the run
            msg = f"JSON 解析失败: {exc.msg}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            if not isinstance(exc, (ValueError, json.JSONDecodeError)):
                msg = f"内部错误: {type(exc).__name__}: {exc}"
            errfile.write(f"第 {lineno} 行: {msg}\n")
            result = {"id": task_id if _jsonable(task_id) else None, "status": None, "error": msg}
        outfile.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


def _jsonable(v) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


# --- evaluation --------------------------------------------------------------------------


def _target_key(t: dict):
    try:
        base, unit = normalise(float(t["value"]), str(t["unit"]))
        return (round(float(base), 6), unit, t.get("comparator"))
    except (KeyError, TypeError, ValueError):
        return None


def _targets_match(gold: dict, got: dict) -> bool:
    """Same text span, or same (value, unit, comparator) after normalising."""
    if gold.get("text") and gold.get("text") == got.get("text"):
        return True
    k = _target_key(gold)
    return k is not None and k == _target_key(got)


def evaluate(examples: list[dict]) -> dict:
    """Target precision/recall/F1, share of gold figures given to the right target, and
    status accuracy (exact and within `accept`), with the misses."""
    tp = n_gold = n_got = 0
    fig_total = fig_ok = 0
    exact = within = 0
    misses: list[dict] = []
    for ex in examples:
        res = assess(ex)
        gold_t = ex.get("targets") or []
        got_t = res["targets"]
        n_gold += len(gold_t)
        n_got += len(got_t)
        mapping: dict[int, int] = {}  # gold target index -> engine target index
        used: set[int] = set()
        for gi, g in enumerate(gold_t):
            for ri, r in enumerate(got_t):
                if ri not in used and _targets_match(g, r):
                    mapping[gi] = ri
                    used.add(ri)
                    tp += 1
                    break
        for gi, g in enumerate(gold_t):
            if gi not in mapping:
                misses.append({"id": ex.get("id"), "what": "target", "expected": g.get("text"),
                               "got": [t["text"] for t in got_t]})  # fmt: skip
        for ri, r in enumerate(got_t):
            if ri not in used:
                misses.append({"id": ex.get("id"), "what": "extra target", "expected": None,
                               "got": r["text"]})  # fmt: skip
        for fg in ex.get("actuals") or []:
            fig_total += 1
            want = mapping.get(fg.get("target"))
            hit = any(
                a["target"] == want and want is not None
                and normalise(a["value"], a["unit"]) == normalise(fg["value"], fg["unit"])
                for a in res["actuals"]
            )  # fmt: skip
            fig_ok += hit
            if not hit:
                misses.append({"id": ex.get("id"), "what": "figure", "expected": fg.get("text"),
                               "got": [a["text"] for a in res["actuals"]]})  # fmt: skip
        accept = ex.get("accept") or [ex.get("status")]
        exact += res["status"] == ex.get("status")
        within += res["status"] in accept
        if res["status"] not in accept:
            misses.append({"id": ex.get("id"), "what": "status", "expected": accept,
                           "got": res["status"], "evidence": res["evidence"]})  # fmt: skip
    precision = tp / n_got if n_got else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = len(examples) or 1
    return {
        "tasks": len(examples),
        "target_precision": precision,
        "target_recall": recall,
        "target_f1": f1,
        "figures_matched": fig_ok / fig_total if fig_total else 1.0,
        "status_exact": exact / n,
        "status_within_accept": within / n,
        "misses": misses,
    }


def run_eval(gold_path: str, outfile: IO[str]) -> int:
    """Print the evaluation of the engine over a gold file (examples.json form)."""
    with open(gold_path, encoding="utf-8") as fh:
        examples = json.load(fh)
    r = evaluate(examples)
    w = outfile.write
    w(f"任务数: {r['tasks']}\n")
    w(f"目标 精确率 {r['target_precision']:.3f}  召回率 {r['target_recall']:.3f}  "
      f"F1 {r['target_f1']:.3f}\n")  # fmt: skip
    w(f"实际数对应到正确目标: {r['figures_matched']:.3f}\n")
    w(f"分类 完全一致 {r['status_exact']:.3f}  在可接受范围内 {r['status_within_accept']:.3f}\n")
    if r["misses"]:
        w("未命中:\n")
        for m in r["misses"]:
            w("  " + json.dumps(m, ensure_ascii=False) + "\n")
    return 0
