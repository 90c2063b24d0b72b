"""Word lists the rules read, kept as data in one place (docs/assessment-rules.md).

Each list is what reports of many governments write, not the wording of one report. Add a
word here, not in the rule that reads it."""

from __future__ import annotations

# Measure words that count the same things in progress reports: a target of 27个 is
# answered by 27家, a road target of 5条 by 5处, housing of 300套 by 300户. Comparison is
# by group membership (not transitive across groups: 条 does not answer 个).
UNIT_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"个", "家", "所", "座", "处", "项", "套"}),  # institutions, stations, projects
    frozenset({"处", "条"}),  # roads, bridges, rivers
    frozenset({"人", "名", "位"}),  # people
    frozenset({"台", "部"}),  # lifts
    frozenset({"套", "户"}),  # housing
    frozenset({"吨标准煤", "吨标煤"}),  # energy
)

# Ceiling metrics: lower is better, so a `~` or `=` level on them is a cap (`<=`):
# 3.62% against 失业率控制在5.5%左右 is met. Matched as substrings of the target's metric
# (after folding); a reduction (下降/降低) of such a metric is a reduction, not a cap.
CEILING_METRICS: tuple[str, ...] = (
    "失业率", "居民消费价格", "消费价格涨幅", "消费价格指数", "CPI", "能耗强度", "死亡人数",
    "死亡率", "PM2.5", "PM10", "细颗粒物", "万元GDP能耗", "万元地区生产总值能耗",
    "单位GDP能耗", "单位地区生产总值能耗", "事故起数", "发生率", "赤字率", "负债率",
)  # fmt: skip

# Measure words that count concrete things built, opened or brought in: with them a Chinese
# numeral one is a count (引进一家龙头企业, 新建一所学校), not a word (一件事, 一张网).
ONE_COUNTS: str = "家所座条处台部套栋幢艘架辆"

# Abbreviations reports use for a metric, read as the full name when wordings are compared
# (全市GDP增长13.7% answers 地区生产总值增长7%以上).
METRIC_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "GDP": ("地区生产总值", "国内生产总值"),
    "CPI": ("居民消费价格",),
    "PPI": ("工业生产者出厂价格",),
    "R&D": ("研究与试验发展", "研发"),
}

# Nouns that name a set of measures: after a count (4个结构性指标, 5大主要指标) the count is the
# set's label, not a target, and the rate that follows is one target each member answers.
MEASURE_SET_NOUNS: tuple[str, ...] = ("指标",)

# What a money standard is paid per (2200元/人月, 16032元/人年, 835元/人·月): after one of these a
# "/" makes a per-head standard, a measure; other units after "/" are capacities or codes
# (20万吨/日, 1/3).
PER_HEAD_DENOMINATORS: tuple[str, ...] = ("人·月", "人·年", "人月", "人年", "人", "户", "月", "年")

# A bound in one of these units followed by one of these nouns sizes the places or bodies
# it names (20户以上具备条件的自然村, 10亿元以上项目): a qualifier, not a target, even with no
# count of its own after it. A counter of the noun itself (30个以上数字赋能项目) is a target.
SIZE_UNITS: tuple[str, ...] = ("户", "人", "万人", "亿元", "万元", "千万元", "亩", "平方米")
SIZED_NOUNS: tuple[str, ...] = (
    "村", "小区", "社区", "企业", "项目", "学校", "医院", "镇", "乡", "街道", "园区", "片区",
)  # fmt: skip

# Of two figures worded alike for a target to build, the one that says the work is finished
# answers it before the one that says it has started (已有87个项目竣工 before 98个项目开工建设),
# unless the target itself counts starts (新开工项目100个).
FINISHED_WORDS: tuple[str, ...] = ("竣工", "建成", "完工", "投用", "投入使用", "交付", "落成")
STARTED_WORDS: tuple[str, ...] = ("开工", "开建", "动工", "启动", "在建")
# Column names of a progress table that hold the plan for the period, not what was done
# (月度工作计划：4月：完成培训65人；落实情况：已完成。…): their numbers are the node's plan.
PLAN_COLUMNS: tuple[str, ...] = (
    "月度工作计划", "季度工作计划", "工作计划", "月度计划", "季度计划", "本月计划", "计划安排",
    "进度安排", "进度计划", "节点目标", "节点计划", "时间节点", "序时目标", "月度目标",
    "季度目标", "阶段目标",
)  # fmt: skip
# Column names that hold what was done, after a plan column.
PROGRESS_COLUMNS: tuple[str, ...] = (
    "落实情况", "完成情况", "进展情况", "推进情况", "实施情况", "执行情况", "工作进展",
    "进展", "当前进度", "进度情况", "办理情况",
)  # fmt: skip
