from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from luoshi.textparse.numbers import (
    _QTY_ALL,
    _QTY_RE,
    _TAIL_RE,
    comparable,
    find_quantities,
    normalise,
    parse_cn_int,
    parse_number,
    to_halfwidth,
)

from .test_scan import TEXTS

DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """A plain writer of Chinese numerals, independent of the reader under test."""
    if n == 0:
        return "零"

    def section(x: int) -> str:
        out, zero = "", False
        for unit, div in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = x // div % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += DIGITS[d] + unit
        return out

    parts, big = [], ["", "万", "亿", "万亿"]
    i = 0
    while n:
        parts.append((n % 10000, big[i]))
        n //= 10000
        i += 1
    out = ""
    need_zero = False
    for sec, unit in reversed(parts):
        if sec == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or sec < 1000):
            out += "零"
        out += section(sec) + unit
        need_zero = False
    return out


def qty(text):
    return [(q.value, q.unit) for q in find_quantities(text)]


def test_chinese_numeral_with_classifier():
    assert qty("开工三所学校") == [(3, "所")]


def test_chinese_numeral_hundreds():
    assert qty("一百二十个") == [(120, "个")]


def test_chinese_numeral_with_wan_multiplier():
    assert parse_number("八十万") == 800000
    assert qty("新增绿地八十万平方米") == [(80, "万平方米")]


def test_liang_and_zero_and_shi():
    assert parse_number("两") == 2
    assert parse_number("〇") == 0
    assert parse_number("零") == 0
    assert parse_number("十二") == 12


def test_arabic_with_wan_and_thousands_separator():
    assert parse_number("1.5万") == 15000
    assert parse_number("2,600") == 2600


def test_wan_multiplier_stays_in_unit():
    assert qty("城镇新增就业8万人") == [(8, "万人")]
    assert normalise(8, "万人") == (80000, "人")


def test_yi_multiplier_money():
    assert qty("实际利用外资10.6亿美元以上") == [(10.6, "亿美元")]


def test_wan_and_yi_normalise_to_the_same_amount():
    assert normalise(12500, "万美元") == normalise(1.25, "亿美元")


def test_wanfang_is_comparable_with_square_metres():
    assert qty("新增绿地82.58万方") == [(82.58, "万方")]
    assert comparable("万方", "万平方米")


def test_loose_classifiers_compare():
    assert comparable("家", "个")
    assert not comparable("人", "个")


def test_percent_and_percentage_points():
    assert qty("增长7.5%") == [(7.5, "%")]
    assert qty("提高2个百分点") == [(2, "个百分点")]
    assert qty("达到百分之九十五") == [(95, "%")]


def test_negative_growth_after_growth_word():
    assert qty("出口增长-22.4%") == [(-22.4, "%")]


def test_hyphen_is_not_a_minus_sign():
    assert qty("1-9月增长9.6%") == [(9.6, "%")]


def test_percent_range_keeps_lower_bound():
    (q,) = find_quantities("增长4.5%-5%")
    assert (q.value_min, q.value) == (4.5, 5)


def test_numbers_without_units_are_not_quantities():
    assert qty("2021年10月29日召开") == []


def test_three_parties_is_not_a_volume():
    assert qty("建立三方审查机制") == []


def test_approximate_markers_between_number_and_unit():
    assert qty("累计服务企业1.7万余家") == [(1.7, "万家")]
    assert qty("接种190余万剂次") == [(190, "万剂次")]


def test_unreadable_numeral_gives_none():
    assert parse_cn_int("百三") is None
    assert parse_cn_int("三万四万") is None
    assert parse_number("") is None


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_integers_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_integers_round_trip(n):
    assert parse_number(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=9999))
def test_decimals_round_trip_in_both_forms(whole, frac):
    text = f"{whole}.{frac:04d}".rstrip("0")
    expected = float(Decimal(text))
    assert parse_number(text) == expected
    frac_digits = text.split(".")[1]
    chinese = to_chinese(whole) + "点" + "".join(DIGITS[int(c)] for c in frac_digits)
    assert parse_number(chinese) == expected


# --- the one-pass quantity scan reads what the quantity pattern as written reads ----------


def tokens_of_the_scan(src):
    """(start, end, number, tail, tail's groups) of each number _QTY_ALL cuts out, placed by
    the lengths of the parts, which run end to end over the text."""
    out, pos = [], 0
    parts = _QTY_ALL.findall(src)
    for lead, number, tail, gap in parts:
        start = pos + len(lead)
        end = start + len(number) + len(tail)
        out.append((start, end, number, tail, _TAIL_RE.fullmatch(tail).groups()))
        pos = end + len(gap)
    assert "".join("".join(p) for p in parts) == (src if parts else "")
    return out


def tokens_as_written(src):
    out = []
    for m in _QTY_RE.finditer(src):
        number = src[m.start() : m.end("num")]
        groups = m.group("approx", "pct", "mult", "approx2", "unit")
        out.append((m.start(), m.end(), number, src[m.end("num") : m.end()], groups))
    return out


def test_the_quantity_scan_reads_every_text_of_the_labelled_files_as_the_pattern_does():
    for t in TEXTS:
        src = to_halfwidth(t)
        assert tokens_of_the_scan(src) == tokens_as_written(src), t


def test_the_quantity_scan_reads_odd_numbers_as_the_pattern_does():
    for src in ["1,234,5678个", "12,345.6万元", "1,23个", "百分之五十", "百分之5.5", "百分之五十个",
                "百分点", "3个百分点", "三千瓦", "五千万元", "3万余人", "30余万人", "十二点三四亿",
                "一二三个", "5万三千人", "3.5.6万人", "增长-2.5%", "4.5%-5%", "百分之", "万", "2021年",
                "千万", "十万个", "3千米", "7‰", "八十万平方米", ""]:  # fmt: skip
        assert tokens_of_the_scan(src) == tokens_as_written(src), src


@given(
    st.text(
        alphabet="0123456789,.百分之点零〇一二两三四五六七八九十千万亿个人家项%‰余多米平方公里千瓦时-东 (",
        max_size=30,
    )
)
def test_the_quantity_scan_reads_any_text_as_the_pattern_does(src):
    assert tokens_of_the_scan(src) == tokens_as_written(src)
