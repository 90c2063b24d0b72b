"""Charts: cached JSON feeds, and a table beside each chart holding the same numbers."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache

from luoshi.disclosure import charts
from luoshi.progress.models import Progress

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[2] / "luoshi" / "static"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _json(client, publication):
    response = client.get(f"/reports/{publication.pk}/charts.json")
    assert response.status_code == 200
    return response.json()


def test_class_counts_match_the_stored_classes(client, seed_publication):
    data = _json(client, seed_publication)
    stored = Progress.objects.filter(period=seed_publication.period)
    assert data["total"] == 106
    assert sum(c["count"] for c in data["classes"]) == 106
    for c in data["classes"]:
        assert c["count"] == stored.filter(status=c["status"]).count()


def test_section_and_unit_stacks_add_up_to_every_task(client, seed_publication):
    data = _json(client, seed_publication)
    sections = data["sections"]
    assert len(sections["categories"]) == 21
    assert sections["categories"][0] == "(一)经济社会发展主要预期目标"
    assert sum(sections["totals"]) == 106
    assert sum(sum(s["data"]) for s in sections["series"]) == 106
    units = data["units"]
    assert sum(units["totals"]) == 106
    housing = units["categories"].index("区住建局")
    assert units["totals"][housing] == 11


def test_targets_chart_has_task_76_at_140_percent_against_the_schedule(client, seed_publication):
    data = _json(client, seed_publication)
    assert data["schedule_percent"] == 100
    beds = next(t for t in data["targets"] if t["seq"] == 76)
    assert (beds["target"], beds["actual"], beds["unit"], beds["percent"]) == (270, 379, "张", 140)


@pytest.mark.django_db(transaction=True)  # the page stamp is bumped when a change commits
def test_chart_data_follows_a_unit_renamed_after_publication(client, seed_publication):
    from luoshi.plans.models import Unit

    assert "区住建局" in _json(client, seed_publication)["units"]["categories"]
    key = charts.fingerprint(seed_publication)
    unit = Unit.objects.get(name="区住建局")
    unit.name = "区住房和城乡建设局"
    unit.save()
    assert charts.fingerprint(seed_publication) != key
    categories = _json(client, seed_publication)["units"]["categories"]
    assert "区住房和城乡建设局" in categories and "区住建局" not in categories


def test_chart_data_is_served_from_the_cache(seed_publication, monkeypatch):
    first = charts.cached_chart_data(seed_publication)
    monkeypatch.setattr(charts, "chart_data", lambda p: pytest.fail("recomputed"))
    assert charts.cached_chart_data(seed_publication) == first


def test_chart_tables_hold_the_numbers_of_the_json(client, seed_publication):
    data = _json(client, seed_publication)
    html = client.get(f"/reports/{seed_publication.pk}/charts/").content.decode()
    table = html[html.index('id="table-classes"') :]
    table = table[: table.index("</table>")]
    counts = re.findall(r'<th scope="row">([^<]+)</th><td class="num">(\d+)</td>', table)
    assert counts[:6] == [(c["label"], str(c["count"])) for c in data["classes"]]
    units = html[html.index('id="table-units"') :]
    units = units[: units.index("</table>")]
    first = data["units"]["rows"][0]
    cells = re.findall(
        rf'<th scope="row">{first["name"]}</th>((?:<td class="num">\d+</td>)+)', units
    )
    assert re.findall(r"\d+", cells[0]) == [str(n) for n in [*first["counts"], first["total"]]]
    assert "379张" in html and "140%" in html


def test_echarts_is_vendored_and_no_page_loads_a_cdn(client, seed_publication):
    assert (STATIC / "vendor" / "echarts" / "echarts.min.js").stat().st_size > 500_000
    assert (STATIC / "vendor" / "echarts" / "LICENSE").exists()
    html = client.get(f"/reports/{seed_publication.pk}/charts/").content.decode()
    assert '<script src="/static/vendor/echarts/echarts.min.js"></script>' in html
    assert not re.search(r'<script[^>]+src="(https?:)?//', html)


def test_the_report_page_links_to_its_charts(client, seed_publication):
    html = client.get(f"/reports/{seed_publication.pk}/").content.decode()
    assert f'href="/reports/{seed_publication.pk}/charts/"' in html
