"""The audit log for the supervision office: filter, page through, export as CSV."""

import contextlib
import datetime as dt
import json

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from luoshi.audit.log import ACTION_LABELS
from luoshi.audit.models import AuditEvent
from luoshi.progress import permissions as perms
from luoshi.security.cells import CsvWriter
from luoshi.work.decorators import member_required

CSV_HEADERS = ["时间", "操作人", "操作", "对象类型", "对象编号", "修改前", "修改后", "说明"]


def _events(request):
    government = perms.government_of(request.user)
    perms.require(
        perms.can_view_audit(request.user, government), "只有督查室管理员可以查看审计日志"
    )
    # Scoped to the admin's own government: another government's log is not theirs to read.
    events = AuditEvent.objects.of_government(government)
    params = request.GET
    if params.get("action"):
        events = events.action_under(params["action"])
    if params.get("actor"):
        events = events.filter(actor_name=params["actor"])
    if params.get("object_type"):
        events = events.filter(object_type=params["object_type"])
    if params.get("object_id"):
        events = events.filter(object_id=params["object_id"])
    for name, lookup in (("since", "at__date__gte"), ("until", "at__date__lte")):
        with contextlib.suppress(ValueError):  # an empty or odd date filters nothing
            events = events.filter(**{lookup: dt.date.fromisoformat(params.get(name, ""))})
    return government, events


@member_required
def audit_list(request):
    government, events = _events(request)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    everything = AuditEvent.objects.of_government(government)
    context = {
        "page": page,
        "params": request.GET,
        "query": request.GET.urlencode(),
        "actions": sorted(set(everything.values_list("action", flat=True))),
        "actors": sorted(set(everything.values_list("actor_name", flat=True))),
        "labels": ACTION_LABELS,
    }
    return render(request, "work/audit.html", context)


def _json(value):
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


@member_required
def audit_csv(request):
    _, events = _events(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 CSV as Chinese only with the BOM
    writer = CsvWriter(response)  # a note like =HYPERLINK(…) stays text
    writer.writerow(CSV_HEADERS)
    for e in events.iterator():
        writer.writerow(
            [
                timezone.localtime(e.at).isoformat(timespec="seconds"),
                e.actor_name,
                e.action,
                e.object_type,
                e.object_id,
                _json(e.before),
                _json(e.after),
                e.note,
            ]
        )
    return response
