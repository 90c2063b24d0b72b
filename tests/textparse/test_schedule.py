from luoshi.textparse.figures import extract_figures, match_figures
from luoshi.textparse.schedule import as_of_month, judge
from luoshi.textparse.targets import extract_targets


def verdict(content, text, as_of="2021-12"):
    targets = extract_targets(content)
    figs = match_figures(targets, extract_figures(text))
    return judge(targets[0], [f for f in figs if f.target == 0], as_of_month(as_of)).result


def test_cumulative_target_on_schedule_at_q3():
    assert verdict("新增绿地80万平方米。", "新增绿地62万平方米。", "2021-09") == "on_track"


def test_cumulative_target_behind_at_q3():
    assert verdict("新增绿地80万平方米。", "新增绿地40万平方米。", "2021-09") == "behind"


def test_figure_period_overrides_as_of():
    # 1-6月 judged at m = 6: 45 of 80 is more than half.
    assert verdict("新增绿地80万平方米。", "1-6月,新增绿地45万平方米。", "2021-09") == "on_track"


def test_short_at_year_end_is_behind():
    assert verdict("新增绿地80万平方米。", "新增绿地70万平方米。") == "behind"


def test_normalised_units_compare():
    assert verdict("城镇新增就业8万人。", "城镇新增就业80000人。") == "met"
    assert verdict("实际利用外资1.25亿美元。", "实际利用外资12600万美元。") == "exceeded"


def test_growth_not_prorated():
    assert verdict("规上工业增加值增长5%。", "1-3月,规上工业增加值增长4%。", "2021-03") == "behind"


def test_about_tolerates_half_a_point():
    assert verdict("地区生产总值增长7.5%左右。", "全年地区生产总值增长7.1%。") == "met"


def test_upper_bound_met_when_below():
    assert verdict("审批验收“最多80天”。", "审批验收“最多60天”。") == "met"


def test_unreadable_as_of_counts_as_year_end():
    assert as_of_month("soon") == 12


def test_schedule_percent_of_ten_months_is_83_3():
    from luoshi.textparse import schedule_percent

    assert schedule_percent(10) == 83.3
    assert schedule_percent(11) == 91.7


def test_schedule_percent_of_a_whole_share_has_no_decimal():
    from luoshi.textparse import schedule_percent

    assert [str(schedule_percent(m)) for m in (3, 6, 9, 12)] == ["25", "50", "75", "100"]
