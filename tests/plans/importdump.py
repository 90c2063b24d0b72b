"""A fixed series of imports and a dump of every row they leave in luoshi's tables: the
bulk import path must store exactly what the row-by-row path stored (a digest of the
dump made with the row-by-row path is kept in tests/plans/data/import_digest.json)."""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.db import models

DUMP = Path(__file__).resolve().parent / "data" / "import_digest.json"
# Fields that differ between two runs of the same imports: the clock, and the audit
# chain's hashes (they cover the clock).
RUN_DEPENDENT = {
    ("audit", "auditevent"): {"at", "hash", "previous_hash"},
    ("pagecache", "pagestamp"): {"changed"},
}
# Columns added after the digest was made by the row-by-row importer, left out of the
# comparison so the digest stays that importer's evidence. One code path (the importer's
# _store_publication, not the bulk inserts) writes them; tests/plans/
# test_import_report_meta.py checks what it stores.
ADDED_SINCE = {
    ("disclosure", "publication"): {
        "written_on",
        "issued_on",
        "disclosed_on",
        "disclosure_form",
        "disclosure_dept",
        "file_name",
        "validity",
    },
}
# Tables whose ids nothing refers to, compared as sets of rows: an import may keep a
# task's unchanged unit rows where the row-by-row path deleted and re-made them.
UNORDERED = {("plans", "taskunit")}


def import_series() -> list[str]:
    """Store the seed, the samples, a restated later report, synthetic counties (two
    quarters whose tasks change units in between) and a plan without progress; returns
    each import's summary."""
    from bench.synth import county_report
    from luoshi.imports.importer import store_report
    from luoshi.ingest.seedtext import read_seedtext
    from luoshi.plans.reading import read_for_import
    from tests.conftest import SAMPLES, SEED
    from tests.portal import store_third_quarter

    seed = read_seedtext(SEED.read_text(encoding="utf-8"), source=SEED.name)
    done = [store_report(seed, source_name=SEED.name).summary()]
    store_third_quarter(seed)
    for sample in sorted(SAMPLES.iterdir()):
        report = read_for_import(sample, filename=sample.name, period="2021Q2")
        done.append(
            store_report(report, government_name="样本区", source_name=sample.name).summary()
        )
    restated = copy.deepcopy(seed)
    restated.meta.index_no += "-r"
    restated.period.end_month, restated.period.label = 6, "2021年1-6月"
    restated.period.quarter = 2
    for task in restated.tasks[::7]:
        task.content += "(调整)"
        task.lead_units = task.lead_units[::-1] + ["区新设办"]
    done.append(store_report(restated, source_name="restated").summary())
    for county, quarter in ((0, 3), (0, 4), (1, 4)):
        done.append(store_report(county_report(county, quarter, tasks=40)).summary())
    plan_only = county_report(2, 1, tasks=30)
    plan_only.meta.index_no = ""
    for task in plan_only.tasks:
        task.progress = ""
    done.append(store_report(plan_only, source_name="plan-only").summary())
    return done


def _value(value):
    if isinstance(value, (dt.date, dt.datetime, dt.time, decimal.Decimal)):
        return str(value)
    return value


def _luoshi_models():
    for model in apps.get_models():
        if model._meta.app_config.name.startswith("luoshi") and not model._meta.proxy:
            yield model


def dump() -> dict[str, list[list]]:
    """Every row of every luoshi table in primary-key order, as plain JSON values, with
    each id (own, foreign, audit object) written as the row's place in its table: ids
    differ between databases (PostgreSQL sequences survive a rolled-back test), places do
    not."""
    place = {
        model: {
            pk: n for n, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True))
        }
        for model in _luoshi_models()
    }
    by_label = {m._meta.label_lower: m for m in place}
    out = {}
    for model in place:
        meta = model._meta
        key = (meta.app_label, meta.model_name)
        skip = RUN_DEPENDENT.get(key, set()) | ADDED_SINCE.get(key, set())
        fields = [
            f
            for f in meta.concrete_fields
            if f.name not in skip
            and not (isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add))
        ]
        rows = []
        for obj in model.objects.order_by("pk"):
            row = {}
            for f in fields:
                value = getattr(obj, f.attname)
                if f.primary_key:
                    value = place[model][value]
                elif f.is_relation and value is not None:
                    value = place.get(f.related_model, {}).get(value, f"other:{value}")
                elif f.name == "object_id" and obj.object_type in by_label and value:
                    value = place[by_label[obj.object_type]].get(int(value), f"gone:{value}")
                row[f.attname] = _value(value)
            rows.append(row)
        if (meta.app_label, meta.model_name) in UNORDERED:
            for row in rows:
                del row[meta.pk.attname]
            rows.sort(key=lambda row: json.dumps(row, sort_keys=True))
        out[meta.label] = rows
    return out


def digest(rows: dict[str, list]) -> dict[str, dict]:
    """Per table: how many rows, and the SHA-256 of their canonical JSON (the full dump
    of every text, assessment and index token would make a 1.6 MB fixture)."""
    return {
        label: {
            "rows": len(table),
            "sha256": hashlib.sha256(
                json.dumps(table, ensure_ascii=False, sort_keys=True).encode()
            ).hexdigest(),
        }
        for label, table in sorted(rows.items())
    }


def write(path: Path = DUMP) -> None:
    path.write_text(json.dumps(digest(dump()), indent=1, sort_keys=True) + "\n")
