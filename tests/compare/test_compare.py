"""Many governments on one instance, from the public side: the list of governments and the
same kind of task compared across them."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OTHER = "某县人民政府"
OTHER_TEXT_76 = "新增养老机构床位150张, 建成居家养老服务中心2家。"


@pytest.fixture
def two_governments(seed_publication, seed_report):
    """The seed's 拱墅区 and a second county that published the same report shape, with
    its own figure for task 76 (新增养老机构床位270张)."""
    from luoshi.imports.importer import store_report

    report = copy.deepcopy(seed_report)
    report.meta.index_no = "11341700003244967K/2022-00001"
    report.meta.publisher = OTHER
    report.government = OTHER
    for task in report.tasks:
        if task.seq == 76:
            task.progress = OTHER_TEXT_76
    other = store_report(report, government_name=OTHER, source_name="other").publication
    return seed_publication, other


def test_governments_page_lists_each_government_with_its_own_reports(client, two_governments):
    seed, other = two_governments
    page = client.get(reverse("compare:governments")).content.decode()
    assert seed.government.name in page and OTHER in page
    assert f"/reports/{seed.pk}/" in page and f"/reports/{other.pk}/" in page
    assert page.index(OTHER) < page.index(f"/reports/{other.pk}/")


def test_compare_lists_the_same_target_across_governments_with_reported_figures(
    client, two_governments
):
    page = client.get(reverse("compare:compare"), {"q": "养老床位", "unit": "张"})
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count('<td class="target">新增养老机构床位270张</td>') == 2
    assert "共新增养老机构床位379张" in text  # 拱墅区 reported 379 (140%)
    assert "新增养老机构床位150张" in text  # the county reported 150 (56%)
    assert "140%" in text and "56%" in text


def test_compare_by_unit_leaves_out_targets_counted_in_other_units(client, two_governments):
    rows = client.get(reverse("compare:compare"), {"q": "养老", "unit": "张"}).context["rows"]
    assert rows and all(r.target["unit"] == "张" for r in rows)
    assert {r.government.name for r in rows} == {two_governments[0].government.name, OTHER}


def test_compare_shows_only_the_latest_version_of_a_corrected_report(client, two_governments):
    from luoshi.disclosure import publishing
    from tests.quarter import make_user

    seed, _ = two_governments
    admin = make_user("dcs", seed.government, "admin")
    task = seed.period.plan.tasks.get(seq=76)
    new = publishing.correct(admin, seed, {task.pk: {"text": "新增养老机构床位300张。"}}, "更正")
    rows = client.get(reverse("compare:compare"), {"q": "养老床位", "unit": "张"}).context["rows"]
    mine = [r for r in rows if r.government == seed.government]
    assert [r.publication.pk for r in mine] == [new.pk]
    assert mine[0].actual["value"] == 300


def test_compare_escapes_text_from_documents(client, two_governments):
    response = client.get(reverse("compare:compare"), {"q": "<script>养老床位", "unit": "张"})
    assert "<script>养老" not in response.content.decode()
