"""The 政府信息公开 metadata block as sites write it, for every reader that meets one.

Sites differ in punctuation (索引号： / 索引号: / 索引号 :), in layout (a label cell and a
value cell, <li>label</li><li>value</li>, "label:value" runs on one line) and in how they
justify labels to one width ("索 引 号", "文       号", "名       称"). Labels are matched on
folded text with any whitespace between their characters; values are cut from the text as
written. Nothing here imports Django.
"""

from __future__ import annotations

import re

from luoshi.ingest.report import ReportMeta
from luoshi.textparse.fold import fold

# Label -> the ReportMeta fields it fills (成文日期 fills generated_on too, as it always has).
LABELS: dict[str, tuple[str, ...]] = {
    "索引号": ("index_no",),
    "信息索引号": ("index_no",),
    "发布机构": ("publisher",),
    "发布单位": ("publisher",),
    "发文机关": ("publisher",),
    "发文单位": ("publisher",),
    "发文机构": ("publisher",),
    "主题分类": ("topic",),
    "组配分类": ("grouping",),
    "文号": ("doc_no",),
    "发文字号": ("doc_no",),
    "备注/文号": ("doc_no",),
    "发布日期": ("published_on",),
    "公布日期": ("published_on",),
    "生成日期": ("generated_on",),
    "成文日期": ("written_on", "generated_on"),
    "发文日期": ("issued_on",),
    "公开日期": ("disclosed_on",),
    "公开方式": ("disclosure_method",),
    "公开形式": ("disclosure_form",),
    "公开范围": ("disclosure_scope",),
    "公开时限": ("disclosure_term",),
    "公开责任部门": ("disclosure_dept",),
    "文件名称": ("file_name",),
    "有效性": ("validity",),
    "附件": ("attachments",),
    "标题": ("title",),
    "名称": ("title",),
}
DATE_FIELDS = {"published_on", "generated_on", "written_on", "issued_on", "disclosed_on"}
# A field's name in messages (元数据「索引号」两处不一致): the first label that fills it.
FIELD_LABELS: dict[str, str] = {"published_at": "发布时间"}
for _label, _fields in LABELS.items():
    for _field in _fields:
        FIELD_LABELS.setdefault(_field, _label)

# The index number shapes of docs/domain.md: the publisher's code (9 or 18 characters, or
# with its hyphen: K1493206-6), "/", the year (or year and month: 202012), "-", a serial
# of 3-8 digits. Replace INDEX_NO to read another shape.
INDEX_NO = re.compile(r"[0-9A-Za-z]{6,20}(?:-[0-9A-Za-z]{1,4})?/(?:19|20)\d{2}(?:\d{2})?-\d{3,8}")

_DATETIME = re.compile(
    r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s+(\d{1,2}:\d{2}(?::\d{2})?))?"
)


def _spaced(label: str) -> str:
    """A label's pattern with any whitespace between its characters: 索 引 号."""
    return r"\s*".join(re.escape(ch) for ch in label)


_ALT = "|".join(_spaced(k) for k in sorted(LABELS, key=len, reverse=True))
_INLINE = re.compile(rf"(?:^|(?<=\s))({_ALT})\s*:\s*(.*?)(?=\s+(?:{_ALT})\s*:|$)", re.S)


def label_fields(text: str) -> tuple[str, ...] | None:
    """The fields a label cell names ("索 引 号：", "发布机构", "公开责任部门:"), else None."""
    key = re.sub(r"\s+", "", fold(text or "")).rstrip(":")
    return LABELS.get(key)


def inline_pairs(text: str) -> list[tuple[tuple[str, ...], str]]:
    """[(fields, value as written)] of "label:value" runs on one line:
    "索引号：01105619X/2024-07672 文       号：嘉政办发〔2024〕1号"."""
    line = text.replace("\n", " ")
    out = []
    for m in _INLINE.finditer(fold(line)):
        fields = label_fields(m.group(1))
        if fields:
            out.append((fields, line[m.start(2) : m.end(2)].strip()))
    return out


def index_number(value: str) -> str:
    """The index number in a value cell: the first INDEX_NO shape, else the first word."""
    if m := INDEX_NO.search(fold(value)):
        return value[m.start() : m.end()]
    return value.split(" ")[0] if value else ""


def iso_date(value: str) -> tuple[str, str]:
    """("2024-02-22", "16:40" or "") from "2024年02月22日 16:40", ("", "") without a date."""
    m = _DATETIME.search(fold(value))
    if not m:
        return "", ""
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return "", ""
    return f"{y:04d}-{mo:02d}-{d:02d}", m.group(4) or ""


def set_meta(meta: ReportMeta, fields: tuple[str, ...], value: str) -> None:
    """Fill `fields` of `meta` from a value as written; the first value found wins."""
    value = re.sub(r"\s+", " ", value or "").strip()
    for field in fields:
        if field == "attachments":
            if value and value not in ("无", "-"):
                for name in re.split(r"\s*[;；\n]\s*", value):
                    if name and name not in meta.attachments:
                        meta.attachments.append(name)
            continue
        if not value or getattr(meta, field):
            continue
        if field in DATE_FIELDS:
            day, time = iso_date(value)
            if not day:
                continue
            setattr(meta, field, day)
            if field == "published_on" and time and not meta.published_at:
                meta.published_at = f"{day} {time}"
            continue
        setattr(meta, field, index_number(value) if field == "index_no" else value)
