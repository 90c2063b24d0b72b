from luoshi.textparse.figures import data_pending, extract_figures, match_figures, period_month
from luoshi.textparse.targets import extract_targets


def matched(content, text):
    return [
        (f.target, f.value, f.unit, f.period, f.estimate, f.sum_of_parts)
        for f in match_figures(extract_targets(content), extract_figures(text))
    ]


def test_figure_with_period_and_estimate():
    got = matched(
        "地区生产总值增长7.5%左右。", "1-9月,实现地区生产总值增长9.6%。预计全年增长8%左右。"
    )
    assert got == [(0, 9.6, "%", "1-9月", False, False), (0, 8, "%", "全年", True, False)]


def test_data_pending_phrase():
    assert data_pending("1-11月增长6.5%。1-12月数据尚未出。") == "1-12月数据尚未出"
    assert data_pending("全年数据暂未公布") == "全年数据暂未公布"
    assert data_pending("已完成全部任务") is None


def test_parts_in_one_sentence_add_up():
    got = matched(
        "创建省市级“美丽河湖”27条以上。", "已完成19条省级美丽河道、11条市级美丽河道创建工作。"
    )
    assert [(g[1], g[5]) for g in got] == [(19, True), (11, True)]


def test_total_beats_its_parts():
    got = matched(
        "新增养老机构床位270张。",
        "落实颐养院床位136张,颐养中心床位243张,共新增养老机构床位379张。",
    )
    assert [g[1] for g in got] == [379]


def test_each_figure_goes_to_the_target_worded_like_it():
    got = matched(
        "开工配套设施项目26个、交付17个,回迁安置1200户。",
        "开工配套设施项目36个、交付35个,回迁安置1298户。",
    )
    assert [(g[0], g[1]) for g in got] == [(0, 36), (1, 35), (2, 1298)]


def test_revised_and_remaining_numbers_are_not_achievements():
    got = matched(
        "完成39条地铁道路恢复工程。",
        "地铁恢复道路任务调整为14条,目前已完工2条道路,剩余12条道路暂未完工。",
    )
    assert [g[1] for g in got] == [2]


def test_unrelated_rate_does_not_answer_a_share_target():
    got = matched("行政机关负责人出庭应诉率提高至100%。", "已100%完成换证工作。应诉率97.40%。")
    assert [g[1] for g in got] == [97.4]


def test_units_must_compare():
    assert matched("新增养老机构床位270张。", "新增养老机构300家。") == []


def test_decrease_word_gives_a_reduction_as_written():
    (f,) = extract_figures("1-11月,出口同比下降1.8%。")
    assert (f.value, f.kind, f.period) == (1.8, "reduction", "1-11月")


def test_decrease_against_a_growth_target_is_negative_growth():
    got = matched("出口增长5%。", "1-11月,出口同比下降1.8%。")
    assert [g[1] for g in got] == [-1.8]


def test_period_months():
    assert period_month("1-9月", 12) == 9
    assert period_month("上半年", 12) == 6
    assert period_month("截至9月底", 12) == 9
    assert period_month("全年", 9) == 12
    assert period_month("", 6) == 6
