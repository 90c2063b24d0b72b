"""The rules added against held-out cases from other governments' reports."""

from luoshi.textparse import assess
from luoshi.textparse.numbers import find_quantities, normalise


def run(content, status_text, as_of="2022-12"):
    return assess({"id": "t", "content": content, "status_text": status_text, "as_of": as_of})


def test_li_after_arabic_digits_is_read_as_gongli_but_names_are_not():
    assert [(q.value, q.unit) for q in find_quantities("绿道37里。")] == [(37, "里")]
    assert normalise(37, "里") == normalise(37, "公里")
    assert find_quantities("杭锅支河(绍兴路-三里塘路)") == []
    assert find_quantities("5里路") == []


def test_concentration_units_are_amounts():
    r = run("PM2.5平均浓度控制在30微克/立方米以内。", "全年PM2.5平均浓度为28微克/立方米。")
    assert r["targets"][0]["comparator"] == "<=" and r["targets"][0]["kind"] == "amount"
    assert r["status"] == "completed"


def test_multi_year_programme_sizes_are_not_this_years_targets():
    r = run("三年内新建城市公园15个,今年建成5个。", "今年新建成城市公园6个,三年累计建成11个。")
    assert [t["value"] for t in r["targets"]] == [5]
    assert [a["value"] for a in r["actuals"]] == [6]
    assert r["status"] == "exceeded"
    r = run("到2025年建成公园20个,今年建成5个。", "建成公园5个。")
    assert [t["value"] for t in r["targets"]] == [5]
    r = run("开展三年级学生体检1200人。", "完成1200人。")
    assert [t["value"] for t in r["targets"]] == [1200]


def test_stated_completion_rate_judges_against_the_year_plan():
    r = run("加快兴业街等149条91.5公里路网建设。", "完工35条21.1公里,完成率129.63%。")
    assert r["status"] == "exceeded"
    assert {a["value"] for a in r["actuals"]} == {35, 21.1}
    r = run("完成土地征收2000亩。", "全年完成土地征收1700亩,完成年度任务的85%。")
    assert r["status"] == "behind"


def test_second_measure_in_a_piece_is_named_by_the_first_ones_words():
    r = run(
        "出让经营性用地16宗683亩,收储19宗817亩。", "完成经营性用地出让17宗1108亩,收储14宗999亩。"
    )
    got = {a["value"]: a["target"] for a in r["actuals"]}
    assert got == {17: 0, 1108: 1, 14: 2, 999: 3}


def test_estimate_governs_the_rest_of_its_sentence_and_parts_of_estimates_add_up():
    r = run(
        "省、市企业研发中心15家。", "全年预计新增省级企业研发机构14家,新增市级企业研发中心13家。"
    )
    assert [(a["value"], a["estimate"], a.get("sum_of_parts")) for a in r["actuals"]] == [
        (14, True, True), (13, True, True)]  # fmt: skip


def test_count_forecast_is_shown_beside_the_actual():
    r = run("完成重点项目投资25亿元。", "1-11月,完成重点项目投资23亿元,预计全年完成投资26亿元。")
    assert [(a["value"], a["estimate"]) for a in r["actuals"]] == [(23, False), (26, True)]
    assert r["status"] == "on_track"


def test_remaining_in_review_and_topic_numbers_are_not_achievements():
    r = run("创成省级森林城镇2个。", "2个镇创建工作已通过市级初审,待省级验收。", "2024-06")
    assert r["actuals"] == [] and r["status"] == "in_progress"
    r = run("完成学校新改扩建项目8个。", "8个项目中,已竣工5个,在建3个。")
    assert [a["value"] for a in r["actuals"]] == [5] and r["status"] == "behind"
    r = run("创建3A级景区村庄10个。", "创建3A级景区村庄8个,其余2个已完成评审。", "2022-09")
    assert [a["value"] for a in r["actuals"]] == [8]


def test_partial_m_of_n_stops_task_level_completion_wording():
    r = run("加快医院分院建设。", "1#楼共15层已完成8层,完成年度目标。")
    assert r["status"] == "in_progress"


def test_exceeded_wording_without_targets():
    r = run("完成市下达的粮食生产任务。", "全年粮食总产量16.2万吨,超额完成市下达任务。")
    assert r["status"] == "exceeded"


def test_completion_and_shortfall_wording():
    assert run("出台若干政策。", "若干政策已于4月印发实施。")["status"] == "completed"
    assert run("开通城乡公交新线路。", "新开通城乡公交线路3条。")["status"] == "completed"
    assert run("举办农民丰收节。", "9月成功举办农民丰收节。")["status"] == "completed"
    assert (
        run("创建省级先行区。", "顺利通过省级农业绿色发展先行区创建验收。")["status"] == "completed"
    )
    assert run("开工建设安置房。", "因土地指标未落实,项目无法按期开工。")["status"] == "behind"
    assert run("完成区划调整。", "因政策调整暂停实施。")["status"] == "behind"


def test_data_pending_said_as_a_later_release():
    r = run("居民收入增长6.5%。", "前三季度居民收入增长6.8%。全年数据将于次年1月下旬发布。")
    assert r["data_pending"] and r["status"] == "awaiting_data"


def test_evidence_names_targets_without_figures():
    r = run("建设30个以上数字赋能项目,新增应用场景5个以上。", "已集成子场景29个。")
    assert r["status"] == "exceeded"
    assert "无实际数:建设30个以上数字赋能项目" in r["evidence"]


def test_abbreviations_answer_their_target_among_several_of_a_kind():
    r = run("固定资产投资增长7%,工业投资增长10%。", "1-9月,全县固投同比增长8.2%,工业投资增长12%。",
            "2022-09")  # fmt: skip
    assert [(a["value"], a["target"]) for a in r["actuals"]] == [(8.2, 0), (12, 1)]
    r = run("社会消费品零售总额增长8%,外贸出口增长5%。", "社零同比增长9%,出口增长6%。", "2022-09")
    assert [(a["value"], a["target"]) for a in r["actuals"]] == [(9, 0), (6, 1)]
