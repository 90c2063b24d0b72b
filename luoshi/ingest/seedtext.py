"""Reader for the scraped text of a 政府信息公开 page ("seed text").

A scraper flattens the page to text: the disclosure metadata block, the title, a date line,
then the table with one cell per line (cells usually separated by blank lines) and no
column structure left. Some sites render the same table twice (a second page layout with
its own breadcrumb and metadata block); every copy is read and checked against the first.

Cells are told apart by position and shape, not by column:

    seq              a bare integer, the next number expected
    [section]        "(一)title" (or a short plain title where the table has a 项目 column)
    content          the first cell after the seq/section, plus any cells up to the units
    units            short unit names (区发改经信局, 生态环境拱墅分局, 拱投发 ...) and
                     parenthesised aliases of the unit before them ("(区支援合作局)")
    [progress]       every remaining cell up to the next seq, as paragraphs

Nothing here imports Django.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from luoshi.ingest.metadata import FIELD_LABELS, LABELS, index_number
from luoshi.ingest.report import (
    ParsedReport,
    ParsedSection,
    ParsedTask,
    ReadError,
    ReportMeta,
    period_from_title,
)
from luoshi.ingest.tabular import (
    clean_text,
    head_field,
    normalize_head,
    split_roles,
    split_section,
    split_units,
)
from luoshi.textparse.fold import fold

FORMAT = "seedtext"

# Columns a one-cell-per-line table can be read with: anything else (配合单位, 完成时限 ...)
# would be indistinguishable from its neighbours once the column structure is gone.
_FIELD_ORDER = {"seq": 0, "section": 1, "content": 2, "lead_units": 3, "units": 3, "progress": 4}

_NEWLINE = re.compile(r"\r\n|\r|\n")
_SEQ = re.compile(r"[((]?(\d{1,4})[))]?[.、．]?")
# A seq-looking number above this is data (a year, a count), not a broken sequence.
_MAX_SEQ = 999

_PUNCT = re.compile(r"[,,。;;::!!??“”\"%%…、<>《》=+]")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_CJK_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z·]{2,20}")
_UNIT_SUFFIX = re.compile(
    r"(?:局|办|委|中心|公司|集团|部|院|会|街道|政府|队|所|站|处|室|科|联|协|行|社|馆|校|厅|署|庭"
    r"|组|专班|镇|乡)$"
)
_ALIAS = re.compile(r"[((]([^()()]{2,20})[))]")
_INLINE_ALIAS = re.compile(r"([^()()]{2,20})[((]([^()()]{2,20})[))]")
# A unit cell that labels its role, bracketed or not (matched on folded text).
_ROLE_CELL = re.compile(
    r"\(?\s*(?:牵头|责任|主要责任|配合|协办|协同)(?:单位|部门)\s*:\s*(.+?)\s*\)?"
)
_MULTI_SEP = re.compile(r"[、,,;;/ ]")
_EMPTY_PROGRESS = {"/", "\uff0f", "-", "—", "——", "\\"}

_KIND_NONE, _KIND_WEAK, _KIND_STRONG, _KIND_ALIAS = 0, 1, 2, 3

# 政府信息公开 metadata labels -> the ReportMeta field they fill, from the one label map
# (luoshi.ingest.metadata.LABELS; 成文日期 fills generated_on and, by _ALSO, written_on). 标题 and
# 名称 are left out: in a seed text a line starting with them is the table's, not metadata.
# "" = a page line to skip: 点击率 ...
_META_KEYS = {
    label: fields[-1] for label, fields in LABELS.items() if label not in {"标题", "名称"}
} | {"点击率": "", "浏览次数": "", "访问次数": "", "来源": "", "字体": ""}
# The label's other fields, filled with the same value (成文日期: written_on too).
_ALSO = {label: fields[:-1] for label, fields in LABELS.items() if len(fields) > 1}
# Keys are matched on folded text, with any whitespace between their characters: sites
# justify labels to one width ("索 引 号", "文       号").
_KEY_ALT = "|".join(
    r"\s*".join(re.escape(ch) for ch in k) for k in sorted(_META_KEYS, key=len, reverse=True)
)
_KEY_AT = re.compile(rf"(?:(?<=\s)|^)({_KEY_ALT})\s*:?")
_LINE_STARTS_WITH_KEY = re.compile(rf"^({_KEY_ALT})\s*(?::|\s|$)")
_DATE_FIELDS = {"generated_on", "published_on", "issued_on", "disclosed_on"}
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?")
_TIME = re.compile(r"\s+(\d{1,2}:\d{2}(?::\d{2})?)")
_FILE_NAME = re.compile(r"\.(?:docx?|xlsx?|et|wps|pdf|zip|rar|ofd|csv)$", re.I)
_FOOTER = re.compile(r"^[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|扫一扫|分享到)")

_TITLE_WORDS = re.compile(r"(情况|任务|报告|通报|清单|分解|进度|计划|方案|目标)")
_PLACE = re.compile(r"(?=([\u4e00-\u9fff]{2})([区县]))")
# "X区" words that name a kind of area, not a government: 全区, 城区, 园区 ...
_GENERIC_PLACE_TAIL = set("城园社小景辖片新街发范验聚行板能护心务活游业住居校山市郊港商湾带圈域批")
_GENERIC_PLACE_HEAD = set("全我本该各每此两多一二三四五六七八九十个县区市省的在和与及等")

_FIELD_LABELS = {
    "section": "所属部分",
    "content": "工作内容",
    "lead_units": "牵头单位",
    "cooperating_units": "配合单位",
    "unit_aliases": "单位别名",
    "progress": "完成情况",
}


@dataclass(frozen=True, slots=True)
class _Line:
    n: int  # 1-based line number in the original text
    text: str  # whitespace-normalised, never empty
    block: int  # lines not separated by a blank line share a block


@dataclass
class _Head:
    start: int  # index (into the non-blank lines) of the first head line
    end: int  # index after the last head line
    fields: list[str]
    written: list[str]
    at: list[int]  # line number of each head


@dataclass
class _Row:
    """One task of one copy of the table."""

    task: ParsedTask
    section: tuple[str, str] | None  # (number, title) where a heading cell was written
    heading: str = ""  # the section the task belongs to, filled in after reading
    last_line: int = 0


@dataclass
class _Copy:
    head: _Head
    rows: list[_Row]
    end_line: int  # line number of the copy's last line
    at_eof: bool


@dataclass
class _Ctx:
    source: str
    known_units: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    def error(self, message: str, line: int) -> ReadError:
        return ReadError(message, f"line {line}", self.source)


# --- lines and cells ---------------------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    block = 0
    prev_blank = True
    for n, raw in enumerate(_NEWLINE.split(text), start=1):
        t = clean_text(raw)
        if not t:
            prev_blank = True
            continue
        if prev_blank:
            block += 1
        prev_blank = False
        out.append(_Line(n, t, block))
    return out


def _seq_of(text: str) -> int | None:
    if len(text) > 8:
        return None
    m = _SEQ.fullmatch(fold(text).replace(" ", ""))
    return int(m.group(1)) if m else None


def _unit_kind(text: str) -> int:
    """How much a cell looks like a unit name: strong (a name with a unit suffix, or several
    such names), weak (a short bare name such as 拱投发), alias ("(区支援合作局)"), or none.
    Matched on folded text: "（区支援合作局）" and "区发改局，区财政局" read as in ASCII."""
    text = fold(text)
    if m := _ROLE_CELL.fullmatch(text):  # "（牵头单位：区发改局；配合单位：区财政局）"
        names = re.split(r"[;]\s*(?:牵头|责任|配合|协办|协同)?(?:单位|部门)\s*:", m.group(1))
        kinds = [_unit_kind(n) for n in names]
        return _KIND_STRONG if all(k != _KIND_NONE for k in kinds) else _KIND_NONE
    if m := _ALIAS.fullmatch(text):
        return _KIND_ALIAS if _unit_kind(m.group(1)) != _KIND_NONE else _KIND_NONE
    if m := _INLINE_ALIAS.fullmatch(text):
        ok = _unit_kind(m.group(1)) == _KIND_STRONG and _unit_kind(m.group(2)) != _KIND_NONE
        return _KIND_STRONG if ok else _KIND_NONE
    if _CJK_NAME.fullmatch(text):
        if _UNIT_SUFFIX.search(text):
            return _KIND_STRONG
        return _KIND_WEAK if len(text) <= 8 else _KIND_NONE
    if len(text) <= 60 and _MULTI_SEP.search(text) and not _HAS_DIGIT.search(text):
        pieces = [p for p in _MULTI_SEP.split(text) if p]
        if len(pieces) > 1 and all(_unit_kind(p) == _KIND_STRONG for p in pieces):
            return _KIND_STRONG
    return _KIND_NONE


# --- table head -------------------------------------------------------------------------


def _head_at(lines: list[_Line], i: int) -> _Head | None:
    """A table head starting at line i: 序号 then one head per line (a head may be broken
    over up to three lines, 项目 / 名称), or all heads on one line separated by spaces."""
    text = lines[i].text
    if " " in text and len(text) <= 80:
        tokens = text.split(" ")
        one_line = [head_field(t) for t in tokens]
        if one_line[0] == "seq" and all(one_line) and len(tokens) >= 3:
            return _Head(i, i + 1, [f for f in one_line if f], tokens, [lines[i].n] * len(tokens))
    fields: list[str] = []
    written: list[str] = []
    at: list[int] = []
    j = i
    while j < len(lines):
        found = None
        for width in (3, 2, 1):
            if j + width > len(lines):
                continue
            parts = [ln.text for ln in lines[j : j + width]]
            if any(len(p) > 16 for p in parts):
                continue
            f = head_field("".join(parts))
            if f is not None:
                found = (width, f, "".join(parts))
                break
        if found is None:
            break
        width, f, w = found
        if not fields and f != "seq":
            return None
        if fields and f == "seq":
            break
        fields.append(f)
        written.append(w)
        at.append(lines[j].n)
        j += width
    if len(fields) < 3:
        return None
    return _Head(i, j, fields, written, at)


def _is_table_head(h: _Head) -> bool:
    fs = set(h.fields)
    return "content" in fs and bool(fs & {"lead_units", "units"})


def _find_heads(lines: list[_Line]) -> list[_Head]:
    heads: list[_Head] = []
    i = 0
    while i < len(lines):
        if len(lines[i].text) <= 80 and head_field(lines[i].text.split(" ")[0]) == "seq":
            h = _head_at(lines, i)
            if h is not None and _is_table_head(h):
                heads.append(h)
                i = h.end
                continue
        i += 1
    return heads


def _check_head(h: _Head, lines: list[_Line], ctx: _Ctx) -> None:
    last = -1
    seen: set[int] = set()
    for f, w, line in zip(h.fields, h.written, h.at, strict=True):
        if f not in _FIELD_ORDER:
            raise ctx.error(
                f"页面文本中无法区分的列「{w}」: 只支持 序号/项目/工作内容/牵头(责任)单位/完成情况",
                line,
            )
        rank = _FIELD_ORDER[f]
        if rank in seen:
            raise ctx.error(f"表头中「{w}」重复", line)
        if rank < last:
            raise ctx.error(f"表头列的顺序无法识别: 「{w}」的位置不对", line)
        seen.add(rank)
        last = rank


# --- metadata ----------------------------------------------------------------------------


def _iso_date(text: str) -> str:
    m = _DATE.search(text)
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _is_key_line(text: str) -> bool:
    return _LINE_STARTS_WITH_KEY.match(fold(text)) is not None


def _key_alone(text: str) -> str | None:
    key = re.sub(r"\s+", "", re.sub(r":+$", "", fold(text)))
    return key if key in _META_KEYS else None


@dataclass
class _Meta:
    values: dict[str, str] = field(default_factory=dict)
    attachments: list[str] = field(default_factory=list)
    free: list[_Line] = field(default_factory=list)  # lines that are not metadata
    meta_lines: int = 0


def _set_value(meta: _Meta, key: str, value: str) -> None:
    name = _META_KEYS[key]
    if not name:
        return
    value = value.strip()
    if name == "attachments":
        if value:
            meta.attachments.append(value)
        return
    if name in _DATE_FIELDS:
        stamped = name in ("generated_on", "published_on")
        if stamped and (at := _TIME.search(value)) and (day := _iso_date(value)):
            meta.values.setdefault("published_at", f"{day} {at.group(1)}")
        value = _iso_date(value)
    elif value:
        value = index_number(value) if name == "index_no" else value
    for filled in (name, *_ALSO.get(key, ())):
        if value and not meta.values.get(filled):
            meta.values[filled] = value


def _read_meta(lines: list[_Line]) -> _Meta:
    """The metadata of a preamble: "key value key value" lines, "key: value" lines, and
    a key alone on its line with its value on the next line."""
    meta = _Meta()
    i = 0
    while i < len(lines):
        text = lines[i].text
        key = _key_alone(text)
        if key is not None:
            meta.meta_lines += 1
            i += 1
            if _META_KEYS[key] == "attachments":
                while i < len(lines) and _FILE_NAME.search(lines[i].text):
                    meta.attachments.append(lines[i].text)
                    i += 1
                continue
            if i < len(lines) and not _is_key_line(lines[i].text):
                value = lines[i].text
                is_date = _META_KEYS[key] in _DATE_FIELDS
                if not is_date or _iso_date(value):
                    _set_value(meta, key, value)
                    meta.meta_lines += 1
                    i += 1
            continue
        if _is_key_line(text):
            meta.meta_lines += 1
            marks = list(_KEY_AT.finditer(fold(text)))
            for k, m in enumerate(marks):
                end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
                key = re.sub(r"\s+", "", m.group(1))
                _set_value(meta, key, text[m.end() : end])
            i += 1
            continue
        meta.free.append(lines[i])
        i += 1
    return meta


def _looks_like_title(text: str) -> bool:
    return len(text) <= 100 and not text.endswith("。") and _TITLE_WORDS.search(text) is not None


def _pick_title(free: list[_Line]) -> int | None:
    """Index of the title among a preamble's free lines: one naming a year first (the
    breadcrumb above it may also end in 任务), then any title-like line."""
    for k, ln in enumerate(free):
        if _looks_like_title(ln.text) and period_from_title(ln.text) is not None:
            return k
    for k, ln in enumerate(free):
        if _looks_like_title(ln.text):
            return k
    return None


def _is_crumb(text: str) -> bool:
    return len(text) <= 20 and _CJK_NAME.fullmatch(text) is not None


def _preamble_start(
    lines: list[_Line], lo: int, hi: int, title: str, has_progress: bool, need_title: bool
) -> int:
    """Where the preamble of a following copy begins, scanning back from hi (exclusive) no
    further than lo: metadata lines, then the title, then breadcrumb lines above it. A
    breadcrumb line is only taken where the last task keeps its content, unit and progress
    without it (so a short last progress such as 已完成 stays progress)."""
    p = hi
    meta_found = False
    while p > lo:
        t = lines[p - 1].text
        if _key_alone(t) is not None or _is_key_line(t):
            p -= 1
            meta_found = True
        elif p - 2 >= lo and _key_alone(lines[p - 2].text) is not None:
            p -= 2
            meta_found = True
        else:
            break
    if p <= lo:
        return p
    t = lines[p - 1].text
    is_title = t == title if title else (_looks_like_title(t) and period_from_title(t) is not None)
    if not is_title:
        return p if meta_found or not need_title else hi
    p -= 1
    # The last task of the copy above: its seq line and cells.
    s = next((x for x in range(p - 1, lo - 1, -1) if _seq_of(lines[x].text) is not None), None)
    if s is None:
        return p
    need = 3 if has_progress else 2
    while p - 1 > s and _is_crumb(lines[p - 1].text):
        cells = lines[s + 1 : p - 1]
        if cells and split_section(cells[0].text)[0]:
            cells = cells[1:]
        if len(cells) < need or (has_progress and _unit_kind(cells[-1].text) >= _KIND_STRONG):
            break
        p -= 1
    return p


# --- tasks -------------------------------------------------------------------------------


def _is_plain_title(cells: list[_Line], has_progress: bool, known: set[str]) -> bool:
    """A section title written without a number (主要经济指标), where the table has a
    項目 column: short, no punctuation, and followed by a full task (content, unit ...)."""
    t = cells[0].text
    if not _is_crumb(t) or _unit_kind(t) == _KIND_STRONG:
        return False
    if normalize_head(t) in known:
        return True
    if len(cells) < (4 if has_progress else 3) or _unit_kind(cells[1].text) != _KIND_NONE:
        return False
    return any(_unit_kind(c.text) != _KIND_NONE for c in cells[2:])


def _unit_span(kinds: list[int]) -> tuple[int, int] | None:
    """[start, end) of the unit cells among the cells after the first content cell."""
    start = next((x for x, k in enumerate(kinds) if k >= _KIND_STRONG), None)
    if start is None:
        start = next((x for x, k in enumerate(kinds) if k == _KIND_WEAK), None)
        if start is None:
            return None
    else:
        # Short bare names right before a suffixed one are units too (拱投发 / 上塘街道).
        while start > 0 and kinds[start - 1] == _KIND_WEAK:
            start -= 1
    end = start
    while end < len(kinds):
        if kinds[end] >= _KIND_STRONG:
            end += 1
            continue
        if kinds[end] == _KIND_WEAK:
            nxt = end
            while nxt < len(kinds) and kinds[nxt] == _KIND_WEAK:
                nxt += 1
            if nxt < len(kinds) and kinds[nxt] >= _KIND_STRONG:
                end = nxt
                continue
            if end == start:  # the task's only unit is a bare name
                end += 1
                continue
        break
    return start, end


def _merge_fragments(cells: list[_Line], ctx: _Ctx) -> list[_Line]:
    """Join a unit name broken over two lines (生态环境 / 拱墅分局): the halves are adjacent
    lines of one block, or the joined name is written whole elsewhere in the document."""
    out: list[_Line] = []
    k = 0
    while k < len(cells):
        c = cells[k]
        if k + 1 < len(cells) and _unit_kind(c.text) == _KIND_WEAK:
            nxt = cells[k + 1]
            joined = c.text + nxt.text
            if _unit_kind(joined) == _KIND_STRONG and (
                nxt.block == c.block or joined in ctx.known_units
            ):
                out.append(_Line(c.n, joined, c.block))
                k += 2
                continue
        out.append(c)
        k += 1
    return out


def _read_task(
    seq: int,
    seq_line: _Line,
    cells: list[_Line],
    head: _Head,
    ctx: _Ctx,
    at_eof: bool,
    sections_seen: set[str],
) -> _Row:
    has_progress = "progress" in head.fields
    last_n = cells[-1].n if cells else seq_line.n

    def fail(message: str, line: int) -> ReadError:
        if at_eof:
            return ctx.error(f"文件在任务 {seq} 中间结束: {message}", last_n)
        return ctx.error(f"任务 {seq}: {message}", line)

    section = None
    number, title = split_section(cells[0].text) if cells else ("", "")
    if number and title:
        section = (number, title)
        cells = cells[1:]
    elif cells and "section" in head.fields and _is_plain_title(cells, has_progress, sections_seen):
        section = ("", cells[0].text)
        cells = cells[1:]
    if not cells:
        raise fail("缺少工作内容", seq_line.n)
    if _seq_of(cells[0].text) is not None:
        raise fail(f"工作内容不应是一个数字 ({cells[0].text})", cells[0].n)

    after = _merge_fragments(cells[1:], ctx)
    kinds = [_unit_kind(c.text) for c in after]
    span = _unit_span(kinds)
    if span is None:
        raise fail("缺少牵头单位", cells[0].n)
    start, end = span
    content_cells = [cells[0], *after[:start]]
    unit_cells = after[start:end]
    progress_cells = after[end:]
    if has_progress and not progress_cells:
        if len(unit_cells) > 1 and kinds[end - 1] == _KIND_WEAK:
            progress_cells = [unit_cells.pop()]
        else:
            raise fail("缺少完成情况", unit_cells[-1].n)
    if not has_progress and progress_cells:
        extra = progress_cells[0]
        raise fail(f"牵头单位之后的文字无法归入任何列: {extra.text[:20]}", extra.n)

    names: list[str] = []
    aliases: dict[str, str] = {}
    roles: list[tuple[str, str]] = []
    for c in unit_cells:
        if _ROLE_CELL.fullmatch(fold(c.text)):
            inner = re.sub(r"^[(（]|[)）]$", "", c.text.strip())
            roles.extend(split_roles(inner))
            continue
        if m := _ALIAS.fullmatch(fold(c.text)):
            alias = c.text[m.start(1) : m.end(1)]
            if names:
                aliases[alias] = names[-1]
            else:
                names.append(alias)
            continue
        ns, al = split_units(c.text)
        names.extend(ns)
        aliases.update(al)
    names = list(dict.fromkeys(names))

    progress = "\n".join(c.text for c in progress_cells)
    if progress in _EMPTY_PROGRESS:
        progress = ""
    task = ParsedTask(
        seq=seq,
        content="\n".join(c.text for c in content_cells),
        progress=progress,
        where=f"line {seq_line.n}",
    )
    if "units" in head.fields:  # 责任单位: the first named leads
        task.lead_units, task.cooperating_units = names[:1], names[1:]
    else:
        task.lead_units = names
    for role, written in roles:  # "（牵头单位：…；配合单位：…）" says who leads
        ns, al = split_units(written)
        aliases.update(al)
        if role == "lead_units" or (role == "units" and not task.lead_units):
            ns, rest = (ns, []) if role == "lead_units" else (ns[:1], ns[1:])
            task.lead_units += [n for n in ns if n not in task.lead_units]
            ns = rest
        task.cooperating_units += [
            n for n in ns if n not in task.lead_units and n not in task.cooperating_units
        ]
    task.unit_aliases = aliases
    if section is not None:
        sections_seen.add(normalize_head(section[0] + section[1]))
        sections_seen.add(normalize_head(section[1]))
    return _Row(task, section, last_line=last_n)


def _read_table(
    lines: list[_Line], lo: int, hi: int, head: _Head, ctx: _Ctx, at_eof: bool
) -> list[_Row]:
    last_head_line = lines[head.end - 1].n
    if lo >= hi:
        where = lines[hi - 1].n if hi > 0 else last_head_line
        raise ctx.error("表头之后没有任务" + (" (文件在此结束)" if at_eof else ""), where)
    first = _seq_of(lines[lo].text)
    if first is None:
        raise ctx.error(f"表头之后应是序号, 实为「{lines[lo].text[:20]}」", lines[lo].n)
    rows: list[_Row] = []
    sections_seen: set[str] = set()
    i = lo
    seq = first
    while i < hi:
        j = i + 1
        while j < hi:
            v = _seq_of(lines[j].text)
            if v is not None:
                if v == seq + 1:
                    break
                follows = j + 1 < hi and _seq_of(lines[j + 1].text) == seq + 1
                if v <= _MAX_SEQ and not follows:
                    raise ctx.error(f"序号不连续: 应为 {seq + 1}, 实为 {v}", lines[j].n)
            j += 1
        rows.append(
            _read_task(
                seq, lines[i], lines[i + 1 : j], head, ctx, at_eof and j >= hi, sections_seen
            )
        )
        seq += 1
        i = j
    return rows


# --- the report --------------------------------------------------------------------------


def _sections(rows: list[_Row], ctx: _Ctx) -> list[ParsedSection]:
    """Group tasks into sections. A heading repeated at a page break (the same number and
    title) continues its section; it is not a new one."""
    by_key: dict[str, ParsedSection] = {}
    order: list[ParsedSection] = []
    current: ParsedSection | None = None
    for row in rows:
        if row.section is not None:
            number, title = row.section
            key = normalize_head(number + title)
            if key not in by_key:
                by_key[key] = ParsedSection(number=number, title=title)
                order.append(by_key[key])
            elif by_key[key] is not current and current is not None:
                ctx.warnings.append(
                    f"任务 {row.task.seq}: 部分「{number}{title}」在其他部分之后再次出现"
                )
            current = by_key[key]
        if current is None:
            current = ParsedSection(number="", title="")
            by_key[""] = current
            order.append(current)
        current.tasks.append(row.task)
        row.heading = current.heading
    return order


def _compare(first: _Copy, other: _Copy, k: int, ctx: _Ctx) -> None:
    a_rows, b_rows = first.rows, other.rows
    if len(b_rows) < len(a_rows):
        last = b_rows[-1].task.seq if b_rows else 0
        raise ctx.error(
            f"第 {k + 1} 份表格只到任务 {last} 就结束了, 第一份有 {len(a_rows)} 个任务"
            + (" (文件不完整)" if other.at_eof else ""),
            other.end_line,
        )
    if len(b_rows) > len(a_rows):
        raise ctx.error(
            f"第一份表格只有 {len(a_rows)} 个任务, 第 {k + 1} 份有 {len(b_rows)} 个",
            first.end_line,
        )
    for a, b in zip(a_rows, b_rows, strict=True):
        ta, tb = a.task, b.task
        if ta.seq != tb.seq:
            raise ReadError(
                f"第 {k + 1} 份表格的序号 {tb.seq} 与第一份的 {ta.seq} 不符", tb.where, ctx.source
            )
        for name, x, y in (
            ("section", a.heading, b.heading),
            ("content", ta.content, tb.content),
            ("lead_units", ta.lead_units, tb.lead_units),
            ("cooperating_units", ta.cooperating_units, tb.cooperating_units),
            ("unit_aliases", ta.unit_aliases, tb.unit_aliases),
            ("progress", ta.progress, tb.progress),
        ):
            if x == y:
                continue
            if (
                other.at_eof
                and b is b_rows[-1]
                and isinstance(x, str)
                and isinstance(y, str)
                and x.startswith(y)
            ):
                raise ctx.error(
                    f"文件在任务 {tb.seq} 的{_FIELD_LABELS[name]}中间结束", other.end_line
                )
            ctx.warnings.append(
                f"任务 {ta.seq} 的{_FIELD_LABELS[name]}({name})两份表格不一致: "
                f"{ta.where} 与 {tb.where}"
            )


def _fill_meta(meta: ReportMeta, found: _Meta, ctx: _Ctx, crumbs: list[str]) -> None:
    for name, value in found.values.items():
        old = getattr(meta, name)
        if not old:
            setattr(meta, name, value)
        elif old != value:
            ctx.warnings.append(f"元数据「{FIELD_LABELS[name]}」两处不一致: {old} / {value}")
    for a in found.attachments:
        if a not in meta.attachments:
            meta.attachments.append(a)
    if crumbs and not meta.category_path:
        meta.category_path = [c for k, c in enumerate(crumbs) if k == 0 or crumbs[k - 1] != c]


def _read_preamble(lines: list[_Line], meta: ReportMeta, ctx: _Ctx) -> None:
    found = _read_meta(lines)
    t = _pick_title(found.free)
    crumbs: list[str] = []
    if t is not None:
        title = found.free[t].text
        if not meta.title:
            meta.title = title
        elif meta.title != title:
            ctx.warnings.append(f"元数据「标题」两处不一致: {meta.title} / {title}")
        crumbs = [ln.text for ln in found.free[:t] if _is_crumb(ln.text)]
    _fill_meta(meta, found, ctx, crumbs)


def infer_government(text: str) -> str:
    """The government a page speaks for: the most frequent "<two hanzi>区/县" name, generic
    area words (全区, 城区, 园区, 社区, 开发区 ...) left out. "" where none stands out."""
    counts: Counter[str] = Counter()
    for m in _PLACE.finditer(text):
        name = m.group(1)
        if name[0] in _GENERIC_PLACE_HEAD or name[1] in _GENERIC_PLACE_TAIL:
            continue
        counts[name + m.group(2)] += 1
    if not counts:
        return ""
    (best, n), *rest = counts.most_common(2) + [("", 0)]
    # A name seen once, or tied with another, is not evidence enough.
    if n < 3 or n == rest[0][1]:
        return ""
    return best


def _check_nothing_before_head(lines: list[_Line], ctx: _Ctx) -> None:
    """A table whose head lost a line is not found as a table, and would silently vanish
    into the preamble of the next one: a 序号 head or a run of task numbers 1, 2, 3 before
    the first complete head means the head is broken."""
    want = 1
    first_line = 0
    for ln in lines:
        if head_field(ln.text) == "seq":
            raise ctx.error(f"表头不完整: 「{ln.text}」之后缺少工作内容或牵头单位列", ln.n)
        if _seq_of(ln.text) == want:
            first_line = first_line or ln.n
            want += 1
            if want > 3:
                raise ctx.error("表头之前已有任务序号 1, 2, 3: 表头缺失或不完整", first_line)


def read_seedtext(text: str, source: str = "") -> ParsedReport:
    """Read a page's scraped text into a ParsedReport. Raises ReadError naming the line."""
    ctx = _Ctx(source)
    lines = _split_lines(text.lstrip("\ufeff"))
    if not lines:
        raise ctx.error("文件是空的", 1)
    heads = _find_heads(lines)
    if not heads:
        raise ctx.error(
            "没有找到表头 (序号 / 主要工作内容 / 牵头单位 / 完成情况, 每行一个)", lines[-1].n
        )
    for h in heads:
        _check_head(h, lines, ctx)
    ctx.known_units = {ln.text for ln in lines if _unit_kind(ln.text) == _KIND_STRONG}

    _check_nothing_before_head(lines[: heads[0].start], ctx)
    meta = ReportMeta()
    _read_preamble(lines[: heads[0].start], meta, ctx)

    copies: list[_Copy] = []
    for k, h in enumerate(heads):
        has_progress = "progress" in h.fields
        is_last = k + 1 == len(heads)
        hi = len(lines) if is_last else heads[k + 1].start
        end = _preamble_start(lines, h.end, hi, meta.title, has_progress, need_title=is_last)
        if is_last and end < hi:
            tail = lines[end:hi]
            if meta.title and any(ln.text == meta.title for ln in tail):
                raise ctx.error("文件在第二份表格的标题处结束, 缺少表格", lines[-1].n)
        footer = next((x for x in range(h.end, end) if _FOOTER.match(lines[x].text)), None)
        table_end = footer if footer is not None else end
        at_eof = is_last and table_end == len(lines)
        rows = _read_table(lines, h.end, table_end, h, ctx, at_eof)
        copies.append(_Copy(h, rows, lines[table_end - 1].n, at_eof))
        if end < hi:
            _read_preamble(lines[end:hi], meta, ctx)

    first = copies[0]
    sections = _sections(first.rows, ctx)
    for k, other in enumerate(copies[1:], start=1):
        if other.head.fields != first.head.fields:
            raise ctx.error(f"第 {k + 1} 份表格的表头与第一份不同", lines[other.head.start].n)
        _sections(other.rows, _Ctx(ctx.source))  # fills each row's heading
        _compare(first, other, k, ctx)

    if len(copies) == 1 and first.rows and "progress" in first.head.fields:
        _warn_if_cut(first, ctx)

    report = ParsedReport(
        meta=meta,
        sections=sections,
        period=period_from_title(meta.title) if meta.title else None,
        government=infer_government(text),
        format=FORMAT,
        columns=dict(zip(first.head.written, first.head.fields, strict=True)),
        warnings=ctx.warnings,
    )
    return report


_SENTENCE_END = ("。", ".", "!", "!", "?", "?", "”", ")", ")", "%", "》", ";", ";")


def _warn_if_cut(copy: _Copy, ctx: _Ctx) -> None:
    """One copy only, so a cut at a task boundary is invisible; a cut inside the last
    progress usually leaves it without the sentence end every other progress has."""
    ends = [r.task.progress.endswith(_SENTENCE_END) for r in copy.rows if r.task.progress]
    last = copy.rows[-1].task
    if len(ends) >= 5 and sum(ends[:-1]) >= 0.9 * (len(ends) - 1) and not ends[-1]:
        ctx.warnings.append(
            f"任务 {last.seq} 的完成情况没有以句末标点结束, 文件可能不完整 ({last.where})"
        )


def looks_like_seedtext(text: str) -> bool:
    """Whether text is a scraped page with a one-cell-per-line table: a head written one
    column per line (序号 / 项目名称 / 主要工作内容 / 牵头单位 ...) followed by task 1."""
    lines = _split_lines(text[:400_000])
    for i, ln in enumerate(lines[:5000]):
        if head_field(ln.text) != "seq":
            continue
        h = _head_at(lines, i)
        if h is None or not _is_table_head(h) or h.end - h.start < 3 or h.end >= len(lines):
            continue
        if _seq_of(lines[h.end].text) is not None:
            return True
    return False
