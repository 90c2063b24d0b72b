"""Targets: the quantitative promises in a task's content (主要工作内容).

A target is a measured quantity (number + unit) that is not a name, code, title, date,
ordinal or a number describing context. Its text is the piece of the clause that states
it; see docs/assessment-rules.md for the cutting rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .numbers import AMOUNT_UNITS, Quantity, normalise, parse_number, to_halfwidth, unit_family
from .scan import starting_with
from .spans import (
    COMPARATOR_WORDS,
    LEAD_FILLER,
    Mention,
    comparator_at,
    find_mentions,
    rate_kind,
    suffix_end,
)
from .vocab import CEILING_METRICS, MEASURE_SET_NOUNS, SIZE_UNITS, SIZED_NOUNS

# A clause that sets the scene rather than promising: 依托城北净水厂20万吨/日规划容量.
CONTEXT_LEAD = re.compile(r"^(?:依托|围绕|按照|根据|对标|基于|借助|利用|立足|在)")
CONTEXT_AFTER = re.compile(r"^(?:规划容量|容量|规模|产能|的规模|级|岁|周年)")
# A bound sizing the noun after it: (200人)以上较大自然村…, (10亿元)以上项目….
QUALIFIER_RE = re.compile(r"(?:及以上|以上|以下|以内)的?[\u4e00-\u9fff]{2,}")
# Several metrics before one number (二氧化硫、氮氧化物排放量分别下降3%): one target per metric.
RESPECTIVELY = re.compile(r"分别|均")
_LIST_GAP = re.compile(r"[、,，和及与\s]+")
# A programme that spans several years (三年新建149条道路, 三年内新建城市公园15个, “十四五”期间,
# 到2025年) states its whole size, not this year's promise: not a target of this year's report.
MULTI_YEAR = re.compile(
    r"(?<![第\d])(?:[两三四五六七八九十]|[2-9]|1\d)年(?:内|间|期间|来|以来)?(?:累计|共|总计|合计)?"
    r"(?=[\u4e00-\u9fff])(?!级|度|前|后|底|末)"
    r"|十[三四五六]五”?(?:期间|时期|末|以来)"
)
MULTI_YEAR = starting_with("两三四五六七八九十1-9", MULTI_YEAR)
FUTURE_YEAR = re.compile(r"(?:到|至|于)((?:19|20)\d{2})年")
# 4个结构性指标均实现10%以上增长, 5大结构性指标增长10%: N named measures and their common rate.
# The count is the set's label; the rate is one target whose figures are the N parts.
MEASURE_SET = re.compile(
    r"([\d一二两三四五六七八九十]+)(?:个|大|项|类)([\u4e00-\u9fff]{0,8}?(?:"
    + "|".join(map(re.escape, MEASURE_SET_NOUNS))
    + r"))"
)
# 实现10%以上增长: the growth word after the rate.
GROWTH_AFTER = re.compile(r"(?:及以上|以上|左右)?的?(?:增长|增幅|增速)")
# 从每人每月574元、271元分别提高到609元、300元, 由25%提高到30%: the numbers after 从/由 and before
# the verb that raises or lowers them to the new level are where the measure stands now.
FROM_BEFORE = re.compile(r"(?:从|由)[^,，;；。从由]*$")
TO_AFTER = re.compile(
    r"[^,，;；。]*?(?:提高|提升|增加|增长|上调|调整|扩大|降低|下降|减少|下调|压减|压缩)(?:到|至)"
)
_DIGIT = re.compile(r"\d")
# 不低于当地最低生活保障标准的1.6倍: a bound on a multiple of another measure.
_RATIO_COMPARATORS = {"不低于": ">=", "不少于": ">=", "高于": ">=", "超过": ">=", "达到": "=",
                      "不高于": "<=", "不超过": "<=", "低于": "<="}  # fmt: skip
RATIO_BOUND = re.compile(
    "(" + "|".join(sorted(_RATIO_COMPARATORS, key=len, reverse=True)) + r")[^,，;；。]{1,16}的$"
)
# 提高到每人每月2200元, 分别提高到609元: a standard raised to a new level.
RAISED_LEVEL = re.compile(r"(?:提高|提升|上调|调整|调高)(?:到|至)[^,，;；。]{0,24}$")
# “3个100%”: N rates, each to reach 100%.
RATE_NAME_SPLIT = re.compile(r"[、,，和及与]")


@dataclass
class Target:
    text: str
    metric: str
    value: float | int
    unit: str
    comparator: str
    kind: str
    start: int = 0
    end: int = 0
    high: float | int | None = None  # the upper bound of a `range` target
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "metric": self.metric, "value": self.value,
             "unit": self.unit, "comparator": self.comparator, "kind": self.kind}  # fmt: skip
        if self.high is not None:
            d["high"] = self.high
        return d

    @property
    def base(self) -> tuple[float | int, str]:
        return normalise(self.value, self.unit)


def extract_targets(content: str, year: int | None = None) -> list[Target]:
    """The targets stated in `content`, in the order written. `year` (the report's) tells a
    promise for a later year (到2025年…) from this year's."""
    if not content:
        return []
    src = to_halfwidth(content)
    mentions = find_mentions(src)
    # Each mention's piece-mates (in text order) and its place among them, and how many
    # mentions each clause holds: asked for every mention, grouped once.
    by_piece: dict[tuple[int, int], list[Mention]] = {}
    clause_count: dict[tuple[int, int], int] = {}
    place: list[int] = []
    for o in mentions:
        same = by_piece.setdefault(o.piece, [])
        place.append(len(same))
        same.append(o)
        clause_count[o.clause] = clause_count.get(o.clause, 0) + 1
    targets: list[Target] = []
    skip: set[int] = set()
    label_at: dict[int, int] = {}  # a rate's mention -> where the label of its set starts
    bound_of: dict[int, str] = {}  # a count's mention -> the bound sizing what it counts
    raised: dict[tuple[int, int], int] = {}  # a clause -> how many 从 numbers it holds
    raised_done: dict[tuple[int, int], int] = {}  # a clause -> its new levels met so far
    for i, m in enumerate(mentions):
        if i in skip:
            continue
        q = m.q
        # “3个100%” with named rates: one share target per rate.
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt and nxt.q.start == q.end and nxt.q.unit == "%" and q.unit == "个":
            skip.add(i + 1)
            targets.extend(_rate_targets(content, src, m, nxt))
            continue
        if _is_context(src, m) or _is_multi_year(src, m, year):
            continue
        if _qualifies(src, m, nxt):
            # 投资10亿元以上项目10个: the bound names the thing counted, from the piece start.
            label_at[i + 1] = _span_for(src, m, by_piece[m.piece], place[i])[0]
            bound_of[i + 1] = src[q.start : q.end]
            continue
        if _sizes_noun(src, m):
            continue
        if _from_value(src, m, nxt):
            raised[m.clause] = raised.get(m.clause, 0) + 1
            continue
        if nxt is not None and _labels_set(src, m, nxt):
            label_at[i + 1] = q.start
            continue
        t = _target_from(content, src, m, by_piece[m.piece], place[i], label_at.get(i))
        if t is None:
            continue
        prev = targets[-1] if targets else None
        if (
            prev is not None
            and q.is_percent
            and prev.unit == q.unit
            and i > 0
            and mentions[i - 1].piece == m.piece
            and _LIST_GAP.fullmatch(src, suffix_end(src, mentions[i - 1].q), q.start)
        ):
            # 分别增长6.5%和7%: the second rate is the same kind of rate as the first, and
            # answered by the second of a list of figures.
            t.kind, t.metric = prev.kind, prev.metric
            prev.extra.setdefault("run_pos", 0)
            t.extra["run_pos"] = prev.extra["run_pos"] + 1
        if i in bound_of:
            t.extra["bound"] = bound_of[i]  # 10亿元 of 投资10亿元以上项目10个
        if m.clause in raised:
            k = raised_done[m.clause] = raised_done.get(m.clause, -1) + 1
            _name_raised(src, t, m, k, clause_count[m.clause] - raised[m.clause])
        targets.extend(_split_shared(content, src, t, m, clause_count[m.clause]))
    return targets


_RAISE_LEAD = re.compile(r"^(?:将|把|使)")


def _name_raised(src: str, t: Target, m: Mention, k: int, n: int) -> None:
    """城镇、农村低保补差水平从574元、271元分别提高到609元、300元: the new levels are named by the
    words before 从 (their numbers dropped), the k-th of n by the k-th of n names there
    (城镇低保补差水平, 农村低保补差水平)."""
    fm = FROM_BEFORE.search(src, m.clause[0], m.q.start)
    if fm is None:
        return
    head = LEAD_FILLER.sub("", src[m.clause[0] : fm.start()], count=1)
    head = _RAISE_LEAD.sub("", head).strip()
    names = head.split("、")
    if len(names) == n > 1 and all(len(_NAME_CHARS.findall(x)) >= 2 for x in names):
        last = names[-1]
        t.metric = names[k] + last[len(names[k]) :] if k < n - 1 else last
    elif head:
        t.metric = head


_PROMISE_WORD = re.compile(r"(完成|实现|新增|建成|达到|力争|确保)")


# The characters a match of CONTEXT_LEAD and of CONTEXT_AFTER starts with: most mentions
# fail on that one test, without cutting the clause out.
_CONTEXT_LEAD_FIRST = frozenset("依围按根对基借利立在")
_CONTEXT_AFTER_FIRST = frozenset("规容产的级岁周")


def _is_context(src: str, m: Mention) -> bool:
    if (
        src[m.clause[0]] in _CONTEXT_LEAD_FIRST
        and CONTEXT_LEAD.match(src[m.clause[0] : m.clause[1]])
        and not _PROMISE_WORD.search(src[m.clause[0] : m.q.start])
    ):
        return True
    return (
        m.q.end < len(src)
        and src[m.q.end] in _CONTEXT_AFTER_FIRST
        and CONTEXT_AFTER.match(src[m.q.end : m.q.end + 4]) is not None
    )


def _qualifies(src: str, m: Mention, nxt: Mention | None) -> bool:
    """200人以上较大自然村公交通达率97%以上, 引进10亿元以上项目24个: a bound followed by the
    thing it sizes, and that thing's own number later in the piece, is a qualifier."""
    if nxt is None or nxt.piece != m.piece:
        return False
    return bool(QUALIFIER_RE.fullmatch(src, m.q.end, nxt.q.start))


# 20户以上具备条件的自然村: the bound and the noun it sizes, within the clause.
SIZED_NOUN = re.compile(
    r"(?:及以上|以上)的?[^,，;；。、\d]{0,8}?(?:" + "|".join(map(re.escape, SIZED_NOUNS)) + ")"
)


def _sizes_noun(src: str, m: Mention) -> bool:
    """年底前基本实现全省20户以上具备条件的自然村通硬化路: a bound in a unit of size (vocab.SIZE_UNITS)
    before a place or body it sizes (vocab.SIZED_NOUNS) names which ones, not how many."""
    return (
        src[m.q.end : m.q.end + 1] in "以及"
        and m.q.unit in SIZE_UNITS
        and SIZED_NOUN.match(src, m.q.end, m.clause[1]) is not None
    )


def _from_value(src: str, m: Mention, nxt: Mention | None) -> bool:
    """从574元、271元分别提高到609元、300元: a number between 从/由 and the verb that raises it
    to the new level, in one clause with a number after that verb, is where the measure
    stands now, not a target."""
    return (
        nxt is not None
        and nxt.clause == m.clause
        and FROM_BEFORE.search(src, m.clause[0], m.q.start) is not None
        and (tm := TO_AFTER.match(src, m.q.end, m.clause[1])) is not None
        and _DIGIT.search(src, tm.end(), m.clause[1]) is not None
    )


def _labels_set(src: str, m: Mention, nxt: Mention) -> bool:
    """4个结构性指标均实现10%以上增长: a count of named measures with their rate next in the
    piece is the set's label."""
    return (
        nxt.piece == m.piece
        and nxt.q.is_percent
        and not m.q.is_percent
        and (lm := MEASURE_SET.match(src, m.q.start, nxt.q.start)) is not None
        and lm.end(1) == m.q.end - len(m.q.unit)
    )


def _is_multi_year(src: str, m: Mention, year: int | None) -> bool:
    """The clause, up to the quantity, names a span of several years or a later year."""
    before = src[m.clause[0] : m.q.start]
    if "年" not in before and "五" not in before:
        return False  # every match of MULTI_YEAR and FUTURE_YEAR holds 年 or (十四)五
    if MULTI_YEAR.search(before):
        return True
    fy = FUTURE_YEAR.search(before)
    return bool(fy and year and int(fy.group(1)) > year)


def _span_for(src: str, m: Mention, same: list[Mention], idx: int) -> tuple[int, int]:
    """From the piece start (or this number, when an earlier quantity shares the piece) to
    the piece end (or the next quantity in the piece). `same` are the mentions of m's piece
    in text order, m at `idx`."""
    if m.quoted:
        return m.quoted
    start = m.piece[0] if idx == 0 else m.q.start
    end = same[idx + 1].q.start if idx + 1 < len(same) else m.piece[1]
    lead = LEAD_FILLER.match(src, start, end) if idx == 0 else None
    if lead and lead.end() <= m.q.start:
        start = lead.end()
    while end > start and src[end - 1] in "、,，和及与 ":
        end -= 1
    return start, end


def _target_from(
    content: str, src: str, m: Mention, same: list[Mention], idx: int, label: int | None = None
) -> Target | None:
    """The target m states; `same` are the mentions of m's piece in text order, m at `idx`.
    `label`: where the label of the set of measures m's rate is for starts (_labels_set)."""
    q = m.q
    start, end = _span_for(src, m, same, idx)
    if label is not None:
        start = label
    text = content[start:end]
    comparator = comparator_at(src, q, start)
    value = q.value_min if q.value_min is not None else q.value
    high = None
    if q.value_min is not None:
        comparator, high = "range", q.value  # 增长6%-6.5%: met inside, exceeded above
    kind = _kind(src, q, start)
    metric = _metric(src, start, end, q)
    # The piece's mentions before m start before it, so the next one after m is later.
    j = next((k for k in range(idx + 1, len(same)) if same[k].q.start >= q.end), None)
    if j is not None and not src[q.end : same[j].q.start].strip():
        # 149条91.5公里路网建设: two measures of one thing, named after the second.
        tail = _metric(src, same[j].q.end, _span_for(src, same[j], same, j)[1], None)
        if tail:
            metric = f"{metric}{tail}" if metric else tail
    if not metric:
        # 683亩 after 出让经营性用地16宗, or “最多80天”: what is measured is written earlier.
        lead_end = m.quoted[0] - 1 if m.quoted else start
        first = min((o.q.start for o in same), default=start)
        lead_end = min(lead_end, first) if not m.quoted else lead_end
        metric = _metric(src, m.clause[0], lead_end, None)
    if (
        comparator in ("~", "=")
        and kind not in ("growth", "reduction")
        and _is_ceiling(src[start:end])
    ):
        comparator = "<="  # 失业率5.5%左右: lower is better, so the level is a cap
    if comparator == "=" and q.unit == "倍":
        # 不低于当地最低生活保障标准的1.6倍: the bound stands before the measure it multiplies.
        rm = RATIO_BOUND.search(src, start, q.start)
        comparator = _RATIO_COMPARATORS[rm.group(1)] if rm else comparator
    t = Target(text=text, metric=metric, value=value, unit=q.unit, comparator=comparator,
               kind=kind, start=start, end=end, high=high)  # fmt: skip
    if kind in ("count", "amount") and "、" in metric and not RESPECTIVELY.search(text):
        _list_kinds(t)
    if kind == "amount" and RAISED_LEVEL.search(src, m.clause[0], q.start):
        t.extra["level"] = True  # a standard: the lowest of several areas' levels speaks
    if (
        q.is_percent
        and kind in ("growth", "reduction")
        and any(w in text for w in MEASURE_SET_NOUNS)
    ):
        _set_parts(src, t, q)
    return t


# The verb that leads a list of kinds (引进世界500强、中国500强…): not part of the first name.
_KIND_LEAD = re.compile(r"^(?:引进|招引|新引进|新建|新增|培育|建设|打造|创建|实施|落地)")
_KIND_SPLIT = re.compile(r"[、或和及]")


def _list_kinds(t: Target) -> None:
    """引进世界500强、中国500强、上市公司或行业龙头企业投资项目不少于3个: one count over several
    listed kinds, each named by (up to) the first four characters of its item; figures naming
    different kinds add up (figures._select_count). Not with 各/分别/均 (each kind its own)."""
    if "各" in t.text:
        return
    items = [_KIND_LEAD.sub("", x) for x in _KIND_SPLIT.split(t.metric)]
    names = tuple(x[:4] for x in items)
    if len(names) >= 2 and all(len(_NAME_CHARS.findall(x)) >= 2 for x in names):
        t.extra["kinds"] = names


def _set_parts(src: str, t: Target, q: Quantity) -> None:
    """5大结构性指标增长10%: the rate is for each of N named measures; the target keeps N and
    the set's name, for match_figures to give it the N parts."""
    lm = MEASURE_SET.search(src, t.start, q.start)
    n = parse_number(lm.group(1)) if lm else None
    if lm and isinstance(n, int) and n >= 2:
        t.extra["parts"], t.extra["set_name"] = n, lm.group(2)
        t.metric = t.metric.replace(lm.group(0), lm.group(2), 1)  # 结构性指标增长


# One scan for all the ceiling words: a match wherever one of them is a substring.
_CEILING_RE = re.compile("|".join(map(re.escape, CEILING_METRICS)))


def _is_ceiling(text: str) -> bool:
    return _CEILING_RE.search(text) is not None


def _split_shared(content: str, src: str, t: Target, m: Mention, in_clause: int) -> list[Target]:
    """二氧化硫、氮氧化物排放量分别下降3%: several metrics listed before one number, each a
    target of its own. Only for rates (a count after a list, 省、市、区重点项目209个, is their
    total) or with 分别/均; each name needs two characters (省、市级 are modifiers). `in_clause` is how many
    mentions m's clause holds."""
    if m.quoted or (not m.q.is_percent and not RESPECTIVELY.search(src, t.start, m.q.start)):
        return [t]
    if in_clause > 1:
        return [t]  # 从574元、271元分别提高到609元、300元: the list carries its own numbers
    head = src[t.start : m.q.start]
    parts = head.split("、")
    if len(parts) < 2 or any(c in head for c in '“"《(（'):
        return [t]
    names = parts[:-1]
    if any(len(_NAME_CHARS.findall(n)) < 2 for n in names):
        return [t]
    last_start = t.start + len(head) - len(parts[-1])
    last = RESPECTIVELY.sub("", _metric(src, last_start, t.end, m.q))
    out, pos = [], t.start
    for k, name in enumerate(names):
        # 二氧化硫 takes the words the last metric has after a name as long as its own:
        # 二氧化硫 + (氮氧化物)排放量 -> 二氧化硫排放量; 城镇 + (农村)居民收入 -> 城镇居民收入.
        metric = name + last[len(name) :]
        out.append(Target(text=content[pos : pos + len(name)], metric=metric, value=t.value,
                          unit=t.unit, comparator=t.comparator, kind=t.kind, start=pos,
                          end=pos + len(name), high=t.high,
                          extra={"name": name, "run_pos": k}))  # fmt: skip
        pos += len(name) + 1
    out.append(Target(text=content[last_start : t.end], metric=last, value=t.value, unit=t.unit,
                      comparator=t.comparator, kind=t.kind, start=last_start, end=t.end,
                      high=t.high, extra={"name": _RATE_TAIL.sub("", parts[-1]),
                                          "run_pos": len(names)}))  # fmt: skip
    return out


_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# The rate words after the last name: 氨氮排放量(分别下降) is named 氨氮排放量.
_RATE_TAIL = re.compile(
    r"(?:分别|均|同比|比上年|年均|再)*(?:增长|增速|增幅|下降|降低|减少|压减|回落|提高|上升)"
    r"(?:率)?(?:达到?|为|在|控制在)*$"
)


def _kind(src: str, q: Quantity, start: int) -> str:
    if q.is_percent:
        kind = rate_kind(src, q, start)
        if kind == "share" and GROWTH_AFTER.match(src, q.end):
            return "growth"  # 实现10%以上增长
        return kind
    return _unit_kind(q.unit)


@lru_cache(maxsize=1024)
def _unit_kind(unit: str) -> str:
    """amount or count, from the unit alone: its base unit does not depend on the value."""
    _, base = normalise(1, unit)
    if base in AMOUNT_UNITS or unit_family(base) in ("money", "area", "length", "amount"):
        return "amount"
    return "count"


_METRIC_DROP = re.compile(r"[“”\"「」『』《》()（）]")
_METRIC_TAIL = re.compile(r"(达到|提高至|提高到|提升至|提升到|为|至)$")
_METRIC_LEAD = re.compile(r"^(?:实现|完成|推进|力争|确保|争取|达到)+")


def _metric(src: str, start: int, end: int, q: Quantity | None) -> str:
    """The span without the number, unit, comparator words and quotes."""
    text = src[start:end] if q is None else src[start : q.start] + src[suffix_end(src, q) : end]
    return _metric_of(text)


@lru_cache(maxsize=4096)
def _metric_of(text: str) -> str:
    """The metric named by a span's text (number and unit cut out): a function of the text
    alone, and metric wordings repeat across tasks."""
    text = COMPARATOR_WORDS.sub("", text)
    for w in ("不少于", "不低于", "至少", "不超过", "控制在", "最多", "压缩至"):
        text = text.replace(w, "")
    text = _METRIC_DROP.sub("", text)
    text = _METRIC_TAIL.sub("", text.strip())
    stripped = _METRIC_LEAD.sub("", text)
    return (stripped or text).strip(" ,，、的")


_RATE_NAME_LEAD = re.compile(r"^(?:实现|完成|达到)+")


def _rate_targets(content: str, src: str, count_m: Mention, pct_m: Mention) -> list[Target]:
    """婴幼儿照护服务指导率、社区覆盖率和健康管理率“3个100%”: three share targets of 100%,
    each stated by the rate's name."""
    n = int(count_m.q.value)
    head = src[count_m.clause[0] : count_m.q.start].rstrip('“"「')
    head = LEAD_FILLER.sub("", head)
    names = []
    pos = count_m.clause[0] + (len(src[count_m.clause[0] : count_m.q.start].rstrip("“\"「"))
                               - len(head))  # fmt: skip
    for part in RATE_NAME_SPLIT.split(head):
        if part:
            names.append((pos, part))
        pos += len(part) + 1
    names = [(p, s) for p, s in names if s.endswith(("率", "覆盖", "比例", "比重"))]
    comparator = comparator_at(src, pct_m.q, count_m.clause[0])
    out = []
    if len(names) == n:
        for p, name in names:
            metric = _RATE_NAME_LEAD.sub("", name)
            out.append(Target(content[p : p + len(name)], metric, pct_m.q.value, "%", comparator,
                              "share", p, p + len(name)))  # fmt: skip
    else:
        span = content[count_m.q.start : pct_m.q.end]
        for k in range(n):
            out.append(Target(span, f"{head}({k + 1})", pct_m.q.value, "%", comparator, "share",
                              count_m.q.start, pct_m.q.end))  # fmt: skip
    return out
