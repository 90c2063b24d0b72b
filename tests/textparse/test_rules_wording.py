"""Wordings of further governments' reports the class and figures read, one test per
behaviour, each run on the ASCII text and on its full-width twin (，：；（）). The sentences
are written in the shape of published 通报 and progress tables, not copied from them."""

import pytest

# --- a rate against its goal, in percentage points ------------------------------------------


@pytest.mark.parametrize(
    "words",
    ["塌目标2.4个百分点", "低于年度目标1.5个百分点", "慢于序时进度3个百分点",
     "比预期目标低0.8个百分点", "距全年目标差1.2个百分点", "落后目标4个百分点"],
)  # fmt: skip
def test_points_below_the_goal_are_behind(assess_text, words):
    r = assess_text(
        "社会消费品零售总额", f"1-6月,社会消费品零售总额同比增长4.1%,{words}。", "2023-06"
    )
    assert r["status"] == "behind" and words in r["evidence"]


@pytest.mark.parametrize(
    "words",
    ["高于目标1.6个百分点", "高于预期目标3.2个百分点", "快于序时进度5个百分点",
     "超年度目标0.7个百分点", "比目标高2个百分点"],
)  # fmt: skip
def test_points_above_the_goal_are_on_schedule(assess_text, words):
    r = assess_text("规模以上工业增加值", f"上半年,规模以上工业增加值增长9.3%,{words}。", "2023-06")
    assert r["status"] == "on_track" and words in r["evidence"]


def test_points_above_another_place_are_not_a_judgement(assess_text):
    r = assess_text("固定资产投资", "一季度固定资产投资增长6.1%,高于全市1.4个百分点,低于全省0.5个百分点。",
                    "2024-03")  # fmt: skip
    assert r["status"] == "in_progress"


# --- a 通报 counting tasks by schedule ----------------------------------------------------


def test_task_named_among_those_on_schedule_is_on_track(assess_text):
    text = "截至9月底,达到序时进度3项(进出口总额、一般公共预算收入、实际利用外资),占比30%;"
    r = assess_text("一般公共预算收入", text, "2021-09")
    assert r["status"] == "on_track" and r["evidence"] == ["达到序时进度3项"]


def test_task_named_among_those_behind_is_behind_beside_an_on_schedule_group(assess_text):
    text = ("达到序时进度3项(进出口总额、实际利用外资、税收收入);"
            "未达到序时进度2项(一般公共预算收入、社会消费品零售总额)。")  # fmt: skip
    assert assess_text("实际利用外资", text, "2021-09")["status"] == "on_track"
    r = assess_text("社会消费品零售总额", text, "2021-09")
    assert r["status"] == "behind" and r["evidence"] == ["未达到序时进度2项"]


def test_groups_that_do_not_name_the_task_do_not_decide(assess_text):
    text = "达到序时进度3项(进出口总额、实际利用外资、税收收入);全市新增市场主体2.1万户。"
    assert assess_text("新增市场主体", text, "2021-09")["status"] == "in_progress"


# --- "all done" said alone ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["已全部建设完成", "已全部改造完成。", "均已完成"])
def test_a_clause_that_is_only_all_done_is_the_task_done(assess_text, text):
    r = assess_text("美丽乡村示范村建设,全年任务为36个村", text, "2022-10")
    assert r["status"] == "completed"


def test_all_done_of_something_else_is_not_the_task(assess_text):
    r = assess_text("建成城市书房12个", "选址工作已全部完成,正在施工。", "2022-10")
    assert r["status"] == "in_progress"


# --- a plan column beside the progress column -------------------------------------------


def test_plan_column_numbers_are_not_figures(assess_text):
    text = "月度工作计划:6月:完成家庭医生签约培训120人;落实情况:已完成。已培训310人,完成率62%。"
    r = assess_text("培训家庭医生签约服务人员500人。", text, "2023-06")
    assert [a["value"] for a in r["actuals"]] == [310]
    assert r["status"] == "on_track"


def test_done_in_the_progress_column_is_the_node_met_not_the_task(assess_text):
    text = "节点目标:5月:完成选址和设备招标;完成情况:已完成。已确定12个点位,设备进入采购程序。"
    r = assess_text("在公共场所新增配置母婴室40个。", text, "2023-05")
    assert r["status"] == "on_track"
    assert any(e.startswith("完成情况") and e.endswith("已完成") for e in r["evidence"])


def test_plan_column_without_a_progress_column_is_read_as_written(assess_text):
    r = assess_text("新建公办幼儿园3所。", "工作计划:年底前完成主体施工。已建成2所。", "2023-09")
    assert [a["value"] for a in r["actuals"]] == [2]
