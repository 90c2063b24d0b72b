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

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from luoshi.ingest.encoding import utf16_of
from luoshi.ingest.report import ParsedReport, ReadError, ReportMeta, period_from_title
from luoshi.ingest.tabular import Table, clean_text, head_field, read_tables

_BLOCK = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
    "ul", "ol", "dl", "table", "section", "article", "blockquote", "pre", "hr",
}  # fmt: skip
_SKIP = {"script", "style", "noscript", "template", "head", "title"}

# Spans beyond these are corrupt (or hostile); a real task table has < 1000 rows.
MAX_SPAN = 1000
MAX_GRID = 400_000

# Metadata labels -> ReportMeta field.
_META_LABELS = {
    "索引号": "index_no",
    "信息索引号": "index_no",
    "发布机构": "publisher",
    "发布单位": "publisher",
    "发文机关": "publisher",
    "主题分类": "topic",
    "组配分类": "grouping",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "备注/文号": "doc_no",
    "发布日期": "published_on",
    "公布日期": "published_on",
    "生成日期": "generated_on",
    "成文日期": "generated_on",
    "公开方式": "disclosure_method",
    "公开范围": "disclosure_scope",
    "公开时限": "disclosure_term",
    "附件": "attachments",
    "标题": "title",
    "名称": "title",
}
_LABEL_RE = "|".join(sorted((re.escape(k) for k in _META_LABELS), key=len, reverse=True))
_INLINE_META = re.compile(rf"({_LABEL_RE})\s*[::]\s*(.*?)(?=\s+(?:{_LABEL_RE})\s*[::]|$)")
_DATETIME = re.compile(
    r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+(\d{1,2}:\d{2}(?::\d{2})?))?"
)
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


def _meta_value(field: str, value: str, meta: ReportMeta) -> None:
    value = clean_text(value).replace("\n", " ").strip()
    if field == "attachments":
        if value and value not in ("无", "-"):
            for name in re.split(r"\s*[;;\n]\s*", value):
                if name and name not in meta.attachments:
                    meta.attachments.append(name)
        return
    if not value or getattr(meta, field):
        return
    if field in ("published_on", "generated_on"):
        m = _DATETIME.search(value)
        if not m:
            return
        iso = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        setattr(meta, field, iso)
        if field == "published_on" and m.group(4) and not meta.published_at:
            meta.published_at = f"{iso} {m.group(4)}"
        return
    setattr(meta, field, value)


def _label(text: str) -> str | None:
    key = re.sub(r"[::]+$", "", re.sub(r"\s+", "", text)).replace("(", "(").replace(")", ")")
    return _META_LABELS.get(key)


def read_meta(soup: BeautifulSoup, skip: set[int]) -> ReportMeta:
    """The disclosure metadata wherever the page puts it."""
    meta = ReportMeta()
    # Tables (other than the data tables): a label cell followed by its value cell.
    for table in soup.find_all("table"):
        if id(table) in skip:
            continue
        for tr in _own_rows(table):
            cells = [td for td in tr.find_all(["td", "th"]) if td.find_parent("tr") is tr]
            texts = [cell_text(td) for td in cells]
            i = 0
            while i < len(texts):
                field = _label(texts[i])
                if field is None:
                    # "索引号:K14.../2022-22822" inside one cell
                    for m in _INLINE_META.finditer(texts[i].replace("\n", " ")):
                        _meta_value(_META_LABELS[m.group(1)], m.group(2), meta)
                    i += 1
                    continue
                nxt = texts[i + 1] if i + 1 < len(texts) else ""
                if nxt and _label(nxt) is None:
                    _meta_value(field, nxt, meta)
                    i += 2
                else:
                    i += 1
    # <dl><dt>索引号</dt><dd>…</dd></dl>
    for dt in soup.find_all("dt"):
        field = _label(cell_text(dt))
        dd = dt.find_next_sibling("dd")
        if field and dd is not None:
            _meta_value(field, cell_text(dd), meta)
    # "label:value" in list items, paragraphs, spans.
    for el in soup.find_all(["li", "p", "span", "div", "td"]):
        if el.find(["li", "p", "div", "table"]) is not None:
            continue  # only leaf-ish blocks, so one line is not read at every level
        text = cell_text(el).replace("\n", " ")
        if len(text) > 300:
            continue
        # A <li><span>索引号</span><span>K1493206-6/...</span></li> pair without colon.
        kids = [k for k in el.find_all(recursive=False) if isinstance(k, Tag)]
        if (
            len(kids) == 2
            and (field := _label(cell_text(kids[0])))
            and _label(cell_text(kids[1])) is None
        ):
            _meta_value(field, cell_text(kids[1]), meta)
            continue
        for m in _INLINE_META.finditer(text):
            _meta_value(_META_LABELS[m.group(1)], m.group(2), meta)
    return meta


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
            parts = [re.sub(r"^当前位置[::]?\s*", "", p) for p in parts]
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

        tables.append(Table(name=f"table {n}", rows=grid, where=where))
        tags.append(table)

    # Only tables that have a head of their own compete; the metadata and layout tables
    # are not "skipped" data tables worth a warning.
    data_idx = [i for i, t in enumerate(tables) if _looks_like_data(t)]
    if not data_idx and not column_overrides:
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
    m = next((m for m in re.finditer(pattern, page) if m.group(4)), None)
    if m:
        meta.published_at = (
            f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d} {m.group(4)}"
        )
        if len(m.group(4)) <= 5:
            meta.published_at += ":00"

    report = read_tables(chosen, source, "html", meta, column_overrides)
    report.period = period_from_title(report.meta.title)
    if soup.title is not None:
        gov = re.search(r"([\u4e00-\u9fff]{2,20}?(?:区|县|市|旗)人民政府)", soup.title.get_text())
        if gov:
            report.government = gov.group(1)
    return report


def _check_tables_closed(text: str, source: str) -> None:
    """A page cut off inside its table still parses (lxml closes what is open) and would
    read as a shorter report; a <table> without its </table> is refused instead."""
    opened = len(re.findall(r"<table\b", text, re.I))
    closed = len(re.findall(r"</table\s*>", text, re.I))
    if closed < opened:
        line = text.count("\n") + (0 if text.endswith("\n") else 1)
        raise ReadError("表格没有结束 (缺少 </table>), 文件可能不完整", f"line {line}", source)


def _looks_like_data(table: Table) -> bool:
    from luoshi.ingest.tabular import _find_head

    if any(head_field(v) for row in table.rows[:15] for v in row):
        return _find_head(table) is not None
    return False
