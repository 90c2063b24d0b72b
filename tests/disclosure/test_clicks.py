"""The click counter stays exact when many people open the page at once."""

import concurrent.futures
import urllib.request

import pytest

from luoshi.disclosure.models import Publication
from luoshi.pagecache.clicks import write_journal


@pytest.mark.django_db(transaction=True)
def test_50_concurrent_views_add_exactly_50_clicks(live_server, seed_report):
    from luoshi.imports.importer import store_report

    publication = store_report(seed_report).publication
    url = f"{live_server.url}/reports/{publication.pk}/"

    def view(_):
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status

    with concurrent.futures.ThreadPoolExecutor(max_workers=25) as pool:
        statuses = list(pool.map(view, range(50)))
    assert statuses == [200] * 50
    write_journal()  # the views still waiting in the click journal (SQLite), into the database
    assert Publication.objects.get(pk=publication.pk).clicks == 50
