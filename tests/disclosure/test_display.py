"""The display cookies are named once (luoshi.disclosure.display): the page, the no-JS
form, portal.js and the page cache take the names from there."""

from pathlib import Path

import pytest
from django.test import RequestFactory

from luoshi.disclosure import display

pytestmark = pytest.mark.django_db
PORTAL_JS = Path(__file__).resolve().parents[2] / "luoshi" / "static" / "luoshi" / "portal.js"


def test_the_page_hands_portal_js_the_cookie_names(client, seed_publication):
    page = client.get(f"/reports/{seed_publication.pk}/").content.decode()
    assert f'data-elder-cookie="{display.ELDER_COOKIE}"' in page
    assert f'data-size-cookie="{display.SIZE_COOKIE}"' in page


def test_portal_js_names_no_cookie_itself():
    source = PORTAL_JS.read_text(encoding="utf-8")
    assert display.ELDER_COOKIE not in source and display.SIZE_COOKIE not in source


def test_the_choices_are_read_from_the_named_cookies():
    request = RequestFactory().get("/", HTTP_COOKIE=f"{display.ELDER_COOKIE}=1")
    assert display.choices(request)["display"]["elder"] is True
    assert display.choices(request)["display"]["size"] == "medium"


def test_the_no_js_form_sets_the_named_cookie(client):
    response = client.get("/display/", {"size": "large", "next": "/"})
    assert response.cookies[display.SIZE_COOKIE].value == "large"


def test_a_large_size_cookie_renders_the_page_large(client, seed_publication):
    client.cookies[display.SIZE_COOKIE] = "large"
    page = client.get(f"/reports/{seed_publication.pk}/").content.decode()
    assert 'class="size-large"' in page
