"""The numbers behind a report's charts: tasks per class, per section and per lead unit
(stacked by class), and target vs reported for tasks with numeric targets. The same dict
feeds the cached JSON endpoint and the tables that stand in for the charts."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.core.cache import cache

from luoshi.disclosure import edge
from luoshi.disclosure.explain import target_states
from luoshi.disclosure.exports import progress_rows
from luoshi.textparse import CLASS_LABELS, CLASSES, class_counts, schedule_percent


def _stacked(keys, counts_by_key):
    return {
        "categories": keys,
        "series": [
            {
                "status": s,
                "label": CLASS_LABELS[s],
                "data": [counts_by_key[k].get(s, 0) for k in keys],
            }
            for s in CLASSES
        ],
        "totals": [sum(counts_by_key[k].values()) for k in keys],
        # The same numbers by row, for the table that stands in for the chart.
        "rows": [
            {
                "name": k,
                "counts": [counts_by_key[k].get(s, 0) for s in CLASSES],
                "total": sum(counts_by_key[k].values()),
            }
            for k in keys
        ],
    }


def chart_data(publication) -> dict:
    rows = list(progress_rows(publication))
    period = publication.period

    by_section: dict[str, Counter] = defaultdict(Counter)
    section_order: list[str] = []
    by_unit: dict[str, Counter] = defaultdict(Counter)
    targets = []
    for p in rows:
        heading = p.task.section.heading
        if heading not in by_section:
            section_order.append(heading)
        by_section[heading][p.status] += 1
        for name in p.task.lead_unit_names[:1]:  # the first lead unit answers for the task
            by_unit[name][p.status] += 1
        for t in target_states(p, period):
            if t.percent is None:
                continue
            targets.append(
                {
                    "seq": p.task.seq,
                    "task_id": p.task_id,
                    "target_text": t.target.get("text", ""),
                    "target": t.target.get("value"),
                    "actual": t.actual,
                    "unit": t.target.get("unit", ""),
                    "percent": t.percent,
                    # The bar shows the target's own state, not its task's class.
                    "state": t.state,
                    "state_label": t.label,
                    "colour": t.colour,
                    "limit": t.limit,
                    "status": p.status,
                    "status_label": p.status_label,
                }
            )
    units = sorted(by_unit, key=lambda u: (-sum(by_unit[u].values()), u))
    return {
        "report": {"id": publication.pk, "title": publication.title, "period": period.label},
        "total": len(rows),
        "schedule_percent": schedule_percent(period.end_month),
        "classes": class_counts(p.status for p in rows),
        "sections": _stacked(section_order, by_section),
        "units": _stacked(units, by_unit),
        "targets": targets,
    }


def fingerprint(publication) -> str:
    """The report and its government's page stamp, which every change to what a report's
    pages show bumps (luoshi.pagecache.signals): the frozen rows never change, but a unit
    or section the charts name may be renamed."""
    value, changed = edge.page_stamp(publication.period.plan.government_id)
    # With the creation times: a cache may outlive its database (a test database flushed
    # while the process runs, a database made anew) and ids and stamps start again.
    changed = changed.timestamp() if changed else 0
    return f"{publication.created.timestamp()}:{value}:{changed}"


def cached_chart_data(publication) -> dict:
    key = f"luoshi:charts:{publication.pk}:{fingerprint(publication)}"
    data = cache.get(key)
    if data is None:
        data = chart_data(publication)
        cache.set(key, data, 3600)
    return data
