"""The report filter (section, lead unit, class): the page and the API narrow alike."""

import re

import pytest

from luoshi.disclosure.models import PublishedProgress

pytestmark = pytest.mark.django_db


def _lead_and_class(publication):
    row = publication.rows().exclude(status="").select_related("task").first()
    return row.task.lead_unit_names[0], row.status, row.task.section_id


def test_page_and_api_give_the_same_rows_for_a_lead_unit_and_class(client, seed_publication):
    unit, klass, _ = _lead_and_class(seed_publication)
    query = {"unit": unit, "status": klass}
    page = client.get(f"/reports/{seed_publication.pk}/", query).content.decode()
    api = client.get("/api/v1/tasks", {**query, "report": seed_publication.pk}).json()

    expected = set(
        seed_publication.rows().narrowed(None, unit, klass).values_list("task__seq", flat=True)
    )
    assert expected
    assert {r["seq"] for r in api["results"]} == expected
    assert set(map(int, re.findall(r'data-seq="(\d+)"', page))) == expected


def test_narrowed_by_section_keeps_that_section_alone(seed_publication):
    _, _, section_id = _lead_and_class(seed_publication)
    rows = PublishedProgress.objects.filter(publication=seed_publication).narrowed(section_id)
    assert rows.exists()
    assert set(rows.values_list("task__section_id", flat=True)) == {section_id}


def test_narrowed_without_terms_narrows_nothing(seed_publication):
    assert seed_publication.rows().narrowed().count() == seed_publication.rows().count()
