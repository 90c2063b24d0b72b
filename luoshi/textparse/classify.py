"""The task's class from its targets' verdicts and the wording of the progress text.

Precedence: awaiting_data > behind > exceeded > completed > on_track > in_progress."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .columns import mask_plan_columns, node_met
from .fold import fold
from .numbers import to_halfwidth
from .scan import starting_with
from .schedule import Verdict
from .spans import CLAUSE_END, bigrams, split_spans

CLASSES = ("awaiting_data", "behind", "exceeded", "completed", "on_track", "in_progress")
CLASS_LABELS = {
    "exceeded": "超额完成",
    "completed": "已完成",
    "on_track": "序时推进",
    "in_progress": "推进中",
    "behind": "滞后",
    "awaiting_data": "数据待出",
}
# (class, label) in precedence order: a form's options, a model field's choices.
CLASS_CHOICES = [(c, CLASS_LABELS[c]) for c in CLASSES]


def class_counts(classes: Iterable[str]) -> list[dict[str, Any]]:
    """[{status, label, count}] for every class in precedence order, 0 where none, from
    the rows' classes: the count a report shows (page, PDF, charts, API)."""
    found = Counter(classes)
    return [{"status": c, "label": CLASS_LABELS[c], "count": found.get(c, 0)} for c in CLASSES]


# What a rate is measured against in 低于目标X个百分点 / 高于预期目标X个百分点 / 快于序时进度
# X个百分点: the year's goal or the schedule, never another place or year (高于全省1.4个百分点).
_GOAL = (
    r"(?:年度|全年|年初|市定|省定|既定)?(?:预期)?(?:目标|任务|序时进度|序时|预期|计划)(?:值|任务)?"
)
_POINTS = r"\d+(?:\.\d+)?\s*个?百分点"
# Shortfall, delay, stop or downward revision (the contract's list, plus close kin).
SHORTFALL_RE = re.compile(
    r"(?:无法|不能|未能|难以)(?:按期|如期|按时)?(?:开工|完工|竣工|实施|启动|建成|投用)|"
    r"未完成|尚未|暂未|还未|停工|暂停|中止|终止实施|取消实施|暂缓|缓建|搁置|流标|废标|调整为|下调|推迟|延期|延后|滞后|"
    r"不能完成|无法完成|难以完成|未能|未达到?|未按期|未按时|未开工|未启动|进度缓慢|进展缓慢|"
    r"条件成熟后再|不具备(?:实施|建设|施工)?条件|暂无施工面|待[^，,。；;]{1,16}后(?:再)?(?:实施|启动|开工|建设)|"
    r"偏慢|推进缓慢|进度滞后|慢于序时|低于序时|落后于?序时"
)
SHORTFALL_RE = starting_with("无不未难尚暂还停中终取缓搁流废调下推延滞进条待偏慢低落", SHORTFALL_RE)
# 低于目标0.9个百分点, 塌目标1.8个百分点, 比预期目标低2个百分点, 距目标差1.5个百分点: read
# only in a text that says 百分点, and the evidence keeps its points (慢于序时进度3个百分点
# over the 慢于序时 of SHORTFALL_RE).
POINTS_BEHIND_RE = re.compile(
    rf"(?:低于|慢于|落后于?|塌|差于?){_GOAL}\s*{_POINTS}"
    rf"|(?:比|较){_GOAL}(?:低|慢|落后)了?\s*{_POINTS}|(?:距|离|与){_GOAL}(?:还)?差(?:距)?\s*{_POINTS}"
)
POINTS_BEHIND_RE = starting_with("低慢落塌差比较距离与", POINTS_BEHIND_RE)
# The report's own schedule judgement (完成9月节点目标, 达到序时, 是否达序: 是): it decides
# on_track over the m/12 rule. Its negatives (未达序时, 是否达序: 否) are shortfalls above.
NODE_ON_TRACK_RE = re.compile(
    r"(?=[完达实符满是按与序])(?:(?<![未不没])(?:完成|达到|实现)(?:了)?(?:[\d一二三四五六七八九十]{1,3}月(?:份|底|末)?|[一二三四1-4]季度|"
    r"上半年|阶段性?)(?:的)?(?:节点|序时|阶段)?(?:目标|任务|进度)"
    r"|(?<![未不没])(?:达到|符合|满足|达)(?:了)?(?:序时|时序)(?:进度|要求)?"
    r"|(?<![未不没])达序(?![:\s]*否)|(?<![未不没欠超])达(?:到)?进度(?:要求)?"
    r"|是否达(?:到)?序(?:时)?(?:进度)?\s*[:]?\s*是"
    r"|(?:按|与)(?:序时|时序)(?:进度)?(?:同步)?推进|序时推进|与序时(?:进度)?同步)"
)
NODE_BEHIND_RE = re.compile(
    r"(?=[是未欠])(?:是否达(?:到)?序(?:时)?(?:进度)?\s*[:]?\s*否|未(?:能)?达(?:到)?(?:序时|时序|序|进度)|欠进度)"
)
# 尚未 in "数据尚未出" is about statistics, not the work; the pending phrase is masked first.
AHEAD_RE = re.compile(
    rf"(?:高于|快于|超过?|超出|领先于?){_GOAL}\s*{_POINTS}|(?:比|较){_GOAL}(?:高|快|多)出?了?\s*{_POINTS}"
    r"|(?:快于|超过?|超出|高于|领先)序时(?:进度)?|超进度"
)
# Completion of the whole task, in words strong enough whatever the task is.
TASK_DONE_RE = re.compile(
    r"完成(?:了)?(?:年度|全年|年初确定的?|既定|市下达的?|上级下达的?)[^，,。；;]{0,6}(?:目标|任务)"
    r"|已完成[^，,。；;]{0,40}(?:各项|全部|所有)[^，,。；;]{0,12}(?:任务|指标|目标)"
    r"|(?:各项|全部|所有)[^，,。；;]{0,12}(?:任务|指标|目标)[^，,。；;]{0,8}(?:均已|全部|均)?完成"
    r"|圆满完成[^，,。；;]{0,10}(?:目标|任务)|(?:提前|超额)完成[^，,。；;]{0,10}(?:目标|任务)"
)
TASK_DONE_RE = starting_with("完已各全所圆提超", TASK_DONE_RE)
# "All done" said of something: counts for the task when the clause names the task's object.
ITEM_DONE_RE = re.compile(
    r"(?:全面|全部|均已|均|已全部|已全面|圆满|顺利)(?:按时|如期|提前)?"
    r"(?:建设|改造|实施|整治|安装|施工|建)?完成"
    r"|(?:提前|超额)完成"
)
# A clause that is nothing but "all done" (已全部建设完成。) has no other subject: the task.
_BARE_DONE_CLAUSE = re.compile(r"\s*(?:目前|现)?已?\s*$")
ITEM_DONE_RE = starting_with("全均已圆顺提超", ITEM_DONE_RE)
# 完成顶管1570米(共1840米): part of a stated whole, so the whole is not done.
PARTIAL_RE = re.compile(
    r"(\d+(?:\.\d+)?)\s*([^\d\s(（]{1,3})\s*[(（]共\s*(\d+(?:\.\d+)?)\s*\2[)）]"
)
# 1#楼共15层已完成8层: M of a stated N done, so that part is still being built.
PARTIAL_OF_RE = re.compile(
    r"共\s*(\d+(?:\.\d+)?)\s*([^\d\s,，。；;、]{1,2}?)\s*[,，]?\s*(?:已经|已)?"
    r"(?:完成|建成|完工|建设|施工)(?:了|至)?\s*(\d+(?:\.\d+)?)\s*\2"
)
RATE_OF_IT = re.compile(r"(?:任务)?的?\s*(?:\d|百分之)")
EXCEEDED_WORDS_RE = re.compile(r"超额完成[^，,。；;]{0,10}(?:目标|任务|指标)")
# Completion words that settle a task only when nothing else is still going on.
WEAK_DONE_RE = re.compile(
    r"已完成|已建成|建成|完工|竣工|开馆|通过[^，,。；;]{0,20}验收|正式(?:对外)?(?:运营|运行|开业|投用|启用|开街|开放)"
    r"|投入使用|已投用|已开业|已实现|已出台|已印发|已上线"
    r"|已(?:于[^，,。；;]{1,10}?)?(?:正式)?(?:印发|出台|发布|上线|投用|开通|挂牌|揭牌|落成|交付|启用)"
    r"|正式(?:发布|印发|出台|实施|挂牌|揭牌|授牌)"
    r"|成功(?:创建|创成|举办|召开|入选|获评|获批)|被(?:评为|认定为|命名为|授予|列为)"
    r"|通车|开学|开业|投用|投入运营|建成投产"
)
# 计划10月通车, 预计年底建成: a plan word earlier in the clause makes the date a plan.
PLANNED_BEFORE = re.compile(
    r"(?:计划|预计|拟于|拟在|力争|争取|将于|将在|即将|有望|确保)[^，,。；;：:]*$"
)
NOT_DONE_BEFORE = re.compile(r"(?:力争|争取|计划|拟|将|预计|即将|确保|基本|初步|尚未|未)$")
ONGOING_RE = re.compile(
    r"正在|推进中|进行中|筹备中|建设中|招标中|施工中|有序推进|加快推进|持续推进|稳步推进|继续|"
    r"收尾|下一步|下步|力争|争取|等待|待[^，,。；;]{0,10}(?:验收|审查|审批|批复)|初稿|初步|基本完成|"
    r"征求意见|即将|迭代|深化|已申报|申报中|主体(?:工程)?(?:已)?(?:完工|结顶|封顶)|"
    # 部分 is part of the work still to do, but 补助部分/部分资金/部分区域 name money or scope.
    r"(?<!补助)(?<!资金)(?<!费用)部分(?!资金|区域|地区|补助|经费|费用|奖补)"
)
ONGOING_RE = starting_with("正推进筹建招施有加持稳继收下力争等待初基征即迭深已申主部", ONGOING_RE)
# Promises that are one act, done once: the content's leading verb, said again as done.
ONE_SHOT_VERB = re.compile(
    r"开通|建成|出台|印发|制定|举办|召开|创成|成立|设立|挂牌|揭牌|上线|开工|签约|启用|投用|开业|开馆|"
    r"通过|获评|获批|完成"
)
# Content that describes continuing work has no finishing line: 深化, 持续, 加强…
CONTINUOUS_RE = re.compile(
    r"^(?:持续|深化|深入|加强|强化|完善|提升|优化|巩固|坚持|严格|常态化|不断|"
    r"进一步|大力|全力|积极|扎实|切实|稳步|着力|统筹|聚焦|围绕|做好|落实|健全)"
)


def _clause_around(text: str, a: int, b: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, a) for c in "，,。；;：:") + 1
    ends = [i for i in (text.find(c, b) for c in "，,。；;") if i >= 0]
    return start, min(ends) if ends else len(text)


def text_cues(status_text: str, pending_phrase: str | None, content: str = "") -> dict[str, Any]:
    """Shortfall, ahead-of-schedule and completion wording found in the progress text."""
    orig, masked, node = _cue_text(status_text, pending_phrase)
    shortfall, node_on = _schedule_cues(orig, masked, content)
    node_on = node + node_on
    return {"shortfall": shortfall, "node_on": node_on, **_done_cues(orig, masked, content)}


def _cue_text(status_text: str, pending_phrase: str | None) -> tuple[str, str, list[str]]:
    """(the progress text, the text the cues are matched in, the node met beside a plan
    column): the text's plan columns blanked (columns.py), folded, its pending phrase masked;
    evidence is cut from the first at the same offsets. A node met (落实情况：已完成) is the
    report's own schedule judgement, and blanked too: its 已完成 is not the task done."""
    orig = mask_plan_columns(status_text or "")
    text = fold(orig)
    masked = (
        text.replace(fold(pending_phrase), "□" * len(pending_phrase)) if pending_phrase else text
    )
    node = node_met(masked)
    if node is None:
        return orig, masked, []
    a, b = node
    return orig, masked[:a] + "□" * (b - a) + masked[b:], [orig[a:b]]


def _schedule_cues(orig: str, masked: str, content: str = "") -> tuple[list[str], list[str]]:
    """(shortfall wording, the report's own on-schedule judgement): what decides `behind`,
    read before the rest so a task found behind needs no more cues."""
    heads = _group_heads(masked, content) if "项" in masked and "序" in masked else []
    if heads:
        named = _named_group(masked, content, heads)
        if named is not None:
            # A 通报 counting tasks by schedule names this one in a group: the group decides.
            on, a, b = named
            return ([], [orig[a:b]]) if on else ([orig[a:b]], [])
    points = list(POINTS_BEHIND_RE.finditer(masked)) if "百分点" in masked else []
    shortfall = [orig[m.start() : m.end()] for m in points]
    shortfall += [orig[m.start() : m.end()] for m in SHORTFALL_RE.finditer(masked)
                  if not _in_heads(m, heads) and not any(p.start() <= m.start() < p.end()
                                                         for p in points)]  # fmt: skip
    # A pattern whose every match holds a word the text lacks is not run: the `in` tests
    # scan in C and most texts lack most of these words.
    node_behind = (
        [
            orig[m.start() : m.end()]
            for m in NODE_BEHIND_RE.finditer(masked)
            if not _in_heads(m, heads)
        ]  # fmt: skip
        if "达" in masked or "欠" in masked
        else []
    )
    shortfall += [w for w in node_behind if not any(w in x or x in w for x in shortfall)]
    node_on = (
        [
            orig[m.start() : m.end()]
            for m in NODE_ON_TRACK_RE.finditer(masked)
            if not _in_heads(m, heads)
        ]  # fmt: skip
        if not node_behind and _may_judge_on_track(masked)
        else []
    )
    return shortfall, node_on


# 达到序时进度2项（实际利用外资、…）, 未达到序时进度11项，为…: a 通报's groups of tasks
# counted by schedule, each followed by the tasks' names up to the next group.
GROUP_HEAD_RE = re.compile(
    r"(未能?达到?|没有达到|达到|快于|超过?|慢于|滞后于?|落后于?)(?:序时|时序)(?:进度)?(?:要求)?的?(?:有)?"
    r"\s*(?:\d+|[一二三四五六七八九十]+)\s*(?:项|个)(?:指标|任务)?"
)
_GROUP_ON = ("达到", "快于", "超", "超过")
_SENTENCE_END = re.compile("[。；;]")


def _group_heads(masked: str, content: str) -> list[re.Match[str]]:
    """The group heads of a 通报 counting tasks by schedule (GROUP_HEAD_RE); none when the
    task has no name to look for."""
    return list(GROUP_HEAD_RE.finditer(masked)) if len(content.strip()) >= 2 else []


def _in_heads(m: re.Match[str], heads: list[re.Match[str]]) -> bool:
    """Whether a cue lies in a group head: a head that does not name the task counts other
    tasks, and is no judgement of this one."""
    return bool(heads) and any(h.start() <= m.start() < h.end() for h in heads)


def _named_group(
    masked: str, content: str, heads: list[re.Match[str]]
) -> tuple[bool, int, int] | None:
    """(whether on schedule, the group head's span) of the one group whose names hold the
    task's content, or None: the content in none of the groups or in several."""
    name = to_halfwidth(content).strip().rstrip("。.;；")
    found = []
    for k, m in enumerate(heads):
        # A group's names run to the next group or the end of its sentence.
        end = heads[k + 1].start() if k + 1 < len(heads) else len(masked)
        stop = _SENTENCE_END.search(masked, m.end(), end)
        if name in to_halfwidth(masked[m.end() : stop.start() if stop else end]):
            found.append((m.group(1) in _GROUP_ON, m.start(), m.end()))
    return found[0] if len(found) == 1 else None


def _may_judge_on_track(text: str) -> bool:
    """Whether NODE_ON_TRACK_RE can match: each of its matches holds 序 or 进度, or a
    目标/任务 after 完成/达到/实现 (完成9月节点目标)."""
    return (
        "序" in text
        or "进度" in text
        or (
            ("目标" in text or "任务" in text)
            and ("完成" in text or "达到" in text or "实现" in text)
        )
    )


def _may_be_task_done(text: str) -> bool:
    """Whether TASK_DONE_RE can match (in a text holding 完成): each match names 目标, 任务
    or 指标."""
    return "目标" in text or "任务" in text or "指标" in text


def _may_be_item_done(text: str) -> bool:
    """Whether ITEM_DONE_RE can match (in a text holding 完成): each match holds one of
    these words before its 完成."""
    return _ITEM_DONE_WORD.search(text) is not None


_ITEM_DONE_WORD = re.compile("全面|全部|均|圆满|顺利|提前|超额")


def _done_cues(
    orig: str, masked: str, content: str, with_figures: bool = False
) -> dict[str, list[str]]:
    """Ahead-of-schedule, completion, ongoing and partial wording. A task whose targets have
    figures is classed by them and by the strong, exceeded, partial and schedule wording
    alone: `with_figures` leaves the weak completion and ongoing wording unread (empty)."""
    ahead = (
        [orig[m.start() : m.end()] for m in AHEAD_RE.finditer(masked)]
        if "序时" in masked or "超进度" in masked or "百分点" in masked
        else []
    )
    has_done = "完成" in masked
    strong = [
        orig[m.start() : m.end()]
        for m in (TASK_DONE_RE.finditer(masked) if has_done and _may_be_task_done(masked) else ())
        if not NOT_DONE_BEFORE.search(masked[max(0, m.start() - 3) : m.start()])
        and not RATE_OF_IT.match(masked, m.end())  # 完成年度目标任务的41.3%: a share, not done
    ]
    if has_done and content and _may_be_item_done(masked):  # and share the content's wording
        content_bigrams = None  # computed for the first "all done" that needs it
        for m in ITEM_DONE_RE.finditer(masked):
            if NOT_DONE_BEFORE.search(masked[max(0, m.start() - 3) : m.start()]):
                continue
            ca, cb = _clause_around(masked, m.start(), m.end())
            if content_bigrams is None:
                content_bigrams = bigrams(to_halfwidth(content))
            bare = _BARE_DONE_CLAUSE.fullmatch(masked, ca, m.start()) and not masked[
                m.end() : cb
            ].strip(" 了。.")
            if bare or len(content_bigrams & bigrams(masked[ca:cb])) >= 2:
                strong.append(orig[ca:cb])
    weak = [
        orig[m.start() : m.end()]
        for m in (WEAK_DONE_RE.finditer(masked) if not with_figures else ())
        if not NOT_DONE_BEFORE.search(masked[max(0, m.start() - 3) : m.start()])
        and not PLANNED_BEFORE.search(masked, max(0, m.start() - 24), m.start())
    ]
    ongoing = (
        [orig[m.start() : m.end()] for m in ONGOING_RE.finditer(masked)] if not with_figures else []
    )
    has_whole = "共" in masked
    partial = [
        orig[m.start() : m.end()]
        for m in (PARTIAL_RE.finditer(masked) if has_whole else ())
        if float(m.group(1)) < float(m.group(3))
    ]
    partial += [
        orig[m.start() : m.end()]
        for m in (PARTIAL_OF_RE.finditer(masked) if has_whole else ())
        if float(m.group(3)) < float(m.group(1))
    ]
    ongoing += partial
    exceeded = [orig[m.start() : m.end()]
                for m in (EXCEEDED_WORDS_RE.finditer(masked) if "超额完成" in masked else ())
                if not NOT_DONE_BEFORE.search(masked[max(0, m.start() - 3) : m.start()])]  # fmt: skip
    return {"ahead": ahead, "strong_done": strong, "weak_done": weak, "ongoing": ongoing,
            "partial": partial, "exceeded": exceeded}  # fmt: skip


_ACHIEVED_LEAD = re.compile(r"^(?:已|均已|顺利|成功|全面)?(?:实现|完成|建成|达到|落实)")
_ACHIEVED_VERB = re.compile(r"实现|完成|建成|达到|落实")  # every _ACHIEVED_LEAD holds one
_PROMISE_LEAD = re.compile(r"^(?:力争|确保|争取|全面|积极|年内|全年)+")


def restates_content(content: str, status_text: str) -> str | None:
    """A clause of the progress text that says the content's promise is achieved: it has
    a completion verb and covers most of the content's wording (实现财政收入增长与经济增长基本同步)."""
    text = to_halfwidth(status_text)
    # Each test below needs a word in the clause: a text without any is not cut at all.
    achieved = _ACHIEVED_VERB.search(text) is not None
    head = _PROMISE_LEAD.sub("", to_halfwidth(content).strip())
    vm = ONE_SHOT_VERB.match(head)
    verb = vm.group(0) if vm and vm.group(0) in text else None
    if not achieved and verb is None:
        return None
    cb = bigrams(content)
    if len(cb) < 4:
        return None
    clauses = split_spans(text, CLAUSE_END)
    for a, b in clauses if achieved else ():
        clause = text[a:b]
        if not _ACHIEVED_LEAD.match(clause):
            continue
        if len(cb & bigrams(clause)) / len(cb) >= 0.6:
            return status_text[a:b]
    # A one-off act (开通, 举办, 出台…) promised and reported done with the same verb:
    # 开通城乡公交新线路 / 新开通城乡公交线路3条.
    if verb is not None:
        for a, b in clauses:
            clause = text[a:b]
            k = clause.find(verb)
            if k < 0 or NOT_DONE_BEFORE.search(clause[max(0, k - 3) : k]):
                continue
            if ONGOING_RE.search(clause):
                continue
            if len(cb & bigrams(clause)) / len(cb) >= 0.5:
                return status_text[a:b]
    return None


def classify(
    content: str,
    status_text: str,
    has_targets: bool,
    verdicts: list[Verdict],
    pending_phrase: str | None,
    any_numbers_in_text: bool,
    target_texts: list[str] | None = None,
) -> tuple[str, list[str]]:
    """(class, evidence substrings). Each cue is read only where the class still depends on
    it: pending data decides before any wording, shortfall before completion."""
    if pending_phrase and (has_targets or any_numbers_in_text):
        return "awaiting_data", [pending_phrase]
    orig, masked, node = _cue_text(status_text, pending_phrase)
    shortfall, node_on = _schedule_cues(orig, masked, content)
    node_on = node + node_on
    if node_on:
        # The report's own judgement (达到序时, 完成9月节点目标) decides over the m/12 rule
        # before year end: a target short of m/12 is on schedule by its own plan.
        verdicts = [
            replace(v, result="on_track") if v.result == "behind" and v.month < 12 else v
            for v in verdicts
        ]
    with_fig = [v for v in verdicts if v.result != "none"]
    fig_texts = [t for v in with_fig for f in (v.figures or []) for t in (f.text, f.rate_text)]

    behind = [v for v in with_fig if v.result == "behind"]
    if behind or shortfall:
        ev = [t for v in behind for f in (v.figures or []) for t in (f.text, f.rate_text)]
        ev += shortfall
        return "behind", _uniq(ev)

    cues = _done_cues(orig, masked, content, bool(with_fig))
    cues["node_on"] = node_on
    # Task-level wording (完成年度目标) does not finish a task whose text shows a part stated
    # as M of N (1#楼共15层已完成8层): that wording is about the parts that are done.
    if cues["partial"]:
        cues["strong_done"] = []

    # Targets that have no figure are named in the evidence, so the reviewer sees what the
    # class does not rest on.
    no_fig = [f"无实际数:{t}" for t, v in zip(target_texts or [], verdicts, strict=False)
              if v.result == "none"]  # fmt: skip
    if with_fig:
        all_met = all(v.result in ("met", "exceeded") for v in with_fig)
        if all_met and (any(v.result == "exceeded" for v in with_fig) or cues["exceeded"]):
            return "exceeded", _uniq(fig_texts + cues["exceeded"] + no_fig)
        every_target_met = all_met and len(with_fig) == len(verdicts)
        if every_target_met or (all_met and cues["strong_done"]):
            return "completed", _uniq(
                fig_texts + (cues["strong_done"] + no_fig if not every_target_met else [])
            )
        if all(v.result in ("met", "exceeded", "on_track") for v in with_fig) and (
            any(v.month < 12 for v in with_fig)
        ):
            return "on_track", _uniq(fig_texts + cues["ahead"] + cues["node_on"] + no_fig)
    else:
        # Whether the text restates the promise as achieved: asked only by a task without
        # figures, and only when neither strong nor ongoing wording has settled it already
        # (restates_content cuts the whole text into clauses).
        restated = (
            restates_content(content, orig)
            if status_text and not cues["strong_done"] and not cues["ongoing"]
            else None
        )
        if restated and any(n in restated for n in node_on):
            restated = None  # 达到序时进度2项（实际利用外资…）: a schedule judgement, not done
        continuous = bool(CONTINUOUS_RE.match(to_halfwidth(content or "").strip()))
        whole_done = bool(cues["strong_done"]) or (
            not cues["ongoing"] and (bool(restated) or (bool(cues["weak_done"]) and not continuous))
        )
        done_ev = cues["strong_done"] or ([restated] if restated else cues["weak_done"][:2])
        if cues["exceeded"] and whole_done:
            return "exceeded", _uniq(cues["exceeded"])
        if whole_done and done_ev:
            return "completed", _uniq(done_ev)
        if cues["ahead"] or cues["node_on"]:
            return "on_track", _uniq(cues["ahead"] + cues["node_on"])
    if cues["ahead"] or cues["node_on"]:
        return "on_track", _uniq(cues["ahead"] + cues["node_on"])
    # With figures, fig_texts holds each one's text: the wording below was not read.
    ev = fig_texts or cues["ongoing"][:3] or cues["weak_done"][:2]
    return "in_progress", _uniq(ev)


def _uniq(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for it in items:
        if it:
            seen.setdefault(it, None)
    return list(seen)
