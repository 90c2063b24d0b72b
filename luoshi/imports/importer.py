"""Store a ParsedReport: all of it in one transaction, or nothing.

Matching rules:
- the government by the organisation code in the index number, else by name;
- the plan by government + year, sections by heading, tasks by serial number;
- units by name or alias within the government;
- the report by government + period + index number: importing it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from luoshi.audit.log import record
from luoshi.disclosure.models import Publication
from luoshi.disclosure.publishing import record_imported
from luoshi.ingest.metadata import FIELD_LABELS
from luoshi.ingest.report import ParsedReport, ReadError
from luoshi.pagecache.signals import remembering_tasks, stamp_on_commit
from luoshi.plans.models import (
    Government,
    Plan,
    Section,
    Task,
    TaskUnit,
    Unit,
    UnitAlias,
    unit_book,
)
from luoshi.progress.models import Period, Progress
from luoshi.search.index import index_publication


@dataclass
class ImportResult:
    plan: Plan
    publication: Publication | None
    created: bool
    tasks: int = 0
    sections: int = 0
    units_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.created:
            return f"已导入过, 未作改动: {self.publication or self.plan} (报告 {self.report_id})"
        what = self.publication or self.plan
        return (
            f"已导入: {what} (报告 {self.report_id}): {self.sections} 个板块, "
            f"{self.tasks} 项任务, 新建单位 {len(self.units_created)} 个"
        )

    @property
    def report_id(self):
        return self.publication.pk if self.publication else "-"


def org_code_of(index_no: str) -> str:
    """The front half of an index number: K1493206-6 of K1493206-6/2022-22822."""
    return index_no.split("/", 1)[0].strip() if "/" in index_no else ""


def _date(value: str, what: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ReadError(f"{what}不是有效日期: {value!r}") from exc


def _meta_text(meta, field: str) -> str:
    """A metadata value as stored, refused (naming its label) where the column cannot hold
    it: PostgreSQL would fail the whole import with a bare DataError."""
    value = getattr(meta, field)
    limit = Publication._meta.get_field(field).max_length
    if len(value) > limit:
        raise ReadError(
            f"元数据「{FIELD_LABELS.get(field, field)}」过长: {len(value)} 个字, 最多 {limit} 个字"
        )
    return value


def _datetime(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ReadError(f"发布时间不是有效时间: {value!r}") from exc
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def find_government(report: ParsedReport, name: str = "") -> Government | None:
    code = org_code_of(report.meta.index_no)
    if code and (gov := Government.objects.filter(org_code=code).first()):
        return gov
    name = name or report.government
    return Government.objects.filter(name=name).first() if name else None


def _government_name(report: ParsedReport, name: str) -> str:
    """The government to create: as given, else as the document names it. A publishing
    office written without its place (区府办, 区政府办公室) is not a government."""
    name = name or report.government
    if not name:
        office = report.meta.publisher
        said = f"文件只写了发布机构「{office}」, 没有写明是哪一级政府; " if office else ""
        raise ReadError(f"无法确定所属政府: {said}请用 --government 指定, 如 --government 某某县")
    return name


class UnitBook:
    """The government's units by name and alias, creating the missing ones."""

    def __init__(self, government: Government):
        self.government = government
        self.by_name = unit_book(
            Unit.objects.filter(government=government).prefetch_related("aliases")
        )
        self.created: list[str] = []
        self.new: list[Unit] = []
        self.new_aliases: list[tuple[Unit, str]] = []

    def get(self, name: str) -> Unit:
        """The unit of that name; a missing one is made but stored by `save_new` (in the
        order first named, as one INSERT)."""
        unit = self.by_name.get(name)
        if unit is None:
            unit = Unit(government=self.government, name=name)
            self.by_name[name] = unit
            self.created.append(name)
            self.new.append(unit)
        return unit

    def add_alias(self, unit: Unit, alias: str) -> None:
        if alias not in self.by_name:
            self.new_aliases.append((unit, alias))
            self.by_name[alias] = unit

    def save_new(self) -> None:
        _insert(Unit, self.new)
        for unit, alias in self.new_aliases:
            UnitAlias.objects.get_or_create(unit=unit, name=alias)
        self.new, self.new_aliases = [], []

    def apply_mapping(self, mapping: dict[str, int | None]) -> None:
        """Names matched by hand before the import: an id maps the name to that unit of
        the government (kept as an alias, so it matches next time); None lets it be
        created as a new unit."""
        for name, unit_id in mapping.items():
            if unit_id is None or name in self.by_name:
                continue
            unit = Unit.objects.filter(government=self.government, pk=unit_id).first()
            if unit is None:
                raise ReadError(f"单位「{name}」要对应的单位不属于{self.government}")
            self.add_alias(unit, name)
        self.save_new()


def _task_index_no(report: ParsedReport) -> str:
    return report.meta.index_no.strip()


@transaction.atomic
def store_report(
    report: ParsedReport,
    government_name: str = "",
    source_name: str = "",
    unit_mapping: dict[str, int | None] | None = None,
    actor=None,
) -> ImportResult:
    """Store `report`. Raises ReadError (and stores nothing) where it cannot be stored.
    `unit_mapping` ({name as written: unit id, or None for a new unit}) applies the
    choices made in the back-office preview in the same transaction. `actor` (the
    signed-in admin; the command line when None) is named in the audit log."""
    actor = actor or "命令行"
    if not report.tasks:
        raise ReadError("文件中没有任务")
    if report.period is None:
        raise ReadError("无法从标题确定年度和报告期: " + (report.meta.title or "(无标题)"))

    government = find_government(report, government_name)
    if government is None:
        government = Government.objects.create(
            name=_government_name(report, government_name),
            org_code=org_code_of(report.meta.index_no),
        )

    period_spec = report.period
    plan, _ = Plan.objects.get_or_create(government=government, year=period_spec.year)
    has_report = report.has_progress or bool(report.meta.index_no)

    if has_report:
        existing = Publication.objects.filter(
            period__plan=plan,
            period__start_month=period_spec.start_month,
            period__end_month=period_spec.end_month,
            period__year=period_spec.year,
            index_no=_task_index_no(report),
        ).first()
        if existing is None and not _task_index_no(report):
            existing = _same_report_without_index_no(plan, period_spec, report)
        if existing:
            return ImportResult(plan=plan, publication=existing, created=False)

    # Rows stored in bulk send no post_save: the pages are stamped once for the import.
    stamp_on_commit(government.pk)
    with remembering_tasks(plan):
        units = UnitBook(government)
        units.apply_mapping(unit_mapping or {})
        sections = _store_sections(plan, report)
        tasks = _store_tasks(plan, report, sections, units)

    publication = None
    if has_report:
        period, _ = Period.objects.get_or_create(
            plan=plan,
            year=period_spec.year,
            start_month=period_spec.start_month,
            end_month=period_spec.end_month,
            defaults={"quarter": period_spec.quarter, "label": period_spec.label},
        )
        _store_progress(period, report, tasks)
        publication = _store_publication(period, report, source_name)
        # Imported reports were published by their government: approve and freeze them.
        record_imported(publication, actor, source_name)
        index_publication(publication)
    else:
        record(
            actor,
            "plan.imported",
            plan,
            government=government,
            after={"tasks": len(report.tasks), "sections": len(report.sections)},
            note=source_name,
        )

    return ImportResult(
        plan=plan,
        publication=publication,
        created=True,
        tasks=len(report.tasks),
        sections=len(report.sections),
        units_created=units.created,
        warnings=list(report.warnings),
    )


def _same_report_without_index_no(plan, period_spec, report: ParsedReport):
    """A document without an index number (an XLSX/DOCX attachment) for a period that
    already has a report: the same report when every task's progress reads the same, else
    refused, since nothing tells a new report from a correction."""
    published = (
        Publication.objects.filter(
            period__plan=plan,
            period__start_month=period_spec.start_month,
            period__end_month=period_spec.end_month,
            period__year=period_spec.year,
        )
        .order_by("-version")
        .first()
    )
    if published is None:
        return None
    stored = dict(published.period.progress.values_list("task__seq", "text"))
    if stored == {t.seq: t.progress for t in report.tasks}:
        return published
    raise ReadError(
        f"{period_spec.label or period_spec.year} 已有报告《{published.title}》"
        f"(索引号 {published.index_no or '无'}); 本文件没有索引号且内容不同, "
        "无法判断是否同一份报告, 未导入 (更正已发布的报告请在工作台「报告期」中操作)"
    )


def _insert(model, objs: list, batch_size: int = 1000) -> None:
    """INSERT `objs` in batches, their ids read back (RETURNING: PostgreSQL, SQLite 3.35+).
    Sends no post_save: the import stamps its government's pages itself."""
    if not objs:
        return
    if connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objs, batch_size=batch_size)
    else:  # pragma: no cover (an SQLite older than 3.35)
        for obj in objs:
            obj.save(force_insert=True)


def _store_sections(plan: Plan, report: ParsedReport) -> dict[str, Section]:
    by_heading = {s.heading: s for s in plan.sections.all()}
    new = []
    for position, parsed in enumerate(report.sections):
        if parsed.heading not in by_heading:
            section = Section(
                plan=plan, number=parsed.number, title=parsed.title, position=position
            )
            by_heading[parsed.heading] = section
            new.append(section)
    _insert(Section, new)
    return by_heading


def _store_tasks(plan, report, sections, units: UnitBook) -> dict[int, Task]:
    """New tasks in one INSERT; a restated task is saved only where it changed (its save
    reassesses the task's other reports), and its units replaced only where they changed."""
    existing = {t.seq: t for t in plan.tasks.all()}
    stored_units: dict[int, set] = {}
    for row in TaskUnit.objects.filter(task__plan=plan).values_list(*_TASK_UNIT_FIELDS):
        stored_units.setdefault(row[0], set()).add(row[1:])
    tasks: dict[int, Task] = {}
    new_tasks, new_units, replaced = [], [], []
    for parsed_section in report.sections:
        section = sections[parsed_section.heading]
        for parsed in parsed_section.tasks:
            task = existing.get(parsed.seq)
            fields = {
                "section": section,
                "number": parsed.number,
                "content": parsed.content,
                "lead_officials": "、".join(parsed.lead_officials),
                "deadline": parsed.deadline,
                "milestones": parsed.milestones,
            }
            rows = _task_units(task, parsed, units)
            if task is None:
                task = Task(plan=plan, seq=parsed.seq, **fields)
                new_tasks.append(task)
            else:
                # A later report of the same plan restates the task: keep it current.
                if _differs(task, fields):
                    for name, value in fields.items():
                        setattr(task, name, value)
                    task.save()
                wanted = {(r.unit.pk, r.role, r.position, r.written_as) for r in rows}
                if None in {w[0] for w in wanted} or wanted != stored_units.get(task.pk, set()):
                    replaced.append(task.pk)
                else:
                    rows = []
            for row in rows:
                row.task = task
            new_units.extend(rows)
            tasks[parsed.seq] = task
    units.save_new()
    _insert(Task, new_tasks)
    if replaced:
        TaskUnit.objects.filter(task_id__in=replaced).delete()
    _insert(TaskUnit, new_units)
    return tasks


def _differs(task: Task, fields: dict) -> bool:
    # The section by id: reading task.section would cost a query per task.
    return task.section_id != fields["section"].pk or any(
        getattr(task, name) != value for name, value in fields.items() if name != "section"
    )


_TASK_UNIT_FIELDS = ("task_id", "unit_id", "role", "position", "written_as")


def _task_units(task: Task | None, parsed, units: UnitBook) -> list[TaskUnit]:
    """The task's unit rows as the document names them (not stored yet)."""
    written_as = {unit: alias for alias, unit in parsed.unit_aliases.items()}
    rows = []
    for role, names in (
        (TaskUnit.LEAD, parsed.lead_units),
        (TaskUnit.COOPERATING, parsed.cooperating_units),
    ):
        for position, name in enumerate(dict.fromkeys(names)):
            unit = units.get(name)
            alias = written_as.get(name, "")
            if alias:
                units.add_alias(unit, alias)
            rows.append(TaskUnit(unit=unit, role=role, position=position, written_as=alias))
    return rows


def _store_progress(period: Period, report: ParsedReport, tasks: dict[int, Task]) -> None:
    existing = {p.task_id: p for p in period.progress.all()}
    new = []
    for parsed in report.tasks:
        task = tasks[parsed.seq]
        progress = existing.get(task.pk)
        if progress is None:
            progress = Progress(task=task, period=period, text=parsed.progress)
            progress.assess()  # what Progress.save does; bulk_create does not call it
            new.append(progress)
            continue
        progress.task = task
        progress.period = period
        progress.text = parsed.progress
        progress.save()  # assesses the text (Progress.save)
    _insert(Progress, new)


_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _store_publication(period: Period, report: ParsedReport, source_name: str) -> Publication:
    meta = report.meta
    published_at = meta.published_at
    if _DATE_ONLY.match(published_at or ""):
        published_at += " 00:00:00"
    return Publication.objects.create(
        period=period,
        title=meta.title or period.label,
        index_no=_task_index_no(report),
        disclosure_method=_meta_text(meta, "disclosure_method"),
        publisher=_meta_text(meta, "publisher"),
        disclosure_scope=_meta_text(meta, "disclosure_scope"),
        doc_no=_meta_text(meta, "doc_no"),
        disclosure_term=_meta_text(meta, "disclosure_term"),
        generated_on=_date(meta.generated_on, "生成日期"),
        published_on=_date(meta.published_on, "发布日期"),
        published_at=_datetime(published_at),
        attachments=meta.attachments,
        category_path=meta.category_path,
        topic=_meta_text(meta, "topic"),
        grouping=_meta_text(meta, "grouping"),
        written_on=_date(meta.written_on, "成文日期"),
        issued_on=_date(meta.issued_on, "发文日期"),
        disclosed_on=_date(meta.disclosed_on, "公开日期"),
        disclosure_form=_meta_text(meta, "disclosure_form"),
        disclosure_dept=_meta_text(meta, "disclosure_dept"),
        file_name=_meta_text(meta, "file_name"),
        validity=_meta_text(meta, "validity"),
        source_name=source_name,
        source_format=report.format,
    )
