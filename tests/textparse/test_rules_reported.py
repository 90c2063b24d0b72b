"""Rules for shapes found in other governments' progress reports (measured on
tests/textparse/heldout3.json), one test per behaviour, each run on the ASCII text and on its
full-width twin (，：；（）). The sentences are written in the reports' shape, not copied."""

AS_OF = "2023-12"  # the report month of these cases


def targets_of(r):
    return [(t["text"], t["value"], t["comparator"], t["kind"]) for t in r["targets"]]


def figures_of(r):
    return [(a["value"], a["target"]) for a in r["actuals"]]


# --- a target over a set of named measures (N个…指标) --------------------------------------


def test_count_of_named_measures_is_a_label_not_a_target(assess_text):
    r = assess_text("确保工业投资增长8%以上,3项结构指标均实现12%以上增长。", "")
    assert targets_of(r) == [("工业投资增长8%以上", 8, ">=", "growth"),
                             ("3项结构指标均实现12%以上增长", 12, ">=", "growth")]  # fmt: skip


def test_rate_followed_by_growth_word_is_a_growth_target(assess_text):
    r = assess_text("全县规上工业企业营业收入实现15%以上增长。", "")
    assert targets_of(r) == [("全县规上工业企业营业收入实现15%以上增长", 15, ">=", "growth")]


def test_parts_after_the_set_named_again_answer_the_set_target(assess_text):
    r = assess_text(
        "3项结构指标均实现12%以上增长。",
        "1-9月,3项结构指标中,工业技改投资增长15.2%,民间投资同比下降3.1%,基础设施投资增长13%。",
        "2023-09",
    )
    assert figures_of(r) == [(15.2, 0), (-3.1, 0), (13, 0)]
    assert r["status"] == "behind"  # every part must reach 12%: the lowest speaks


def test_parts_in_one_sentence_are_not_taken_by_a_growth_target_sharing_a_word(assess_text):
    r = assess_text(
        "固定资产投资增长7%左右;3大结构指标增长9%。",
        "1-9月,固定资产投资增长8.2%;工业投资增长10.5%,民间投资增长9.6%,交通投资下降1.2%。",
        "2023-09",
    )
    assert figures_of(r) == [(8.2, 0), (10.5, 1), (9.6, 1), (-1.2, 1)]
    assert r["status"] == "behind"


def test_set_target_with_every_part_above_its_rate_is_on_schedule(assess_text):
    r = assess_text(
        "3大结构指标增长9%。",
        "上半年,工业投资增长10.5%,民间投资增长9.6%,交通投资增长11%。",
        "2023-06",
    )
    assert figures_of(r) == [(10.5, 0), (9.6, 0), (11, 0)]
    assert r["status"] == "on_track"


def test_sentence_with_another_number_of_rates_is_not_the_set(assess_text):
    r = assess_text("3大结构指标增长9%。", "上半年,工业投资增长10.5%,民间投资增长9.6%。", "2023-06")
    assert figures_of(r) == []  # two rates for a set of three: no part is given to it


# --- standards raised to a level (提高到每人每月X元) ----------------------------------------


def test_money_standard_per_head_is_a_measure(assess_text):
    r = assess_text(
        "将城乡居民最低生活保障标准提高到每人每月850元。", "已将城乡低保标准提高到850元/人月。"
    )
    assert figures_of(r) == [(850, 0)]
    assert r["status"] == "completed"


def test_capacity_after_a_slash_is_still_not_a_figure(assess_text):
    r = assess_text("新建污水处理厂2座。", "已建成污水处理厂2座,日处理能力5万吨/日。")
    assert figures_of(r) == [(2, 0)]


def test_from_values_of_a_raised_standard_are_not_targets(assess_text):
    r = assess_text("将农村特困人员供养标准从每人每年9600元提高到10800元。", "")
    assert [(t["value"], t["metric"]) for t in r["targets"]] == [(10800, "农村特困人员供养标准")]


def test_from_rate_of_a_raised_share_is_not_a_target(assess_text):
    r = assess_text("森林覆盖率由41%提高到43%。", "")
    assert [(t["value"], t["metric"], t["kind"]) for t in r["targets"]] == [
        (43, "森林覆盖率", "share")
    ]


def test_raised_levels_are_named_by_the_list_before_from(assess_text):
    r = assess_text(
        "城市、农村居民最低生活保障标准从每人每月700元、520元分别提高到760元、580元。",
        "城市居民低保标准提高到760元/人月,农村居民低保标准提高到580元/人月。",
    )
    assert [t["metric"] for t in r["targets"]] == [
        "城市居民最低生活保障标准",
        "农村居民最低生活保障标准",
    ]
    assert figures_of(r) == [(760, 0), (580, 1)]


def test_levels_of_several_areas_are_not_added_and_the_lowest_decides(assess_text):
    r = assess_text(
        "将城市低保标准提高到每人每月760元。",
        "甲区城市低保标准提高到800元/人月,乙县城市低保标准提高到760元/人月。",
    )
    assert figures_of(r) == [(760, 0)]
    assert r["status"] == "completed"  # met, not exceeded: 乙县 is at the standard


def test_places_name_a_targets_scope_not_its_measure(assess_text):
    r = assess_text(
        "将全市集中供养孤儿基本生活费提高到每人每月2000元,将甲区、乙区分散供养孤儿基本生活费提高到"
        "每人每月1300元,丙县、丁县分散供养孤儿基本生活费提高到每人每月1100元。",
        "已将甲区、乙区集中供养孤儿基本生活费提高到2000元/人月,分散供养孤儿基本生活费提高到1300元/人月;"
        "丙县、丁县集中供养孤儿基本生活费提高到2000元/人月,分散供养孤儿基本生活费提高到1100元/人月。",
    )
    assert sorted(figures_of(r), key=lambda x: x[1]) == [(2000, 0), (1300, 1), (1100, 2)]
    assert r["status"] == "completed"


# --- bounds that size what is counted (10亿元以上项目, 200人以上自然村) ----------------------


def test_rate_target_is_named_with_the_bound_before_it(assess_text):
    r = assess_text("实现300人以上行政村客运班车通达率95%以上。", "已完成,目前通达率96%。")
    assert [t["metric"] for t in r["targets"]] == ["300人行政村客运班车通达率"]
    assert figures_of(r) == [(96, 0)]
    assert r["status"] == "exceeded"


def test_bounded_count_is_answered_by_the_figure_stating_its_bound(assess_text):
    r = assess_text(
        "签约5亿元以上项目8个、亿元以上项目30个。",
        "1-6月,签约亿元及以上项目26个,5亿元以上项目9个。",
        "2023-06",
    )
    assert figures_of(r) == [(26, 1), (9, 0)]
    assert r["targets"][0]["text"] == "签约5亿元以上项目8个"


def test_bound_before_the_counted_noun_in_the_progress_text_is_not_a_figure(assess_text):
    r = assess_text("全年完成项目投资40亿元。", "1-6月,新签约5亿元以上项目9个。", "2023-06")
    assert figures_of(r) == []  # 5亿元 sizes the projects signed: no investment reported


def test_size_bound_before_a_place_is_not_a_target(assess_text):
    r = assess_text("年内实现50户以上自然村通客车,新建20个以上村级服务站。", "")
    assert [(t["value"], t["unit"]) for t in r["targets"]] == [(20, "个")]


# --- finished work before started work -----------------------------------------------------


def test_finished_figure_answers_a_build_target_before_a_started_one(assess_text):
    r = assess_text(
        "新建社区养老服务站30个。",
        "截至10月底,已有28个站点开工建设;已有22个站点建成投用。",
        "2023-10",
    )
    assert figures_of(r) == [(22, 0)]
    assert r["status"] == "behind"  # 22/30 below 10/12 of the year


# --- one count over several listed kinds --------------------------------------------------


def test_figures_naming_the_listed_kinds_add_up_across_sentences(assess_text):
    r = assess_text(
        "引进世界500强、中国500强或上市公司投资项目不少于4个。",
        "1-6月,引进世界500强投资项目2个;引进中国500强投资项目1个;引进上市公司投资项目2个。",
        "2023-06",
    )
    assert figures_of(r) == [(2, 0), (1, 0), (2, 0)]
    assert all(a.get("sum_of_parts") for a in r["actuals"])
    assert r["status"] == "exceeded"  # 5 of at least 4


def test_kinds_each_with_its_own_number_do_not_add_up(assess_text):
    r = assess_text("新建社区食堂、老年活动中心各6个。", "新建社区食堂5个;新建老年活动中心4个。")
    assert not any(a.get("sum_of_parts") for a in r["actuals"])


# --- multiples of another measure (N倍) ---------------------------------------------------


def test_multiple_of_another_measure_is_a_share_target_with_its_bound(assess_text):
    r = assess_text("农村五保供养标准不低于当地农村低保标准的1.5倍。", "")
    assert [(t["value"], t["unit"], t["comparator"], t["kind"]) for t in r["targets"]] == [
        (1.5, "倍", ">=", "share")
    ]


def test_reported_multiple_answers_the_multiple_target(assess_text):
    r = assess_text(
        "农村五保供养标准不低于当地农村低保标准的1.5倍。", "目前已达到当地农村低保标准的1.7倍。"
    )
    assert figures_of(r) == [(1.7, 0)]
    assert r["status"] == "exceeded"


def test_multiple_does_not_answer_a_percent_target(assess_text):
    r = assess_text("森林覆盖率达到45%。", "造林面积是上年的1.2倍,森林覆盖率46%。")
    assert figures_of(r) == [(46, 0)]
