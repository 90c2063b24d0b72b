"""Paragraph reports (督查通报) written as numbered paragraphs rather than a table:

    一、经济发展
    1.地区生产总值增长10%。(市级牵头单位:市发展改革委;区级牵头单位:区发改局)
    完成情况:上半年,全区实现地区生产总值……
    (更多段落)

One task per numbered paragraph. What offices write, all read here:

- task lines "N." / "N、" / "N．"; where a document numbers no task so, its "(一)…" items
  under a part "一、…" are the tasks (lists of the lagging targets are written that way);
- the units in a parenthesis at the end of the task line, on a line of their own, or as
  labels inline on the task line ("…。 牵头领导:… 责任单位:… 实际完成情况:…"), with the
  labels 牵头单位 / 责任单位 / 配合单位 / 责任领导 … (several kinds, such as 市级牵头单位 and
  区级牵头单位, all lead; under a 牵头单位 label a 责任单位 cooperates);
- the progress on the lines after the task (one paragraph each), after a progress label on
  the task line, or in the task's own paragraph: "1.目标。上半年,进展。" is the target
  (content) and then the progress;
- the report's own number of a task, "(第12项)", is the task's number;
- tasks without units, where the document names none.

Every line is folded (luoshi.textparse.fold) for matching; what is stored is cut out of the
line as written, so full-width punctuation stays as the office typed it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from luoshi.ingest.report import (
    ParsedReport,
    ParsedSection,
    ParsedTask,
    ReadError,
    ReportMeta,
    period_from_title,
)
from luoshi.ingest.tabular import clean_text, split_section, split_units
from luoshi.textparse.fold import fold
from luoshi.textparse.numbers import parse_cn_int

_TASK = re.compile(r"^\s*(\d{1,4})\s*[.、]\s*(?!\d)(\S.*)$", re.S)
_CN = "一二三四五六七八九十百"
_ITEM = re.compile(rf"^\s*(\([{_CN}]+\))\s*(\S.*)$", re.S)
_SECTION = re.compile(rf"^\s*([{_CN}]+[、.]|\([{_CN}]+\))\s*(\S.*)$", re.S)
# The report's own number of a task, wherever the line writes it: (第12项), 第12项:
_OWN_NUMBER = re.compile(r"\(\s*第\s*(\d{1,4})\s*项\s*\)|^\s*第\s*(\d{1,4})\s*项\s*[:.、]?")
_PROGRESS_KINDS = (
    r"(?:实际完成情况|实际进展情况|累计完成情况|完成情况|进展情况|工作进展|推进情况|落实情况|进度情况"
    r"|目前进展|当前进度|完成进度|工作进度|进展)"
)
_PROGRESS = re.compile(r"^\s*" + _PROGRESS_KINDS + r"\s*[:]\s*(.*)$", re.S)
_KINDS = (
    r"(?:牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协同单位|协办单位"
    r"|牵头领导|责任领导|分管领导|完成时限)"
)
_LABEL = re.compile(r"((?:[省市区县镇乡街]级|[^\s:;,()]{0,4}?))(" + _KINDS + r")\s*[:]")
_UNIT_LINE = re.compile(r"^\s*\(?\s*(?:[省市区县镇乡街]级)?" + _KINDS + r"\s*[:]")
# Inline labels on the task line: units and leaders, or the progress.
_INLINE = re.compile(r"(?:(?:[省市区县镇乡街]级)?" + _KINDS + r"|" + _PROGRESS_KINDS + r")\s*[:]")
# The progress written in the task's own paragraph after its target: "目标。上半年,进展。"
# A plan's own paragraph may go on with a milestone ("。上半年完成前期工作"), so a period
# word opens the progress only with the comma a report writes after it.
_PROGRESS_OPENER = re.compile(
    r"。\s*(?=(?:截至|截止|今年以来|年初以来|目前|已完成|(?:上半年|前三季度|[一二三四1-4]季度"
    r"|\d{1,2}\s*[-~至]\s*\d{1,2}\s*月(?:份)?|\d{1,2}\s*月(?:份|底|末)?)(?:以来)?\s*,)\S)"
)


def _trailing_paren(text: str) -> tuple[int, int] | None:
    """Where "任务内容。(牵头单位:…)" has its parenthesis, in `text` (folded): (start of
    the "(", end of the inside)."""
    t = re.sub(r"[\s。.;]+$", "", text)
    if not t or t[-1] != ")":
        return None
    depth = 0
    for i in range(len(t) - 1, -1, -1):
        ch = t[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth == 0:
                return i, len(t) - 1
    return None


def _units_as_written(value: str) -> tuple[list[str], dict[str, str]]:
    """split_units on the folded value, each name cut out of `value` as written."""
    folded = fold(value)
    names, aliases = split_units(folded)
    back: dict[str, str] = {}
    cursor = 0
    for name in [*names, *aliases]:
        i = folded.find(name, cursor)
        if i < 0:
            i = folded.find(name)
        back[name] = value[i : i + len(name)] if i >= 0 else name
        if i >= 0:
            cursor = i + len(name)
    return [back[n] for n in names], {back[a]: back[u] for a, u in aliases.items()}


def _apply_units(task: ParsedTask, text: str) -> bool:
    """Read labelled units into the task; True when the text held any label."""
    folded = fold(text)
    marks = list(_LABEL.finditer(folded))
    if not marks:
        return False
    has_lead_label = any(m.group(2) in ("牵头单位", "牵头部门") for m in marks)
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        start = m.end()
        while start < end and folded[start] in " ;,。.()":
            start += 1
        while end > start and folded[end - 1] in " ;,。.()":
            end -= 1
        value = text[start:end]
        kind = m.group(2)
        if kind == "完成时限":
            task.deadline = value
            continue
        names, aliases = _units_as_written(value)
        if kind in ("牵头领导", "责任领导", "分管领导"):
            task.lead_officials.extend(n for n in names if n not in task.lead_officials)
            continue
        for a, u in aliases.items():
            task.unit_aliases.setdefault(a, u)
        if kind in ("牵头单位", "牵头部门"):
            lead, coop = names, []
        elif kind in ("责任单位", "责任部门") and not has_lead_label and not task.lead_units:
            lead, coop = names[:1], names[1:]
        else:
            lead, coop = [], names
        task.lead_units.extend(n for n in lead if n not in task.lead_units)
        task.cooperating_units.extend(
            n for n in coop if n not in task.lead_units and n not in task.cooperating_units
        )
    return True


def looks_like_paragraphs(text: str) -> bool:
    lines = [fold(line) for line in text.splitlines()[:2000]]
    tasks = sum(1 for line in lines if _TASK.match(line) or _ITEM.match(line))
    labelled = sum(
        1
        for line in lines
        if _PROGRESS.match(line)
        or _LABEL.search(line)
        or _OWN_NUMBER.search(line)
        or re.search(r"\S牵头\s*[,;)]", line)
        or ((_TASK.match(line) or _ITEM.match(line)) and _PROGRESS_OPENER.search(line))
    )
    return tasks >= 1 and labelled >= 1


def read_paragraphs(text: str, source: str = "") -> ParsedReport:
    return read_paragraph_lines(text.splitlines(), source)


def _task_level(lines: list[str]) -> str:
    """Which numbering marks the tasks: "N." lines ("arabic"), else the "(一)" items
    under the parts ("item"). A "(一)" line followed by "1." lines is a section heading,
    not a task."""
    folded = [fold(clean_text(line).replace("\n", " ")) for line in lines]
    folded = [line for line in folded if line]
    arabic = [i for i, line in enumerate(folded) if _TASK.match(line)]
    items = [i for i, line in enumerate(folded) if _ITEM.match(line)]
    if arabic and (not items or any(i + 1 in set(arabic) for i in items)):
        return "arabic"
    if arabic and items and arabic[0] > items[0]:
        # 1. lines only inside the items' progress: the items are the tasks.
        return "item"
    if arabic:
        return "arabic"
    if items:
        return "item"
    return "arabic"


def read_paragraph_lines(
    lines: Sequence[str], source: str = "", where_prefix: str = "line"
) -> ParsedReport:
    lines = list(lines)
    level = _task_level(lines)
    meta = ReportMeta()
    lead_lines: list[str] = []
    sections: list[ParsedSection] = []
    by_key: dict[str, ParsedSection] = {}
    current: ParsedSection | None = None
    task: ParsedTask | None = None
    last_seq = 0
    offset = 0
    section_changed = False
    units_inline = False  # whether task lines carry their units in a parenthesis
    warnings: list[str] = []
    tasks: list[ParsedTask] = []

    for n, raw in enumerate(lines, start=1):
        where = f"{where_prefix} {n}"
        line = clean_text(raw).replace("\n", " ")
        if not line:
            continue
        folded = fold(line)
        written, body_at = _task_start(folded, level)
        own = _OWN_NUMBER.search(folded)
        if written is None and own is not None and own.group(2):
            written, body_at = own.group(2), own.end()
        if written is not None:
            body = line[body_at:]
            own_seq = int(own.group(1) or own.group(2)) if own else None
            number = _as_number(written)
            paren = _trailing_paren(fold(body))
            inside = fold(body)[paren[0] + 1 : paren[1]] if paren else ""
            has_units = paren is not None and (
                _LABEL.search(inside) is not None or _plain_units(body[paren[0] + 1 : paren[1]])
            )
            has_units = has_units or _INLINE.search(fold(body)) is not None
            expected = number + offset == last_seq + 1
            restart = number == 1 and last_seq >= 1 and section_changed
            # Progress paragraphs have numbered lists of their own ("1.其中……"). Where the
            # task lines so far carried their units, a numbered line without units inside
            # a progress block is part of that progress, not the next task.
            in_progress_list = task is not None and bool(task.progress) and units_inline
            if (
                own_seq is not None
                or has_units
                or task is None
                or ((expected or restart) and not in_progress_list)
            ):
                if own_seq is not None:
                    seq = own_seq
                else:
                    if restart and not expected:
                        offset = last_seq
                        warnings.append(f"{where}: 编号重新从 1 开始, 序号顺延为 {last_seq + 1}")
                    seq = number + offset
                if seq <= last_seq:
                    shown = seq if own_seq is not None else number
                    raise ReadError(f"序号 {shown} 不在前一个序号之后", where, source)
                first_off = task is None and last_seq == 0 and number != 1
                if first_off and not has_units and own_seq is None:
                    raise ReadError(f"第一个任务的序号是 {number}, 不是 1", where, source)
                task = _task_of(body, seq, where, source)
                at = folded.index(written)
                task.number = line[at : at + len(written)]
                units_inline = units_inline or has_units
                if current is None:
                    current = _section(sections, by_key, "", "")
                current.tasks.append(task)
                tasks.append(task)
                last_seq = seq
                section_changed = False
                continue
        if _SECTION.match(folded) and not _PROGRESS.match(folded):
            number_text, title = split_section(folded)
            if number_text:
                task = None
                number_text = line[: len(number_text)]
                title = line[len(line) - len(title) :] if title else ""
                current = _section(sections, by_key, number_text, title)
                section_changed = True
                continue
        if task is None:
            if not meta.title and not sections:
                meta.title = line
            if not sections:
                lead_lines.append(line)
            continue
        if _UNIT_LINE.match(folded) and not task.progress:
            inner = line
            f_inner = fold(inner)
            start = len(f_inner) - len(f_inner.lstrip(" ("))
            end = len(f_inner.rstrip(" )"))
            _apply_units(task, inner[start:end])
            continue
        if pm := _PROGRESS.match(folded):
            line = line[pm.start(1) :].strip()
            if not line:
                continue
        task.progress = f"{task.progress}\n{line}" if task.progress else line
    if not tasks:
        raise ReadError("没有找到编号的任务 (如 “1.…”)", f"{where_prefix} 1", source)
    # A masthead (灌云县人民政府督查室) stands above the title: the title is the first
    # line before the tasks that names a year.
    meta.title = next((t for t in lead_lines if period_from_title(t)), meta.title)
    # Units are optional where the document names none; where it names them for some
    # tasks, a task without them is an omission.
    if any(t.lead_units or t.cooperating_units for t in tasks):
        for t in tasks:
            if not t.lead_units:
                raise ReadError(f"任务 {t.seq} 没有牵头单位", t.where, source)
    return ParsedReport(
        meta=meta,
        sections=[s for s in sections if s.tasks],
        period=period_from_title(meta.title),
        format="paragraphs",
        warnings=warnings,
        lead_lines=lead_lines,
    )


def _task_start(folded: str, level: str) -> tuple[str | None, int]:
    """The task number as written and where the task's text starts, on a task line."""
    pattern = _ITEM if level == "item" else _TASK
    if m := pattern.match(folded):
        return m.group(1), m.start(2)
    return None, 0


def _as_number(written: str) -> int:
    """ "12" -> 12, "(十二)" -> 12, "三、" -> 3."""
    text = re.sub(r"[^\d" + _CN + "零]", "", written)
    return int(text) if text.isdigit() else parse_cn_int(text) or 0


def _task_of(body: str, seq: int, where: str, source: str) -> ParsedTask:
    """One task from its line's text after the number: the content, then what the line
    adds (a trailing parenthesis of units, inline labels, the progress after the target)."""
    task = ParsedTask(seq=seq, content="", where=where)
    folded = fold(body)
    if label := _CONTENT_LABEL.match(folded):
        body = body[label.end() :]
        folded = fold(body)
    # The report's own number is not part of the content; a colon after it opens the
    # progress ("地区生产总值(第1项):增长6.1%,低于目标0.9个百分点。").
    if own := _OWN_NUMBER.search(folded):
        after = folded[own.end() :]
        if own.group(1) and (colon := re.match(r"\s*:\s*", after)) and own.start() > 0:
            task.progress = body[own.end() + colon.end() :].strip()
            body = body[: own.start()].strip()
        else:
            body = (body[: own.start()] + body[own.end() :]).strip()
        folded = fold(body)
    content = body
    paren = _trailing_paren(folded)
    if paren is not None:
        start, end = paren
        inside = body[start + 1 : end]
        if _apply_units(task, inside) or _apply_roles(task, inside):
            content = body[:start].rstrip()
        elif _plain_units(inside):
            names, aliases = _units_as_written(inside)
            task.lead_units, task.cooperating_units = names[:1], names[1:]
            task.unit_aliases.update(aliases)
            content = body[:start].rstrip()
    folded = fold(content)
    if m := _INLINE.search(folded):
        labels = content[m.start() :]
        content = content[: m.start()].rstrip(" (（")
        pm = re.search(r"(?:^|[\s;,。)])" + _PROGRESS_KINDS + r"\s*[:]", fold(labels))
        if pm:
            progress = labels[pm.end() :].strip()
            labels = labels[: pm.start()]
            task.progress = progress
        _apply_units(task, labels)
        folded = fold(content)
    if not task.progress and (split := _PROGRESS_OPENER.search(folded)):
        task.progress = content[split.end() :].strip()
        content = content[: split.start() + 1]
    task.content = content.strip()
    if not task.content:
        raise ReadError(f"任务 {seq} 没有内容", where, source)
    return task


# A label that opens the task's own text: "年度目标任务:…".
_CONTENT_LABEL = re.compile(r"^\s*(?:年度目标任务|目标任务|工作任务|任务内容|工作目标)\s*:\s*")
# Roles written as verbs: "(分管副省长负责,省发展改革委牵头,省财政厅、省统计局负责)".
_ROLE_PIECE = re.compile(r"^(.+?)(牵头|负责|配合|参与)$")
_OFFICIAL = re.compile(r"(长|领导|书记|秘书长|主任)$")


def _apply_roles(task: ParsedTask, text: str) -> bool:
    """Units named by what they do: "X牵头" leads, "Y负责"/"Z配合" cooperate, an
    official's title "负责" is the leading official. True when every piece read so."""
    folded = fold(text)
    pieces: list[tuple[str, str]] = []
    cursor = 0
    for part in re.split(r"([,;])", folded):
        if part in (",", ";"):
            cursor += 1
            continue
        original = text[cursor : cursor + len(part)]
        cursor += len(part)
        m = _ROLE_PIECE.match(part.strip())
        if not m:
            return False
        pieces.append((original.strip()[: len(m.group(1))], m.group(2)))
    if not any(role == "牵头" for _, role in pieces):
        return False
    for names_text, role in pieces:
        names, aliases = _units_as_written(names_text)
        if all(_OFFICIAL.search(n) for n in names):
            task.lead_officials.extend(n for n in names if n not in task.lead_officials)
            continue
        for a, u in aliases.items():
            task.unit_aliases.setdefault(a, u)
        if role == "牵头":
            task.lead_units.extend(n for n in names if n not in task.lead_units)
        else:
            task.cooperating_units.extend(
                n for n in names if n not in task.lead_units and n not in task.cooperating_units
            )
    return True


_UNIT_SUFFIX = re.compile(
    r"(局|委|办|院|府|室|中心|部|队|街道|镇|乡|公司|集团|会|所|站|处|厅|署|馆|台|社)$"
)


def _plain_units(text: str) -> bool:
    """An unlabelled "(区发改局、区财政局)" at the end of a task line: units when every
    name is short and ends like a unit does."""
    names, _ = split_units(fold(text))
    return bool(names) and all(len(n) <= 20 and _UNIT_SUFFIX.search(n) for n in names)


def _section(
    sections: list[ParsedSection], by_key: dict[str, ParsedSection], number: str, title: str
) -> ParsedSection:
    key = re.sub(r"\s+", "", fold(number + title))
    if key not in by_key:
        by_key[key] = ParsedSection(number=number, title=title)
        sections.append(by_key[key])
    return by_key[key]
