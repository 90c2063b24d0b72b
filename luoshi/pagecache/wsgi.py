"""The WSGI layer that serves report pages from the cache.

GET /reports/<id>/ from a reader without a session: count the view (luoshi.pagecache.clicks:
one statement that also reads the government's page stamp), then look up the page rendered for
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
from django.http.request import split_domain_port, validate_host

from luoshi.disclosure.display import ELDER_COOKIE, SIZE_COOKIE
from luoshi.disclosure.edge import CLICKS_CLOSE, CLICKS_OPEN
from luoshi.disclosure.views.counter import allowed_origin
from luoshi.pagecache.clicks import COUNTED, add_click, add_view_with_stamp, as_datetime
from luoshi.pagecache.compress import GzippedPage, accepted

REPORT_PATH = re.compile(r"^/reports/(\d{1,18})/$")
CLICK_PATH = re.compile(r"^/reports/(\d{1,18})/click$")
MAX_QUERY = 300
CACHE_ALIAS = "pages"
# Headers of the rendered response that are per-response, not per-page.
_DROP = {"content-length", "set-cookie", "etag", "last-modified", "cache-control", "vary"}
# The variant of a plain request (no query string, no display cookies): most requests.
_PLAIN = hashlib.blake2b(b"\x00\x00", digest_size=8).hexdigest()


def _marker(clicks: int) -> bytes:
    return f"{CLICKS_OPEN}{clicks}{CLICKS_CLOSE}".encode()


class CachedReportPages:
    def __init__(self, application):
        self.application = application
        self.cache = caches[CACHE_ALIAS]
        self.session_cookie = settings.SESSION_COOKIE_NAME
        # The counter endpoint's response headers as Django made them (its middleware's
        # included), per LUOSHI_COUNTER_ORIGINS: taken from the first call it answered.
        self.click_headers: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith("/reports/"):
            return self.application(environ, start_response)
        method = environ.get("REQUEST_METHOD")
        if method == "POST" and path.endswith("/click"):
            return self._click(environ, start_response, path)
        if method != "GET":
            return self.application(environ, start_response)
        match = REPORT_PATH.match(path)
        query = environ.get("QUERY_STRING", "")
        if match is None or len(query) > MAX_QUERY:
            return self.application(environ, start_response)
        if not _allowed_host(environ):  # Django answers 400, as for any other page
            return self.application(environ, start_response)
        cookie = environ.get("HTTP_COOKIE")
        cookies = parse_cookie(cookie) if cookie else {}
        if self.session_cookie in cookies:  # a signed-in user: never a shared page
            return self.application(environ, start_response)
        try:
            counted = add_view_with_stamp(int(match[1]))
        except DatabaseError:
            connection.close()  # let Django open a fresh one and handle the request
            return self.application(environ, start_response)
        if counted is None:  # no such report: Django answers 404
            return self.application(environ, start_response)
        clicks, stamp, changed = counted
        elder, size = cookies.get(ELDER_COOKIE, ""), cookies.get(SIZE_COOKIE, "")
        if query or elder or size:
            variant = "\x00".join([query, elder, size])
            digest = hashlib.blake2b(variant.encode(), digest_size=8).hexdigest()
        else:
            digest = _PLAIN
        # The stamp's time as the database gives it (no parsing on a hit).
        key = f"report:{match[1]}-{stamp}-{changed}:{digest}"
        entry = self.cache.get(key)
        if entry is None:
            environ[COUNTED] = clicks
            status, headers, body = self._render(environ)
            entry = self._entry(status, headers, body, clicks, match[1], stamp, changed, digest)
            if entry is None:
                start_response(status, headers)
                return [body]
            self.cache.set(key, entry)
        headers, length, before, after, etag, modified, validators, gzipped = entry
        if ("HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ) and (
            _not_modified(environ, etag, modified)
        ):
            start_response("304 Not Modified", list(validators))
            return [b""]
        figure = str(clicks).encode()
        if _takes_gzip(environ.get("HTTP_ACCEPT_ENCODING")):
            # Compressed once per render; a hit frames the figure (luoshi.pagecache.compress).
            size = str(gzipped.size(figure))
            start_response("200 OK", [*headers, _GZIP, ("Content-Length", size)])
            return gzipped.chunks(figure)
        start_response("200 OK", [*headers, ("Content-Length", str(length + len(figure)))])
        # Three chunks: the server joins them once (granian: one b"".join), where
        # before + figure + after copied the whole page twice per hit.
        return [before, figure, after]

    def _click(self, environ, start_response, path):
        """POST /reports/<id>/click counted here, as a page hit counts its view; the answer
        is the one Django's view (luoshi.disclosure.views.counter) gives, with its headers.
        Django answers the first call (whose headers are kept), an unknown or corrected
        report (404), a refused host and a signed-in user (whose session each request
        prolongs: SESSION_SAVE_EVERY_REQUEST)."""
        match = CLICK_PATH.match(path)
        origins = tuple(settings.LUOSHI_COUNTER_ORIGINS)
        headers = self.click_headers.get(origins)
        cookie = environ.get("HTTP_COOKIE")
        if (
            match is None
            or not _allowed_host(environ)
            or (cookie and self.session_cookie in parse_cookie(cookie))
        ):
            return self.application(environ, start_response)
        if headers is None:
            status, headers, body = self._render(environ)
            if status.startswith("200 ") and not any(n.lower() == "set-cookie" for n, _ in headers):
                self.click_headers[origins] = tuple(
                    (n, v) for n, v in headers
                    if n.lower() not in ("content-length", "access-control-allow-origin")
                )  # fmt: skip
            start_response(status, headers)
            return [body]
        try:
            clicks = add_click(int(match[1]))
        except DatabaseError:
            connection.close()  # let Django open a fresh one and handle the request
            return self.application(environ, start_response)
        if clicks is None:  # no such report, or corrected: Django answers 404
            return self.application(environ, start_response)
        body = b'{"clicks": %d}' % clicks
        headers = [*headers, ("Content-Length", str(len(body)))]
        origin = allowed_origin(environ.get("HTTP_ORIGIN"))
        if origin:
            headers.append(("Access-Control-Allow-Origin", origin))
        start_response("200 OK", headers)
        return [body]

    def _render(self, environ):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None  # the legacy write() callable: Django never uses it

        # Rendered as identity: the page is kept whole and compressed here, once.
        environ = {k: v for k, v in environ.items() if k != "HTTP_ACCEPT_ENCODING"}
        result = self.application(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished: connections are tidied here
        return captured["status"], captured["headers"], body

    @staticmethod
    def _entry(status, headers, body, clicks, report, stamp, changed, digest):
        """What a hit needs, computed once per page: the headers (validators included),
        the HTML either side of the click figure, and the validators for a 304."""
        if not status.startswith("200 "):
            return None
        if any(name.lower() == "set-cookie" for name, _ in headers):
            return None
        varies = {
            v.strip().lower()
            for n, value in headers
            if n.lower() == "vary"
            for v in value.split(",")
        }
        if varies - {"accept-encoding"}:  # a page per cookie or per header: not shared
            return None
        marker = _marker(clicks)
        if body.count(marker) != 1:
            return None
        at = body.index(marker) + len(CLICKS_OPEN.encode())
        before, after = body[:at], body[at + len(str(clicks)) :]
        modified = as_datetime(changed)
        validators = (
            ("ETag", f'W/"{report}-{stamp}-{int(modified.timestamp() * 1e6)}-{digest}"'),
            ("Last-Modified", format_datetime(modified.replace(microsecond=0), usegmt=True)),
            ("Cache-Control", "public, no-cache"),
            ("Vary", "Accept-Encoding"),
        )
        kept = tuple((n, v) for n, v in headers if n.lower() not in _DROP) + validators
        return (
            kept,
            len(before) + len(after),
            before,
            after,
            validators[0][1],
            modified,
            validators,
            GzippedPage(before, after),
        )


_GZIP = ("Content-Encoding", "gzip")


def _takes_gzip(header) -> bool:
    if not header or "gzip" not in header and "*" not in header:
        return False
    return ";" not in header or bool(accepted(header) & {"gzip", "*"})


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


def _allowed_host(environ) -> bool:
    """The Host header (or SERVER_NAME) is one of ALLOWED_HOSTS, as Django would check it:
    a cached page must not answer for any name a client sends."""
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    domain, _ = split_domain_port(host)
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    return bool(domain) and validate_host(domain, allowed)


def wrap(application):
    return CachedReportPages(application)
