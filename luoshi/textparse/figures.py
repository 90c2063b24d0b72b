"""Reported figures: the quantities in a progress text (完成情况) that answer a target.

A figure answers a target when it measures the same thing (its wording shares enough with
the target's metric) in a comparable unit. Each figure goes to the target it fits best."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any, cast

from .numbers import (
    PERCENT_UNITS,
    Quantity,
    comparable,
    normalise,
    parse_number,
    read_quantities,
    to_halfwidth,
)
from .scan import same_as, starting_with
from .spans import (
    COMPARATOR_WORDS,
    GROWTH_BEFORE,
    LEAD_FILLER,
    RAISED_TO,
    REDUCTION_BEFORE,
    REDUCTION_LEAD,
    SENTENCE_END,
    Mention,
    bigrams,
    read_mentions,
    suffix_end,
)
from .targets import MULTI_YEAR, QUALIFIER_RE, Target
from .targets import _kind as target_kind
from .targets import _unit_kind as unit_kind
from .vocab import FINISHED_WORDS, STARTED_WORDS

PERIOD_RE = re.compile(
    r"截至(?:目前|当前|年底|年末|\d{1,2}月(?:底|末|\d{1,2}日)?)"
    r"|\d{1,2}\s*[-—–~～至到]\s*\d{1,2}\s*月(?:份)?"
    r"|[上下]半年|前三季度|前[一二两三]季度|第?[一二三四1-4]季度"
    r"|全年|年底|年末"
    r"|(?:19|20)\d{2}年(?:度)?"
    r"|(?<![\d-])\d{1,2}月(?:份|底|末)?(?!\d|\s*[-—–~～至到]|份?\d)"
)
PERIOD_RE = starting_with("截0-9上下前第一二三四全年", PERIOD_RE)
PENDING_RE = re.compile(
    r"(?:(?:\d{1,2}\s*[-—–~～至到]\s*)?\d{1,2}\s*月(?:份)?|全年|年度)?的?(?:统计)?数据"
    r"[^，,。；;]{0,6}?(?:尚未|暂未|还未|未|待)(?:出炉|出来|出|公布|发布|统计|反馈)"
    r"|(?:尚未|暂未)(?:公布|发布|出炉)(?:全年|年度)?数据"
    r"|数据[^，,。；;]{0,4}?(?:将于|将在|预计于|需待|需等|要到)[^，,。；;]{0,12}?"
    r"(?:发布|公布|出炉|反馈|确定)"
)
PENDING_RE = starting_with("0-9全年的统数尚暂", PENDING_RE)
ESTIMATE_RE = re.compile(r"预计|预估|预测|估计|有望")
TOTAL_RE = re.compile(
    r"(?:共计|合计|总计|累计|共|总共)(?:完成|新增|实现|建成|达到?|有)?[^，,。；;]{0,12}$"
)
# A number that restates or revises the plan, or counts what is left, is not an achievement.
NOT_ACHIEVED_RE = re.compile(
    r"(?:调整为|调整到|下调为|下调至|调减为|调减至|目标为?|任务为|计划|剩余|还剩|尚有|尚余|"
    r"仍有|其余|余下|未完成|年计划|总计划|规划)[^，,。；;]{0,4}$"
)
TOPIC_RE = re.compile(
    r"[^\d，,。；;]{0,10}?(?<!推进|进行|建设|施工|实施|办理|审批)(?:中|当中)[,，:：]"
)
# Things still under review are not achieved yet: 2个镇…已通过市级初审, 3个项目已申报.
IN_REVIEW_RE = re.compile(
    r"初审|预审|已申报|申报中|评审中|公示中|待[^，,。；;]{0,8}(?:验收|审批|认定|命名|批复|授牌)"
)
# The unit's own rate against its year plan, stated after a figure: 完成率129.63%,
# 占年度任务的54%, 完成年计划的158.2%, 完成年度目标的68.8%.
PLAN_RATE_RE = re.compile(
    # The lookahead lets the scan skip positions that cannot start a rate phrase.
    r"(?=[任计目完当总整累工进占为达])"
    r"(?:(?:任务|计划|目标)?完成率|完成比例|完成进度|(?:当前|目前|总体|整体|累计|总|工作)进度"
    r"|(?<![序时间])进度(?=为|达|已达|至|\s*\d)"
    r"|(?:完成|占|为|达)(?:了)?(?:年度|全年|年|本年度|本年)?的?(?:计划|目标|任务)(?:任务)?的?)"
    r"(?:已)?(?:达到?|为|是|至)?\s*(\d+(?:\.\d+)?)\s*%"
)
# Wording that says nothing about what is counted: 完工35条, 已开工28条.
BARE_WORDS = re.compile(
    r"已经|已|完成|完工|竣工|开工|新增|新建|建成|实现|累计|共计|合计|共|达到|达|为|全年|今年|年内|"
    r"全部|所有|"
    r"目前|其中|截至|当前|底|末|月|份|\d|[-—~～至到]|\s"
)
# No word but BARE_WORDS: what is left after removing them (re.sub, left to right) holds no
# CJK or Latin letter. The same walk as one match: at each place the first of the words
# that fits (atomic, as sub takes it) or one character that is not a letter, never undone.
_ONLY_BARE_WORDS = re.compile(rf"(?:(?>{BARE_WORDS.pattern})|[^\u4e00-\u9fffA-Za-z])*+")
PAREN_TOTAL_RE = re.compile(r"[(（]共")
_MONTH_RE = re.compile(r"(\d{1,2})\s*月")
_QUARTER_RE = re.compile(r"(?:前|第)?([一二三四两1-4])季度")
_YEAR_RE = re.compile(r"\d{4}年")
_DIGIT_RE = re.compile(r"\d")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_WORD_CHAR_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_DONE_OF_WHOLE_RE = re.compile(r"已|均已|其中")
_LIST_MARK_RE = re.compile(r"[、,，和及与]")
_ACTUAL_WORD_RE = re.compile(r"已|实际|累计|截至|\d{1,2}\s*月|季度|上半年")
_YEAR_BEFORE_WHOLE_RE = re.compile(r"(?:19|20)\d{2}(?=全年|年度)")
# A breakdown follows: 26.5亿元,其中工业项目10亿元、… / 379张(其中A 200张、B 179张).
BREAKDOWN_RE = re.compile(r"\s*[,，(（:：]?\s*其中[^。;；]*[、和]")
# A total that covers more than this year's object: 2019年以来, 历年累计, 累计至今, 含续建项目.
SINCE_YEAR_RE = re.compile(
    r"((?:19|20)\d{2})年(?:以来|至今)|自((?:19|20)\d{2})年|历年|累计至今|至今累计"
    r"|(?:含|包括|加上)(?:续建|往年|结转|以前年度)"
)
# The target said again (政府工作报告提出…控制在3%左右, 年度目标新增就业8000人): a word that states
# a plan before the number, in a clause with no achievement word before the number.
ECHO_LEAD_RE = re.compile(r"(?:提出|要求|目标|预期|确定|明确)[^,，;；。]*$")
ECHO_ACHIEVED = re.compile(r"已|完成|实现|实际|累计|达到|共|建成|新增了")
# 全省5000个配电台区改造升级计划, 8000人的目标任务: the clause names the plan, not a result.
PLAN_AFTER = re.compile(r"(?:计划|目标|目标任务|任务)$")
ONGOING_AFTER = re.compile(r"正在|施工中|推进中|建设中|进行中|实施中")
# 建设2公里未启动: the number restates what is still to be done.
NOT_STARTED_AFTER = re.compile(
    r"(?:以上|以内|左右)?(?:的?(?:项目|工程|任务))?(?:尚|均|仍|还)?(?:未|暂未|没有)(?:启动|开工|实施|开展|建设)"
)
GENERIC_BIGRAMS = frozenset(
    {"完成", "实现", "已经", "累计", "全年", "全区", "目前", "同比", "共计", "达到", "开展",
     "推进", "工作", "其中", "企业", "单位"}
)  # fmt: skip
RATE_BIGRAMS = frozenset({"增长", "同比", "比增", "增速", "增幅", "下降", "降低", "比上", "上年",
                          "压减", "减少", "分别"})  # fmt: skip
# Growth and reduction figures answer each other's targets, read in the target's terms.
_OPPOSITE = {"growth": "reduction", "reduction": "growth"}
RATE_KINDS = ("growth", "reduction", "share")
FIG_EXTEND_STOP = set("(（,，。;；、:：和及与等正已均并将")
# A figure's text runs on for up to ten characters, to the first of FIG_EXTEND_STOP.
_FIG_EXTEND_RE = re.compile("[^" + re.escape("".join(sorted(FIG_EXTEND_STOP))) + "]{0,10}")


# Slots: a figure is made for every quantity of every progress text, and read often.
@dataclass(slots=True)
class Figure:
    text: str
    value: float | int
    unit: str
    period: str
    estimate: bool
    kind: str  # growth / share / count / amount
    start: int
    end: int
    local: str  # wording around the number, for matching
    sentence: str
    sentence_id: int
    piece: tuple[int, int] = (0, 0)
    total: bool = False
    target: int | None = None
    score: float = 0.0
    sum_of_parts: bool = False
    plan_rate: float | None = None  # 完成率 stated for this figure, in percent
    rate_text: str = ""  # the stated rate's own words, shown as evidence beside the figure
    bare: bool = False  # no wording of its own: 完工35条
    ongoing: bool = False  # names work still going on: 6个老旧小区改造正在施工中
    at: int = 0  # where the number starts
    run_pos: int | None = None  # place in a list after 分别 (分别增长5.8%、7.3%)

    def as_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "target": self.target, "value": self.value, "unit": self.unit,
             "period": self.period, "estimate": self.estimate}  # fmt: skip
        if self.sum_of_parts:
            d["sum_of_parts"] = True
        return d


def period_month(period: str, as_of_month: int) -> int:
    """The last month a period covers: 1-9月 -> 9, 上半年 -> 6, 全年 -> 12, 截至目前 -> as_of."""
    if not period:
        return as_of_month
    p = to_halfwidth(period)
    if m := _MONTH_RE.search(p):
        month = int(m.group(1))
        return month if 1 <= month <= 12 else as_of_month
    if "上半年" in p:
        return 6
    if "前三季度" in p:
        return 9
    if m := _QUARTER_RE.search(p):
        n = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4}.get(m.group(1)) or int(m.group(1))
        return 3 * n
    if any(w in p for w in ("全年", "年底", "年末", "下半年", "年度")) or _YEAR_RE.search(p):
        return 12
    return as_of_month


def data_pending(text: str) -> str | None:
    """The words saying the full figure is not out yet (1-12月数据尚未出), or None."""
    if not text or "数据" not in text:
        return None  # every wording of the pattern says 数据
    m = PENDING_RE.search(to_halfwidth(text))
    return text[m.start() : m.end()] if m else None


def extract_figures(
    status_text: str,
    year: int | None = None,
    quantities: list[Quantity] | None = None,
    targets: list[Target] | None = None,
    cands_of: dict[tuple[str, str], list[int]] | None = None,
) -> list[Figure]:
    """Every measured quantity in the progress text, with its wording, period and flags.
    `year` (the report's) tells 2019年以来 (several years) from 2022年以来 (this year).
    `quantities` are find_quantities(status_text), when the caller has them already.
    With `targets` (those the figures are matched to next), a figure that none of them can
    take (_compatible, on its final kind and unit) and with no stated rate is left without
    its period: match_figures never uses it, and the period is the costly part. Where
    nothing can change a figure's kind or take it in after it is read (no 分别, no stated
    rate), such a figure is not read at all. `cands_of` (_candidates) is shared with
    match_figures, which asks the same question of the same figures."""
    if not status_text:
        return []
    src = to_halfwidth(status_text)
    quantities = read_quantities(src) if quantities is None else quantities
    rate_spans = _rate_spans(src)  # nothing to scan in a text without a % (_plan_rates)
    cands_of = {} if cands_of is None else cands_of
    # A figure's kind is the one it is read with unless _respectively (分别) changes it, and
    # no target can take it unless it carries a stated rate: with neither in the text, a
    # mention whose kind and unit no target can take makes a figure nothing ever uses (not
    # matched, no period, no rate, no run of 分别), so it is not read.
    settle = targets if targets is not None and not rate_spans and "分别" not in src else None
    # A unitless number is matched only to a task's one target (match_figures), and nothing
    # else reads it here: with several targets (or none) it is never used.
    no_bare = settle is not None and len(settle) != 1
    if no_bare and not any(
        _may_answer(settle or [], cands_of, u) for u in {q.unit for q in quantities}
    ):
        return []  # no figure would be read: the text need not be cut into mentions
    mentions, sentences = read_mentions(src, True, quantities)
    # The mentions of each piece, in order, and each sentence's place: looked up per mention.
    by_piece: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        by_piece.setdefault(m.piece, []).append(m)
    sentence_ids = {sp: k for k, sp in enumerate(sentences)}  # each span is there once
    has: frozenset[str] | None = None  # _rules_present, once a mention is read in full
    periods = _Periods(src)
    out: list[Figure] = []
    place: dict[tuple[int, int], int] = {}  # mentions of each piece met so far
    for m in mentions:
        idx = place.get(m.piece, 0)
        place[m.piece] = idx + 1
        kind = _kind(src, m)
        if settle is not None and not _candidates(settle, cands_of, kind, m.q.unit):
            continue
        if has is None:
            has = _rules_present(src)
        f = _figure_from(status_text, src, m, by_piece[m.piece], idx, sentences,
                         sentence_ids.get(m.sentence, 0), year, has, None, kind)  # fmt: skip
        if f is not None:
            out.append(f)
    _respectively(src, out)
    out = _attach_plan_rates(status_text, src, out, sentences, periods, rate_spans)
    # The periods of the mentions' figures, now that their kinds are final (_respectively)
    # and their stated rates attached; the figures _attach_plan_rates made have theirs.
    whole = (0, len(src))
    for f in out:
        if f.kind == "plan_rate":
            continue
        if (
            targets is not None
            and f.plan_rate is None
            and not _candidates(targets, cands_of, f.kind, f.unit)
        ):
            continue
        f.period = periods.before(sentences[f.sentence_id] if sentences else whole, f.at)
    if no_bare:
        return out
    bare = _bare_numbers(status_text, src, {m.q.num_start for m in mentions}, sentences, periods)
    return sorted(out + bare, key=lambda f: f.start) if bare else out


_RUN_GAP = re.compile(r"[、,，和及与\s]*")


def _respectively(src: str, figures: list[Figure]) -> None:
    """分别增长5.8%、7.3%: a list of numbers after 分别 is one kind of rate, the n-th answering
    the n-th target of a list; with as many names before (二氧化硫、氮氧化物排放量分别下降4.4%
    和3.5%), or in an earlier clause of the sentence (专利申请总量、发明专利申请量分别为4576件、
    592件,分别同比增长20.2%、11.28%), each number is worded by its own name."""
    names_of_sentence: dict[int, list[str]] = {}
    for i, f in enumerate(figures):
        head = src[f.piece[0] : f.at]
        k = head.find("分别")
        if k < 0 or f.run_pos is not None:
            continue
        run = [f]
        for g in figures[i + 1 :]:
            if g.sentence_id != f.sentence_id or not _RUN_GAP.fullmatch(src, run[-1].end, g.at):
                break
            run.append(g)
        if len(run) < 2:
            continue
        names = [n for n in head[:k].split("、") if n.strip()]
        own = len(names) == len(run)
        if own:
            names_of_sentence[f.sentence_id] = names
        else:
            names = names_of_sentence.get(f.sentence_id, [])
        if len(names) == len(run):
            last = names[-1]
            for g, name in zip(run, names, strict=True):
                worded = name + last[len(name) :] if name != last else last
                g.local = worded if own else worded + g.local
        for pos, g in enumerate(run):
            g.kind, g.run_pos = f.kind, pos


def _plan_rates(src: str) -> list[re.Match[str]]:
    """PLAN_RATE_RE.finditer(src), scanned only just before each %. A match ends with the
    number and its %, and holds no other %: so each % ends at most one match, which starts
    after the % before it, at most 15 characters (the longest wording) before the blanks,
    digits and points that run up to the %."""
    out = []
    after_last = 0  # just after the previous %
    e = src.find("%")
    while e >= 0:
        y = e
        while y > after_last and (
            src[y - 1].isdecimal() or src[y - 1].isspace() or src[y - 1] == "."
        ):
            y -= 1
        rm = PLAN_RATE_RE.search(src, max(after_last, y - 15), e + 1)
        if rm:
            out.append(rm)
        after_last = e + 1
        e = src.find("%", after_last)
    return out


def _rate_spans(src: str) -> list[tuple[int, int, float | int | None]]:
    """(start, end, rate) of each stated completion rate of the half-width text."""
    # 投资完成率37.44%, 开工率: a rate with its own name before it is a share figure, not the
    # unit's completion of its plan.
    return [(rm.start(), rm.end(), parse_number(rm.group(1)))
            for rm in _plan_rates(src)
            if not (src.startswith("完成率", rm.start()) and rm.start() > 0
                    and _CJK_RE.match(src, rm.start() - 1))]  # fmt: skip


def states_plan_rate(status_text: str) -> bool:
    """Whether the progress text states a completion rate (完成年度目标任务的41.3%): only then
    can a figure of it carry a plan_rate (_attach_plan_rates sets it from these spans alone)."""
    return ("%" in status_text or "％" in status_text) and bool(
        _rate_spans(to_halfwidth(status_text))
    )


def _attach_plan_rates(
    text: str,
    src: str,
    figures: list[Figure],
    sentences: list[tuple[int, int]],
    periods: _Periods | None = None,
    rate_spans: list[tuple[int, int, float | int | None]] | None = None,
) -> list[Figure]:
    """A stated completion rate (完成率129.63%, 占全年计划110%, 完成年度任务的58.7%, 当前进度57%)
    right after count/amount figures (in their clause or the next) is their progress against
    the year plan, and the rate is then not a figure of its own. A rate with no such figure
    before it is a figure of kind `plan_rate`: the task's own share of its target."""
    rate_spans = _rate_spans(src) if rate_spans is None else rate_spans
    if not rate_spans:
        return figures
    periods = _Periods(src) if periods is None else periods
    consumed: set[int] = set()
    for f in figures:
        if f.kind in RATE_KINDS:
            continue
        for a, b, rate in rate_spans:
            between = src[f.end : a]
            if a < f.end or any(c in SENTENCE_END for c in between):
                continue
            if sum(c in ",，" for c in between) > 1:
                continue
            f.plan_rate, f.rate_text = rate, text[a:b]
            consumed.add(a)
            break
    kept = [
        f for f in figures
        if not (f.kind in RATE_KINDS and any(a <= f.start < b or f.start <= a < f.end
                                             for a, b, _ in rate_spans if a in consumed))
    ]  # fmt: skip
    for a, b, rate in rate_spans:
        if a in consumed:
            continue
        sent_id = next((k for k, sp in enumerate(sentences) if sp[0] <= a < sp[1]), 0)
        sent = sentences[sent_id] if sentences else (0, len(src))
        value = cast("float | int", rate)  # the pattern matched a number, so it parses
        kept.append(Figure(text=text[a:b], value=value, unit="%", period=periods.before(sent, a),
                           estimate=bool(ESTIMATE_RE.search(src[sent[0] : a])), kind="plan_rate",
                           start=a, end=b, local=src[sent[0] : a], sentence=src[sent[0] : sent[1]],
                           sentence_id=sent_id, piece=(a, b), bare=True, at=a, plan_rate=rate,
                           rate_text=text[a:b]))  # fmt: skip
    kept.sort(key=lambda f: f.start)
    return kept


# A number with no unit that a table cell or a short clause gives as the answer: 完成情况:4385,
# 进度52242, 累计完成 1250. Only label words may stand beside it in its clause.
BARE_NUMBER_RE = re.compile(
    r"(?<![\d.\-/第A-Za-z])(?<!\d[:：])(\d+(?:,\d{3})*(?:\.\d+)?)(?![\d.%‰\-/:：A-Za-z])"
)
BARE_NUMBER_RE = starting_with("0-9", BARE_NUMBER_RE)
# The same with its first digit read first, a class the engine skips to (a lookahead in
# front is tried at every place), and the looks behind put after that digit.
BARE_NUMBER_RE = same_as(
    BARE_NUMBER_RE,
    re.compile(
        r"([0-9](?<![\d.\-/第A-Za-z].)(?<!\d[:：].)\d*(?:,\d{3})*(?:\.\d+)?)"
        r"(?![\d.%‰\-/:：A-Za-z])"
    ),
)
BARE_LABELS = re.compile(
    r"完成情况|完成数|完成值|完成量|实际完成|累计完成|已完成|完成|进度|进展|实际|累计|合计|共计|"
    r"截至目前|截至|目前|当前|年度|全年|情况|数量|已|共|为|达到|达|约|\s"
)
_CELL_END = set("。;；!！?？\n,，:：|\t")


def _bare_numbers(
    text: str,
    src: str,
    quantities_at: set[int],
    sentences: list[tuple[int, int]],
    periods: _Periods | None = None,
) -> list[Figure]:
    periods = _Periods(src) if periods is None else periods
    out = []
    for bm in BARE_NUMBER_RE.finditer(src):
        a, b = bm.span(1)
        if a in quantities_at:
            continue
        rest = src[b : b + 1]
        if rest and (_is_unit_start(rest) or rest in "年月日号时期批届次位"):
            continue
        value = parse_number(bm.group(1))
        if isinstance(value, int) and 1949 <= value <= 2100:
            continue  # a year
        ca = max((src.rfind(c, 0, a) for c in _CELL_END), default=-1) + 1
        if ca > 0 and src[ca - 1] in ":：":
            # 完成情况:4385: the cell's label belongs to the figure.
            ca = max((src.rfind(c, 0, ca - 1) for c in _CELL_END if c not in ":："), default=-1) + 1
        cb = min((i for i in (src.find(c, b) for c in _CELL_END) if i >= 0), default=len(src))
        around = src[ca:a] + src[b:cb]
        label = BARE_LABELS.sub("", PERIOD_RE.sub("", around))
        if _DIGIT_RE.search(label) or _CJK_RE.search(label):
            continue
        sent_id = next((k for k, sp in enumerate(sentences) if sp[0] <= a < sp[1]), 0)
        sent = sentences[sent_id] if sentences else (0, len(src))
        value = cast("float | int", value)  # the pattern matched a number, so it parses
        out.append(Figure(text=text[ca:cb].strip(), value=value, unit="", kind="bare",
                          period=periods.before(sent, a), estimate=False, start=ca, end=cb,
                          local=src[ca:cb], sentence=src[sent[0] : sent[1]], sentence_id=sent_id,
                          piece=(ca, cb), bare=True, at=a))  # fmt: skip
    return out


def _is_unit_start(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in "，。；：、"


# Words one of which every match of a rule's pattern holds: a rule whose words are nowhere in
# the progress text cannot match any part of it, so it is not run for each of its figures.
_RULE_WORDS: dict[str, tuple[str, ...]] = {
    "not_achieved": ("调整", "下调", "调减", "目标", "任务为", "计划", "剩余", "还剩", "尚有",
                     "尚余", "仍有", "其余", "余下", "未完成", "规划"),  # NOT_ACHIEVED_RE
    "multi_year": ("年", "五"),  # MULTI_YEAR
    "achieved": ("已", "完成", "实现", "实际", "累计", "达到", "共", "建成", "新增了"),
    "echo_lead": ("提出", "要求", "目标", "预期", "确定", "明确"),  # ECHO_LEAD_RE
    "since": ("年", "至今", "含", "包括", "加上"),  # SINCE_YEAR_RE
    "not_started": ("未", "没有"),  # NOT_STARTED_AFTER
    "plan_after": ("计划", "目标", "任务"),  # PLAN_AFTER
    "ongoing_after": ("正在", "施工中", "推进中", "建设中", "进行中", "实施中"),
    "in_review": ("初审", "预审", "申报", "评审中", "公示中", "待"),  # IN_REVIEW_RE
    "breakdown": ("其中",),  # BREAKDOWN_RE
    "topic": ("中",),  # TOPIC_RE
    "done_of_whole": ("已", "其中"),  # _DONE_OF_WHOLE_RE
    "paren_total": ("共",),  # PAREN_TOTAL_RE
    "estimate": ("预计", "预估", "预测", "估计", "有望"),  # ESTIMATE_RE
    "total": ("共", "合计", "总计", "累计"),  # TOTAL_RE
}  # fmt: skip


_RULE_WORD_LISTS = list(_RULE_WORDS.items())


def _rules_present(src: str) -> frozenset[str]:
    """The rules of _RULE_WORDS whose words occur in `src` (`in` finds a word faster than a
    pattern scan, and a rule is done at its first word found)."""
    has = []
    for rule, words in _RULE_WORD_LISTS:
        for word in words:
            if word in src:
                has.append(rule)
                break
    return frozenset(has)


def _not_a_result(
    src: str,
    m: Mention,
    year: int | None,
    has: frozenset[str] = frozenset(_RULE_WORDS),
    after: int | None = None,
) -> tuple[bool, bool]:
    """(not a figure, names work going on) for a quantity of the progress text: the target
    said again (提出…控制在3%左右, 建设2公里未启动), a total since an earlier year or with other
    years' work (2019年以来累计, 含续建); and 6个老旧小区改造正在施工中, where the number names work
    still going on (an echo when it is the target's own number)."""
    clause_start, q_start = m.clause[0], m.q.start
    achieved = "achieved" in has and ECHO_ACHIEVED.search(src, clause_start, q_start)
    if not achieved and "echo_lead" in has and ECHO_LEAD_RE.search(src, clause_start, q_start):
        return True, False
    sm = SINCE_YEAR_RE.search(src, clause_start, q_start) if "since" in has else None
    if sm:
        start_year = sm.group(1) or sm.group(2)
        if not start_year or year is None or int(start_year) < year:
            return True, False
    after = suffix_end(src, m.q) if after is None else after
    if ("not_started" in has and NOT_STARTED_AFTER.match(src, after, m.clause[1])) or (
        not achieved and "plan_after" in has and PLAN_AFTER.search(src, after, m.clause[1])
    ):
        return True, False
    return False, (
        not achieved
        and "ongoing_after" in has
        and bool(ONGOING_AFTER.search(src, after, m.clause[1]))
    )


def _figure_from(
    text: str,
    src: str,
    m: Mention,
    same: list[Mention],
    idx: int,
    sentences: list[tuple[int, int]],
    sent_id: int,
    year: int | None = None,
    has: frozenset[str] = frozenset(_RULE_WORDS),
    periods: _Periods | None = None,
    kind: str | None = None,
) -> Figure | None:
    """The figure of mention `m`, the `idx`-th of the mentions of its piece (`same`), in
    sentence `sent_id`; None when the number is not an achievement. `has` names the rules
    whose words the text holds (_rules_present). With `periods` None the period is left
    empty, for the caller to fill in (extract_figures does, for the figures it needs).
    `kind` is _kind(src, m), when the caller has it."""
    # The windows below are searched in place (pattern.search(src, a, b)), not cut out:
    # none of these patterns looks behind its window or anchors at its start.
    q = m.q
    q_start, q_end = q.start, q.end
    clause0, clause1 = m.clause
    piece0, piece1 = m.piece
    nxt = same[idx + 1] if idx + 1 < len(same) else None
    prev_end = same[idx - 1].q.end if idx > 0 else piece0
    if "not_achieved" in has and NOT_ACHIEVED_RE.search(src, prev_end, q_start):
        return None
    if nxt is not None and _qualifies(src, q_end, nxt.q.start):
        return None  # 10亿元以上项目24个: the bound sizes the projects counted
    # 三年累计完成98条: the programme's total over several years, not this year's figure.
    if "multi_year" in has and MULTI_YEAR.search(src, clause0, q_start):
        return None
    after = suffix_end(src, q)
    skip, ongoing = _not_a_result(src, m, year, has, after)
    if skip:
        return None
    if "in_review" in has and IN_REVIEW_RE.search(src, q_end, clause1):
        return None
    # 8个项目中,已竣工5个 / 60个重点项目已开工58个: the whole the sentence is about (the plan),
    # not what was done; the numbers after it are.
    breakdown = "breakdown" in has and bool(BREAKDOWN_RE.match(src, after))
    if ("topic" in has and TOPIC_RE.match(src, q_end, min(len(src), clause1 + 1))) or (
        nxt is not None
        and not breakdown
        and "done_of_whole" in has
        and _DONE_OF_WHOLE_RE.search(src, q_end, nxt.q.start)
        and comparable(q.unit, nxt.q.unit)
        and not _LIST_MARK_RE.search(src, q_end, nxt.q.start)
    ):
        return None
    # (共19座) after a figure states the plan's size, not an achievement.
    if "paren_total" in has and PAREN_TOTAL_RE.search(src, max(piece0, q_start - 2), q_start):
        return None
    # 10亿元以上项目24个: the number is worded by the bound before it and what precedes it.
    qualified = idx > 0 and _qualifies(src, prev_end, q_start)
    lead_end = (same[idx - 2].q.end if idx > 1 else piece0) if qualified else prev_end
    if m.quoted:
        start = piece0 if idx == 0 else prev_end
        start = _strip_lead(src, start, m.quoted[0])
        end = m.quoted[1] + 1
    else:
        if idx == 0 or (qualified and idx == 1):
            start = _strip_lead(src, piece0, q_start)
        else:
            start = same[idx - 1].q.start if qualified else q_start
        limit = nxt.q.start if nxt is not None else piece1
        ext = _FIG_EXTEND_RE.match(src, after, limit)  # no match when the limit is before it
        end = ext.end() if ext else after
    while end > start and src[end - 1] in "、,，和及与 ":
        end -= 1
    sent = sentences[sent_id] if sentences else (0, len(src))
    period = periods.before(sent, q_start) if periods is not None else ""
    estimate = False
    if "estimate" in has:
        estimate = ESTIMATE_RE.search(src, clause0, q_start) is not None
        if not estimate and ESTIMATE_RE.search(src, sent[0], clause0):
            # 全年预计新增A 120家、B 14家,新增C 13家: 预计 governs the sentence's later
            # clauses unless one of them states its own period or says 已/实际.
            estimate = not _ACTUAL_WORD_RE.search(src, clause0, q_start)
    # 共新增床位379张 or 379张(其中A 200张、B 179张): a total, used once and never added to
    # its parts.
    total = ("total" in has and bool(TOTAL_RE.search(src, piece0, q_start))) or breakdown
    local = src[lead_end : min(piece1, q_end + 10)]
    if idx > 0 and not qualified and not _CJK_RE.search(src, prev_end, q_start):
        # 出让17宗1108亩: the second measure is named by the words before the first.
        local = src[piece0 : same[0].q.start] + local
    bare = not qualified and (
        prev_end >= q_start or _ONLY_BARE_WORDS.fullmatch(src, prev_end, q_start) is not None
    )
    # 下降41% is a reduction of 41, as written (q.value); see _in_target_terms. Positional
    # arguments, in Figure's field order: text, value, unit, period, estimate, kind, start,
    # end, local, sentence, sentence_id, piece, total.
    kind = _kind(src, m) if kind is None else kind
    f = Figure(text[start:end], q.value, q.unit, period, estimate, kind, start, end,
               local, src[sent[0] : sent[1]], sent_id, m.piece, total)  # fmt: skip
    f.bare, f.at, f.ongoing = bare, q_start, ongoing
    return f


def _local_bigrams(local: str) -> frozenset[str]:
    """The bigrams of a figure's wording, also read without its comparator words, as a
    target's metric is (引进亿元及以上项目68个 shares 元项 with 亿元以上项目100个, metric 亿元项目)."""
    if "以" in local or "之内" in local or "左右" in local or "上下" in local:
        return bigrams(local) | bigrams(COMPARATOR_WORDS.sub("", local))
    return bigrams(local)


def _qualifies(src: str, a: int, b: int) -> bool:
    """src[a:b], between two numbers of a piece, is a bound and the noun it sizes
    (targets.QUALIFIER_RE: 以上项目 in 10亿元以上项目24个)."""
    return src[a : a + 1] in _QUALIFIER_FIRST and QUALIFIER_RE.fullmatch(src, a, b) is not None


_QUALIFIER_FIRST = frozenset("及以")  # every match of QUALIFIER_RE starts with one of them


_PERIOD_LEAD = re.compile(PERIOD_RE.pattern)


# Every character a match of _YEAR_BEFORE_WHOLE_RE, _PERIOD_LEAD or LEAD_FILLER can start
# with, and the blanks _strip_lead skips: at any other character there is nothing to strip.
_LEAD_FIRST = frozenset("12截0123456789上下前第一二三四全年其同并另此目今我力确争努实积着进 ,，")


def _strip_lead(src: str, start: int, limit: int) -> int:
    """Skip a leading period (1-9月, 12月, 2021全年) and filler words before the figure."""
    while True:
        if src[start : start + 1] not in _LEAD_FIRST:
            return start  # also at the end of the text: "" is not a member of the set
        moved = False
        ym = _YEAR_BEFORE_WHOLE_RE.match(src, start)
        if ym and ym.end() <= limit:
            start = ym.end()
        pm = _PERIOD_LEAD.match(src, start)
        if pm and pm.end() <= limit:
            start = pm.end()
            moved = True
        lm = LEAD_FILLER.match(src, start)
        if lm and lm.end() > start and lm.end() <= limit:
            start = lm.end()
            moved = True
        while start < limit and src[start] in " ,，":
            start += 1
            moved = True
        if not moved:
            return start


def _period(src: str, sent_start: int, qstart: int, fig_start: int) -> str:
    """The nearest period stated before the figure in its sentence."""
    found = ""
    for pm in PERIOD_RE.finditer(src, sent_start, qstart):
        found = pm.group(0)
    return found


# Every character some part of PERIOD_RE matches, besides digits and blanks; every match
# holds one of _PERIOD_KEY (截至…, …月, …年, …季度).
_PERIOD_CHARS = frozenset("截至目前当年底末月日份-—–~～到上下半三季度一二两四第全")
_PERIOD_KEY = re.compile("[截月年季]")


def _is_period_char(ch: str) -> bool:
    return ch in _PERIOD_CHARS or ch.isdecimal() or ch.isspace()


class _Periods:
    """_period for every number of one text, each sentence scanned once.

    No match of PERIOD_RE holds a character that is not a _period_char, and no attempt at a
    match reads past one (every part of the pattern fails on it). So where such a character
    stands before the number (the last one at p-1), the scan from the sentence start up to
    the number finds before p what the scan of the whole sentence finds there, and from p on
    it is a scan of its own of the few characters from p to the number."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.scanned: dict[tuple[int, int], list[tuple[int, str]]] = {}

    def before(self, sent: tuple[int, int], qstart: int) -> str:
        src = self.src
        if not sent[0] <= qstart <= sent[1]:
            return _period(src, sent[0], qstart, qstart)
        p = qstart
        pc = _PERIOD_CHARS
        while p > sent[0] and ((ch := src[p - 1]) in pc or ch.isdecimal() or ch.isspace()):
            p -= 1  # _is_period_char, inlined: it is asked of most numbers
        if p < qstart:
            found = _period(src, p, qstart, qstart)
            if found or p == sent[0]:
                return found
        matches = self.scanned.get(sent)
        if matches is None:
            matches = self.scanned[sent] = self._scan(*sent)
        for start, period in reversed(matches):
            if start < p:
                return period
        return ""

    def _scan(self, s0: int, s1: int) -> list[tuple[int, str]]:
        """(start, text) of every match of PERIOD_RE.finditer(src, s0, s1), scanning only
        the runs of _period_chars around a _PERIOD_KEY character: each run up to and with
        the character after it (where every attempt in the run stops), or to the end."""
        src = self.src
        out: list[tuple[int, str]] = []
        done = s0
        for km in _PERIOD_KEY.finditer(src, s0, s1):
            a = km.start()
            if a < done:
                continue  # in the run just scanned
            while a > s0 and _is_period_char(src[a - 1]):
                a -= 1
            b = km.end()
            while b < s1 and _is_period_char(src[b]):
                b += 1
            done = b
            out.extend(
                (pm.start(), pm.group(0)) for pm in PERIOD_RE.finditer(src, a, min(b + 1, s1))
            )
        return out


def _kind(src: str, m: Mention) -> str:
    q = m.q
    if q.unit in PERCENT_UNITS:
        # spans.rate_kind, with the growth word looked for once.
        start = m.piece[0]
        window = src[max(start, q.start - 12) : q.start]
        grown = GROWTH_BEFORE.search(window)
        if REDUCTION_BEFORE.search(window) or (
            grown is None and REDUCTION_LEAD.match(src, start, q.start)
        ):
            return "reduction"
        if grown is None or grown.group(1) == "提高" or RAISED_TO.search(window):
            # 覆盖率提高5个百分点 reports a level, not a growth rate
            return "share"
        return "growth"
    kind = _MEASURE_KIND.get(q.unit)
    if kind is None:
        kind = _MEASURE_KIND[q.unit] = target_kind(src, q, m.piece[0])
    return kind


# targets._kind of a count or amount depends on the unit alone (its base unit and family).
_MEASURE_KIND: dict[str, str] = {}


# --- matching figures to targets -------------------------------------------------------


def _compatible(t: Target, f: Figure) -> bool:
    return _compatible_with(t, f.kind, f.unit)


def _candidates(
    targets: list[Target], cands_of: dict[tuple[str, str], list[int]], kind: str, unit: str
) -> list[int]:
    """The places of the targets a figure of this kind and unit can take (_compatible): it
    depends on the two alone, so it is worked out once per (kind, unit) of a text, in
    `cands_of`, which extract_figures and match_figures share."""
    cands = cands_of.get((kind, unit))
    if cands is None:
        cands = cands_of[kind, unit] = [
            k for k, t in enumerate(targets) if _compatible_with(t, kind, unit)
        ]
    return cands


# Every kind _kind gives a quantity with a percent unit, whatever the words before it.
_RATE_READINGS = ("growth", "reduction", "share")


def _may_answer(
    targets: list[Target], cands_of: dict[tuple[str, str], list[int]], unit: str
) -> bool:
    """Whether the figure of a quantity in `unit` could take a target (_candidates) however
    it is worded: a rate's kind depends on the words before it, a count's or amount's on its
    unit alone (_kind)."""
    if unit in PERCENT_UNITS:
        return any(_candidates(targets, cands_of, k, unit) for k in _RATE_READINGS)
    return bool(_candidates(targets, cands_of, unit_kind(unit), unit))


def _compatible_with(t: Target, kind: str, unit: str) -> bool:
    key = (t.kind, t.comparator, t.unit, kind, unit)
    ok = _COMPATIBLE.get(key)
    if ok is None:
        if len(_COMPATIBLE) > 4096:
            _COMPATIBLE.clear()  # units as written are few; a bound all the same
        ok = _COMPATIBLE[key] = _compatible_kinds(*key)
    return ok


# _compatible depends on the kinds, the target's comparator and the two units alone: each
# combination is decided once (a table of units and kinds, not of texts).
_COMPATIBLE: dict[tuple[str, str, str, str, str], bool] = {}


def _compatible_kinds(
    t_kind: str, t_comparator: str, t_unit: str, f_kind: str, f_unit: str
) -> bool:
    if f_kind == "bare":
        return True  # a unitless cell answers the task's one target (checked by the caller)
    if f_kind == "plan_rate":
        # A stated completion rate answers a count or amount to reach.
        return t_kind in ("count", "amount") and t_comparator != "<="
    if t_kind in _OPPOSITE:
        # 增长2% answers a reduction target (and falls short of it); 下降1.8% a growth one.
        return f_kind in ("growth", "reduction") and f_unit == t_unit
    if t_kind == "share":
        return f_kind == "share" and normalise(1, f_unit)[1] == normalise(1, t_unit)[1]
    if f_kind in RATE_KINDS:
        return False
    return comparable(t_unit, f_unit)


def _metric_bigrams(t: Target) -> frozenset[str]:
    """The bigrams of the target's metric that say what it measures (see _score)."""
    return _metric_bigrams_of(t.metric, t.kind)  # 增长 says what kind, not what is measured


# 将端州区、鼎湖区、肇庆高新区分散供养孤儿养育标准提高到…: a list of places names the target's
# scope, not what it measures.
PLACE_LIST = re.compile(
    r"(?:[\u4e00-\u9fff]{1,6}?(?:区|县|市|镇|乡|街道)、)+[\u4e00-\u9fff]{1,6}?(?:区|县|市|镇|乡|街道)"
)


def _measure_bigrams(t: Target, tb: frozenset[str]) -> frozenset[str]:
    """The bigrams of the target's metric (tb, _metric_bigrams) without its list of places:
    端州区、鼎湖区…分散供养孤儿养育标准 measures 分散供养孤儿养育标准. A figure of another measure
    in the same places (…集中供养孤儿养育标准提高到2200元) is not taken for the places."""
    if "、" not in t.metric:
        return tb  # every list of places holds 、
    pm = PLACE_LIST.search(t.metric)
    if pm is None:
        return tb
    return tb & _metric_bigrams_of(t.metric[: pm.start()] + "、" + t.metric[pm.end() :], t.kind)


def _metric_bigrams_of(metric: str, kind: str) -> frozenset[str]:
    tb = bigrams(metric) - GENERIC_BIGRAMS
    return tb - RATE_BIGRAMS if kind in _OPPOSITE else tb


def _score(t: Target, f: Figure, tb: frozenset[str] | None = None) -> tuple[int, int]:
    if tb is None:
        tb = _metric_bigrams(t)
    # A figure with no shared wording (a bare 预计全年增长8%) scores 0 here and is decided
    # by the fallback in match_figures.
    return len(tb & bigrams(f.local)), len(tb & bigrams(f.sentence))


_GROWTH_WORD_RE = re.compile(r"(增长|增速|增幅)")
_NUMERAL_RE = re.compile(r"[\d一二两三四五六七八九十百千]")
# Words a subjectless rate (预计全年增长8%) may have before its number and still be bare.
_RATE_FILLER_RE = re.compile(
    r"(预计|全年|同比|比上年|增长|增速|增幅|下降|降低|实现|达到|为|分别|均|\s|[\d.%-]|年|月|底)"
)
_ABBR_STOP = set("增长同比全区县市实现完成累计新预年月达到为已其中比上")


def _abbreviates(f: Figure, t: Target) -> bool:
    """Two adjacent characters of the figure's own wording (before its number) that appear in
    that order in the target's metric, apart: an abbreviation (固投, 社零, 规上)."""
    head = f.local
    cut = _NUMERAL_RE.search(head)
    head = head[: cut.start()] if cut else head
    chars = [c for c in head if "\u4e00" <= c <= "\u9fff"]
    metric = t.metric
    for a, b in zip(chars, chars[1:], strict=False):
        if a in _ABBR_STOP or b in _ABBR_STOP:
            continue
        i = metric.find(a)
        if i >= 0 and metric.find(b, i + 2) > i:
            return True
    return False


def match_figures(
    targets: list[Target],
    figures: list[Figure],
    cands_of: dict[tuple[str, str], list[int]] | None = None,
) -> list[Figure]:
    """Give each figure the target it answers best; return the figures that answer one,
    trimmed to those the assessment uses (a total beats its parts; parts in one sentence
    add up; for a rate, the wording that fits best). `cands_of` is the one extract_figures
    filled for the same targets, when there is one."""
    if not targets or not figures:
        return []  # nothing to match (most texts: extract_figures reads only what can match)
    by_target: dict[int, list[Figure]] = {}
    last_target_of_kind: dict[str, int] = {}
    # Each target's keys, worked out once for all the figures.
    metric_bigrams = [_metric_bigrams(t) for t in targets]
    # A figure's own wording is scored against what a target measures, its places aside
    # (_measure_bigrams); the sentence, places and all, breaks ties.
    measure_bigrams = [
        _measure_bigrams(t, tb) for t, tb in zip(targets, metric_bigrams, strict=True)
    ]
    run_pos = [t.extra.get("run_pos") for t in targets]
    bounds: list[str] = [t.extra.get("bound", "") for t in targets]
    opposite = [t.kind in _OPPOSITE for t in targets]
    bases: list[float | int] | None = None
    cands_of = {} if cands_of is None else cands_of
    for f in figures:
        cands = _candidates(targets, cands_of, f.kind, f.unit)
        if not cands:
            continue
        if f.ongoing:
            # The target's own number said of work still going on is an echo, not a figure.
            if bases is None:
                bases = [t.base[0] for t in targets]
            value = normalise(f.value, f.unit)[0]
            if any(bases[k] == value for k in cands):
                continue
        if f.kind == "bare" and len(cands) != 1:
            continue  # a unitless number answers only the task's one target of its kind
        best: tuple[tuple[float, int, int], int] | None = None
        f_local, f_sentence = _local_bigrams(f.local), bigrams(f.sentence)
        for i in cands:
            t = targets[i]
            tb = metric_bigrams[i]
            local, sent = len(measure_bigrams[i] & f_local), len(tb & f_sentence)
            if bounds[i] and len(cands) > 1 and bounds[i] not in f.local:
                # Beside other targets, 投资10亿元以上项目10个 is answered only by figures that
                # state its bound (10亿元以上项目24个, not 亿元及以上项目68个).
                continue
            # 分别增长6.5%和7% answered by 分别增长5.8%、7.3%: the n-th answers the n-th.
            in_order = int(f.run_pos is not None and f.run_pos == run_pos[i])
            key: tuple[float, int, int] | None = (local, sent, in_order)
            if local == 0 and _abbreviates(f, t):
                key = (0.75, sent, in_order)  # 固投 for 固定资产投资, 社零 for 社会消费品零售总额
            elif local == 0:
                key = None
                # A subjectless rate (预计全年增长8%) or a lone amount answers the only target
                # of its kind, or the one the previous figure of its kind answered.
                bare = opposite[i] and not _RATE_FILLER_RE.sub(
                    "", f.local[: f.local.find(str(abs(f.value)).split(".")[0])]
                )
                # A lone amount, or a figure with no wording of its own (完工35条), answers
                # the only target it can answer.
                # So does a count in the target's own measure word (截至6月底已开展60场
                # answering 50场).
                lone_amount = (t.kind in ("amount", "count") or f.bare) and len(cands) == 1
                if (bare or lone_amount) and (
                    len(cands) == 1 or last_target_of_kind.get(t.kind) == i
                ):
                    key = (0.5, sent, in_order)
                elif in_order:
                    key = (0.25, sent, in_order)  # 分别增长20.2%、11.28%: by place in the list
            if key is not None and (best is None or key > best[0]):
                best = (key, i)
        if best is not None:
            f.target = best[1]
            f.score = best[0][0] * 100 + best[0][1]
            by_target.setdefault(best[1], []).append(f)
            last_target_of_kind[targets[best[1]].kind] = best[1]
    for i, t in enumerate(targets):
        if "parts" in t.extra:
            _set_members(i, t, figures, by_target)
    _share_rate_lists(targets, figures, by_target)
    used: list[Figure] = []
    for i, figs in by_target.items():
        used.extend(_select(targets[i], figs))
    used.sort(key=lambda f: f.start)
    # Every used figure was given a target above.
    for f in used:
        if f.kind == "bare":
            # 完成情况:4385 counts in the target's unit, and is the kind of figure it asks for.
            f.unit, f.kind = targets[cast(int, f.target)].unit, targets[cast(int, f.target)].kind
        if _OPPOSITE.get(f.kind) == targets[cast(int, f.target)].kind:
            # 增长2% against 降低20%: a reduction of -2; 下降1.8% against 增长5%: growth of -1.8.
            f.kind, f.value = targets[cast(int, f.target)].kind, -f.value
    return used


def _select(t: Target, figs: list[Figure]) -> list[Figure]:
    actual = [f for f in figs if not f.estimate]
    estimates = [f for f in figs if f.estimate]
    if t.kind in RATE_KINDS:
        if not actual:
            return estimates[:1]
        top = max(f.score for f in actual)
        keep = [f for f in actual if f.score >= top * 0.6]
        return keep + estimates[:1]
    # A figure with its own unit decides; a stated completion rate then stands beside it as
    # evidence, and decides only when no such figure is given, before a unitless cell.
    rates = [f for f in actual if f.kind == "plan_rate"]
    cells = [f for f in actual if f.kind == "bare"]
    actual = [f for f in actual if f.kind not in ("plan_rate", "bare")]
    estimates = [f for f in estimates if f.kind not in ("plan_rate", "bare")]
    if not actual:
        if cells:
            # 进度52242 with 完成比例187.9%: the cell is the figure, the rate its evidence.
            cell = max(cells, key=lambda f: (f.score, f.start))
            if rates:
                cell.rate_text = rates[-1].text
            return [cell] + estimates[:1]
        if rates:
            return [max(rates, key=lambda f: (f.score, f.start))] + estimates[:1]
        if len(estimates) <= 1:
            return estimates
        actual, estimates = estimates, []  # forecasts only: they may add up (预计A 14家、B 13家)
    chosen = _select_count(actual, t)
    if rates and not any(f.rate_text for f in chosen):
        chosen[0].rate_text = rates[-1].text
    return chosen + estimates[:1]  # a forecast is shown, actuals decide


def _select_count(actual: list[Figure], t: Target) -> list[Figure]:
    """The figures of count/amount target t that decide it (see docs/assessment-rules.md)."""
    top = max(f.score // 100 for f in actual)
    if t.extra.get("level"):
        # 提高到每人每月609元: a standard raised to a level; levels never add up, and of several
        # areas' levels equally worded the lowest says whether it is reached.
        best = [f for f in actual if f.score // 100 == top]
        return [min(best, key=lambda f: (-f.score, normalise(f.value, f.unit)[0]))]
    # A total beats its parts, when it is worded for the target at least as well as they are:
    # 1600套保障性租赁住房、公租房121套,合计1721套 sums more than the target's object.
    totals = [f for f in actual if f.total and f.score // 100 >= top]
    if totals:
        return [max(totals, key=lambda f: normalise(f.value, f.unit)[0])]
    kinds = t.extra.get("kinds")
    if kinds:
        # 引进世界500强、中国500强、上市公司或行业龙头企业投资项目不少于3个: figures that each
        # name another of the listed kinds are parts, wherever they stand.
        by_kind: dict[int, Figure] = {}
        for f in actual:
            k = next((j for j, name in enumerate(kinds) if name in f.local), None)
            if (
                f.score >= 100
                and k is not None
                and (k not in by_kind or f.score > by_kind[k].score)
            ):
                by_kind[k] = f
        if len(by_kind) > 1:
            parts = sorted(by_kind.values(), key=lambda f: f.start)
            for f in parts:
                f.sum_of_parts = True
            return parts
    best = [f for f in actual if f.score // 100 == top]
    lead = max(best, key=lambda f: (f.score, f.start))
    # Parts add up when they stand in separate pieces of one sentence (19条省级…、11条市级…),
    # each worded like the target; within one piece the best-worded number speaks.
    by_piece: dict[tuple[int, int], Figure] = {}
    for f in actual:
        if f.sentence_id == lead.sentence_id and f.score >= 100:
            cur = by_piece.get(f.piece)
            if cur is None or f.score > cur.score:
                by_piece[f.piece] = f
    parts = sorted(by_piece.values(), key=lambda f: f.start)
    if len(parts) > 1 and lead in parts:
        for f in parts:
            f.sum_of_parts = True
        return parts
    if len(best) > 1 and _STARTED_RE.search(t.metric) is None:
        # 新建…103所 (work to finish, not 新开工…100个): of figures worded alike, a finished one
        # beats a started one.
        return [
            max(best, key=lambda f: (f.score, _finished(f.local), normalise(f.value, f.unit)[0]))
        ]
    return [max(best, key=lambda f: (f.score, normalise(f.value, f.unit)[0]))]


_FINISHED_RE = re.compile("|".join(map(re.escape, FINISHED_WORDS)))
_STARTED_RE = re.compile("|".join(map(re.escape, STARTED_WORDS)))


def _finished(wording: str) -> int:
    """1 when the wording says the work is finished (竣工, 建成…), -1 when only that it has
    started (开工, 在建…), else 0."""
    if _FINISHED_RE.search(wording):
        return 1
    return -1 if _STARTED_RE.search(wording) else 0


def _set_members(
    k: int, t: Target, figures: list[Figure], by_target: dict[int, list[Figure]]
) -> None:
    """4个结构性指标均实现10%以上增长 (targets.MEASURE_SET): the set's N members are the N rate
    figures from the one whose sentence names the set again (4个结构性指标中,民间投资…), or else
    the N rate figures of one sentence worded with one common noun (民间投资增长11.8%,交通投资
    下降2.5%,…), none sharing more than one word with another target. Each is a part of
    target k."""
    n, name = t.extra["parts"], t.extra["set_name"]
    rates = [f for f in figures if f.kind in _OPPOSITE and f.unit == t.unit and not f.estimate]
    members: list[Figure] = []
    named = next((j for j, f in enumerate(rates) if name in f.sentence), None)
    if named is not None and len(rates) - named >= n:
        members = rates[named : named + n]
    else:
        by_sentence: dict[int, list[Figure]] = {}
        for f in rates:
            by_sentence.setdefault(f.sentence_id, []).append(f)
        for run in by_sentence.values():
            # A member shares at most one word (two bigrams) with another target's metric.
            if len(run) != n or any(f.target not in (None, k) and f.score >= 300 for f in run):
                continue
            shared = frozenset.intersection(*(bigrams(f.local) for f in run)) - RATE_BIGRAMS
            if shared - GENERIC_BIGRAMS:
                members = run
                break
    for f in members:
        if f.target is not None and f.target != k and f in by_target.get(f.target, ()):
            by_target[f.target].remove(f)
        f.target, f.score = k, 100.0
        if f not in by_target.setdefault(k, []):
            by_target[k].append(f)


def _share_rate_lists(
    targets: list[Target], figures: list[Figure], by_target: dict[int, list[Figure]]
) -> None:
    """指导率、社区覆盖率和健康管理率100%, 二氧化硫、氮氧化物排放量均下降5%: one figure for
    several named rates answers each rate target whose name is in it."""
    for i, t in enumerate(targets):
        name = t.extra.get("name", t.metric)
        if t.kind not in RATE_KINDS or i in by_target or len(name) < 2:
            continue
        for f in figures:
            if f.target is not None and f.target != i and _compatible(t, f) and name in f.local:
                g = copy.copy(f)
                g.target = i
                by_target.setdefault(i, []).append(g)
                break
