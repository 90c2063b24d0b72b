"""The WSGI layer that serves report pages from the cache.

GET /reports/<id>/ from a reader without a session: count the view (one UPDATE … RETURNING
that also reads the government's page stamp), then look up the page rendered for
(report, stamp, query string, display cookies). A hit is answered here, without Django's
URL resolving, middleware and template rendering; a miss goes through Django as usual
(told the view is counted), and its response is kept when it is cacheable: 200, no
cookie set, and the click count found where the template puts it.

HTTP caching: a weak ETag and Last-Modified name the report's content version, and
Cache-Control is `public, no-cache`, so browsers and proxies keep the page but ask every
time. A conditional GET that matches is answered 304 and still counts the view: the
reader did open the page; only the click figure they see is their cached one."""

from __future__ import annotations

import hashlib
import re
from email.utils import format_datetime, parsedate_to_datetime

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http.cookie import parse_cookie

from luoshi.pagecache.clicks import COUNTED, count_view

REPORT_PATH = re.compile(r"^/reports/(\d{1,18})/$")
ELDER_COOKIE = "luoshi_elder"
SIZE_COOKIE = "luoshi_size"
MAX_QUERY = 300
CACHE_ALIAS = "pages"
# Headers of the rendered response that are per-response, not per-page.
_DROP = {"content-length", "set-cookie", "etag", "last-modified", "cache-control", "vary"}


def _marker(clicks: int) -> bytes:
    return b'<span id="clicks">' + str(clicks).encode() + b"</span>"


class CachedReportPages:
    def __init__(self, application):
        self.application = application
        self.cache = caches[CACHE_ALIAS]
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "GET":
            return self.application(environ, start_response)
        match = REPORT_PATH.match(environ.get("PATH_INFO", ""))
        query = environ.get("QUERY_STRING", "")
        if match is None or len(query) > MAX_QUERY:
            return self.application(environ, start_response)
        cookies = parse_cookie(environ["HTTP_COOKIE"]) if environ.get("HTTP_COOKIE") else {}
        if self.session_cookie in cookies:  # a signed-in user: never a shared page
            return self.application(environ, start_response)
        try:
            counted = count_view(int(match[1]))
        except DatabaseError:
            connection.close()  # let Django open a fresh one and handle the request
            return self.application(environ, start_response)
        if counted is None:  # no such report: Django answers 404
            return self.application(environ, start_response)
        clicks, stamp, changed = counted
        variant = "\x00".join([query, cookies.get(ELDER_COOKIE, ""), cookies.get(SIZE_COOKIE, "")])
        version = f"{match[1]}-{stamp}-{int(changed.timestamp() * 1e6)}"
        digest = hashlib.blake2b(variant.encode(), digest_size=8).hexdigest()
        key = f"report:{version}:{digest}"
        entry = self.cache.get(key)
        if entry is None:
            environ[COUNTED] = clicks
            status, headers, body = self._render(environ)
            entry = self._entry(status, headers, body, clicks)
            if entry is None:
                start_response(status, headers)
                return [body]
            self.cache.set(key, entry)
        page_headers, before, after = entry
        validators = [
            ("ETag", f'W/"{version}-{digest}"'),
            ("Last-Modified", format_datetime(changed.replace(microsecond=0), usegmt=True)),
            ("Cache-Control", "public, no-cache"),
        ]
        if _not_modified(environ, validators[0][1], changed):
            start_response("304 Not Modified", validators)
            return [b""]
        body = before + str(clicks).encode() + after
        start_response("200 OK", [*page_headers, *validators, ("Content-Length", str(len(body)))])
        return [body]

    def _render(self, environ):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None  # the legacy write() callable: Django never uses it

        result = self.application(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished: connections are tidied here
        return captured["status"], captured["headers"], body

    @staticmethod
    def _entry(status, headers, body, clicks):
        if not status.startswith("200 "):
            return None
        if any(name.lower() in ("set-cookie", "vary") for name, _ in headers):
            return None
        marker = _marker(clicks)
        if body.count(marker) != 1:
            return None
        at = body.index(marker) + len(b'<span id="clicks">')
        kept = [(n, v) for n, v in headers if n.lower() not in _DROP]
        return kept, body[:at], body[at + len(str(clicks)) :]


def _not_modified(environ, etag, changed) -> bool:
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag.removeprefix("W/") in tags
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=changed.tzinfo)
        return changed.replace(microsecond=0) <= since
    return False


def wrap(application):
    return CachedReportPages(application)
