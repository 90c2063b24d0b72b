"""The report page writes its click count in the marker the page cache looks for."""

import re

import pytest

from luoshi.disclosure.edge import CLICKS_CLOSE, CLICKS_OPEN
from luoshi.disclosure.templatetags.counting import click_count
from luoshi.pagecache import clicks

pytestmark = pytest.mark.django_db


def test_the_page_holds_the_marker_once_with_the_count(client, seed_publication):
    client.get(f"/reports/{seed_publication.pk}/")
    page = client.get(f"/reports/{seed_publication.pk}/").content.decode()
    assert page.count(CLICKS_OPEN) == 1
    assert re.search(re.escape(CLICKS_OPEN) + "2" + re.escape(CLICKS_CLOSE), page)


def test_the_marker_is_the_count_in_its_span():
    assert click_count(7) == '<span id="clicks">7</span>'


def test_the_counting_statements_name_the_models_tables():
    from django.apps import apps

    tables = {m._meta.db_table for m in apps.get_models()}
    for sql in (clicks.UPDATE_SQL, clicks.READ_SQL, clicks.STAMP_SQL):
        named = set(re.findall(r"(?:UPDATE|FROM|JOIN)\s+(\w+)", sql))
        assert named and named <= tables, sql
