"""Rows of cells -> ParsedReport: the logic every table-shaped reader shares.

XLSX, DOCX, CSV and HTML readers only turn their container into `Table`s (rows of cell
strings, merged cells already filled into every cell they cover, line breaks inside a cell
as "\n") plus a function that names a place in the source. Everything about what a table
*means* lives here, so the four formats cannot drift apart:

- the head row is found by its recognised heads (synonyms from docs/domain.md), possibly
  spread over two rows (a parent head such as 季度形象进度 over 一季度..四季度);
- rows above the head that look like a title become the title;
- the section column ("(一)经济社会发展主要预期目标") splits into number + title, empty
  section cells continue the section above, a repeated heading returns to that section;
- unit cells split into lead / cooperating units and aliases.

`read_rows` is the entry point a back office can call again with `column_overrides`
({column index: field name}) when a document's heads are not recognised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from luoshi.ingest.report import (
    ParsedReport,
    ParsedSection,
    ParsedTask,
    ReadError,
    ReportMeta,
    period_from_title,
)
from luoshi.textparse.fold import fold

# Field names a column can map to. "units" is a 责任单位 column: the first unit leads and
# the others cooperate (unless a separate lead column exists; then all cooperate).
FIELDS = (
    "seq",
    "section",
    "content",
    "lead_units",
    "units",
    "cooperating_units",
    "lead_officials",
    "deadline",
    "progress",
    "completion_rate",
    "remarks",
)
MILESTONE_PREFIX = "milestone:"

# Normalised head -> field. Order inside a field does not matter; lookups are exact after
# normalisation, then by suffix/prefix rules below.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序"),
    "section": ("项目名称", "项目", "类别", "板块", "类别名称", "领域", "分类"),
    "content": (
        "主要工作内容",
        "重点工作任务",
        "任务内容",
        "目标任务",
        "工作任务",
        "工作内容",
        "主要目标任务",
        "重点任务",
        "具体任务",
        "任务",
        "主要任务",
        "项目内容",
        "年度目标任务",
        "具体工作内容",
        "指标名称",
        "主要指标",
        "工作目标",
        "主要内容",
        "重点工作",
        "工作事项",
    ),
    "lead_units": (
        "牵头单位",
        "牵头部门",
        "主要牵头单位",
        "牵头责任单位",
        "主要责任单位",
        "主责单位",
        "牵头单位(部门)",
    ),
    "units": ("责任单位", "责任部门", "承办单位", "责任主体"),
    "cooperating_units": (
        "配合单位",
        "协同单位",
        "责任(配合)单位",
        "配合部门",
        "协办单位",
        "参与单位",
        "协同部门",
        "其他责任单位",
        "协助单位",
        "配合责任单位",
        "协同责任单位",
    ),
    "lead_officials": ("牵头领导", "责任领导", "分管领导", "联系领导", "牵头区领导"),
    "deadline": ("完成时限", "时限", "完成时间", "时间节点", "完成期限"),
    "progress": (
        "完成情况",
        "进展情况",
        "实际完成情况",
        "累计完成情况",
        "完成进度",
        "工作进展",
        "推进情况",
        "进展",
        "落实情况",
        "落实推进情况",
        "推进落实情况",
        "工作推进情况",
        "工作完成情况",
        "任务完成情况",
        "目标完成情况",
        "进展情况及成效",
        "当前进度",
        "目前进度",
        "实际完成",
        "完成",
        "工作落实情况",
        "进度情况",
    ),
    "completion_rate": ("完成率", "完成比例", "完成百分比", "实际完成率", "完成进度比例"),
    "remarks": ("备注",),
}
_HEAD_TO_FIELD = {h: f for f, heads in _SYNONYMS.items() for h in heads}

_QUARTER_RE = re.compile(r"^(?:第)?([一二三四1-4])季度")
_QUARTER_NUM = {"1": "一", "2": "二", "3": "三", "4": "四"}

# The period a progress head may open with: 1-11月, 1-9月份, 上半年, 三季度, 前三季度, 截至9月底,
# 2023年, 1月至6月 (heads are folded: 1—9月 reads 1-9月).
_HEAD_PERIOD = re.compile(
    r"^(?:截[至止](?:目前)?)?(?:(?:19|20)\d{2}年(?:度)?)?"
    r"(?:\d{1,2}(?:月份?)?[-~至到]\d{1,2}月(?:份)?"
    r"|\d{1,2}月(?:份)?"
    r"|[上下]半年|全年|年度|今年|前[一二三]季度|第?[一二三四1-4]季度"
    r"|本季度|本月|当前|目前)?"
    r"(?:底|末|以来)?"
)
# A lead official by any of the names governments give them: 县政府分线领导, 牵头县领导,
# 责任区领导, 分管市领导, 具体责任人, 项目责任人.
_OFFICIAL_HEAD = re.compile(
    r"^(?:[县区市]政府)?(?:牵头|责任|分管|联系|分线|包抓|包联|挂钩|主要|具体|项目)?"
    r"(?:[县区市])?(?:领导|责任人|负责人)$"
)
# Heads that name progress in a way no synonym lists, for the warning below.
_PROGRESS_TAIL = re.compile(r"(?:情况|进度|进展)$")


_WS = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff\r\f\v]+")


def clean_text(value: object) -> str:
    """A cell's text as every reader hands it on: horizontal whitespace runs (incl.
    &nbsp;, full-width spaces) become one space, each line is stripped, empty lines go.
    Lines are kept: a line break inside a progress cell is a paragraph break, inside a
    unit cell it separates units. Formats differ only in whitespace (HTML source
    indentation, Excel "_x000D_" carriage returns, full-width indents), so this is the one
    normalisation that makes html, xlsx, docx and csv of the same table read the same."""
    if value is None:
        return ""
    text = str(value).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = (_WS.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def normalize_head(text: str) -> str:
    """A head for matching: folded (full-width punctuation as ASCII), no whitespace at
    all (heads are often broken over lines, "项目\\n名称", or justified, "序  号"), no
    trailing colon."""
    return re.sub(r"\s+", "", fold(str(text or ""))).rstrip(":")


def head_field(head: str) -> str | None:
    """The field a head names, or None. Quarter heads ("一季度", "第一季度", "1季度",
    "一季度形象进度") map to "milestone:一季度"; a progress head with the period it covers
    before it ("1-11月进展情况", "三季度完成情况", "上半年进展情况") is progress."""
    h = normalize_head(head)
    if not h:
        return None
    if h in _HEAD_TO_FIELD:
        return _HEAD_TO_FIELD[h]
    # A unit of measure after the head: "完成率(%)", "实际完成率%", "目标(万元)".
    bare = re.sub(r"(?:\((?:%|万元|亿元|个|元)\)|%)$", "", h)
    if bare != h and bare in _HEAD_TO_FIELD:
        return _HEAD_TO_FIELD[bare]
    period = _HEAD_PERIOD.match(bare)
    if period and period.end() and bare[period.end() :] in _SYNONYMS["progress"]:
        return "progress"
    if period and period.end() and bare[period.end() :] in _SYNONYMS["completion_rate"]:
        return "completion_rate"
    if m := _QUARTER_RE.match(h):
        q = _QUARTER_NUM.get(m.group(1), m.group(1))
        return f"{MILESTONE_PREFIX}{q}季度"
    if h in ("上半年", "全年", "年底", "年度目标"):
        return f"{MILESTONE_PREFIX}{h}"
    if _OFFICIAL_HEAD.match(h):
        return "lead_officials"
    if re.search(r"(?:实事|民生|工程)(?:项目)?名称$", h):  # 省重点民生实事项目名称
        return "section"
    # Heads with a qualifier: "完成情况(截至12月底)", "牵头单位(部门)".
    base = re.sub(r"\(.*?\)$", "", h)
    if base != h:
        return head_field(base)
    return None


def unmapped_progress_head(head: str) -> bool:
    """A head that reads like progress (ends in 情况/进度/进展) but maps to nothing: a
    table whose progress is silently dropped would be stored as a plan."""
    h = normalize_head(head)
    return bool(h) and head_field(h) is None and bool(_PROGRESS_TAIL.search(h))


@dataclass
class Table:
    """One table of a document: rows of cell strings (merged cells filled) and a function
    naming a place: where(row_index, column_index or None) -> "sheet 表1 row 5 column C"."""

    name: str
    rows: list[list[str]]
    where: Callable[[int, int | None], str]
    title_hint: str = ""  # a title the container gives (paragraph above a DOCX table)
    # What names the table as a section of a report of several tables: the title above it
    # ("附件2 2023年重点工作任务"), a sheet's name.
    section_hint: str = ""


@dataclass
class _Head:
    row: int  # index of the last head row
    fields: dict[int, str]  # column -> field
    written: dict[int, str]  # column -> head as written
    title: str = ""


@dataclass
class _State:
    """What carries over from one table to the next in the same document."""

    sections: dict[str, ParsedSection] = field(default_factory=dict)
    order: list[ParsedSection] = field(default_factory=list)
    last_seq: int = 0
    seq_offset: int = 0
    tasks_seen: int = 0
    current: ParsedSection | None = None
    warnings: list[str] = field(default_factory=list)


# Matched on folded text: "（一）" reads as "(一)", "一．" as "一.". "(1)" is a section number
# only where it opens a section cell or a heading row, never in a 序号 cell.
_SECTION_RE = re.compile(
    r"^\s*(\([一二三四五六七八九十百零〇两]+\)|[一二三四五六七八九十百零〇]+[、.]"
    r"|第[一二三四五六七八九十百]+[部分章节篇]+)\s*(.*)$",
    re.S,
)
_ARABIC_SECTION_RE = re.compile(r"^\s*(\(\d{1,2}\))\s*(\S.*)$", re.S)


def split_section(text: str, *, arabic: bool = False) -> tuple[str, str]:
    """ "(一)经济社会发展主要预期目标" or "（一）经济社会发展主要预期目标" -> (number, title),
    both as written; a plain title -> ("", title). With `arabic`, "（1）…" is a section
    number too: only where the document puts it in a section cell."""
    text = " ".join(clean_text(text).split("\n"))
    folded = fold(text)
    m = _SECTION_RE.match(folded) or (_ARABIC_SECTION_RE.match(folded) if arabic else None)
    if m:
        return text[m.start(1) : m.end(1)], text[m.start(2) :].strip()
    return "", text


def _section_key(number: str, title: str) -> str:
    return normalize_head(number + title)


# Matched on folded text, so "，；：（）" split as ",;:()" do; 、 has no ASCII twin.
_UNIT_SEP = set("、,;/\n ")
_LABEL_RE = re.compile(r"^(?:牵头|责任|配合|协同|协办|主要责任|其他责任)?(?:单位|部门|领导)[:]")
# A collective name is one unit, its commas and brackets included: 各区、县(市)政府, 各镇(街道),
# 各乡镇(街道), 各县(市、区).
_KINDS = "乡镇|街道|开发区|园区|社区|区|县|市|乡|镇"
_COLLECTIVE = re.compile(
    rf"各(?:{_KINDS})(?:\((?:{_KINDS})(?:[、,](?:{_KINDS}))*\))?"
    rf"(?:[、,/](?:{_KINDS})(?:\((?:{_KINDS})(?:[、,](?:{_KINDS}))*\))?)*"
    r"(?:人民政府|政府|管委会|办事处|党委|党工委)?(?=$|[、,;/\n ])"
)


def split_units(text: str) -> tuple[list[str], dict[str, str]]:
    """Split a unit cell into names and aliases. Separators: 、，,；;/ newlines and spaces,
    but not inside parentheses (full-width or not) nor inside a collective name
    (各区、县（市）政府). A parenthesised piece ("区发改经信局\\n（区支援合作局）" or
    "区发改经信局(区支援合作局)") is another name for the unit before it: it becomes an
    alias, never a unit of its own. Names keep their punctuation as written. Returns
    (units in order, {alias: unit})."""
    text = clean_text(text)
    folded = fold(text)
    pieces: list[tuple[str, bool]] = []  # (piece as written, is a collective name)
    start = 0
    depth = 0
    i = 0
    while i < len(folded):
        ch = folded[i]
        at_piece_start = depth == 0 and ch == "各" and not folded[start:i].strip()
        if at_piece_start and (m := _COLLECTIVE.match(folded, i)):
            pieces.append((text[m.start() : m.end()], True))
            i = start = m.end()
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch in _UNIT_SEP and depth == 0:
            if text[start:i].strip():
                pieces.append((text[start:i].strip(), False))
            start = i + 1
        i += 1
    if text[start:].strip():
        pieces.append((text[start:].strip(), False))

    units: list[str] = []
    aliases: dict[str, str] = {}
    for piece, collective in pieces:
        if collective:
            units.append(piece)
            continue
        label = _LABEL_RE.match(fold(piece))
        if label:
            piece = piece[label.end() :].strip()
        if not piece:
            continue
        f = fold(piece)
        if whole := re.fullmatch(r"\((.+)\)", f):
            name = piece[whole.start(1) : whole.end(1)].strip()
            if units:
                aliases[name] = units[-1]
            else:  # an alias with nothing before it is the only name we have
                units.append(name)
            continue
        inner = re.fullmatch(r"(.+?)\((.+)\)", f)
        if inner and inner.group(1).strip():
            name = piece[: inner.end(1)].strip()
            units.append(name)
            aliases[piece[inner.start(2) : inner.end(2)].strip()] = name
            continue
        units.append(piece)
    # The same unit twice in one cell adds nothing.
    return list(dict.fromkeys(units)), aliases


# "牵头单位：区发改局；配合单位：区财政局、区统计局" in one cell, or at the end of a task's
# content: "（牵头单位：区发改局；责任单位：区财政局）". Matched on folded text.
_ROLE_LABEL = re.compile(
    r"(牵头单位|牵头部门|主要责任单位|责任单位|责任部门|配合单位|配合部门|协办单位|协同单位"
    r"|其他责任单位|责任\(配合\)单位|牵头领导|责任领导|牵头[县区市]领导|责任人)\s*:"
)
_TRAILING_ROLES = re.compile(r"\(((?:牵头|责任|配合|协办|协同|主要责任)[^()]*:[^()]*)\)\s*$")


def split_roles(text: str) -> list[tuple[str, str]]:
    """[(field, names as written)] of a cell or content tail that labels its units;
    [] where the text carries no role label."""
    folded = fold(text)
    found = list(_ROLE_LABEL.finditer(folded))
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(folded)
        value = text[m.end() : end].strip().rstrip(";；。 ")
        field = head_field(m.group(1))
        if field and value:
            out.append((field, value))
    return out


def parse_seq(text: str) -> int | None:
    """ "12", "12.", "12、", "(12)", "（12）", "１２", "第12项", "12.0" (Excel floats) -> 12;
    "" -> None; anything else raises ValueError."""
    t = fold(clean_text(text)).replace(" ", "")
    if not t:
        return None
    m = re.fullmatch(r"\(?(\d{1,6})(?:\.0+)?\)?[.、]?", t) or re.fullmatch(r"第(\d{1,6})项", t)
    if not m:
        raise ValueError(t)
    return int(m.group(1))


# --- head detection ------------------------------------------------------------------

_HEAD_SCAN_ROWS = 15


def _row_fields(row: Sequence[str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for c, cell in enumerate(row):
        f = head_field(cell)
        if f is not None:
            out[c] = f
    return out


def _has_required(fields: dict[int, str]) -> bool:
    values = set(fields.values())
    return "content" in values and bool(values & {"lead_units", "units"})


def _is_sub_head_row(row: Sequence[str], fields: dict[int, str], same: list[int]) -> bool:
    """A row under the head that is more head, not a task: its 序号 cell repeats the head
    (merged) or is empty, and every other new cell is a short label, not a figure."""
    seq = next((c for c, f in fields.items() if f == "seq"), None)
    if seq is not None and clean_text(row[seq] if seq < len(row) else "") and seq not in same:
        return False
    new = [clean_text(v) for c, v in enumerate(row) if clean_text(v) and c not in same]
    # At least one of them must be a head word or a period ("1-8月"), so a first task
    # written in short words under an auto-numbered 序号 is never taken for a head.
    known = any(head_field(v) or _HEAD_PERIOD.fullmatch(normalize_head(v)) for v in new)
    return known and all(
        len(v) <= 12 and not re.fullmatch(r"[\d.,%％\s-]+", v) and "。" not in v for v in new
    )


def _find_head(table: Table) -> _Head | None:
    rows = table.rows
    for r in range(min(len(rows), _HEAD_SCAN_ROWS)):
        fields = _row_fields(rows[r])
        if not _has_required(fields):
            continue
        # Heads as written, less whitespace: "序 号" and "项目\n名称" are layout, not words.
        written = {c: re.sub(r"\s+", "", rows[r][c]) for c in range(len(rows[r]))}
        last = r
        # A second head row: every non-empty cell is either the head above repeated (a
        # vertically merged head) or a recognised sub-head (一季度 under 季度形象进度).
        if r + 1 < len(rows):
            below = rows[r + 1]
            nonempty = [c for c, v in enumerate(below) if clean_text(v)]
            same = [
                c
                for c in nonempty
                if c < len(rows[r]) and normalize_head(below[c]) == normalize_head(rows[r][c])
            ]
            sub = _row_fields(below)
            recognised = all(c in same or c in sub for c in nonempty) and set(sub) - set(same)
            if nonempty and (recognised or _is_sub_head_row(below, fields, same)):
                last = r + 1
                for c in nonempty:
                    if c in same:
                        continue
                    parent = written.get(c, "")
                    child = re.sub(r"\s+", "", below[c])
                    written[c] = f"{parent}/{child}" if parent and parent != child else child
                    if c in sub:
                        fields[c] = sub[c]
                    elif fields.get(c) and _HEAD_PERIOD.fullmatch(normalize_head(child)):
                        pass  # 完成情况 over 1-8月: the parent's field, for this period
                    else:
                        fields.pop(c, None)  # a sub-head not recognised: named, not read
        title = ""
        for above in rows[:r]:
            texts = list(dict.fromkeys(clean_text(v) for v in above if clean_text(v)))
            if len(texts) == 1 and len(texts[0]) >= 4 and head_field(texts[0]) is None:
                title = texts[0].replace("\n", "")
                break
        return _Head(last, fields, written, title)
    return None


def _dedupe_fields(fields: dict[int, str]) -> dict[int, str]:
    """Keep the first column for each single-valued field; two 完成情况 columns would
    otherwise overwrite each other silently."""
    seen: set[str] = set()
    out: dict[int, str] = {}
    for c in sorted(fields):
        f = fields[c]
        # 责任领导 and 责任人 both name officials: every such column counts.
        if f in seen and not f.startswith(MILESTONE_PREFIX) and f != "lead_officials":
            continue
        seen.add(f)
        out[c] = f
    return out


def _looked_for() -> str:
    return (
        "未找到表头: 需要 主要工作内容 与 牵头单位/责任单位 列 (认得的表头: "
        + ", ".join(f"{'/'.join(heads[:4])}" for heads in _SYNONYMS.values())
        + ")"
    )


# --- rows -> tasks ---------------------------------------------------------------------


def _cell(row: Sequence[str], c: int | None) -> str:
    if c is None or c >= len(row):
        return ""
    return clean_text(row[c])


def _read_table(
    table: Table, head: _Head, state: _State, source: str, table_section: str | None = None
) -> int:
    """Read the rows under `head`. `table_section` (a title, possibly "") is the section
    the table's tasks belong to where the table is one of several and has no section
    column of its own (附件1 indicators, 附件2 tasks)."""
    fields = _dedupe_fields(head.fields)
    col = {f: c for c, f in sorted(fields.items(), reverse=True)}
    milestones = {
        c: f[len(MILESTONE_PREFIX) :] for c, f in fields.items() if f.startswith(MILESTONE_PREFIX)
    }
    has_lead_col = "lead_units" in col
    head_norm = (
        [normalize_head(v) for v in table.rows[head.row]] if head.row < len(table.rows) else []
    )
    data_rows = range(head.row + 1, len(table.rows))

    # A DOCX whose 序号 column is automatic list numbering has no digits in the text at
    # all; then tasks are numbered in order instead of failing every row.
    auto_seq = "seq" not in col or not any(_cell(table.rows[r], col["seq"]) for r in data_rows)

    current: ParsedSection | None = state.current
    if table_section is not None and "section" not in col:
        number, title = split_section(table_section)
        current = _enter_section(state, number, title)
    task: ParsedTask | None = None
    count = 0
    first_seq_in_table = True

    for r in data_rows:
        row = table.rows[r]
        cells = [clean_text(v) for v in row]
        nonempty = [v for v in cells if v]
        if not nonempty:
            continue
        if [normalize_head(v) for v in row] == head_norm:
            continue  # the head repeated (DOCX tables repeat it on every page)

        content = _cell(row, col.get("content"))
        seq_text = _cell(row, col.get("seq"))
        section_text = _cell(row, col.get("section"))

        try:
            seq_is_int = parse_seq(seq_text) is not None
        except ValueError:
            seq_is_int = False

        # A row whose cells all hold one text (merged across the table, or a lone cell
        # that is not a task) is a section heading row: "一、经济发展".
        if len(set(nonempty)) == 1 and not seq_is_int:
            number, title = split_section(nonempty[0], arabic=len(nonempty) > 1)
            if len(nonempty) > 1 or number or not content:
                current = _enter_section(state, number, title)
                task = None
                continue

        if section_text:
            number, title = split_section(section_text, arabic=True)
            key = _section_key(number, title)
            if current is None or key != _section_key(current.number, current.title):
                current = _enter_section(state, number, title)
                task = None

        if auto_seq:
            seq = None
        else:
            try:
                seq = parse_seq(seq_text)
            except ValueError:
                raise ReadError(
                    f"序号不是整数: {seq_text!r}", table.where(r, col.get("seq")), source
                ) from None

        if seq is not None and task is not None and seq + state.seq_offset == task.seq:
            # Same 序号 again: a task spread over several rows with its 序号 cell merged.
            _continue_task(task, row, fields, has_lead_col, milestones)
            continue
        if seq is None and not auto_seq:
            # No 序号 but something else: the further row of the task above (a merged
            # 序号 cell written out flat, as CSV exports do).
            if task is not None:
                _continue_task(task, row, fields, has_lead_col, milestones)
                continue
            if not content:
                continue  # a stray note above the first task
            raise ReadError("序号为空", table.where(r, col.get("seq")), source)

        if not content:
            raise ReadError("主要工作内容为空", table.where(r, col.get("content")), source)

        if auto_seq:
            seq_value = state.last_seq + 1
        else:
            assert seq is not None
            if first_seq_in_table and state.tasks_seen and seq == 1 and state.last_seq >= 1:
                # A later table numbering afresh: keep counting so 序号 stay unique.
                state.seq_offset = state.last_seq
                state.warnings.append(
                    f"{table.name} 重新从 1 编号, 序号顺延为 {state.last_seq + 1} 起"
                )
            seq_value = seq + state.seq_offset
            if seq_value <= state.last_seq:
                raise ReadError(
                    f"序号 {seq} 不在前一个序号 {state.last_seq - state.seq_offset} 之后",
                    table.where(r, col.get("seq")),
                    source,
                )
        first_seq_in_table = False

        if current is None:
            current = _enter_section(state, "", "")
        task = ParsedTask(seq=seq_value, content="", where=table.where(r, None), number=seq_text)
        _continue_task(task, row, fields, has_lead_col, milestones)
        if not task.lead_units:
            lead_col = col.get("lead_units", col.get("units"))
            raise ReadError(f"任务 {seq_value} 没有牵头单位", table.where(r, lead_col), source)
        current.tasks.append(task)
        state.last_seq = seq_value
        state.tasks_seen += 1
        count += 1
    return count


def _enter_section(state: _State, number: str, title: str) -> ParsedSection:
    key = _section_key(number, title)
    if key in state.sections:
        state.current = state.sections[key]
        return state.current
    section = ParsedSection(number=number, title=title)
    state.sections[key] = section
    state.order.append(section)
    state.current = section
    return section


def _add_lines(old: str, new: str, sep: str = "\n") -> str:
    if not new:
        return old
    if not old:
        return new
    if new in old.split(sep) or new == old:
        return old
    return f"{old}{sep}{new}"


def _add_units(task: ParsedTask, f: str, value: str, has_lead_col: bool) -> None:
    """Names of one role into the task. A 责任单位 list leads with its first unit and the
    rest cooperate (列第一位的为牵头单位) unless the table has a lead column of its own."""
    names, aliases = split_units(value)
    if f == "lead_officials":
        for n in names:
            if n not in task.lead_officials:
                task.lead_officials.append(n)
        return
    for alias, unit in aliases.items():
        task.unit_aliases.setdefault(alias, unit)
    if f == "lead_units" or (f == "units" and not has_lead_col and not task.lead_units):
        lead, rest = (names, []) if f == "lead_units" else (names[:1], names[1:])
    else:
        lead, rest = [], names
    for n in lead:
        if n not in task.lead_units:
            task.lead_units.append(n)
    for n in rest:
        if n not in task.lead_units and n not in task.cooperating_units:
            task.cooperating_units.append(n)


def _continue_task(
    task: ParsedTask,
    row: Sequence[str],
    fields: dict[int, str],
    has_lead_col: bool,
    milestones: dict[int, str],
) -> None:
    """Fill a task from one row; called again for the further rows of a task spread over
    several rows, so every field appends instead of overwriting."""
    for c, f in fields.items():
        value = _cell(row, c)
        if not value:
            continue
        if f in ("content", "target"):
            # "…。（牵头单位：区发改局；责任单位：区财政局）": the units the task names.
            if tail := _TRAILING_ROLES.search(fold(value)):
                roles = split_roles(value[tail.start(1) : tail.end(1)])
                if roles:
                    value = value[: tail.start()].rstrip()
                    for role, names in roles:
                        _add_units(task, role, names, has_lead_col)
            task.content = _add_lines(task.content, value)
        elif f in ("lead_units", "units", "cooperating_units"):
            roles = split_roles(value)
            if not roles:
                _add_units(task, f, value, has_lead_col)
            for role, names in roles:
                _add_units(task, role, names, has_lead_col)
        elif f == "lead_officials":
            _add_units(task, f, value, has_lead_col)
        elif f == "progress":
            task.progress = _add_lines(task.progress, value)
        elif f == "deadline":
            task.deadline = _add_lines(task.deadline, value.replace("\n", " "), " ")
        elif f == "completion_rate":
            task.completion_rate = _add_lines(task.completion_rate, value)
        elif f == "remarks":
            task.remarks = _add_lines(task.remarks, value)
        elif c in milestones:
            key = milestones[c]
            task.milestones[key] = _add_lines(task.milestones.get(key, ""), value)


# --- entry points ----------------------------------------------------------------------


def _has_data(table: Table, head: _Head) -> bool:
    return any(any(clean_text(v) for v in row) for row in table.rows[head.row + 1 :])


_NAME_HEADS = ("项目名称", "项目", "实事项目", "民生实事项目", "工程名称")


def _name_column(table: Table, head: _Head) -> None:
    """A 民生实事 table's 项目名称 column names each task itself, not a section: every task
    row has its own name and none is numbered like a section. Then the name opens the
    task's content and the content column (目标任务) follows it as the task's target."""
    sec = next((c for c, f in sorted(head.fields.items()) if f == "section"), None)
    written = normalize_head(head.written.get(sec, "")) if sec is not None else ""
    if sec is None or not (written in _NAME_HEADS or written.endswith("名称")):
        return
    seq_col = next((c for c, f in sorted(head.fields.items()) if f == "seq"), None)
    owner: dict[str, str] = {}
    head_norm = [normalize_head(v) for v in table.rows[head.row]]
    for row in table.rows[head.row + 1 :]:
        if [normalize_head(v) for v in row] == head_norm:
            continue  # the head repeated on the next page
        name, seq = _cell(row, sec), _cell(row, seq_col)
        if not name or not seq:
            continue
        try:
            parse_seq(seq)
        except ValueError:
            return
        if split_section(name)[0] or owner.setdefault(name, seq) != seq:
            return  # numbered like a section, or shared by two tasks: a section column
    if not owner:
        return
    for c, f in list(head.fields.items()):
        if f == "content":
            head.fields[c] = "target"
    head.fields[sec] = "content"


def read_tables(
    tables: Sequence[Table],
    source: str = "",
    fmt: str = "",
    meta: ReportMeta | None = None,
    column_overrides: dict[int, str] | None = None,
    *,
    require: bool = True,
) -> ParsedReport:
    """Read every table whose head is recognised; tasks of several tables concatenate.
    Tables whose head is not recognised are skipped with a warning. `column_overrides`
    ({column: field}, "" or "ignore" to drop a column) applies to every table and replaces
    head recognition for the columns it names."""
    meta = meta or ReportMeta()
    state = _State()
    columns: dict[str, str] = {}
    read_any = False
    skipped: list[str] = []
    overrides = _check_overrides(column_overrides, source)

    heads = []
    for table in tables:
        head = _find_head(table)
        if overrides:
            head = _apply_overrides(table, head, overrides)
        heads.append(head)
    # Several tables with tasks (附件1 indicators, 附件2 tasks; one sheet each) are the
    # sections of one report: each is named by the title above it.
    with_tasks = [
        t for t, h in zip(tables, heads, strict=True) if h is not None and _has_data(t, h)
    ]
    several = len(with_tasks) > 1

    for table, head in zip(tables, heads, strict=True):
        if head is None:
            if any(any(clean_text(v) for v in row) for row in table.rows):
                skipped.append(table.name)
            continue
        if not _has_data(table, head):
            state.warnings.append(f"{table.name} 只有表头, 没有任务")
            read_any = True
            continue
        # A column the user mapped by hand keeps its mapping.
        if not any(head.fields.get(c) in ("section", "content") for c in overrides):
            _name_column(table, head)
        for c, f in sorted(head.fields.items()):
            written = head.written.get(c, "") or f"第{c + 1}列"
            # A 民生实事 target column is part of the task's content, and says so.
            columns.setdefault(written, "content" if f == "target" else f)
        for c, w in sorted(head.written.items()):
            if w and c not in head.fields:
                columns.setdefault(w, "")
                if unmapped_progress_head(w):
                    state.warnings.append(
                        f"{table.where(head.row, c)}: 未认出的进展列「{w}」, 该列未读取"
                        " (可在导入预览中指定为完成情况)"
                    )
        if not meta.title:
            meta.title = head.title or table.title_hint
        # A table with nothing above it naming it continues the section before it (a
        # table broken over pages, a second sheet of the same list).
        section = (head.title or table.section_hint or None) if several else None
        _read_table(table, head, state, source, section)
        read_any = True

    if not read_any:
        if not require:
            return ParsedReport(meta=meta, sections=[], format=fmt)
        if not tables or not any(
            any(any(clean_text(v) for v in row) for row in t.rows) for t in tables
        ):
            raise ReadError("表格为空", tables[0].where(0, None) if tables else "", source)
        raise ReadError(_looked_for(), tables[0].where(0, None), source)
    if skipped:
        state.warnings.append("跳过未认出表头的表格: " + ", ".join(skipped))
    if not state.tasks_seen:
        raise ReadError("表格中没有任务", tables[0].where(0, None) if tables else "", source)
    sections = [s for s in state.order if s.tasks]
    return ParsedReport(
        meta=meta,
        sections=sections,
        period=period_from_title(meta.title),
        format=fmt,
        columns=columns,
        warnings=state.warnings,
    )


def _check_overrides(overrides: dict[int, str] | None, source: str) -> dict[int, str]:
    if not overrides:
        return {}
    out: dict[int, str] = {}
    for c, f in overrides.items():
        if not isinstance(c, int) or c < 0:
            raise ReadError(f"列号无效: {c!r}", "", source)
        f = f or "ignore"
        if f != "ignore" and f not in FIELDS and not f.startswith(MILESTONE_PREFIX):
            raise ReadError(f"未知字段: {f!r} (可用: {', '.join(FIELDS)})", "", source)
        out[c] = f
    return out


def _apply_overrides(table: Table, head: _Head | None, overrides: dict[int, str]) -> _Head | None:
    if head is None:
        # No head recognised: the head row is the last row before the first row whose
        # 序号 (or, without a 序号 column, content) cell the override names holds data.
        key = next((c for c, f in overrides.items() if f == "seq"), None)
        if key is None:
            key = next((c for c, f in overrides.items() if f == "content"), None)
        head_row = -1
        for r, row in enumerate(table.rows):
            v = _cell(row, key)
            if key is not None and v:
                try:
                    is_data = parse_seq(v) is not None
                except ValueError:
                    is_data = False
                if is_data or overrides.get(key) == "content":
                    break
            head_row = r
        head_row = min(head_row, len(table.rows) - 1)
        if head_row < 0:
            # Data from the first row on: pretend there is an empty head row above.
            table.rows.insert(0, [""] * max((len(r) for r in table.rows), default=0))
            old = table.where
            table.where = lambda r, c, old=old: old(r - 1, c)  # type: ignore[misc]
            head_row = 0
        written = {c: clean_text(v).replace("\n", "") for c, v in enumerate(table.rows[head_row])}
        head = _Head(head_row, {}, written)
    fields = dict(head.fields)
    for c, f in overrides.items():
        if f == "ignore":
            fields.pop(c, None)
        else:
            fields[c] = f
    head.fields = fields
    if "content" not in fields.values() or not set(fields.values()) & {"lead_units", "units"}:
        return None
    return head


def read_rows(
    rows: Sequence[Sequence[object]],
    source: str = "",
    column_overrides: dict[int, str] | None = None,
    *,
    fmt: str = "",
    meta: ReportMeta | None = None,
    where: Callable[[int, int | None], str] | None = None,
    name: str = "table 1",
) -> ParsedReport:
    """One table of rows (cells of any type; None = empty) -> ParsedReport. `where`
    defaults to "row R" (1-based)."""
    table = Table(
        name=name,
        rows=[[clean_text(v) for v in row] for row in rows],
        where=where or (lambda r, c: f"row {r + 1}"),
    )
    return read_tables([table], source, fmt, meta, column_overrides)


def column_letter(c: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s
