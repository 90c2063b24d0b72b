from luoshi.textparse import CLASS_LABELS, CLASSES, assess


def status(content, text, as_of="2021-12"):
    r = assess({"id": "x", "content": content, "status_text": text, "as_of": as_of})
    return r["status"], r["evidence"]


def test_statuses_in_precedence_order_with_chinese_labels():
    assert CLASSES[0] == "awaiting_data" and CLASSES[-1] == "in_progress"
    assert CLASS_LABELS["on_track"] == "序时推进"


def test_awaiting_data_wins_over_everything():
    s, ev = status("地区生产总值增长7.5%左右。", "1-9月增长5%。1-12月数据尚未出。")
    assert s == "awaiting_data" and ev == ["1-12月数据尚未出"]


def test_shortfall_words_make_behind_even_with_exceeded_figures():
    s, ev = status(
        "新增绿地80万平方米,完成39条道路。", "新增绿地82万平方米。剩余道路因交地推迟暂未完工。"
    )
    assert s == "behind" and "推迟" in ev


def test_exceeded_when_all_met_and_one_clearly_above():
    assert status("新增养老机构床位270张。", "共新增养老机构床位379张。")[0] == "exceeded"


def test_completed_when_exactly_met():
    assert status("建成杭州书房5家。", "完成杭州书房建设5家。")[0] == "completed"


def test_on_track_before_year_end():
    assert status("新增绿地80万平方米。", "新增绿地62万平方米。", "2021-09")[0] == "on_track"


def test_ahead_of_schedule_wording_is_on_track():
    assert (
        status("推进重点项目建设。", "投资完成快于序时进度6个百分点。", "2021-06")[0] == "on_track"
    )


def test_task_without_numbers_completed_by_whole_task_wording():
    s, ev = status("推进中共浙江省委机关旧址红色阵地建设。", "项目已建设完工,开馆。")
    assert s == "completed" and "开馆" in ev


def test_completed_by_restating_the_promise():
    s, _ = status("财政收入增长与经济增长基本同步。", "实现财政收入增长与经济增长基本同步。")
    assert s == "completed"


def test_continuing_work_is_in_progress():
    assert status("深化机关内部“最多跑一次”改革。", "完成两区平台融合,深化改革迭代升级系统功能。")[
        0
    ] == ("in_progress")


def test_partly_done_item_is_not_the_whole_task():
    text = "已完成景观提升工程招标,EPC工程正在招标中。"
    assert status("推进和睦社区创建未来社区。", text)[0] == "in_progress"


def test_all_done_said_of_a_side_issue_does_not_complete_the_task():
    text = "累计下发抄告函19份,涉及问题均已完成整改。"
    assert status("深化五气共治,提升环境空气优良率。", text)[0] == "in_progress"


def test_future_intent_is_not_completion():
    assert status("完工亚运电竞场馆。", "年底前力争电竞中心完工。")[0] == "in_progress"


def test_class_counts_list_every_class_in_precedence_order_with_zeros():
    from luoshi.textparse import CLASSES, class_counts

    counts = class_counts(["behind", "completed", "behind"])
    assert [c["status"] for c in counts] == list(CLASSES)
    assert {c["status"]: c["count"] for c in counts if c["count"]} == {"behind": 2, "completed": 1}
    assert counts[1] == {"status": "behind", "label": "滞后", "count": 2}


def test_class_counts_leave_rows_without_a_class_out():
    from luoshi.textparse import class_counts

    assert sum(c["count"] for c in class_counts(["", "on_track", ""])) == 1
