"""Page navigation leaked into the last row (luoshi.ingest.navigation): dropped by a
general rule, never by knowing the document."""

from luoshi.ingest.navigation import strip_trailing_navigation
from luoshi.ingest.report import ParsedReport, ParsedSection, ParsedTask, ReportMeta


def _report(last_progress, crumb=()):
    tasks = [
        ParsedTask(1, "任务一。", ["区住建局"], progress="已完成。"),
        ParsedTask(2, "任务二。", ["区商务局"], progress=last_progress),
    ]
    meta = ReportMeta(title="2023年一季度完成情况", category_path=list(crumb))
    return ParsedReport(meta=meta, sections=[ParsedSection("(一)", "经济", tasks)])


def test_trailing_lines_repeating_the_breadcrumb_are_dropped_with_a_warning():
    r = _report("新增就业5000人。\n通知公告\n通知公告\n督查通报", crumb=("通知公告", "督查通报"))
    assert strip_trailing_navigation(r) == ["通知公告", "通知公告", "督查通报"]
    assert r.tasks[-1].progress == "新增就业5000人。"
    assert "网页导航, 已去除: 通知公告 / 通知公告 / 督查通报" in r.warnings[0]


def test_without_a_breadcrumb_bare_lines_after_a_finished_sentence_are_dropped():
    r = _report("新增就业5000人。\n政务公开\n工作动态")
    assert strip_trailing_navigation(r) == ["政务公开", "工作动态"]
    assert r.tasks[-1].progress == "新增就业5000人。"


def test_a_single_short_last_line_stays_progress():
    r = _report("开展专项检查。\n已完成")
    assert strip_trailing_navigation(r) == []
    assert r.tasks[-1].progress == "开展专项检查。\n已完成"
    assert r.warnings == []


def test_bare_lines_that_differ_from_the_breadcrumb_stay():
    r = _report("新增就业5000人。\n已完成\n正在推进", crumb=("通知公告", "督查通报"))
    assert strip_trailing_navigation(r) == []


def test_only_the_last_task_is_touched():
    r = _report("已完成。")
    r.tasks[0].progress = "已完成。\n政务公开\n工作动态"
    assert strip_trailing_navigation(r) == []
    assert r.tasks[0].progress == "已完成。\n政务公开\n工作动态"
