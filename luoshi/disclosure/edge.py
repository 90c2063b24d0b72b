"""What the public pages need from the serving edge above them: the view counter, the
page stamp and the compressor, all of luoshi.pagecache. The page cache hands its functions
in here when the apps are ready (PageCacheConfig.ready), so disclosure calls them without
importing what sits above it (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

# The report page writes its view count inside this (the tag click_count); the page cache
# finds it there in a cached page and writes each view's own count in its place.
CLICKS_OPEN = '<span id="clicks">'
CLICKS_CLOSE = "</span>"

# Set on a request by the layer that has already counted its view (the page cache's WSGI
# layer, with the count), or blank by the static copy (luoshi.disclosure.static_site), which
# counts nothing and leaves 点击率 for the page's script to fill.
COUNTED = "luoshi.clicks"

_provided: dict[str, Callable[..., Any]] = {}


def provide(**functions: Callable[..., Any]) -> None:
    """Called once by the app that serves the pages, with the functions named below."""
    _provided.update(functions)


def _get(name: str) -> Callable[..., Any]:
    try:
        return _provided[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"no app provides {name}: is luoshi.pagecache installed?"
        ) from None


def add_page_view(request, publication) -> None:
    """Count the report page's view (once, whether the page cache served it or not) and set
    `publication.clicks` to the count including it."""
    _get("add_page_view")(request, publication)


def add_view(publication_id: int) -> int | None:
    """Count one view of a report; the count including it, or None for no such report."""
    return _get("add_view")(publication_id)


def uncounted(request) -> None:
    """Mark a request for a report page as counted already, with a blank figure: the page
    renders 点击率 empty and counts no view."""
    request.META[COUNTED] = ""


def clicks_now(publication_id: int) -> int:
    """A report's count including views not yet written to its row."""
    return _get("clicks_now")(publication_id)


def page_stamp(government_id: int) -> tuple[int, Any]:
    """The government's page stamp (value, when it changed), (0, None) before the first;
    every change to what its public pages show bumps it."""
    return _get("page_stamp")(government_id)


def compress(data: bytes, coding: str) -> bytes:
    return _get("compress")(data, coding)


def choose(accept_encoding: str) -> str | None:
    """The best coding the reader accepts, or None for none."""
    return _get("choose")(accept_encoding)
