"""Where a report page writes its click count: the page cache finds it by this marker.

The cached copy of a report page (luoshi.pagecache.wsgi) is served without Django, so the
count in it is written in by the cache itself: it looks for CLICKS_MARKER, followed by the
count the page was rendered with, and replaces the figure. The template writes the marker
with {% clicks_marked %} (templatetags/clickmark.py), never by hand, so a change to the
markup cannot silently stop the cache from finding it (it then refuses to cache the page).
"""

from django.utils.html import format_html

CLICKS_MARKER = '<span id="clicks">'
CLICKS_END = "</span>"


def clicks_marked(clicks: int) -> str:
    """The count as the page shows it: <span id="clicks">N</span>."""
    return format_html(CLICKS_MARKER + "{}" + CLICKS_END, clicks)
