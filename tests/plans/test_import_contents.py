"""The import stores the same rows, whichever way it writes them."""

import json

import pytest

from tests.plans import importdump

pytestmark = pytest.mark.django_db


def test_an_import_series_stores_the_rows_the_row_by_row_import_stored(
    django_capture_on_commit_callbacks,
):
    # The digest was made by the row-by-row importer from the same series: the seed, the
    # samples, restated reports (changed content and units), synthetic counties and a
    # plan without progress, with the page stamps' commit callbacks run.
    with django_capture_on_commit_callbacks(execute=True):
        importdump.import_series()
    expected = json.loads(importdump.DUMP.read_text())
    got = importdump.digest(importdump.dump())
    differ = sorted(label for label in expected if expected[label] != got.get(label))
    assert not differ, f"tables that differ: {differ}"
    assert got.keys() == expected.keys()
