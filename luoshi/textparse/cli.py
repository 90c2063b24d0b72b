"""JSON Lines in, JSON Lines out, and the evaluation against a gold file. No Django: the
`luoshi assess` / `luoshi eval` commands are thin wrappers over run_assess / run_eval."""

from __future__ import annotations

import json
from typing import IO, Any, cast

from . import explain
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
        outfile.write(_ENCODE(result) + "\n")
    return 0


# json.dumps with options builds a new encoder on every call; one serves every line. A
# result is a tree built afresh for each task, so the encoder need not look for cycles.
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _jsonable(v: object) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


# --- evaluation --------------------------------------------------------------------------


def _target_key(t: dict[str, Any]) -> tuple[float, str, Any] | None:
    try:
        base, unit = normalise(float(t["value"]), str(t["unit"]))
        return (round(float(base), 6), unit, t.get("comparator"))
    except (KeyError, TypeError, ValueError):
        return None


def _targets_match(gold: dict[str, Any], got: dict[str, Any]) -> bool:
    """Same text span, or same (value, unit, comparator) after normalising."""
    if gold.get("text") and gold.get("text") == got.get("text"):
        return True
    k = _target_key(gold)
    return k is not None and k == _target_key(got)


def evaluate(examples: list[dict[str, Any]]) -> dict[str, Any]:
    """Target precision/recall/F1, share of gold figures given to the right target, and
    status accuracy (exact and within `accept`), with the misses. Each miss says why: the
    step of the engine that produced it (see explain.py)."""
    tp = n_gold = n_got = 0
    fig_total = fig_ok = 0
    exact = within = 0
    misses: list[dict[str, Any]] = []
    for ex in examples:
        trace: dict[str, Any] = {}
        res = assess(ex, trace)
        content = cast(str, ex.get("content")) if isinstance(ex.get("content"), str) else ""
        status_text = (
            cast(str, ex.get("status_text")) if isinstance(ex.get("status_text"), str) else ""
        )
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
        taken = {ri: gold_t[gi].get("text") for gi, ri in mapping.items()}
        for gi, g in enumerate(gold_t):
            if gi not in mapping:
                misses.append({"id": ex.get("id"), "what": "target", "expected": g.get("text"),
                               "got": [t["text"] for t in got_t],
                               **_target_miss(g, content, trace, taken)})  # fmt: skip
        for ri, r in enumerate(got_t):
            if ri not in used:
                misses.append({"id": ex.get("id"), "what": "extra target", "expected": None,
                               "got": r["text"], "read_as": _read_as(r),
                               "where": "targets.extract_targets"})  # fmt: skip
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
                gold_target = _at(gold_t, fg.get("target"))
                misses.append({"id": ex.get("id"), "what": "figure", "expected": fg.get("text"),
                               "got": [a["text"] for a in res["actuals"]],
                               "target": gold_target.get("text"),
                               "value": fg.get("value"), "unit": fg.get("unit"),
                               **explain.figure_miss(fg, want, status_text, trace)})  # fmt: skip
        accept = ex.get("accept") or [ex.get("status")]
        exact += res["status"] == ex.get("status")
        within += res["status"] in accept
        if res["status"] not in accept:
            misses.append({"id": ex.get("id"), "what": "status", "expected": accept,
                           "got": res["status"], "evidence": res["evidence"],
                           "rule": explain.decided_by(content, status_text, res["status"], trace),
                           "verdicts": explain.verdicts(trace)})  # fmt: skip
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


def _at(items: list[dict[str, Any]], i: object) -> dict[str, Any]:
    return items[i] if isinstance(i, int) and 0 <= i < len(items) else {}


def _read_as(t: dict[str, Any]) -> str:
    high = t.get("value_max", t.get("high"))
    value = f"{t['value']}-{high}" if high is not None else f"{t['value']}"
    return f"{t['comparator']} {value}{t['unit']} ({t['kind']})"


TARGET_WHY = {"not read": "没有读出", "read differently": "读法不同",
              "shared": "与另一目标合成了一个"}  # fmt: skip


def _target_miss(
    gold: dict[str, Any], content: str, trace: dict[str, Any], taken: dict[int, str]
) -> dict[str, Any]:
    """A gold target the engine did not give: not read at all, read over the same words with
    another value, unit or comparator, or folded into one engine target with another gold
    target (one number stated for several metrics)."""
    want = f"应为 {_read_as(gold)}" if {"comparator", "value", "unit", "kind"} <= set(gold) else ""
    pos = content.find(gold.get("text") or "\0")
    for i, t in enumerate(trace.get("targets") or []):
        if pos < 0 or not (t.start < pos + len(gold["text"]) and t.end > pos):
            continue
        if i in taken:
            why, detail = "shared", f"「{t.text}」已对应目标「{taken[i]}」"
        else:
            why, detail = "read differently", f"「{t.text}」读作 {_read_as(t.as_dict())}，{want}"
        return {"why": why, "label": TARGET_WHY[why], "where": "targets.extract_targets",
                "detail": detail}  # fmt: skip
    return {"why": "not read", "label": TARGET_WHY["not read"], "where": "targets.extract_targets",
            "detail": want}  # fmt: skip


MISS_ORDER = ("target", "extra target", "figure", "status")
MISS_LABELS = {"target": "漏读目标", "extra target": "多读目标", "figure": "实际数未对上",
               "status": "分类不在可接受范围"}  # fmt: skip


def run_eval(gold_path: str, outfile: IO[str], misses: bool = False, as_json: bool = False) -> int:
    """Print the evaluation of the engine over a gold file (examples.json form): the scores,
    how many misses of each kind, and with `misses` each miss with the rule that decided it;
    `as_json` prints the whole evaluation as one JSON object instead."""
    with open(gold_path, encoding="utf-8") as fh:
        examples = json.load(fh)
    r = evaluate(examples)
    w = outfile.write
    if as_json:
        w(json.dumps(r, ensure_ascii=False, indent=1) + "\n")
        return 0
    w(f"任务数: {r['tasks']}\n")
    w(f"目标 精确率 {r['target_precision']:.3f}  召回率 {r['target_recall']:.3f}  "
      f"F1 {r['target_f1']:.3f}\n")  # fmt: skip
    w(f"实际数对应到正确目标: {r['figures_matched']:.3f}\n")
    w(f"分类 完全一致 {r['status_exact']:.3f}  在可接受范围内 {r['status_within_accept']:.3f}\n")
    if not r["misses"]:
        return 0
    counts = {k: sum(m["what"] == k for m in r["misses"]) for k in MISS_ORDER}
    w("未命中: " + "  ".join(f"{MISS_LABELS[k]} {n}" for k, n in counts.items() if n) + "\n")
    if not misses:
        w("(加 --misses 逐条列出未命中及决定它的规则)\n")
        return 0
    contents = {ex.get("id"): ex.get("content") for ex in examples}
    current = object()
    for m in r["misses"]:
        if m["id"] != current:
            current = m["id"]
            w(f"\n{m['id']}  内容: {_short(contents.get(m['id']))}\n")
        w(_miss_lines(m))
    return 0


def _short(text: object, n: int = 60) -> str:
    text = text if isinstance(text, str) else ""
    return text if len(text) <= n else text[:n] + "…"


def _miss_lines(m: dict[str, Any]) -> str:
    what = m["what"]
    if what == "target":
        return (f"  漏读目标「{m['expected']}」: {m['label']} ({m['where']}) {m['detail']}\n"
                f"    引擎读出: {'、'.join(f'「{t}」' for t in m['got']) or '无'}\n")  # fmt: skip
    if what == "extra target":
        return f"  多读目标「{m['got']}」读作 {m['read_as']} ({m['where']})\n"
    if what == "figure":
        return (f"  实际数「{m['expected']}」= {m['value']}{m['unit']} → 目标「{m['target']}」: "
                f"{m['label']} ({m['where']}) {m['detail']}\n")  # fmt: skip
    rule = m["rule"]
    lines = [f"  分类 {m['got']}，可接受 {'/'.join(m['expected'])}: "
             f"{rule['label']} ({rule['where']}, {rule['rule']})\n"]  # fmt: skip
    if rule["cues"]:
        lines.append(f"    依据: {'、'.join(f'「{c}」' for c in rule['cues'])}\n")
    if m["evidence"]:
        lines.append(f"    证据: {'、'.join(f'「{e}」' for e in m['evidence'])}\n")
    for v in m["verdicts"]:
        figs = "、".join(f"「{f}」" for f in v["figures"]) or "无实际数"
        progress = f" 进度 {v['progress']:.0%}" if v["progress"] is not None else ""
        lines.append(f"    目标「{v['target']}」{v['comparator']} {v['value']}{v['unit']} "
                     f"({v['kind']}): {v['result']} 第{v['month']}月{progress} ← {figs}\n")  # fmt: skip
    return "".join(lines)
