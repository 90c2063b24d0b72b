"""Headers: CSP everywhere, no-store on the back office, HSTS behind the TLS proxy, a cached
page only for an allowed Host; malformed ids are 400/404, never 500; `luoshi check --deploy`
is clean with the documented production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from luoshi.security.middleware import CONTENT_SECURITY_POLICY
from tests.disclosure.test_caching import empty_page_cache, get  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "luoshi"
BIG = "99999999999999999999"


def test_every_page_carries_the_content_security_policy(client, seed_publication):
    for path in ("/", f"/reports/{seed_publication.pk}/", "/accounts/login/", "/search/?q=x"):
        assert client.get(path)["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in CONTENT_SECURITY_POLICY


def test_no_template_served_to_a_browser_has_inline_script_or_style():
    # report_print.html is rendered to PDF by WeasyPrint, never served as a page.
    found = []
    for path in TEMPLATES.rglob("templates/**/*.html"):
        if path.name == "report_print.html":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", text):
            found.append(path.name)
    assert found == []


def test_the_back_office_and_the_log_in_are_never_stored_by_a_cache(quarter, seed_publication):
    office = Client()
    office.force_login(quarter.admin)
    assert office.get("/work/accounts/")["Cache-Control"] == "no-store"
    assert Client().get("/accounts/login/")["Cache-Control"] == "no-store"
    assert Client().get("/work/")["Cache-Control"] == "no-store"  # the redirect to log in
    assert "no-store" not in Client().get(f"/reports/{seed_publication.pk}/").get(
        "Cache-Control", ""
    )


def test_a_cached_page_is_not_served_for_a_host_not_allowed(seed_publication):
    path = f"/reports/{seed_publication.pk}/"
    assert get(path).status == 200
    assert get(path).status == 200  # now from the cache
    assert get(path, host="evil.example").status == 400


def test_a_cached_page_carries_the_content_security_policy(seed_publication):
    path = f"/reports/{seed_publication.pk}/"
    get(path)
    assert get(path).headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def _public_urls(publication):
    pk = publication.pk
    task = publication.rows().first().task_id
    yield from (f"/reports/{BIG}/", f"/tasks/{BIG}/", f"/api/v1/reports/{BIG}")
    for name in ("section", "task", "page", "report", "page_size", "status", "unit"):
        for value in (BIG, "abc", "-1", "1.5"):
            for base in (
                f"/reports/{pk}/",
                f"/reports/{pk}/download.csv",
                f"/tasks/{task}/",
                "/api/v1/reports",
                "/api/v1/tasks",
                "/search/",
                "/",
            ):
                yield f"{base}?{name}={value}"


def test_malformed_ids_in_public_addresses_are_400_or_404_never_500(seed_publication):
    client = Client(raise_request_exception=False)
    failed = [
        (url, status)
        for url in _public_urls(seed_publication)
        if (status := client.get(url).status_code) >= 500
    ]
    assert failed == []


def test_malformed_ids_in_the_back_office_are_400_or_404_never_500(quarter):
    office = Client(raise_request_exception=False)
    office.force_login(quarter.admin)
    urls = [
        f"/work/tasks/{BIG}/",
        f"/work/review/{BIG}/",
        f"/work/review/item/{BIG}/",
        f"/work/periods/{BIG}/",
        f"/work/publications/{BIG}/correct/",
        f"/work/accounts/{BIG}/unlock/",
        "/work/audit/?page=abc",
        f"/work/audit/?page={BIG}",
    ]
    failed = [(u, s) for u in urls if (s := office.get(u).status_code) >= 500]
    failed += [(u, s) for u in urls if (s := office.post(u, {"task": "abc"}).status_code) >= 500]
    assert failed == []


PRODUCTION = {
    "LUOSHI_DEBUG": "0",
    "LUOSHI_SECRET_KEY": "x" * 20 + "-a-long-random-production-key-0123456789",
    "LUOSHI_ALLOWED_HOSTS": "dbs.example.gov.cn",
    "LUOSHI_TLS_PROXY": "1",
    "LUOSHI_CSRF_TRUSTED_ORIGINS": "https://dbs.example.gov.cn",
}


def _production(tmp_path, *argv):
    # Nothing of the test run's own environment (the browser tests allow async-unsafe calls).
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LUOSHI_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(PRODUCTION, LUOSHI_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="luoshi.settings")
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    done = _production(tmp_path, sys.executable, "-m", "luoshi", "check", "--deploy")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_hsts_is_sent_behind_the_tls_proxy(tmp_path):
    script = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/accounts/login/', HTTP_HOST='dbs.example.gov.cn', "
        "HTTP_X_FORWARDED_PROTO='https'); print(r.get('Strict-Transport-Security'))"
    )
    done = _production(tmp_path, sys.executable, "-c", script)
    assert done.stdout.strip() == "max-age=31536000", done.stderr


def test_a_public_page_stays_cacheable_with_the_new_middleware(seed_publication):
    # Touching the session (for the forced password change) would add Vary: Cookie.
    response = get(f"/reports/{seed_publication.pk}/")
    assert "cookie" not in response.headers.get("Vary", "").lower()
