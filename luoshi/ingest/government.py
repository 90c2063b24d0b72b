"""The government a report belongs to, read from its masthead or title.

A 督查室 signs as its government's office (灌云县人民政府督查室, 来源：苍南县人民政府办公室) and
a title often opens with the place (杭州市2023年…, 紫阳县人民政府关于…). The government is
stored by the place's name (紫阳县, not 紫阳县人民政府) so the masthead, the title and a
``--government`` given by hand all name it the same way. A publishing office written
without its place (区府办, 区政府办公室, 县政府督查室) names no government: the person
importing is asked for it instead. Nothing here imports Django.
"""

from __future__ import annotations

import re
from typing import cast

from luoshi.ingest.report import ParsedReport
from luoshi.textparse.fold import fold

_ADMIN = r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗)"
# Words that may stand before the place in a run of Han characters: 关于, 来源:, 印发;
# the place is what follows the last of them. One character (a year's 年, 的, 和) is
# passed over only where a name of three or more follows (2011年苍南县, not 和|平区).
_LEAD_IN = re.compile(
    r"关于|来源|发布机构|发布单位|信息来源|印发|转发|切实|推进|落实|贯彻|按照|根据|全面"
)
_LEAD_CHAR = re.compile(r"[年的和与及]")
# Area words, not places: 全区, 本县, 我市, 各县 … (two characters; 全椒县 and 本溪市 are
# places), and characters no place name opens with.
_AREA_HEAD = set("全本我该各每此两")
_NEVER_HEAD = set("县区市省年月日的与及对在为")
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,20}?" + _ADMIN + r"$")
_GOVERNMENT = re.compile(r"(?:人民政府|政府)")
_PEOPLES = re.compile(r"人民政府")


def place_name(name: str) -> str:
    """ "紫阳县人民政府" -> "紫阳县"; a name without 人民政府/政府 is returned as it is."""
    m = re.fullmatch(r"(.+?" + _ADMIN + r")(?:人民政府|政府)", name.strip())
    return m.group(1) if m else name.strip()


_PARENT_END = re.compile(r"(?:省|自治区|市|自治州|州|盟|地区)")
_SUFFIX_CHARS = set("省市州盟县区旗")


def _lowest(place: str) -> str:
    """杭州市拱墅区 -> 拱墅区: a government is named by its own place, not its parents'.
    The cut is after a parent's suffix, before a name that is a place itself (杭州|市… is
    not a cut: 市拱墅区 does not open like a place)."""
    for m in _PARENT_END.finditer(place):
        rest = place[m.end() :]
        if rest[:1] not in _SUFFIX_CHARS and _is_place(rest):
            return _lowest(rest)
    return place


def _is_place(text: str) -> bool:
    if len(text) < 2 or text[0] in _NEVER_HEAD or not _PLACE.match(text):
        return False
    return not (len(text) == 2 and text[0] in _AREA_HEAD)


def _place_before(text: str, end: int) -> str:
    """The place written right before position `end` of `text` (folded), or ""."""
    # "*$" matches every text, if only with "".
    run = cast("re.Match[str]", re.search(r"[\u4e00-\u9fff]*$", text[:end])).group(0)
    # 中共XX区委区政府: the part after the party committee.
    run = run.rsplit("委", 1)[-1]
    words = list(_LEAD_IN.finditer(run))
    base = run[words[-1].end() :] if words else run
    starts = [0, *(m.end() for m in _LEAD_CHAR.finditer(base) if len(base) - m.end() >= 3)]
    for start in starts:
        if _is_place(base[start:]):
            return _lowest(base[start:])
    return ""


def government_in(text: str, strict: bool = False) -> str:
    """The place whose government `text` names: a masthead (灌云县人民政府督查室) or a
    title opening with the place (杭州市2023年…). "" where it names none. `strict` (a
    line of running text, not a masthead): only "…人民政府" counts, since a sentence
    speaks of 市政府 and 区政府 without naming a place."""
    folded = fold(text or "").strip()
    for m in (_PEOPLES if strict else _GOVERNMENT).finditer(folded):
        if place := _place_before(folded, m.start()):
            return place
    if strict:
        return ""
    # A title that opens with its place: 杭州市2023年…, 拱墅区《政府工作报告》…
    opening = re.match(
        r"^(?:关于)?([\u4e00-\u9fff]{2,20}?" + _ADMIN + r")(?=\d|《|\"|关于)", folded
    )
    if opening and _is_place(opening.group(1)):
        return _lowest(opening.group(1))
    return ""


def find_government(report: ParsedReport, lines: list[str] | None = None) -> tuple[str, str]:
    """(place, where) of the report's government: the masthead (发布机构), the title, then
    the first lines (来源：…, …人民政府督查室). ("", "") where none names one."""
    sources = [("报头", report.meta.publisher, False), ("标题", report.meta.title, False)]
    sources += [(f"第 {n} 行", line, True) for n, line in enumerate((lines or [])[:15], start=1)]
    for where, text, strict in sources:
        if text and (place := government_in(text, strict)):
            return place, where
    return "", ""
