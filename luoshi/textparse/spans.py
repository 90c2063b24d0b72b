"""Cutting report text into sentences, clauses and pieces, and telling a measured quantity
from a number that is part of a name, a code, a title or an ordinal.

Shared by targets.py (the content) and figures.py (the progress text)."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

from .numbers import CN_DIGITS, Quantity, read_quantities, to_halfwidth
from .vocab import METRIC_ABBREVIATIONS, ONE_COUNTS, PER_HEAD_DENOMINATORS

SENTENCE_END = frozenset("。;；!！?？\n")
CLAUSE_END = SENTENCE_END | frozenset(",，:：")
PIECE_END = frozenset("、")
OPEN_CLOSE = {
    "(": ")",
    "（": "）",
    "“": "”",
    "《": "》",
    "「": "」",
    "『": "』",
    "[": "]",
    "【": "】",
}
CLOSERS = set(OPEN_CLOSE.values())

# Filler at the start of a piece that is not part of what is measured.
LEAD_FILLER = re.compile(
    r"(?:(?:其中|同时|并且?|另外|此外|目前|截至目前|今年以来|全年|年内|全区|我区|力争|确保|争取|努力|"
    r"实现了?|全面|积极|着力|进一步)\s*)+"
)
COMPARATOR_WORDS = re.compile(r"及以上|以上|以下|以内|之内|左右|上下")
# Comparator words before the number, longest first: the contract's table.
PREFIX_COMPARATORS = [
    ("不少于", ">="), ("不低于", ">="), ("至少", ">="), ("超过", ">="), ("高于", ">="),
    ("不超过", "<="), ("不高于", "<="), ("控制在", "<="), ("压缩至", "<="), ("压缩到", "<="),
    ("最多", "<="), ("低于", "<="), ("大约", "~"), ("约", "~"),
]  # fmt: skip
_PREFIX_COMPARATOR_RES = [(re.compile(word + r"(?:达到|为|在|到|至)?$"), comp)
                          for word, comp in PREFIX_COMPARATORS]  # fmt: skip
SUFFIX_COMPARATORS = [("及以上", ">="), ("以上", ">="), ("以下", "<="), ("以内", "<="),
                      ("之内", "<="), ("左右", "~"), ("上下", "~")]  # fmt: skip
GROWTH_BEFORE = re.compile(
    r"(增长|增速|增幅|增加|上升|提高|下降|降低|减少|回落)(?:了|率)?"
    r"(?:同比|比上年|比去年|年均|保持|稳定|在|达到?|为|超过|不低于|高于|低于|控制在|分别|均)*$"
)
# A reduction to reach (下降3%, 降低20%以上, 压减10%, 再压减3%左右): the rate as written. 下降到/降至
# X% is a level, not a reduction, and does not match (到/至 are not allowed between).
REDUCTION_BEFORE = re.compile(
    r"(下降|降低|减少|回落|压减|压缩|削减|节约|精简|减排|降幅)(?:了|率|幅度)?"
    r"(?:同比|比上年|比去年|较上年末?|较去年|年均|分别|均|再|保持|稳定|在|达到?|为|超过|不低于|了|"
    r"不少于|高于|低于|控制在)*$"
)
# 压减一般性支出5%以上: the reduction verb leads the piece, its object between.
REDUCTION_LEAD = re.compile(
    r"(?:再|继续)?(?:压减|削减|压降|降低|减少|节约)(?![^,，;；。]*?(?:至|到|为)$)"
)
_RAISED_TO = re.compile(r"(提高|提升)(?:至|到)$")
RAISED_TO = _RAISED_TO  # figures reads it too


@dataclass
class Region:
    start: int
    end: int  # exclusive, after the closing mark
    kind: str  # "quote", "title", "paren"


_REGION_KIND = {"“": "quote", "「": "quote", "『": "quote", "《": "title"}


def bracket_regions(text: str) -> list[Region]:
    """Quoted labels, 《titles》 and (parentheses), outermost first. Straight double quotes
    pair up in order."""
    return [Region(*r) for r in _regions(text)]


def _regions(text: str) -> list[tuple[int, int, str]]:
    """bracket_regions as (start, end, kind) tuples, the form the readers use."""
    return _layout(text, False)[0]


# What the layout of a text is read from: the bracket and quote marks, the delimiters of
# sentences, clauses and pieces, the joiners 和/及/与 (of 以及 too) and blanks.
_SENTENCE, _CLAUSE, _PIECE, _JOINER, _STRAIGHT, _OPENER, _CLOSER = range(7)
_MARK_KIND = {
    **{c: _CLAUSE for c in CLAUSE_END - SENTENCE_END},
    **{c: _SENTENCE for c in SENTENCE_END},
    **{c: _PIECE for c in PIECE_END},
    **{c: _JOINER for c in "和及与"},
    '"': _STRAIGHT,
    **{c: _OPENER for c in OPEN_CLOSE},
    **{c: _CLOSER for c in CLOSERS},
}  # any other mark is a blank


def _marks_pattern(chars: str) -> re.Pattern[str]:
    """The text as (run of other characters, mark) pairs, end to end up to the last mark:
    one findall, no match object per mark; a mark's offset is the length read before it."""
    m = re.escape(chars)
    return re.compile(rf"([^{m}\s]*+)([{m}\s])")


_MARKS = _marks_pattern("".join(sorted(set(_MARK_KIND) - set("和及与"))))
_MARKS_AND_JOINERS = _marks_pattern("".join(sorted(_MARK_KIND)))


def _layout(
    src: str, joiners: bool
) -> tuple[
    list[tuple[int, int, str]], list[int], list[int], list[int], list[tuple[int, int]], set[int]
]:
    """The brackets of `src` (bracket_regions' tuples) and where it is cut, from one scan of
    its marks: the offsets of the sentence ends, of the clause ends (sentence ends among
    them), of the piece ends (、), the spans of 和/及/与/以及 when `joiners` is asked for, and
    the offsets of blanks. A delimiter inside brackets or quotes does not cut: it is dropped
    when the bracket closes (every delimiter after the opening mark is inside)."""
    regions: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int]] = []
    straight_open = -1
    sentence_ends: list[int] = []
    clause_ends: list[int] = []
    piece_ends: list[int] = []
    joins: list[tuple[int, int]] = []
    blanks: set[int] = set()
    pos = 0
    for run, ch in (_MARKS_AND_JOINERS if joiners else _MARKS).findall(src):
        i = pos + len(run)
        pos = i + 1
        kind = _MARK_KIND.get(ch)
        if kind is None:
            blanks.add(i)
        elif kind == _CLAUSE:
            clause_ends.append(i)
        elif kind == _SENTENCE:
            sentence_ends.append(i)
            clause_ends.append(i)
        elif kind == _PIECE:
            piece_ends.append(i)
        elif kind == _JOINER:
            joins.append((i - 1, i + 1) if ch == "及" and i and src[i - 1] == "以" else (i, i + 1))
        else:
            start = -1
            if kind == _STRAIGHT:
                if straight_open < 0:
                    straight_open = i
                else:
                    start, straight_open = straight_open, -1
                    regions.append((start, i + 1, "quote"))
            elif kind == _OPENER:
                stack.append((ch, i))
            elif stack:  # a closer
                for k in range(len(stack) - 1, -1, -1):
                    if OPEN_CLOSE[stack[k][0]] == ch:
                        opener, start = stack[k]
                        del stack[k:]
                        regions.append((start, i + 1, _REGION_KIND.get(opener, "paren")))
                        break
            if start >= 0:  # a region closed: the delimiters inside it do not cut
                for ends in (sentence_ends, clause_ends, piece_ends):
                    while ends and ends[-1] > start:
                        ends.pop()
                while joins and joins[-1][0] > start:
                    joins.pop()
    return regions, sentence_ends, clause_ends, piece_ends, joins, blanks


def _spans(ends: list[int], a: int, b: int, blanks: set[int]) -> list[tuple[int, int]]:
    """The spans of text[a:b] between the offsets `ends` (in order, inside it), without the
    blanks at either side and never empty: a span pattern's cut, from the layout."""
    out = []
    for end in (*ends, b):
        s, e = a, end
        if blanks:
            while s < e and s in blanks:
                s += 1
            while e > s and e - 1 in blanks:
                e -= 1
        if e > s:
            out.append((s, e))
        a = end + 1
    return out


def _protected(text: str) -> list[bool]:
    """Positions inside brackets or quotes, where delimiters do not cut."""
    mask = [False] * len(text)
    for start, end, _ in _regions(text):
        if end - 1 > start + 1:
            mask[start + 1 : end - 1] = [True] * (end - start - 2)
    return mask


def split_spans(text: str, ends: frozenset[str] | set[str], start: int = 0,
                end: int | None = None, mask: list[bool] | None = None
                ) -> list[tuple[int, int]]:  # fmt: skip
    """Cut text[start:end] at the delimiter characters `ends` (outside brackets); spans
    exclude the delimiters and surrounding blanks; empty spans are dropped."""
    end = len(text) if end is None else end
    mask = mask if mask is not None else _protected(text)
    out = []
    s = start
    pattern = _delimiters(ends if isinstance(ends, frozenset) else frozenset(ends))
    cuts = [i for i in map(_start, pattern.finditer(text, start, end)) if not mask[i]]
    cuts.append(end)
    for i in cuts:
        a, b = s, i
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        s = i + 1
    return out


_start = re.Match.start


@lru_cache(maxsize=16)
def _delimiters(ends: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(ends))) + "]")


@dataclass
class Mention:
    """A quantity that measures something, with the piece of text it belongs to."""

    q: Quantity
    sentence: tuple[int, int]
    clause: tuple[int, int]
    piece: tuple[int, int]
    quoted: tuple[int, int] | None = None  # the quote, when the quote is only the quantity


_QUOTED_QTY = re.compile(
    r"^(?:最多|不超过|最少|至少|不少于|不低于|约)?\s*[\d.,]+\s*[^\d\s]{1,4}?"
    r"(?:以上|以内|以下|左右)?$"
)
_RATE_COUNT = re.compile(r"^[\d一二两三四五六七八九十]+个[\d.]+%$")
# 引进一家龙头企业, 新建一所学校: one concrete thing built, opened or brought in is a count.
_ONE_VERBS = (
    r"(?:建|建成|新建|建设|改造|新增|引进|招引|落地|打造|创建|创成|培育|开工|开通|新开|设立|"
    r"新设|开设|增设|成立|完成|竣工|投用)"
)
# 引进一家龙头企业, or after the thing: 新建幼儿园一所 (the numeral ends its piece).
_ONE_COUNTED = re.compile(
    _ONE_VERBS + r"(?:了|好)?[一壹][" + ONE_COUNTS + r"]"
    r"|" + _ONE_VERBS + r"[^,，;；。、:：\d一]{1,8}[一壹][" + ONE_COUNTS + r"](?=$|[,，;；。、)）])"
)


def find_mentions(text: str, piece_joiners: bool = False) -> list[Mention]:
    """Measured quantities in `text`, each placed in its sentence, clause and piece. Numbers
    in labels, codes, titles and ordinals are left out (see docs/assessment-rules.md)."""
    src = to_halfwidth(text)
    quantities = read_quantities(src)
    if not quantities:
        return []  # the text's layout serves only its mentions here (no sentences asked)
    return read_mentions(src, piece_joiners, quantities)[0]


def read_mentions(
    src: str, piece_joiners: bool = False, quantities: list[Quantity] | None = None
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """find_mentions of a text already brought to half-width, with the text's sentences
    (the same cut as split_spans(src, SENTENCE_END)): one scan of the text's marks serves
    both. `quantities` are find_quantities(src) when the caller has them."""
    quantities = read_quantities(src) if quantities is None else quantities
    n = len(src)
    regions, sentence_ends, clause_ends, piece_ends, joins, blanks = _layout(src, piece_joiners)
    sentences = _spans(sentence_ends, 0, n, blanks)
    if not quantities:
        return [], sentences
    # Only quotes and titles can make a number a label: parentheses never do.
    labels = [r for r in regions if r[2] != "paren"] if regions else regions
    kept: list[tuple[Quantity, tuple[int, int] | None]] = []
    for q in quantities:
        verdict = _label_verdict(src, q, labels)
        if verdict is not False:
            kept.append((q, None if verdict is True else verdict))
    if not kept:
        return [], sentences
    # Quantities are in text order, and so are the clause ends and the sentences: one walk
    # places each quantity in the clause between the ends around it (a quantity starts with
    # a numeral, never a delimiter or a blank).
    out: list[Mention] = []
    ci = si = pi = ji = 0
    n_ends, n_pieces, n_joins = len(clause_ends), len(piece_ends), len(joins)
    k, n_kept = 0, len(kept)
    while k < n_kept:
        start = kept[k][0].start
        while ci < n_ends and clause_ends[ci] < start:
            ci += 1
        a = clause_ends[ci - 1] + 1 if ci else 0
        b = clause_ends[ci] if ci < n_ends else n
        if blanks:
            a, b = _spans([], a, b, blanks)[0]
        clause = (a, b)
        j = k + 1
        while j < n_kept and kept[j][0].start < b:
            j += 1
        inside = kept[k:j]
        k = j
        while sentences[si][1] <= a:
            si += 1
        sent = sentences[si]
        # The 、 and the 和/及/与 of the clause (both lists in text order).
        while pi < n_pieces and piece_ends[pi] < a:
            pi += 1
        pj = pi
        while pj < n_pieces and piece_ends[pj] < b:
            pj += 1
        while ji < n_joins and joins[ji][0] < a:
            ji += 1
        jj = ji
        while jj < n_joins and joins[jj][1] <= b:
            jj += 1
        # A cut at 和 needs a quantity on each side; without a 、 or such a cut the clause is
        # its piece.
        if pj == pi and (jj == ji or len(inside) == 1):
            out.extend(Mention(q, sent, clause, clause, qu) for q, qu in inside)
            continue
        starts = [q.start for q, _ in inside]
        pieces = _spans(piece_ends[pi:pj], a, b, blanks) if pj > pi else [clause]
        if jj > ji and len(starts) > 1:
            pieces = _split_joiners(pieces, starts, joins[ji:jj])
        if len(pieces) > 1:
            pieces = _merge_pieces(pieces, starts)
        if pieces == [clause]:
            out.extend(Mention(q, sent, clause, clause, qu) for q, qu in inside)
            continue
        p = 0  # pieces and quantities are both in text order
        for q, qu in inside:
            while p < len(pieces) and pieces[p][1] <= q.start:
                p += 1
            piece = pieces[p] if p < len(pieces) and pieces[p][0] <= q.start else clause
            out.append(Mention(q, sent, clause, piece, qu))
    return out, sentences


def _split_joiners(
    pieces: list[tuple[int, int]], starts: list[int], joins: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Also cut at 和/及/与 when a quantity stands on each side (续建118个项目和前期38个项目).
    `starts` are the quantities' offsets, `joins` the spans of 和/及/与/以及 outside brackets
    (_layout)."""
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        last = a
        for js, je in joins:
            if js < a or je > b:
                continue
            before = any(last <= s < js for s in starts)
            after = any(je <= s < b for s in starts)
            if before and after:
                out.append((last, js))
                last = je
        out.append((last, b))
    return out


def _merge_pieces(pieces: list[tuple[int, int]], starts: list[int]) -> list[tuple[int, int]]:
    """A piece without a quantity joins the next one (安排省、市、区重点项目209个); trailing
    pieces without one join the previous (竣工10所学校、幼儿园). `starts` are the quantities'
    offsets, in order."""
    merged: list[list[int]] = []
    pending_start = None
    i, n = 0, len(starts)
    for a, b in pieces:
        while i < n and starts[i] < a:
            i += 1
        if i == n or starts[i] >= b:  # no quantity in the piece
            if pending_start is None:
                pending_start = a
            continue
        merged.append([pending_start if pending_start is not None else a, b])
        pending_start = None
    if pending_start is not None:
        if merged:
            merged[-1][1] = pieces[-1][1]
        else:
            merged.append([pending_start, pieces[-1][1]])
    return [(p[0], p[1]) for p in merged]  # each holds exactly a start and an end


# The character before a number that makes it part of a label: an ordinal (第8位) or a code
# (GS1101); a sign or slash (10+N, M1-38, 3/4) unless the number is negative (增长-2%).
_LABEL_BEFORE = frozenset(string.ascii_letters + "第")
_SIGN_BEFORE = frozenset("+＋-/")
# ... and after it: 10+N, 5G, 3D, capacities (20万吨/日).
_LABEL_AFTER = frozenset(string.ascii_letters + "+＋/")
# 2200元/人月: a money standard per head or per period is a measure, not a capacity.
_PER_HEAD = re.compile(r"/(?:" + "|".join(map(re.escape, PER_HEAD_DENOMINATORS)) + ")")


def _label_verdict(
    src: str, q: Quantity, labels: list[tuple[int, int, str]]
) -> bool | tuple[int, int]:
    """False when the number is a name, code, title or ordinal; the quote's span when the
    quote holds only the quantity (“最多80天”); True otherwise. `labels` are the quotes and
    titles of _regions(src)."""
    start, end = q.start, q.end
    if start:
        before = src[start - 1]
        if before in _LABEL_BEFORE or (before in _SIGN_BEFORE and not q.value < 0):
            return False
    if end < len(src):
        after = src[end]
        if after in _LABEL_AFTER and not (
            after == "/" and q.unit.endswith("元") and _PER_HEAD.match(src, end)
        ):
            return False
        if q.chinese and q.value < 10 and after in '“"「':
            return False  # 两个“全覆盖”, 三个“一流”: counted slogans
    if q.chinese and q.value == 1 and not _ONE_COUNTED.search(src, max(0, start - 12), start + 3):
        return False  # 一件事, 一张网, 一个中心: the numeral one is a word, not a measure
    quoted = None
    for r_start, r_end, kind in labels:
        if r_start < start and end <= r_end - 1:
            if kind == "title":
                return False
            inner = src[r_start + 1 : r_end - 1]
            if _RATE_COUNT.match(inner):
                quoted = (r_start + 1, r_end - 1)  # “3个100%”: handled by the caller
            elif _QUOTED_QTY.match(inner) and start - (r_start + 1) <= 3:
                quoted = (r_start + 1, r_end - 1)
            else:
                return False  # “152”工程, “24小时不打烊”, “最多跑一次”
    return quoted if quoted else True


@lru_cache(maxsize=8192)
def bigrams(s: str) -> frozenset[str]:
    """Character bigrams of the CJK and Latin text, digits and punctuation dropped; an
    abbreviation (GDP, CPI) also gives the bigrams of its full names. Cached: the same
    metric and sentence are compared with every figure and target."""
    chars = [c for c in s if (("\u4e00" <= c <= "\u9fff") or c.isalpha()) and c not in CN_DIGITS]
    out = {chars[i] + chars[i + 1] for i in range(len(chars) - 1)}
    for short, names in METRIC_ABBREVIATIONS.items():
        if short in s:
            for name in names:
                out.update(name[i : i + 2] for i in range(len(name) - 1))
    return frozenset(out)


def comparator_at(src: str, q: Quantity, span_start: int) -> str:
    """The comparator stated next to a quantity: 以上/以内/左右 after, 不少于/最多/约 before."""
    return _comparator(
        src[q.end : q.end + 4], src[max(span_start, q.start - 6) : q.start], q.value_min is not None
    )


@lru_cache(maxsize=4096)
def _comparator(after: str, before: str, ranged: bool) -> str:
    """comparator_at from the four characters after the quantity and the (up to) six before
    it: a function of these short windows alone, and they repeat across texts."""
    after = after.lstrip('”"」')
    for word, comp in SUFFIX_COMPARATORS:
        if after.startswith(word):
            return comp
    before = before.rstrip('“"「')
    for pattern, comp in _PREFIX_COMPARATOR_RES:
        if pattern.search(before):
            return comp
    if ranged:
        return ">="
    return "="


# The suffix words in the table's order: the first that matches wins, as in a loop over it.
_SUFFIX_RE = re.compile("|".join(word for word, _ in SUFFIX_COMPARATORS))


def suffix_end(src: str, q: Quantity) -> int:
    """End of the quantity including a comparator suffix (7.5%左右)."""
    m = _SUFFIX_RE.match(src, q.end)
    return m.end() if m else q.end


def rate_kind(src: str, q: Quantity, start: int) -> str:
    """What a percentage measures: `reduction` (下降3%, 压减10%), `growth` (增长8%, 增速),
    or `share` (a rate or level to reach: 覆盖率达到90%, 提高至100%, 下降到5%)."""
    window = src[max(start, q.start - 12) : q.start]
    if REDUCTION_BEFORE.search(window) or (
        REDUCTION_LEAD.match(src, start, q.start) and not GROWTH_BEFORE.search(window)
    ):
        return "reduction"
    gw = growth_word(src, q, start)
    if not gw or _RAISED_TO.search(window):
        return "share"
    if gw == "提高" and "增" not in window[-8:]:
        return "share"
    return "growth"


def growth_word(src: str, q: Quantity, start: int) -> str | None:
    """The growth or decrease word right before a percentage (增长, 下降), or None."""
    m = GROWTH_BEFORE.search(src[max(start, q.start - 12) : q.start])
    return m.group(1) if m else None
