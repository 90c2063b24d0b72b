"""The neutral shape every document reader produces.

Readers (scraped page text, HTML, XLSX, DOCX, CSV, paragraph reports) all turn their input
into one ParsedReport; the Django side stores a ParsedReport in one transaction and never
looks at the source format. Nothing here imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The quarters as reports and period labels name them (2021年四季度; 一季度形象进度).
QUARTER_NAMES = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}


class ReadError(ValueError):
    """A document that cannot be read. `where` names the place: "line 12",
    "sheet 表1 row 5 column C", "table 2 row 7"."""

    def __init__(self, message: str, where: str = "", source: str = ""):
        self.message = message
        self.where = where
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        place = ", ".join(p for p in (self.source, self.where) if p)
        return f"{place}: {self.message}" if place else self.message


@dataclass
class ReportMeta:
    """The disclosure metadata block of a 政府信息公开 page. Dates are ISO strings
    ("2022-01-19"), empty when the document does not give them."""

    title: str = ""
    index_no: str = ""  # 信息索引号 / 索引号
    disclosure_method: str = ""  # 公开方式
    publisher: str = ""  # 发布机构 / 发布单位
    disclosure_scope: str = ""  # 公开范围
    doc_no: str = ""  # 备注/文号, 文号
    disclosure_term: str = ""  # 公开时限
    generated_on: str = ""  # 生成日期
    published_on: str = ""  # 发布日期 / 公布日期
    published_at: str = ""  # the page's date/time line, "2022-01-19 11:50:16"
    attachments: list[str] = field(default_factory=list)  # 附件
    category_path: list[str] = field(default_factory=list)  # 规划计划 > 政府工作报告重点任务
    topic: str = ""  # 主题分类
    grouping: str = ""  # 组配分类
    written_on: str = ""  # 成文日期 (also kept in generated_on, as before)
    issued_on: str = ""  # 发文日期
    disclosed_on: str = ""  # 公开日期
    disclosure_form: str = ""  # 公开形式
    disclosure_dept: str = ""  # 公开责任部门
    file_name: str = ""  # 文件名称
    validity: str = ""  # 有效性


@dataclass
class PeriodSpec:
    """The span a report covers: a year and a quarter, or a month span."""

    year: int
    quarter: int | None = None
    start_month: int = 1
    end_month: int = 12
    label: str = ""  # as written, e.g. "2021年四季度"

    @property
    def as_of(self) -> str:
        """The month the report speaks for, as the assessment engine wants it."""
        return f"{self.year:04d}-{self.end_month:02d}"


@dataclass
class ParsedTask:
    seq: int
    content: str
    # The number as the document writes it ("3", "（三）", "第12项"). It differs from seq
    # where a later part, table or attachment numbers afresh from 1: its tasks are
    # numbered on in document order and keep this.
    number: str = ""
    lead_units: list[str] = field(default_factory=list)  # in the order written; first leads
    cooperating_units: list[str] = field(default_factory=list)
    # Another name written for a unit in this task: {"区支援合作局": "区发改经信局"}.
    unit_aliases: dict[str, str] = field(default_factory=dict)
    progress: str = ""  # 完成情况, paragraphs separated by "\n"
    lead_officials: list[str] = field(default_factory=list)
    deadline: str = ""
    milestones: dict[str, str] = field(default_factory=dict)  # {"一季度": "...", ...}
    completion_rate: str = ""
    remarks: str = ""
    where: str = ""  # where the task starts in the source, e.g. "line 14"


@dataclass
class ParsedSection:
    number: str  # as written: "(一)"; empty for a plain title such as 主要经济指标
    title: str
    tasks: list[ParsedTask] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}"


@dataclass
class ParsedReport:
    meta: ReportMeta
    sections: list[ParsedSection]
    period: PeriodSpec | None = None
    government: str = ""  # the government's name where the document gives it
    format: str = ""  # "seedtext", "html", "xlsx", "docx", "csv", "paragraphs"
    columns: dict[str, str] = field(default_factory=dict)  # head as written -> field name
    warnings: list[str] = field(default_factory=list)
    # Where the period and the government were read (标题, 报头, 列「…」, 第 3 行), for the
    # person importing to check; empty where the document does not say.
    period_where: str = ""
    government_where: str = ""
    # The document's first lines before its tasks, as written (a paragraph report's
    # masthead and title block), where a reader keeps them.
    lead_lines: list[str] = field(default_factory=list)

    @property
    def tasks(self) -> list[ParsedTask]:
        return [t for s in self.sections for t in s.tasks]

    @property
    def has_progress(self) -> bool:
        return any(t.progress for t in self.tasks)

    @property
    def units(self) -> list[str]:
        """Every unit named, in order of first appearance."""
        seen: dict[str, None] = {}
        for t in self.tasks:
            for name in [*t.lead_units, *t.cooperating_units]:
                seen.setdefault(name, None)
        return list(seen)


def period_from_title(title: str) -> PeriodSpec | None:
    """Read the period from a report title: 2021年四季度, 2022年第一季度, 2023年上半年,
    2021年1-9月, 《2023年政府工作报告》一季度, 2020年度 (luoshi.ingest.period reads it).
    Returns None where the title names no year."""
    from luoshi.ingest.period import read_period

    return read_period(title)
