from luoshi.textparse.targets import extract_targets


def t(content):
    return [(x.text, x.value, x.unit, x.comparator, x.kind) for x in extract_targets(content)]


def test_growth_target_with_about():
    assert t("地区生产总值增长7.5%左右。") == [
        ("地区生产总值增长7.5%左右", 7.5, "%", "~", "growth")
    ]


def test_leading_filler_verb_is_not_part_of_the_span():
    assert t("大力发展数字经济,实现规上工业增加值增长5%。")[0][0] == "规上工业增加值增长5%"


def test_at_least_comparator_after_unit():
    assert t("完成既有住宅加装电梯165台以上。") == [
        ("完成既有住宅加装电梯165台以上", 165, "台", ">=", "count")
    ]


def test_enumeration_gives_one_target_per_item():
    got = t("力争城镇新增就业8万人、失业人员再就业3500人、就业困难人员安置1800人。")
    assert [x[0] for x in got] == [
        "城镇新增就业8万人",
        "失业人员再就业3500人",
        "就业困难人员安置1800人",
    ]
    assert got[0][1:3] == (8, "万人")


def test_items_without_numbers_join_the_numbered_one():
    assert t("安排省、市、区重点项目209个。")[0][0] == "安排省、市、区重点项目209个"


def test_two_quantities_in_one_piece_split_at_the_second_number():
    got = t("完成25个安置房项目246万平方米主体结顶。")
    assert [(x[0], x[4]) for x in got] == [
        ("完成25个安置房项目", "count"),
        ("246万平方米主体结顶", "amount"),
    ]


def test_quoted_limit_is_a_target_with_upper_bound():
    assert t("实现一般企业投资项目审批验收“最多80天”。") == [("最多80天", 80, "天", "<=", "count")]


def test_quoted_labels_are_not_targets():
    assert t("深化“最多跑一次”改革,打造“24小时不打烊”美食地,落实“152”工作体系。") == []


def test_codes_and_plus_labels_are_not_targets():
    assert t("优化营商环境“10+N”便利化改革举措,建设5G基站。") == []


def test_ordinals_and_years_are_not_targets():
    assert t("启动第二轮创建,2021年举办第十届立夏节。") == []


def test_capacity_in_context_is_not_a_target():
    assert t("依托城北净水厂20万吨/日规划容量,推进主干管网建设。") == []


def test_share_target_reached_rate():
    assert t("掌上执法率达到90%以上。") == [("掌上执法率达到90%以上", 90, "%", ">=", "share")]


def test_reduction_of_budget_is_a_reduction():
    assert t("一般性项目支出原则压减10%。")[0][1:] == (10, "%", "=", "reduction")


def test_decrease_target_is_a_reduction_as_written():
    assert t("单位GDP能耗下降3%。")[0][1:] == (3, "%", "=", "reduction")


def test_three_hundred_percents_name_three_rates():
    got = t("实现婴幼儿照护服务指导率、社区覆盖率和健康管理率“3个100%”。")
    assert [(x[0], x[1], x[4]) for x in got] == [
        ("婴幼儿照护服务指导率", 100, "share"),
        ("社区覆盖率", 100, "share"),
        ("健康管理率", 100, "share"),
    ]


def test_counted_slogan_is_not_a_target():
    assert t("实现住宅小区业委会、专业物业两个“全覆盖”。") == []


def test_chinese_numerals_count():
    assert t("开工三所学校,新增绿地八十万平方米。") == [
        ("开工三所学校", 3, "所", "=", "count"),
        ("新增绿地八十万平方米", 80, "万平方米", "=", "amount"),
    ]


def test_text_is_an_exact_substring_of_the_content():
    content = (
        "全力推动回迁提速,完成25个安置房项目246万平方米主体结顶,开工配套设施项目26个、交付17个。"
    )
    for x in extract_targets(content):
        assert x.text in content
