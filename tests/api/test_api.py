"""The read-only JSON API and its OpenAPI document; responses checked against it."""

import pytest

from luoshi.api.openapi import document
from luoshi.plans.models import Task
from tests.portal import store_third_quarter
from tests.quarter import quarter  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

SPEC = document()
TYPES = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "array": list,
    "object": dict,
    "null": type(None),
}


def _resolve(schema):
    while "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def conforms(value, schema, where="$"):
    """A small JSON Schema check: types, required keys, enums, nested items, allOf."""
    schema = _resolve(schema)
    for part in schema.get("allOf", []):
        conforms(value, part, where)
    kinds = schema.get("type")
    if kinds:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        ok = any(
            isinstance(value, TYPES[k]) and not (k in ("integer", "number") and value is True)
            for k in kinds
        )
        assert ok, f"{where}: {value!r} is not {kinds}"
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{where}: missing {key}"
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                conforms(value[key], sub, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            conforms(item, schema["items"], f"{where}[{i}]")


def _get(client, path, operation, expect=200, **params):
    response = client.get(f"/api/v1{path}", params)
    assert response.status_code == expect
    assert response["Content-Type"].startswith("application/json")
    template = operation["path"]
    responses = SPEC["paths"][template]["get"]["responses"]
    schema = responses[str(expect)]["content"]["application/json"]["schema"]
    data = response.json()
    conforms(data, schema)
    return data


REPORTS = {"path": "/reports"}
REPORT = {"path": "/reports/{id}"}
TASKS = {"path": "/tasks"}
TASK = {"path": "/tasks/{id}"}


def test_openapi_document_is_served_and_describes_every_endpoint(client, db):
    data = client.get("/api/v1/openapi.json").json()
    assert data["openapi"].startswith("3.1")
    assert set(data["paths"]) == {"/reports", "/reports/{id}", "/tasks", "/tasks/{id}"}
    for item in data["paths"].values():
        for response in item["get"]["responses"].values():
            ref = response["content"]["application/json"]["schema"]["$ref"]
            assert ref.rsplit("/", 1)[1] in data["components"]["schemas"]


def test_reports_lists_the_published_report(client, seed_publication):
    data = _get(client, "/reports", REPORTS)
    assert data["count"] == 1
    report = data["results"][0]
    assert report["index_no"] == "K1493206-6/2022-22822"
    assert report["period"] == "2021年四季度"


def test_a_report_carries_its_class_counts_and_sections(client, seed_publication):
    data = _get(client, f"/reports/{seed_publication.pk}", REPORT)
    assert data["total"] == 106
    assert sum(c["count"] for c in data["classes"]) == 106
    assert len(data["sections"]) == 21


def test_tasks_are_paginated(client, seed_publication):
    first = _get(client, "/tasks", TASKS, report=seed_publication.pk, page_size=50)
    assert first["count"] == 106 and len(first["results"]) == 50
    assert first["next"] and first["previous"] is None
    last = _get(client, "/tasks", TASKS, report=seed_publication.pk, page_size=50, page=3)
    assert [t["seq"] for t in last["results"]] == list(range(101, 107))
    assert last["next"] is None


def test_tasks_filter_by_lead_unit(client, seed_publication):
    data = _get(client, "/tasks", TASKS, unit="区住建局")
    assert data["count"] == 11
    assert all(t["lead_units"][0] == "区住建局" for t in data["results"])


def test_tasks_filter_by_section_and_class(client, seed_publication):
    section = seed_publication.plan.sections.get(number="(三)")
    data = _get(client, "/tasks", TASKS, section=section.pk)
    assert sorted(t["seq"] for t in data["results"]) == sorted(
        section.tasks.values_list("seq", flat=True)
    )
    behind = _get(client, "/tasks", TASKS, status="behind")
    assert behind["count"] == seed_publication.period.progress.filter(status="behind").count()
    assert all(t["status"] == "behind" for t in behind["results"])


def test_tasks_filter_by_text(client, seed_publication):
    data = _get(client, "/tasks", TASKS, q="电梯")
    assert [t["seq"] for t in data["results"]] == [89, 90]


def test_bad_filters_are_a_clear_400(client, seed_publication):
    data = _get(client, "/tasks", TASKS, expect=400, status="nonsense")
    assert "status" in data["error"]


def test_a_task_has_its_history_across_quarters(client, seed_publication, seed_report):
    q3 = store_third_quarter(seed_report)
    task = Task.objects.get(seq=76)
    data = _get(client, f"/tasks/{task.pk}", TASK)
    assert [h["period"] for h in data["history"]] == ["2021年三季度", "2021年四季度"]
    assert data["history"][0]["report_id"] == q3.pk
    beds = data["history"][1]["comparisons"][0]
    assert (beds["target_value"], beds["actual_value"], beds["percent"]) == (270, 379, 140)
    assert beds["trend"] == "up"


def test_unknown_ids_are_json_404s(client, db):
    _get(client, "/reports/999", REPORT, expect=404)
    _get(client, "/tasks/999999", TASK, expect=404)


def test_a_task_published_as_unreported_says_so(client, quarter):  # noqa: F811
    import datetime as dt

    from luoshi.disclosure import publishing
    from luoshi.progress import workflow
    from tests.quarter import row

    progress = workflow.submit(
        quarter.housing, row(quarter.period, quarter.parking), text="完工200个。"
    )
    workflow.approve(quarter.reviewer, progress)
    publication = publishing.publish(
        quarter.admin, quarter.period, on=dt.date(2022, 4, 20), include_unreported=True
    )
    data = _get(client, "/tasks", TASKS, report=publication.pk, page_size=200)
    rows = {r["task_id"]: r for r in data["results"]}
    assert rows[quarter.parking.pk]["unreported"] is False
    assert rows[quarter.commerce_task.pk]["unreported"] is True
    assert rows[quarter.commerce_task.pk]["status_text"] == "未报送"
