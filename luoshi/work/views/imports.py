"""Importing a published report in the back office (/work/imports/), for the supervision
office's admin: upload, preview, correct the column mapping and the unit matching, commit.

Nothing is stored before the commit. The upload waits in luoshi.imports.uploads, known
only to the session that uploaded it; it is read once for each column mapping and period
chosen. The commit stores it with store_report in one transaction, or nothing.
"""

from __future__ import annotations

import difflib
import secrets
from pathlib import Path

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from luoshi.imports import uploads
from luoshi.imports.fields import FIELD_CHOICES, FIELD_LABELS
from luoshi.imports.importer import find_government, store_report
from luoshi.ingest.columns import document_columns
from luoshi.ingest.detect import MAX_BYTES, detect_format
from luoshi.ingest.report import ReadError
from luoshi.plans.columnheads import remember, remembered_overrides
from luoshi.plans.models import Unit, unit_book
from luoshi.plans.reading import parse_period, read_for_import, require_period
from luoshi.work.decorators import admin_required

# Pages --------------------------------------------------------------------------------


@admin_required
def upload(request, government):
    if request.method == "POST":
        f = request.FILES.get("document")
        if f is None:
            messages.error(request, "请选择要导入的文件")
        elif f.size > MAX_BYTES:
            messages.error(request, f"{f.name}: 文件过大 (上限 {MAX_BYTES // 1024 // 1024} MB)")
        elif f.size == 0:
            messages.error(request, f"{f.name}: 文件为空")
        else:
            uploads.purge_old()
            token = secrets.token_urlsafe(16)
            data = b"".join(f.chunks())  # at most MAX_BYTES
            (uploads.upload_dir() / token).write_bytes(data)
            entry = {"name": Path(f.name).name, "columns": {}, "period": ""}
            columns, fmt = _columns(data, entry["name"])  # on error, the preview names it
            uploads.store_parsed(token, {"columns": (columns, fmt)})
            entry["remembered"] = remembered_overrides(government, columns)
            entry["columns"] = dict(entry["remembered"])
            uploads.save_entry(request, token, entry)
            return redirect("imports:preview", token=token)
    pending = [
        {"token": t, "name": e["name"]}
        for t, e in request.session.get(uploads.SESSION_KEY, {}).items()
        if (uploads.upload_dir() / t).is_file()
    ]
    return render(request, "plans/upload.html", {"government": government, "pending": pending})


def _overrides(entry: dict) -> dict[int, str]:
    return {int(c): f for c, f in entry.get("columns", {}).items()}


def _columns(data: bytes, name: str):
    """The document's columns as it has them, and its format; none for a file that cannot
    be read (reading it for the report says why)."""
    try:
        fmt = detect_format(data, name)
        return document_columns(data, fmt), fmt
    except ReadError:
        return [], ""


def _read(entry: dict, token: str):
    """The report as it would be stored, with the columns as the document has them: read
    from the upload once for the mapping and period chosen, then from what was kept."""
    key = (entry["name"], sorted(_overrides(entry).items()), entry.get("period") or "")
    parsed = uploads.load_parsed(token)
    if parsed.get("key") == key:
        report, error = parsed["report"], parsed["error"]
        return report, error and ReadError(*error), *parsed["columns"]
    data = (uploads.upload_dir() / token).read_bytes()
    columns, fmt = parsed.get("columns") or _columns(data, entry["name"])
    report, error = None, None
    try:
        report = read_for_import(
            data, entry["name"], _overrides(entry), entry.get("period") or None
        )
    except ReadError as exc:
        if not exc.source:
            exc.source = entry["name"]
        error = exc
    kept = error and (error.message, error.where, error.source)
    uploads.store_parsed(
        token, {"key": key, "report": report, "error": kept, "columns": (columns, fmt)}
    )
    return report, error, columns, fmt


def _check_government(report, government) -> None:
    found = find_government(report, government.name)
    if found is not None and found != government:
        raise ReadError(
            f"文件的信息索引号 {report.meta.index_no} 属于{found}, 不是{government}, 不能导入"
        )


def _unit_matches(report, government):
    """Every unit the document names: matched to one of the government's units (by name
    or alias), or unknown with the government's units the closest first."""
    units = list(Unit.objects.filter(government=government).prefetch_related("aliases"))
    by_name = unit_book(units)
    written_beside = {a for t in report.tasks for a in t.unit_aliases}
    known, unknown = [], []
    for name in report.units:
        if name in by_name:
            known.append({"name": name, "unit": by_name[name]})
        else:
            close = difflib.get_close_matches(name, [u.name for u in units], n=3, cutoff=0.5)
            unknown.append({"name": name, "close": [by_name[c] for c in close]})
    return known, unknown, units, sorted(written_beside)


def _preview_context(request, government, token, entry, error=None):
    report, read_error, columns, fmt = _read(entry, token)
    error = error or read_error
    if report is not None and error is None:
        try:
            _check_government(report, government)
        except ReadError as exc:
            error = exc
    chosen = _overrides(entry)
    column_rows = [
        {
            "column": c,
            "value": chosen.get(c.index, c.field or "ignore"),
            "recognised": c.field,
            "label": FIELD_LABELS.get(c.field or "", ""),
            # Still as last time (the admin may have changed it since the upload).
            "remembered": chosen.get(c.index) is not None
            and entry.get("remembered", {}).get(str(c.index)) == chosen[c.index],
        }
        for c in columns
    ]
    ctx = {
        "government": government,
        "token": token,
        "entry": entry,
        "report": report,
        "error": error,
        "format": fmt,
        "columns": column_rows,
        "remembered_count": sum(1 for r in column_rows if r["remembered"]),
        "field_choices": FIELD_CHOICES,
        "period_value": entry.get("period", ""),
    }
    if report is not None:
        known, unknown, units, aliases = _unit_matches(report, government)
        ctx.update(
            known_units=known,
            unknown_units=unknown,
            all_units=units,
            written_aliases=aliases,
            recognised_columns=[
                (head, FIELD_LABELS.get(f, f) if f else "") for head, f in report.columns.items()
            ],
        )
    return ctx


@admin_required
def preview(request, government, token):
    entry = uploads.entry(request, token)
    return render(
        request, "plans/preview.html", _preview_context(request, government, token, entry)
    )


@require_POST
@admin_required
def columns(request, government, token):
    """Read the document again with the columns and the period as chosen."""
    entry = uploads.entry(request, token)
    docs_columns = _read(entry, token)[2]
    chosen = {}
    for c in docs_columns:
        key = f"col_{c.index}"
        if key not in request.POST:  # a form without the column (the period alone) keeps it
            if str(c.index) in entry.get("columns", {}):
                chosen[str(c.index)] = entry["columns"][str(c.index)]
            continue
        value = request.POST[key]
        if value and value != (c.field or "ignore"):
            chosen[str(c.index)] = value
    entry["columns"] = chosen
    period = request.POST.get("period", "").strip()
    if period:
        try:
            parse_period(period)
        except ReadError as exc:
            messages.error(request, str(exc))
            period = entry.get("period", "")
    entry["period"] = period
    uploads.save_entry(request, token, entry)
    return redirect("imports:preview", token=token)


def _unit_mapping(request, unknown) -> dict[str, int | None]:
    mapping: dict[str, int | None] = {}
    for item in unknown:
        value = request.POST.get(f"unit:{item['name']}", "new")
        mapping[item["name"]] = int(value) if value.isdigit() else None
    return mapping


@require_POST
@admin_required
def commit(request, government, token):
    entry = uploads.entry(request, token)
    report, error, columns, _ = _read(entry, token)
    if error is None:
        try:
            _check_government(report, government)
            require_period(report, entry["name"], how="页面上的「报告期」")
            _, unknown, _, _ = _unit_matches(report, government)
            with transaction.atomic():  # the report and the remembered heads, or nothing
                result = store_report(
                    report,
                    government_name=government.name,
                    source_name=entry["name"],
                    unit_mapping=_unit_mapping(request, unknown),
                    actor=request.user,
                )
                remember(government, columns, entry.get("columns", {}))
        except ReadError as exc:
            if not exc.source:
                exc.source = entry["name"]
            error = exc
    if error is not None:
        ctx = _preview_context(request, government, token, entry, error=error)
        return render(request, "plans/preview.html", ctx, status=400)
    uploads.forget(request, token)
    messages.success(request, f"{entry['name']}: {result.summary()}")
    return redirect("imports:upload")


@require_POST
@admin_required
def discard(request, government, token):
    entry = uploads.entry(request, token)
    uploads.forget(request, token)
    messages.info(request, f"已放弃导入 {entry['name']}, 未写入任何数据")
    return redirect("imports:upload")
