"""Paragraph reports (督查通报) written as numbered lines rather than a table:

    一、经济发展
    1.地区生产总值增长10%。(市级牵头单位:市发展改革委;区级牵头单位:区发改局)
    完成情况:上半年,全区实现地区生产总值……
    (更多段落)

Section lines are "一、…" or "(一)…"; task lines "N." / "N、" / "N．"; the units stand in a
parenthesis at the end of the task line (or on a line of their own) with labels 牵头单位 /
责任单位 / 配合单位 (several kinds, such as 市级牵头单位 and 区级牵头单位, all lead); the
lines after a task up to the next task or section are its progress, one paragraph each.
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

_TASK = re.compile(r"^\s*(\d{1,4})\s*[.．、]\s*(?!\d)(\S.*)$", re.S)
_SECTION = re.compile(
    r"^\s*([一二三四五六七八九十百]+[、.．]|[((][一二三四五六七八九十百]+[))])\s*(\S.*)$", re.S
)
_PROGRESS = re.compile(
    r"^\s*(?:完成情况|进展情况|工作进展|推进情况|落实情况|实际完成情况|累计完成情况|进度情况)\s*[::]\s*(.*)$",
    re.S,
)
_KINDS = r"(?:牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协同单位|协办单位|牵头领导|责任领导|完成时限)"
_LABEL = re.compile(r"((?:[省市区县镇乡街]级|[^\s::;;,,()()]{0,4}?))(" + _KINDS + r")\s*[::]")
_UNIT_LINE = re.compile(r"^\s*[((]?\s*(?:[省市区县镇乡街]级)?" + _KINDS + r"\s*[::]")


def _trailing_paren(text: str) -> tuple[str, str] | None:
    """Split "任务内容。(牵头单位:…)" into ("任务内容。", "牵头单位:…")."""
    t = re.sub(r"[\s。.;;]+$", "", text)
    if not t or t[-1] not in "))":
        return None
    depth = 0
    for i in range(len(t) - 1, -1, -1):
        ch = t[i]
        if ch in "))":
            depth += 1
        elif ch in "((":
            depth -= 1
            if depth == 0:
                return t[:i].rstrip(), t[i + 1 : -1].strip()
    return None


def _apply_units(task: ParsedTask, text: str) -> bool:
    """Read labelled units into the task; True when the text held any label."""
    marks = list(_LABEL.finditer(text))
    if not marks:
        return False
    has_lead_label = any(m.group(2) in ("牵头单位", "牵头部门") for m in marks)
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = re.sub(r"^[\s;;,,。.]+|[\s;;,,。.]+$", "", text[m.end() : end])
        kind = m.group(2)
        if kind == "完成时限":
            task.deadline = value
            continue
        names, aliases = split_units(value)
        for a, u in aliases.items():
            task.unit_aliases.setdefault(a, u)
        if kind in ("牵头领导", "责任领导"):
            task.lead_officials.extend(n for n in names if n not in task.lead_officials)
            continue
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
    lines = text.splitlines()[:2000]
    tasks = sum(1 for line in lines if _TASK.match(line))
    labelled = sum(1 for line in lines if _PROGRESS.match(line) or _LABEL.search(line))
    return tasks >= 1 and labelled >= 1


def read_paragraphs(text: str, source: str = "") -> ParsedReport:
    return read_paragraph_lines(text.splitlines(), source)


def read_paragraph_lines(
    lines: Sequence[str], source: str = "", where_prefix: str = "line"
) -> ParsedReport:
    meta = ReportMeta()
    sections: list[ParsedSection] = []
    by_key: dict[str, ParsedSection] = {}
    current: ParsedSection | None = None
    task: ParsedTask | None = None
    last_seq = 0
    offset = 0
    section_changed = False
    units_inline = False  # whether task lines carry their units in a parenthesis
    warnings: list[str] = []

    def close(t: ParsedTask | None) -> None:
        if t is not None and not t.lead_units:
            raise ReadError(f"任务 {t.seq} 没有牵头单位", t.where, source)

    for n, raw in enumerate(lines, start=1):
        where = f"{where_prefix} {n}"
        line = clean_text(raw).replace("\n", " ")
        if not line:
            continue
        if m := _TASK.match(line):
            written = int(m.group(1))
            body = m.group(2)
            paren = _trailing_paren(body)
            has_units = paren is not None and (
                _LABEL.search(paren[1]) is not None or _plain_units(paren[1])
            )
            expected = written + offset == last_seq + 1
            restart = written == 1 and last_seq >= 1 and section_changed
            # Progress paragraphs have numbered lists of their own ("1.其中……"). Where the
            # task lines so far carried their units, a numbered line without units inside
            # a progress block is part of that progress, not the next task.
            in_progress_list = task is not None and bool(task.progress) and units_inline
            if has_units or task is None or ((expected or restart) and not in_progress_list):
                if restart and not expected:
                    offset = last_seq
                    warnings.append(f"{where}: 编号重新从 1 开始, 序号顺延为 {last_seq + 1}")
                seq = written + offset
                if seq <= last_seq:
                    raise ReadError(f"序号 {written} 不在前一个序号之后", where, source)
                if task is None and last_seq == 0 and written != 1 and not has_units:
                    raise ReadError(f"第一个任务的序号是 {written}, 不是 1", where, source)
                close(task)
                content = body
                task = ParsedTask(seq=seq, content="", where=where)
                if paren is not None and _apply_units(task, paren[1]):
                    content = paren[0]
                elif paren is not None and _plain_units(paren[1]):
                    names, aliases = split_units(paren[1])
                    task.lead_units, task.cooperating_units = names[:1], names[1:]
                    task.unit_aliases.update(aliases)
                    content = paren[0]
                task.content = content.strip()
                if not task.content:
                    raise ReadError(f"任务 {seq} 没有内容", where, source)
                units_inline = units_inline or has_units
                if current is None:
                    current = _section(sections, by_key, "", "")
                current.tasks.append(task)
                last_seq = seq
                section_changed = False
                continue
        if (m := _SECTION.match(line)) and not _PROGRESS.match(line):
            number, title = split_section(line)
            if number:
                close(task)
                task = None
                current = _section(sections, by_key, number, title)
                section_changed = True
                continue
        if task is None:
            if not meta.title and not sections:
                meta.title = line
            continue
        if _UNIT_LINE.match(line) and not task.progress:
            inner = re.sub(r"^[\s((]+|[\s))]+$", "", line)
            _apply_units(task, inner)
            continue
        if pm := _PROGRESS.match(line):
            line = pm.group(1).strip()
            if not line:
                continue
        task.progress = f"{task.progress}\n{line}" if task.progress else line
    close(task)
    tasks = [t for s in sections for t in s.tasks]
    if not tasks:
        raise ReadError("没有找到编号的任务 (如 “1.…”)", f"{where_prefix} 1", source)
    return ParsedReport(
        meta=meta,
        sections=[s for s in sections if s.tasks],
        period=period_from_title(meta.title),
        format="paragraphs",
        warnings=warnings,
    )


_UNIT_SUFFIX = re.compile(
    r"(局|委|办|院|府|室|中心|部|队|街道|镇|乡|公司|集团|会|所|站|处|厅|署|馆|台|社)$"
)


def _plain_units(text: str) -> bool:
    """An unlabelled "(区发改局、区财政局)" at the end of a task line: units when every
    name is short and ends like a unit does."""
    names, _ = split_units(text)
    return bool(names) and all(len(n) <= 20 and _UNIT_SUFFIX.search(n) for n in names)


def _section(
    sections: list[ParsedSection], by_key: dict[str, ParsedSection], number: str, title: str
) -> ParsedSection:
    key = re.sub(r"\s+", "", number + title).replace("(", "(").replace(")", ")")
    if key not in by_key:
        by_key[key] = ParsedSection(number=number, title=title)
        sections.append(by_key[key])
    return by_key[key]
