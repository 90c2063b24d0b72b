"""The shapes every government writes (the contract's section 3a), one test per rule, each
run on the ASCII text and on its full-width twin (，：；（）) as real reports type it.

Cases marked with an address are taken from published progress reports; the others are
written in their shape."""

import pytest

from luoshi.textparse import assess
from luoshi.textparse.fold import fold
from luoshi.textparse.numbers import comparable


def run(content, status_text, as_of="2022-12"):
    return assess({"id": "t", "content": content, "status_text": status_text, "as_of": as_of})


def targets_of(r):
    return [(t["value"], t["comparator"], t["kind"]) for t in r["targets"]]


# --- reductions ---------------------------------------------------------------------------
# http://m.canet.com.cn/view-668311-1.html (2019 national report, 量化指标任务落实情况):
# 移动网络流量平均资费再降低20%以上 / 较上年降低41%.


def test_reduction_target_keeps_the_value_as_written_and_its_qualifier(assess_text):
    r = assess_text("移动网络流量平均资费再降低20%以上,能耗下降3%左右,压减一般性支出5%。", "")
    assert targets_of(r) == [(20, ">=", "reduction"), (3, "~", "reduction"),
                             (5, "=", "reduction")]  # fmt: skip


def test_reported_reduction_beyond_the_target_is_exceeded(assess_text):
    r = assess_text("移动网络流量平均资费再降低20%以上。", "移动网络流量平均资费较上年降低41%。")
    assert [(a["value"], a["target"]) for a in r["actuals"]] == [(41, 0)]
    assert r["status"] == "exceeded"


def test_reduction_written_with_le_is_read(assess_text):
    # http://big5.taiwan.cn/xwzx/PoliticsNews/201903/t20190303_12143697.htm
    r = assess_text("移动网络流量平均资费降低30%。", "年末移动网络流量平均资费较上年末下降了63%。")
    assert [a["value"] for a in r["actuals"]] == [63] and r["status"] == "exceeded"


def test_reported_reduction_short_of_the_target_is_behind(assess_text):
    r = assess_text("单位GDP能耗下降3%。", "全年单位GDP能耗下降2.1%。")
    assert r["status"] == "behind"


def test_growth_against_a_reduction_target_is_behind(assess_text):
    r = assess_text("单位GDP能耗下降3%。", "全年单位GDP能耗增长2%。")
    assert [a["value"] for a in r["actuals"]] == [-2]
    assert r["status"] == "behind"


def test_decrease_to_a_level_is_not_a_reduction(assess_text):
    r = assess_text("城镇登记失业率下降到4%以内。", "")
    assert targets_of(r) == [(4, "<=", "share")]


# --- one number, several metrics -------------------------------------------------------
# http://m.canet.com.cn/view-668311-1.html: 二氧化硫、氮氧化物排放量下降3% / 分别下降4.4%和3.5%.


def test_one_number_for_several_metrics_is_one_target_each(assess_text):
    r = assess_text(
        "二氧化硫、氮氧化物排放量分别下降3%。",
        "二氧化硫、氮氧化物排放量分别下降4.4%和3.5%。",
    )
    assert targets_of(r) == [(3, "=", "reduction"), (3, "=", "reduction")]
    assert [(a["value"], a["target"]) for a in r["actuals"]] == [(4.4, 0), (3.5, 1)]
    assert r["status"] == "exceeded"


def test_one_reported_number_for_several_metrics_answers_each(assess_text):
    r = assess_text("化学需氧量、氨氮排放量下降2%。", "化学需氧量、氨氮排放量均下降1.5%。")
    assert sorted(a["target"] for a in r["actuals"]) == [0, 1]
    assert r["status"] == "behind"


def test_a_count_after_a_list_of_modifiers_stays_one_target(assess_text):
    r = assess_text("安排省、市、区重点项目209个。", "")
    assert targets_of(r) == [(209, "=", "count")]


def test_a_list_with_its_own_numbers_is_not_split_by_names(assess_text):
    r = assess_text("将城镇、农村低保标准分别提高到每人每月609元、300元。", "")
    assert [t["value"] for t in r["targets"]] == [609, 300]


# --- ranges ----------------------------------------------------------------------------
# http://m.canet.com.cn/view-668311-1.html: 国内生产总值增长6%-6.5% / 比上年增长6.1%.


def test_range_target_has_low_and_high(assess_text):
    r = assess_text("国内生产总值增长6%-6.5%,财政收入增长4.5%至5%。", "")
    assert [(t["value"], t["high"], t["comparator"]) for t in r["targets"]] == [
        (6, 6.5, "range"), (4.5, 5, "range")]  # fmt: skip


@pytest.mark.parametrize(
    "reported, status", [("6.1%", "completed"), ("7.2%", "exceeded"), ("5.6%", "behind")]
)
def test_range_is_met_inside_exceeded_above_behind_below(assess_text, reported, status):
    r = assess_text("国内生产总值增长6%-6.5%。", f"国内生产总值比上年增长{reported}。")
    assert r["status"] == status


# --- ceilings --------------------------------------------------------------------------
# http://m.canet.com.cn/view-668311-1.html: 城镇登记失业率4.5%以内 / 为3.62%;
# http://big5.taiwan.cn/xwzx/PoliticsNews/201903/t20190303_12143697.htm:
# 居民消费价格涨幅控制在3%左右 / 实际涨幅为2.1%.


def test_ceiling_metric_about_a_level_reads_as_at_most(assess_text):
    r = assess_text("城镇调查失业率5.5%左右,居民消费价格涨幅3%左右,生产安全事故死亡人数10人。", "")
    assert [t["comparator"] for t in r["targets"]] == ["<=", "<=", "<="]


def test_lower_figure_on_a_ceiling_is_met_not_behind(assess_text):
    r = assess_text("城镇调查失业率控制在5.5%左右。", "全年城镇调查失业率为3.62%。")
    assert r["status"] == "completed"


def test_a_ceiling_reduction_stays_a_reduction(assess_text):
    r = assess_text("PM2.5平均浓度下降5%。", "")
    assert targets_of(r) == [(5, "=", "reduction")]


# --- measure words and Chinese numerals --------------------------------------------------


def test_measure_word_synonyms_compare():
    assert comparable("处", "条") and comparable("名", "人") and comparable("所", "家")
    assert comparable("台", "部") and comparable("座", "个") and comparable("套", "户")
    assert comparable("万吨标煤", "万吨标准煤")
    assert not comparable("条", "个") and not comparable("人", "个")


def test_synonym_measure_word_answers_the_target(assess_text):
    r = assess_text("加装电梯40台。", "已加装电梯42部。")
    assert [a["value"] for a in r["actuals"]] == [42] and r["status"] == "exceeded"
    r = assess_text("改造背街小巷20条。", "完成背街小巷改造21处。")
    assert [a["value"] for a in r["actuals"]] == [21]


def test_chinese_numeral_one_counts_a_concrete_thing(assess_text):
    r = assess_text("引进一家龙头企业,新建两所学校,改造三条道路。", "")
    assert [(t["value"], t["unit"]) for t in r["targets"]] == [(1, "家"), (2, "所"), (3, "条")]


def test_chinese_numeral_one_after_the_thing_counts(assess_text):
    r = assess_text("新建幼儿园一所,引进龙头企业一家。", "已建成幼儿园1所,引进龙头企业1家。")
    assert [(t["value"], t["unit"]) for t in r["targets"]] == [(1, "所"), (1, "家")]
    assert r["status"] == "completed"


def test_chinese_numeral_one_in_a_phrase_is_not_a_target(assess_text):
    r = assess_text("打造一张网,推进一件事改革,提供一条龙服务。", "")
    assert r["targets"] == []


# --- the report's own schedule judgement and behind cues ----------------------------------
# https://www.xuancheng.gov.cn/OpennessContent/show/2044556.html: 达到序时进度 / 未达到序时进度;
# https://www.ahjinzhai.gov.cn/public/6596281/38062166.html: 达进度 / 欠进度 / 推进缓慢.


@pytest.mark.parametrize("judgement", ["完成9月节点目标", "是否达序:是", "达到序时进度", "达进度"])
def test_own_on_schedule_judgement_decides_over_m_twelfths(assess_text, judgement):
    # 5 of 10 at September is short of 9/12 by the rule; the report's own plan says on time.
    r = assess_text("新建道路10公里。", f"已完成5公里,{judgement}。", "2022-09")
    assert r["status"] == "on_track"
    assert fold(judgement) in [fold(e) for e in r["evidence"]]


@pytest.mark.parametrize("judgement", ["是否达序:否", "慢于序时", "未达到序时进度", "欠进度"])
def test_own_behind_judgement_decides_over_m_twelfths(assess_text, judgement):
    r = assess_text("新建道路10公里。", f"已完成8公里,{judgement}。", "2022-09")
    assert r["status"] == "behind"


def test_own_judgement_does_not_excuse_a_shortfall_at_year_end(assess_text):
    r = assess_text("新建道路10公里。", "已完成6公里,达到序时进度。", "2022-12")
    assert r["status"] == "behind"


def test_judgement_without_figures_is_on_track(assess_text):
    assert (
        assess_text("推进数字化改革。", "各项工作达到序时进度。", "2022-06")["status"] == "on_track"
    )


@pytest.mark.parametrize(
    "cue", ["进度偏慢", "工程推进缓慢", "项目进度滞后", "低于目标2个百分点", "慢于序时进度"]
)
def test_behind_cues(assess_text, cue):
    r = assess_text("推进老旧小区改造。", f"1-9月,{cue}。", "2022-09")
    assert r["status"] == "behind"


# --- words that look like progress but are not -------------------------------------------


@pytest.mark.parametrize("scope", ["已发放补助部分", "已拨付部分资金", "部分区域已先行试点"])
def test_money_and_scope_are_not_partial_completion(assess_text, scope):
    r = assess_text("建设城北农贸市场。", f"{scope},城北农贸市场已完工。")
    assert r["status"] == "completed"


def test_part_of_the_work_is_still_partial(assess_text):
    r = assess_text("建设城北农贸市场。", "部分工程已完工,其余正在施工。")
    assert r["status"] == "in_progress"


@pytest.mark.parametrize("word", ["建成通车", "正式开学", "开业", "投用"])
def test_opening_words_complete_the_task(assess_text, word):
    r = assess_text("建设城北学校和城北大道。", f"城北学校和城北大道已于9月{word}。")
    assert r["status"] == "completed"


def test_opening_word_after_a_plan_word_is_not_completion(assess_text):
    r = assess_text("建设城北大道。", "城北大道路面施工完毕,计划10月通车。", "2022-09")
    assert r["status"] == "in_progress"


def test_main_structure_done_is_not_the_whole_build(assess_text):
    r = assess_text("建设城北学校。", "城北学校主体完工。", "2022-09")
    assert r["status"] == "in_progress"


# --- bare figures and stated completion rates ---------------------------------------------


@pytest.mark.parametrize("cell", ["完成情况:4385", "进度4385", "累计完成:4385"])
def test_bare_number_in_a_cell_answers_the_one_target(assess_text, cell):
    r = assess_text("城镇新增就业8000人。", cell, "2022-06")
    assert [(a["value"], a["unit"], a["target"]) for a in r["actuals"]] == [(4385, "人", 0)]
    assert r["status"] == "on_track"


def test_bare_number_with_two_targets_answers_neither(assess_text):
    r = assess_text("城镇新增就业8000人,培训技能人才500人。", "完成情况:4385", "2022-06")
    assert r["actuals"] == []


@pytest.mark.parametrize("text", ["截至2022年6月30日", "10:30召开推进会", "序号:3", "第3批"])
def test_dates_times_and_labels_are_not_bare_figures(assess_text, text):
    assert assess_text("城镇新增就业8000人。", text, "2022-06")["actuals"] == []


def test_own_measure_word_answers_the_one_target_without_wording(assess_text):
    r = assess_text("举办线下招聘会50场。", "截至6月底已开展60场。", "2022-06")
    assert [a["value"] for a in r["actuals"]] == [60] and r["status"] == "exceeded"


@pytest.mark.parametrize(
    "rate, as_of, status",
    [
        ("占全年计划110%", "2022-12", "exceeded"),
        ("完成比例187.9%", "2022-12", "exceeded"),
        ("完成年度任务的58.7%", "2022-09", "behind"),
        ("完成年度目标的75%", "2022-09", "on_track"),
        ("当前进度57%", "2022-06", "on_track"),
        ("工程进度至53%", "2022-09", "behind"),
    ],
)
def test_stated_completion_rate_is_the_progress_without_a_figure(assess_text, rate, as_of, status):
    r = assess_text("城镇新增就业8000人。", f"今年以来稳步推进,{rate}。", as_of)
    assert [a["unit"] for a in r["actuals"]] == ["%"]
    assert r["status"] == status


def test_stated_completion_rate_is_evidence_beside_the_figure(assess_text):
    r = assess_text("城镇新增就业8000人。", "城镇新增就业5000人。当前进度57%。", "2022-06")
    assert [a["value"] for a in r["actuals"]] == [5000]
    assert "当前进度57%" in r["evidence"]


@pytest.mark.parametrize("rate, status", [("41.3%", "on_track"), ("18%", "behind")])
def test_stated_rate_of_a_task_without_numbers_is_its_schedule(assess_text, rate, status):
    r = assess_text("实施残疾儿童康复救助。", f"8141名残疾儿童接受了康复救助,完成年度目标任务的{rate}。",
                    "2022-03")  # fmt: skip
    assert r["status"] == status
    assert any(rate in e for e in r["evidence"])


def test_cell_decides_and_the_rate_stands_beside_it(assess_text):
    r = assess_text("城镇新增就业8000人。", "进度:15032;完成比例187.9%", "2022-12")
    assert [a["value"] for a in r["actuals"]] == [15032]
    assert "完成比例187.9%" in r["evidence"] and r["status"] == "exceeded"


# --- echoed targets -----------------------------------------------------------------------
# http://big5.taiwan.cn/xwzx/PoliticsNews/201903/t20190303_12143697.htm:
# 政府工作报告提出居民消费价格涨幅控制在3%左右,而实际涨幅为2.1%.


def test_echoed_target_is_not_a_figure(assess_text):
    r = assess_text(
        "居民消费价格涨幅3%左右。",
        "政府工作报告提出居民消费价格涨幅控制在3%左右,而实际涨幅为2.1%。",
    )
    assert [a["value"] for a in r["actuals"]] == [2.1] and r["status"] == "completed"


def test_number_naming_the_plan_is_not_a_figure(assess_text):
    r = assess_text(
        "完成5000个配电台区升级改造。",
        "全省5000个配电台区改造升级计划,已开工建设891个配电台区。",
        "2022-03",
    )
    assert [a["value"] for a in r["actuals"]] == [891] and r["status"] == "behind"


def test_what_is_still_to_be_done_is_not_a_figure(assess_text):
    r = assess_text("建设城西绿道5公里。", "已建成3公里,剩余建设2公里未启动。", "2022-09")
    assert [a["value"] for a in r["actuals"]] == [3]
    r = assess_text("建设城西绿道2公里。", "建设2公里未启动。", "2022-09")
    assert r["actuals"] == []


def test_target_said_again_of_work_going_on_is_an_echo(assess_text):
    r = assess_text("完成6个老旧小区改造。", "6个老旧小区改造正在施工中(90%)。", "2022-09")
    assert r["actuals"] == [] and r["status"] == "in_progress"


def test_other_numbers_of_work_going_on_are_still_figures(assess_text):
    r = assess_text("推进230个开发建设项目。", "已开工20个项目,续建118个项目正在有序推进中。")
    assert 118 in [a["value"] for a in r["actuals"]]


def test_cumulative_after_a_forecast_is_an_actual(assess_text):
    r = assess_text(
        "完成综合交通建设投资252亿元。",
        "综合交通建设10月份预计完成投资20亿元,累计完成投资274.1亿元,完成年度计划的108.8%。",
        "2022-10",
    )
    assert sorted((a["value"], a["estimate"]) for a in r["actuals"]) == [(20, True), (274.1, False)]
    assert r["status"] == "exceeded"


def test_achievement_after_the_plan_word_is_still_a_figure(assess_text):
    r = assess_text("城镇新增就业8000人。", "完成全年目标,新增就业8500人。")
    assert [a["value"] for a in r["actuals"]] == [8500]


# --- lists after 分别 and abbreviations -----------------------------------------------------


def test_list_after_respectively_takes_the_names_of_an_earlier_clause(assess_text):
    r = assess_text(
        "实现专利申请总量、发明专利申请量均增长11%以上。",
        "1-11月,专利申请总量、发明专利申请量分别为4576件、592件,分别同比增长20.2%、11.28%。",
        "2022-11",
    )
    assert [(a["value"], a["target"]) for a in r["actuals"]] == [(20.2, 0), (11.28, 1)]
    assert r["status"] == "on_track"


def test_respectively_rates_answer_respectively_targets(assess_text):
    r = assess_text(
        "城乡居民人均可支配收入分别增长6.5%和7%。",
        "城镇、农村居民人均可支配收入分别增长5.8%、7.3%。",
    )
    assert [(a["value"], a["target"]) for a in r["actuals"]] == [(5.8, 0), (7.3, 1)]


def test_gdp_answers_a_target_named_in_full(assess_text):
    r = assess_text(
        "地区生产总值增长7%以上,服务业增加值增长7%以上。",
        "上半年,全市GDP增长13.7%,服务业增加值增长11.5%。",
        "2022-06",
    )
    assert [(a["value"], a["target"]) for a in r["actuals"]] == [(13.7, 0), (11.5, 1)]


def test_grain_in_jin_answers_a_target_in_tonnes():
    assert comparable("亿斤", "万吨") and comparable("公斤", "吨")


# --- parts and totals ---------------------------------------------------------------------


def test_total_with_a_breakdown_is_used_once(assess_text):
    r = assess_text(
        "完成重点项目投资26亿元。",
        "完成重点项目投资26.5亿元,其中:工业项目投资10亿元、城建项目投资16.5亿元。",
    )
    assert [(a["value"], a.get("sum_of_parts")) for a in r["actuals"]] == [(26.5, None)]
    r = assess_text("新增养老机构床位270张。", "新增养老机构床位379张(其中公办200张、民办179张)。")
    assert [a["value"] for a in r["actuals"]] == [379]


def test_total_over_more_than_the_targets_object_is_not_its_figure(assess_text):
    r = assess_text(
        "筹集保障性租赁住房1500套。", "筹集保障性租赁住房1600套、公租房121套,合计1721套。"
    )
    assert [a["value"] for a in r["actuals"]] == [1600]
    r = assess_text("新建保障房500套。", "新建保障房520套,加上续建项目合计1721套。")
    assert [a["value"] for a in r["actuals"]] == [520]


def test_total_since_an_earlier_year_is_not_this_years_figure(assess_text):
    r = assess_text("新建口袋公园5个。", "新建口袋公园6个,2019年以来累计建成口袋公园26个。")
    assert [a["value"] for a in r["actuals"]] == [6]
    r = assess_text("新建口袋公园5个。", "2022年以来累计建成口袋公园6个。")
    assert [a["value"] for a in r["actuals"]] == [6]


# --- bounds that size a noun, rates with their own name -------------------------------------


def test_a_bound_sizing_the_noun_is_not_a_target(assess_text):
    r = assess_text("实现200人以上较大自然村公交通达率97%以上,引进10亿元以上项目24个。", "")
    assert [(t["value"], t["unit"]) for t in r["targets"]] == [(97, "%"), (24, "个")]


def test_a_bound_on_its_own_thing_is_still_a_target(assess_text):
    r = assess_text("建设30个以上数字赋能项目。", "")
    assert [t["value"] for t in r["targets"]] == [30]


def test_a_named_completion_rate_is_a_share_figure(assess_text):
    r = assess_text(
        "开工改造小区1500个,投资完成率达到50%及以上。",
        "截至8月底,已开工小区1110个,完成投资28.17亿元,投资完成率37.44%。",
        "2022-08",
    )
    assert [(a["value"], a["target"]) for a in r["actuals"]] == [(1110, 0), (37.44, 1)]
    assert r["status"] == "behind"
