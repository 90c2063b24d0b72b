"""Numbers as written in Chinese government texts.

Arabic (``2,600``, ``1.5``), Chinese (``一百二十``, ``两``, ``十二点三四``), mixed (``1.5万``),
percentages and 个百分点, 万/亿 multipliers that belong to the unit (``8万人``: value 8, unit
万人), and :func:`normalise` that brings a (value, unit) pair to a base unit for comparison.

The Chinese numeral reader is our own (not cn2an): it must accept exactly the shapes a
report uses, return None instead of raising, and keep 万/亿 at the end available to the unit.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .vocab import UNIT_SYNONYMS

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10**4, "亿": 10**8}

# Full-width digits and signs map one-to-one onto ASCII, so offsets stay valid.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％－＋，", "0123456789.%-+,")
# One scan in C tells whether there is anything to translate: most texts the readers get
# have been brought to half-width already, and translate() looks up every character.
_FULLWIDTH_ANY = re.compile("[０-９．％－＋，]")


def to_halfwidth(text: str) -> str:
    """Same length as the input: every position still points at the original character."""
    return text.translate(_FULLWIDTH) if _FULLWIDTH_ANY.search(text) else text


ARABIC = r"\d+(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
CN_CHARS = "零〇○一二两三四五六七八九十百千万亿"
CN_NUM = rf"[{CN_CHARS}]+(?:点[零〇○一二三四五六七八九]+)?"
_ARABIC_NUMBER_RE = re.compile(rf"({ARABIC})\s*(万|亿|千万|百万|万亿)?")


def _cn_section(s: str) -> int | None:
    """A numeral below 万 (一千二百三十四, 十二, 三百零五, 两千)."""
    if not s:
        return 0
    total, digit, seen_digit = 0, None, False
    for ch in s:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[ch] != 0:
                return None  # 三四 is not a numeral we accept as a section
            digit = CN_DIGITS[ch]
            seen_digit = True
        elif ch in CN_SMALL_UNITS:
            mult = CN_SMALL_UNITS[ch]
            if digit is None:
                if ch != "十":
                    return None
                digit = 1  # 十二 = 12
            total += digit * mult
            digit = None
        else:
            return None
    if digit:
        total += digit
    if not seen_digit and "十" not in s:
        return None
    return total


def parse_cn_int(s: str) -> int | None:
    """一百二十 -> 120, 八十万 -> 800000, 两 -> 2, 〇 -> 0; digit strings such as 二〇二一 -> 2021.
    None when the string is not a well-formed numeral."""
    if not s or any(c not in CN_CHARS for c in s):
        return None
    if all(c in CN_DIGITS for c in s):
        return int("".join(str(CN_DIGITS[c]) for c in s))
    total = 0
    rest = s
    for big, mult in (("亿", 10**8), ("万", 10**4)):
        if big in rest:
            head, _, rest = rest.partition(big)
            if big in rest:
                return None
            if head == "":
                return None
            val = parse_cn_int(head) if any(b in head for b in CN_BIG_UNITS) else _cn_section(head)
            if val is None:
                return None
            total += val * mult
    sec = _cn_section(rest)
    if sec is None:
        return None
    return total + sec


def parse_number(s: str) -> float | int | None:
    """Any single number: Arabic with thousands separators and decimals, Chinese with 点 for
    decimals, mixed Arabic + 万/亿 (1.5万 -> 15000), 百分之五 -> 5. None if unreadable."""
    return _parse_halfwidth(to_halfwidth(s.strip()))


def _parse_halfwidth(s: str) -> float | int | None:
    """parse_number for text already stripped and brought to half-width digits."""
    if not s:
        return None
    neg = s.startswith("-")
    if neg:
        s = s[1:]
    if s.startswith("百分之"):
        s = s[3:]
    mult = 1
    m = _ARABIC_NUMBER_RE.fullmatch(s)
    if m:
        num = m.group(1).replace(",", "")
        val: float | int = float(num) if "." in num else int(num)
        if m.group(2):
            mult = _multiplier(m.group(2))
            val = _clean(val * mult)
        return -val if neg else val
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_cn_int(whole) if whole else None
        if w is None or not frac or any(c not in CN_DIGITS for c in frac):
            return None
        val = float(f"{w}.{''.join(str(CN_DIGITS[c]) for c in frac)}")
        return -val if neg else val
    v = parse_cn_int(s)
    if v is None:
        return None
    return -v if neg else v


def _multiplier(prefix: str) -> int:
    mult = 1
    for ch in prefix:
        mult *= {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}[ch]
    return mult


def _clean(v: float | int) -> float | int:
    """Round away binary noise (1.25 * 10**8) and turn whole floats into ints."""
    if isinstance(v, float):
        v = round(v, 6)
        if v.is_integer():
            return int(v)
    return v


def split_cn_multiplier(numeral: str) -> tuple[str, str]:
    """八十万 -> (八十, 万): a trailing 万/亿 belongs to the unit as written (八十万平方米 is
    80 + 万平方米). A numeral that is only 万 or 亿 is left alone."""
    for suffix in ("万亿", "千万", "百万", "万", "亿"):
        if numeral.endswith(suffix) and len(numeral) > len(suffix):
            head = numeral[: -len(suffix)]
            if parse_cn_int(head) is not None:
                return head, suffix
    return numeral, ""


# --- units -----------------------------------------------------------------------------

# 倍 is a ratio to another measure (不低于当地最低生活保障标准的1.6倍): a rate of its own unit.
PERCENT_UNITS = ("%", "个百分点", "百分点", "‰", "倍")
MONEY_UNITS = ("美元", "欧元", "港元", "元")
AREA_UNITS = ("平方公里", "平方千米", "平方米", "公顷", "亩", "方", "立方米")
# 里 is read as 公里 with its 公 dropped (see find_quantities for when it is a unit at all).
LENGTH_UNITS = ("公里", "千米", "延米", "米", "里")
# Concentrations (PM2.5 浓度控制在30微克/立方米以内) are amounts with a compound unit.
CONCENTRATION_UNITS = ("微克/立方米", "毫克/立方米", "毫克/升")
OTHER_AMOUNT_UNITS = ("吨标准煤", "吨标煤", "吨", "公斤", "斤", "千瓦时", "千瓦", "兆瓦", "标箱", "标准箱",
                      *CONCENTRATION_UNITS)  # fmt: skip
TIME_UNITS = ("个工作日", "工作日", "个月", "小时", "分钟", "天")
# Classifiers for things counted. Left out on purpose because they mostly mark ordinals or
# names: 期 (三期), 届, 轮, 级, 类, 号, 大 (三大工程), 批, 站, 点, 节.
COUNT_UNITS = (
    "人次", "户次", "剂次", "场次", "家次", "车次",
    "个", "家", "所", "座", "处", "项", "条", "张", "台", "名", "人", "户", "宗", "套", "间",
    "辆", "次", "场", "件", "栋", "幢", "块", "部", "本", "份", "支", "只", "棵", "株", "盏",
    "架", "艘", "位", "例", "篇", "种", "起", "笔", "单", "根", "层", "册",
)  # fmt: skip
UNITS = tuple(
    sorted(
        {*MONEY_UNITS, *AREA_UNITS, *LENGTH_UNITS, *OTHER_AMOUNT_UNITS, *TIME_UNITS, *COUNT_UNITS},
        key=len,
        reverse=True,
    )
)
AMOUNT_UNITS = frozenset((*MONEY_UNITS, *AREA_UNITS, *LENGTH_UNITS, *OTHER_AMOUNT_UNITS))
MULTIPLIERS = ("万亿", "千万", "百万", "十万", "万", "亿")

# Canonical base units: (factor, base). 名/位 count people like 人.
_BASE = {
    "平方公里": (10**6, "平方米"),
    "平方千米": (10**6, "平方米"),
    "公顷": (10**4, "平方米"),
    "公里": (1000, "米"),
    "里": (1000, "米"),
    "千米": (1000, "米"),
    "延米": (1, "米"),
    "名": (1, "人"),
    "位": (1, "人"),
    "兆瓦": (1000, "千瓦"),
    "吨": (2000, "斤"),  # 粮食总产量13908.2亿斤 answers a target in 万吨
    "公斤": (2, "斤"),
    "标准箱": (1, "标箱"),
    "％": (1, "%"),
    "百分点": (1, "个百分点"),
    "个工作日": (1, "工作日"),
}
# Measure words that count the same things (建设社区文化家园27个 is answered by 27家): the
# groups live in vocab.UNIT_SYNONYMS.
_SYNONYM_PAIRS = frozenset((a, b) for group in UNIT_SYNONYMS for a in group for b in group)


@lru_cache(maxsize=4096)
def normalise(value: float | int, unit: str) -> tuple[float | int, str]:
    """(8, 万人) -> (80000, 人); (12500, 万美元) -> (125000000, 美元); (82.58, 万方) ->
    (825800, 方); (91.5, 公里) -> (91500, 米). Percentages stay as they are."""
    unit = to_halfwidth(unit or "").strip()
    factor = 1
    for prefix in MULTIPLIERS:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            factor = _multiplier(prefix)
            unit = unit[len(prefix) :]
            break
    if unit in _BASE:
        f, unit = _BASE[unit]
        factor *= f
    return _clean(value * factor), unit


def unit_family(base_unit: str) -> str:
    """percent / money / area / length / amount / time / count."""
    if base_unit in ("%", "个百分点", "‰", "倍"):
        return "percent"
    if base_unit.endswith("元"):
        return "money"
    if base_unit in ("平方米", "亩", "方", "立方米"):
        return "area"
    if base_unit == "米":
        return "length"
    if base_unit in OTHER_AMOUNT_UNITS or base_unit in ("千瓦",):
        return "amount"
    if base_unit in ("天", "小时", "分钟", "个月", "工作日"):
        return "time"
    return "count"


def comparable(unit_a: str, unit_b: str) -> bool:
    """Whether two units (as written) measure the same thing. 方 is read as 平方米 or 立方米,
    whichever the other side uses; measure words of one group in vocab.UNIT_SYNONYMS
    (个/家/所, 处/条, 台/部, 套/户 ...) count the same things."""
    _, a = normalise(1, unit_a)
    _, b = normalise(1, unit_b)
    if a == b:
        return True
    if "方" in (a, b) and {a, b} <= {"方", "平方米", "立方米"}:
        return True
    return (a, b) in _SYNONYM_PAIRS


def compare_values(
    value_a: float | int, unit_a: str, value_b: float | int, unit_b: str
) -> tuple[float, float] | None:
    """Both values in a common base unit, or None if the units do not compare."""
    if not comparable(unit_a, unit_b):
        return None
    return normalise(value_a, unit_a)[0], normalise(value_b, unit_b)[0]


# --- finding quantities in running text ----------------------------------------------

# A unit followed by these characters is the start of a word, not a unit: 三方案, 5场景.
_UNIT_COMPOUNDS = {
    "方": "案面式向法针阵位",
    "场": "景所地馆",
    "部": "门署分长",
    "处": "置理罚",
    "单": "位",
    "条": "例件款线龙",
    "家": "庭长乡属电政",
    "台": "风账",
    "本": "级地身科",
    "起": "草步点诉",
    "层": "级面次",
    "人": "民大口",
    "次": "数生序",
    "项": "目",
    "种": "子",
    "米": "市",
}

_QTY_TAIL = (
    r"(?P<approx>余|多)?"
    r"(?:(?P<pct>%|个百分点|百分点|‰|倍)"
    rf"|(?P<mult>{'|'.join(MULTIPLIERS)})?(?P<approx2>余|多)?(?P<unit>{'|'.join(UNITS)}))?"
)
# A quantity as written: 百分之 or not, the number, and what may follow it. find_quantities
# reads the same matches through _QTY_ALL (tests/textparse/test_numbers.py compares them).
_QTY_RE = re.compile(rf"(?P<pctword>百分之(?={CN_NUM}|\d))?(?P<num>{ARABIC}|{CN_NUM})" + _QTY_TAIL)


def _longest_first(words: tuple[str, ...]) -> str:
    """An alternation that matches the longest of `words` at a position, as `|`.join of them
    longest first does, with the words grouped by their first character (the groups of the
    most frequent units first): the engine tests a group's first character once instead of
    every word's, and only one group can match at a position."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    order = "个人元家万项条所户米平方吨处座次场名亿公天"
    alts = []
    for first in sorted(groups, key=lambda c: order.find(c) % (len(order) + 1)):
        rests = groups[first]
        alts.append(re.escape(first) + ("(?:" + "|".join(rests) + ")" if rests != [""] else ""))
    return "|".join(alts)


# The characters a number starts with (百 of 百分之 is one of them).
_NUM_FIRST = rf"\d{CN_CHARS}"
# The quantity scan, phase one: the text cut into quantities and what lies between them, in
# one call of the engine that builds no match objects. Each match is four strings: the text
# before the first number (empty after it), the number (from 百分之 when it is written), the
# unit and its words (余, 多, 万 ...), and the text up to the next number. A number starts at
# every digit or numeral not read already, so the parts run end to end and their lengths are
# the offsets. Optional parts are written `(?:x|)` (a branch, cheaper to try than `x?`), and
# the first character of a number is read once by a class: then 分之 if it was 百, the rest of
# an Arabic number if it was a digit, of a Chinese numeral otherwise.
_ARABIC_REST = r"\d*,\d{3}(?:,\d{3})*(?!\d)(?:\.\d+|)|\d*(?:\.\d+|)"
_CN_REST = rf"[{CN_CHARS}]*(?:点[零〇○一二三四五六七八九]+|)"
_QTY_ALL = re.compile(
    rf"(\A[^{_NUM_FIRST}]*+|)"
    rf"([{_NUM_FIRST}](?:(?<=百)分之[{_NUM_FIRST}](?:(?<=\d)(?:{_ARABIC_REST})|{_CN_REST})"
    rf"|(?<=\d)(?:{_ARABIC_REST})|{_CN_REST}))"
    rf"((?:[余多]|)(?:%|个百分点|百分点|‰|倍|(?:{'|'.join(MULTIPLIERS)}|)(?:[余多]|)(?:{_longest_first(UNITS)})|))"
    rf"([^{_NUM_FIRST}]*+)"
)
# Phase two reads each unit's words once, by their text (a few hundred strings: the units
# and their words): (unit or None when there is none, pct, mult, base, approx, the characters
# after which the base unit starts a word instead).
_TAIL_RE = re.compile(_QTY_TAIL)
_TAILS: dict[str, tuple[str | None, str | None, str | None, str | None, bool, str]] = {}


def _tail(text: str) -> tuple[str | None, str | None, str | None, str | None, bool, str]:
    """The reading of a unit as written (万余人: 万人, None, 万, 人, True, 民大口)."""
    parts = _TAILS.get(text)
    if parts is None:
        m = _TAIL_RE.fullmatch(text)
        if m is None:  # never: every tail _QTY_ALL reads is one of _QTY_TAIL
            raise ValueError(f"not a unit: {text!r}")
        approx, pct, mult, approx2, base = m.groups()
        unit = pct or ((mult or "") + base if base else None)
        parts = (
            unit,
            pct,
            mult,
            base,
            bool(approx or approx2),
            _UNIT_COMPOUNDS.get(base or "", ""),
        )
        _TAILS[text] = parts
    return parts


_CN_FIRST = frozenset(CN_CHARS)
_RANGE_HEAD_RE = re.compile(rf"({ARABIC})%?\s*[-—~～至到]\s*$")
_SIGNED_AFTER = re.compile(r"(增长|增速|增幅|为)$")


def _may_end_range_head(ch: str) -> bool:
    """Whether a match of _RANGE_HEAD_RE can end in `ch` (its dash, or a blank after it:
    str.isspace is the pattern's \\s)."""
    return ch in "-—~～至到" or ch.isspace()


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class Quantity:
    """One number with its unit, as found in a text. Offsets index the original text."""

    __slots__ = ("start", "end", "num_start", "num_end", "value", "unit", "chinese",
                 "approx", "value_min")  # fmt: skip

    def __init__(
        self,
        start: int,
        end: int,
        num_start: int,
        num_end: int,
        value: float | int,
        unit: str,
        chinese: bool,
        approx: bool,
        value_min: float | int | None,
    ) -> None:
        self.start, self.end = start, end
        self.num_start, self.num_end = num_start, num_end
        self.value, self.unit = value, unit
        self.chinese, self.approx, self.value_min = chinese, approx, value_min

    @property
    def is_percent(self) -> bool:
        return self.unit in PERCENT_UNITS

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Quantity({self.value}{self.unit}@{self.start}:{self.end})"


def find_quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in `text`: 8万人, 三所, 10.6亿美元, 5%, 4.5%-5% (value_min 4.5),
    增长-22.4%. Numbers without a unit (years, dates, codes) are not returned."""
    return read_quantities(to_halfwidth(text))


def read_quantities(src: str) -> list[Quantity]:
    """find_quantities of a text already brought to half-width."""
    n = len(src)
    out: list[Quantity] = []
    pos = 0
    for lead, number, tail, gap in _QTY_ALL.findall(src):
        start = pos + len(lead)
        num_end = start + len(number)
        end = num_end + len(tail)
        pos = end + len(gap)
        unit, pct, mult, base, approx, compounds = _TAILS.get(tail) or _tail(tail)
        first = number[0]
        num_start = start
        if first == "百" and number.startswith("百分之"):
            if unit:
                continue  # 百分之五十个 is not a percentage we understand
            unit = "%"
            num_start += 3
            number = number[3:]
            first = number[0]
        elif not unit:
            continue  # a bare number: year, date, code, score
        if first not in _CN_FIRST:
            chinese = False
            # What _parse_halfwidth gives for a number the pattern read as Arabic.
            if "," in number:
                number = number.replace(",", "")
            value: float | int = float(number) if "." in number else int(number)
        else:
            chinese = True
            # A trailing 万/亿 goes to the unit when nothing else follows the number.
            reading = _chinese_reading(number, not (pct or mult or num_start != start))
            if reading is None:
                continue
            value, cn_mult, head_len = reading
            if cn_mult:
                unit = cn_mult + unit
                num_end = num_start + head_len
        if base is not None:
            if base == "里" and (chinese or (end < n and _is_cjk(src[end]) and src[end] != "的")):
                continue  # 三里塘路, 十里长街, 5里路: names and phrases, not a length as reported
            if chinese and base == "方" and not mult and "万" not in unit:
                continue  # 三方审查, 四方协议: parties, not cubic metres
            if compounds and end < n and src[end] in compounds:
                continue
        # A minus sign belongs to the number only after a growth word: 增长-22.4%.
        if start and src[start - 1] in "-−" and _SIGNED_AFTER.search(src, 0, start - 1):
            start -= 1
            value = -value
        value_min = None
        # A range's head (4.5-) ends in its dash, or blanks after it, right before the quantity.
        if unit == "%" and not chinese and start and _may_end_range_head(src[start - 1]):
            rm = _RANGE_HEAD_RE.search(src, max(0, start - 24), start)  # a bound is short
            if rm:
                value_min = parse_number(rm.group(1))
                start = rm.start()
                while out and out[-1].start >= start:
                    out.pop()  # the range's lower bound was read as a quantity of its own
        out.append(Quantity(start, end, num_start, num_end, value, unit, chinese, approx,
                            value_min))  # fmt: skip
    return out


@lru_cache(maxsize=4096)
def _chinese_reading(numeral: str, split: bool) -> tuple[float | int, str, int] | None:
    """A Chinese numeral as find_quantities reads it: (value, the 万/亿 that goes to the unit,
    the numeral's length without it). With `split`, a trailing 万/亿 goes to the unit (八十万
    -> 80, 万, 2); without, the whole numeral is the value. None when it is no number (no
    digit and no 十: 万, 千万) or unreadable. Cached: a pure function of short strings that
    repeat (一, 两, 三十)."""
    if not any(c in CN_DIGITS or c == "十" for c in numeral):
        return None
    head, cn_mult = split_cn_multiplier(numeral) if split else (numeral, "")
    value = _parse_halfwidth(head)
    if value is None:
        return None
    return value, cn_mult, len(head)
