"""HTML pages as saved from a government site (BeautifulSoup + lxml).

The data table is picked by its recognised heads, never by position: these pages are
built from layout tables, a metadata table and the data table. rowspan/colspan are
expanded into a grid so a section cell spanning five rows reads as five rows of that
section. Inside a cell, <br>, <p>, <div> and <li> start a new line (a paragraph break in a
progress cell, another unit in a unit cell); other whitespace collapses as a browser
collapses it. The 政府信息公开 metadata block is read from a table (label cell, value cell),
a <dl> or "label:value" lines."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag
from bs4.element import (
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
)

from luoshi.ingest.encoding import utf16_of
from luoshi.ingest.metadata import inline_pairs, label_fields, set_meta
from luoshi.ingest.report import ParsedReport, ReadError, ReportMeta, period_from_title
from luoshi.ingest.tabular import Table, clean_text, head_field, read_tables
from luoshi.textparse.fold import fold

_BLOCK = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
    "ul", "ol", "dl", "table", "section", "article", "blockquote", "pre", "hr",
}  # fmt: skip
_SKIP = {"script", "style", "noscript", "template", "head", "title"}

# Spans beyond these are corrupt (or hostile); a real task table has < 1000 rows.
MAX_SPAN = 1000
MAX_GRID = 400_000

_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_ATTACH_EXT = re.compile(r"\.(docx?|xlsx?|et|wps|pdf|zip|rar|ofd|csv)(\?|$)", re.I)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if utf16 := utf16_of(data):  # a page saved as "Unicode", with or without a BOM
        return data.decode(utf16, "replace").removeprefix("\ufeff")
    head = data[:4096].decode("ascii", "replace").lower()
    m = re.search(r"charset\s*=\s*[\"']?([a-z0-9_-]+)", head)
    declared = m.group(1) if m else ""
    candidates = ["utf-8-sig"]
    if declared in ("gbk", "gb2312", "gb18030", "x-gbk"):
        candidates = ["gb18030", "utf-8-sig"]
    for enc in candidates + ["gb18030"]:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def cell_text(node: Tag) -> str:
    """Text of a cell with block-level breaks as "\\n" and inline whitespace collapsed."""
    parts: list[str] = []

    def walk(n: Tag) -> None:
        for child in n.children:
            if isinstance(child, Comment | Doctype | Declaration | ProcessingInstruction):
                continue
            if isinstance(child, NavigableString):
                # A source line break between two Chinese characters is no space (CSS
                # Text 3 segment-break rule); other whitespace runs collapse to one space.
                text = _CJK_BREAK.sub("", str(child))
                parts.append(re.sub(r"[ \t\r\n\f]+", " ", text))
            elif isinstance(child, Tag):
                name = (child.name or "").lower()
                if name in _SKIP:
                    continue
                if name in _BLOCK:
                    parts.append("\n")
                walk(child)
                if name in _BLOCK:
                    parts.append("\n")

    walk(node)
    return clean_text("".join(parts))


def _own_rows(table: Tag) -> list[Tag]:
    """The rows of this table, not of tables nested inside its cells."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _span(cell: Tag, name: str) -> int:
    raw = str(cell.get(name) or "1").strip()
    m = re.match(r"\d+", raw)
    return min(max(int(m.group()), 0), MAX_SPAN) if m else 1


def table_grid(table: Tag) -> list[list[str]]:
    """The table as a grid, every spanned cell's text copied into each slot it covers."""
    trs = _own_rows(table)
    grid: list[list[str | None]] = [[] for _ in trs]
    for r, tr in enumerate(trs):
        c = 0
        cells = [td for td in tr.find_all(["td", "th"]) if td.find_parent("tr") is tr]
        for td in cells:
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            text = cell_text(td)
            rs = _span(td, "rowspan") or (len(trs) - r)  # rowspan=0: to the end
            cs = _span(td, "colspan") or 1
            for rr in range(r, min(r + rs, len(trs))):
                row = grid[rr]
                if len(row) < c + cs:
                    row.extend([None] * (c + cs - len(row)))
                for cc in range(c, c + cs):
                    if row[cc] is None:
                        row[cc] = text
            c += cs
            if sum(len(g) for g in grid) > MAX_GRID:
                raise ReadError("表格过大", f"row {r + 1}")
    return [[v or "" for v in row] for row in grid]


_DATETIME = re.compile(
    r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+(\d{1,2}:\d{2}(?::\d{2})?))?"
)


def read_meta(soup: BeautifulSoup, skip: set[int]) -> ReportMeta:
    """The disclosure metadata wherever the page puts it: label and value cells (<td> or
    <th>), sibling <li>/<span> pairs, <dl>, "label：value" runs; labels full-width or not,
    justified or not (see luoshi.ingest.metadata)."""
    meta = ReportMeta()
    # Tables (other than the data tables): a label cell followed by its value cell.
    for table in soup.find_all("table"):
        if id(table) in skip:
            continue
        for tr in _own_rows(table):
            cells = [td for td in tr.find_all(["td", "th"]) if td.find_parent("tr") is tr]
            _read_pairs([cell_text(td) for td in cells], meta)
    # <dl><dt>索引号</dt><dd>…</dd></dl>
    for dt in soup.find_all("dt"):
        fields = label_fields(cell_text(dt))
        dd = dt.find_next_sibling("dd")
        if fields and dd is not None:
            set_meta(meta, fields, cell_text(dd))
    # <ul><li>索引号</li><li>K1493206-6/…</li></ul>: a label item and its value item.
    for ul in soup.find_all(["ul", "ol"]):
        items = [li for li in ul.find_all("li", recursive=False)]
        if len(items) >= 2 and all(li.find(["li", "table"]) is None for li in items):
            _read_pairs([cell_text(li) for li in items], meta)
    # "label:value" in list items, paragraphs, spans.
    for el in soup.find_all(["li", "p", "span", "div", "td", "th"]):
        if el.find(["li", "p", "div", "table"]) is not None:
            continue  # only leaf-ish blocks, so one line is not read at every level
        text = cell_text(el).replace("\n", " ")
        if len(text) > 300:
            continue
        # A <li><span>索引号</span><span>K1493206-6/...</span></li> pair without colon.
        kids = [k for k in el.find_all(recursive=False) if isinstance(k, Tag)]
        if (
            len(kids) == 2
            and (fields := label_fields(cell_text(kids[0])))
            and label_fields(cell_text(kids[1])) is None
        ):
            set_meta(meta, fields, cell_text(kids[1]))
            continue
        for fields, value in inline_pairs(text):
            set_meta(meta, fields, value)
    return meta


def _read_pairs(texts: list[str], meta: ReportMeta) -> None:
    """Label cell, value cell, label cell, value cell …; a cell that is no label may hold
    "索引号：K14…/2022-22822" runs of its own."""
    i = 0
    while i < len(texts):
        fields = label_fields(texts[i])
        if fields is None:
            for found, value in inline_pairs(texts[i]):
                set_meta(meta, found, value)
            i += 1
            continue
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        if nxt and label_fields(nxt) is None and not inline_pairs(nxt):
            set_meta(meta, fields, nxt)
            i += 2
        else:
            i += 1


def _title(soup: BeautifulSoup, meta: ReportMeta) -> str:
    for name in ("ArticleTitle", "title", "og:title"):
        tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", attrs={"property": name})
        if tag is not None and clean_text(tag.get("content") or ""):
            return clean_text(tag.get("content") or "").replace("\n", "")
    for h in soup.find_all(["h1", "h2"]):
        text = cell_text(h).replace("\n", "")
        if len(text) >= 6:
            return text
    if meta.title:
        return meta.title
    if soup.title is not None:
        text = clean_text(soup.title.get_text()).replace("\n", "")
        return re.split(r"\s*[_|]\s*|\s+-\s+", text)[0]
    return ""


def _crumb(soup: BeautifulSoup) -> list[str]:
    for el in soup.find_all(True):
        cls = " ".join(el.get("class") or []) + " " + str(el.get("id") or "")
        own = "".join(str(t) for t in el.find_all(string=True, recursive=False)).strip()
        if not (
            re.search(r"crumb|position|location|bread|dqwz|curpos", cls, re.I)
            or own.startswith("当前位置")
        ):
            continue
        if el.find(["table", "li", "p", "div", "ul"]) is not None:
            continue  # the innermost element only, never a wrapper of the whole page
        text = cell_text(el).replace("\n", " ")
        if len(text) <= 200:
            parts = [p.strip() for p in re.split(r"[>»〉›]", text) if p.strip()]
            parts = [re.sub(r"^.{0,6}?位置\s*[:：]?\s*", "", p) for p in parts]
            return [p for p in parts if p and p not in ("首页", "政府信息公开", "信息公开")]
    return []


def read_html(
    data: bytes | str, source: str = "", column_overrides: dict[int, str] | None = None
) -> ParsedReport:
    text = _decode(data)
    _check_tables_closed(text, source)
    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception as exc:  # lxml gives up on some binary garbage
        raise ReadError(f"无法解析 HTML: {type(exc).__name__}", "", source) from None

    tables: list[Table] = []
    tags: list[Tag] = []
    for n, table in enumerate(soup.find_all("table"), start=1):
        try:
            grid = table_grid(table)
        except ReadError as err:
            raise ReadError(err.message, f"table {n} {err.where}".strip(), source) from None
        if not grid:
            continue

        def where(r: int, c: int | None, n: int = n) -> str:
            return f"table {n} row {r + 1}"

        tables.append(
            Table(name=f"table {n}", rows=grid, where=where, section_hint=_title_before(table))
        )
        tags.append(table)

    # Only tables that have a head of their own compete; the metadata and layout tables
    # are not "skipped" data tables worth a warning, but a table with a row of two known
    # heads is (附件1 whose heads are not recognised): read_tables names it.
    data_idx = [i for i, t in enumerate(tables) if _looks_like_data(t) or _looks_like_head(t)]
    if not data_idx and not column_overrides:
        # No task table: a 督查通报 written as numbered paragraphs, else the table error.
        if (report := _paragraph_page(soup, source)) is not None:
            if tables:
                report.warnings.append(f"页面中的 {len(tables)} 个表格都没有可识别的表头, 未读取")
            return report
        if not tables:
            raise ReadError("页面中没有表格", "", source)
        from luoshi.ingest.tabular import _looked_for

        raise ReadError(_looked_for(), "table 1", source)
    chosen = [tables[i] for i in data_idx] if data_idx else tables
    skip = {id(tags[i]) for i in data_idx}
    meta = read_meta(soup, skip)
    meta.title = _title(soup, meta)
    if not meta.category_path:
        meta.category_path = _crumb(soup)
    for a in soup.find_all("a", href=True):
        href = str(a.get("href") or "")
        if _ATTACH_EXT.search(href):
            name = cell_text(a).replace("\n", "") or href.rsplit("/", 1)[-1]
            if name not in meta.attachments:
                meta.attachments.append(name)
    # The page's date/time line ("发布日期: 2022-01-19 11:50:16"): the first such label
    # that carries a time, since the metadata block gives the bare date first.
    page = cell_text(soup.body or soup).replace("\n", " ")
    pattern = r"发布(?:日期|时间)\s*[::]\s*" + _DATETIME.pattern
    m = next((m for m in re.finditer(pattern, fold(page)) if m.group(4)), None)
    if m:
        meta.published_at = (
            f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d} {m.group(4)}"
        )
        if len(m.group(4)) <= 5:
            meta.published_at += ":00"

    report = read_tables(chosen, source, "html", meta, column_overrides)
    report.period = period_from_title(report.meta.title)
    report.government = _government_of(soup) or report.government
    return report


def _government_of(soup: BeautifulSoup) -> str:
    """The government the page's <title> names ("…_某某县人民政府")."""
    if soup.title is not None:
        gov = re.search(r"([\u4e00-\u9fff]{2,20}?(?:区|县|市|旗)人民政府)", soup.title.get_text())
        if gov:
            return gov.group(1)
    return ""


def _article(soup: BeautifulSoup) -> Tag:
    """The page's article body: the element holding the most paragraphs of its own (the
    TRS_Editor / zoom / article-content of government sites), else the body."""
    best, count = None, 2
    for el in soup.find_all(["div", "td", "article", "section"]):
        own = sum(1 for child in el.children if isinstance(child, Tag) and child.name == "p")
        if own > count:
            best, count = el, own
    return best or soup.body or soup


def _paragraph_page(soup: BeautifulSoup, source: str) -> ParsedReport | None:
    """The page read as a paragraph report (luoshi.ingest.paragraphs), or None where its
    text holds no numbered task. Places are "paragraph N", the Nth line of the article."""
    from luoshi.ingest.paragraphs import read_paragraph_lines

    lines = [line for line in cell_text(_article(soup)).split("\n") if line.strip()]
    try:
        report = read_paragraph_lines(lines, source, where_prefix="paragraph")
    except ReadError:
        return None
    meta = read_meta(soup, set())
    meta.title = _title(soup, meta) or report.meta.title
    meta.category_path = meta.category_path or _crumb(soup)
    report.meta = meta
    report.period = period_from_title(meta.title)
    report.government = _government_of(soup)
    report.government_where = "页面标题" if report.government else ""
    report.warnings.append("页面中没有任务表格, 按段落读取")
    return report


def _check_tables_closed(text: str, source: str) -> None:
    """A page cut off inside its table still parses (lxml closes what is open) and would
    read as a shorter report; a <table> without its </table> is refused instead."""
    opened = len(re.findall(r"<table\b", text, re.I))
    closed = len(re.findall(r"</table\s*>", text, re.I))
    if closed < opened:
        line = text.count("\n") + (0 if text.endswith("\n") else 1)
        raise ReadError("表格没有结束 (缺少 </table>), 文件可能不完整", f"line {line}", source)


def _looks_like_head(table: Table) -> bool:
    return any(sum(1 for v in row if head_field(v)) >= 2 for row in table.rows[:15])


def _title_before(table: Tag) -> str:
    """The nearest title-like line above a table, within the same container: "附件2
    2023年重点工作任务推进情况" names the table as a section of the report."""
    seen = 0
    for text in table.find_all_previous(string=True):
        if isinstance(text, Comment | Doctype | Declaration | ProcessingInstruction):
            continue
        if text.parent is not None and text.parent.name in _SKIP:
            continue
        owner = text.find_parent("table")
        if owner is not None and table not in owner.find_all("table"):
            return ""  # the table above: nothing between the two names this one
        line = clean_text(str(text)).replace("\n", "")
        if not line:
            continue
        seen += 1
        if seen > 6:
            return ""
        bare_attachment = re.fullmatch(r"附件\s*\d*[:：]?", line)
        if 4 <= len(line) <= 120 and not re.search(r"[。;；:：,，]$", line) and not bare_attachment:
            return line
    return ""


def _looks_like_data(table: Table) -> bool:
    from luoshi.ingest.tabular import _find_head

    if any(head_field(v) for row in table.rows[:15] for v in row):
        return _find_head(table) is not None
    return False
