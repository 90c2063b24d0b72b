"""Behind a proxy that ends HTTPS, forms (log-in included) still pass Django's CSRF check
once the operator says so (LUOSHI_TLS_PROXY), and not before.

Settings are read once per process, so each case runs in a fresh interpreter. POST /api/v1/ is
refused by CSRF (403) or, once past it, by the GET-only view (405): no database needed."""

import os
import subprocess
import sys

SCRIPT = """
import django
django.setup()
from django.test import Client
# As the proxy forwards it: plain HTTP, the browser's Host and Origin, the scheme it ended.
proxied = {"HTTP_HOST": "testserver", "HTTP_X_FORWARDED_PROTO": "https"}
client = Client(enforce_csrf_checks=True)
token = client.get("/accounts/login/", **proxied).cookies["csrftoken"]
response = client.post(
    "/api/v1/", {"csrfmiddlewaretoken": token.value}, HTTP_ORIGIN="https://testserver",
    **proxied,
)
print(response.status_code, token["secure"] or "-")
"""


def post_through_proxy(**env) -> str:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LUOSHI_")}
    environ.update(
        DJANGO_SETTINGS_MODULE="luoshi.settings",
        LUOSHI_ALLOWED_HOSTS="testserver",
        DATABASE_URL="sqlite://:memory:",
        **env,
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=environ, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_a_form_posted_through_an_https_proxy_is_refused_unless_the_proxy_is_declared():
    assert post_through_proxy() == ["403", "-"]


def test_declaring_the_https_proxy_lets_forms_through_with_secure_cookies():
    assert post_through_proxy(LUOSHI_TLS_PROXY="1") == ["405", "True"]


def test_a_trusted_origin_lets_forms_through():
    assert post_through_proxy(LUOSHI_CSRF_TRUSTED_ORIGINS="https://testserver")[0] == "405"
