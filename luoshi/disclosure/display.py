"""The reader's display choices, 长辈版 (large type, high contrast) and the font size.

Kept in two cookies: the server renders the page with them (no flash of the wrong size),
the page cache (luoshi.pagecache.wsgi) keeps a variant of a report page per choice, and
portal.js sets them in the page, taking their names from the <html> element
(data-elder-cookie, data-size-cookie), so the names live here alone."""

ELDER_COOKIE = "luoshi_elder"
SIZE_COOKIE = "luoshi_size"
SIZES = {"large", "medium", "small"}


def choices(request) -> dict:
    """The display choices for every template (a context processor): `display.elder`,
    `display.size` (the cookie as sent, "medium" without one) and the cookie names."""
    return {
        "display": {
            "elder": request.COOKIES.get(ELDER_COOKIE) == "1",
            "size": request.COOKIES.get(SIZE_COOKIE) or "medium",
            "elder_cookie": ELDER_COOKIE,
            "size_cookie": SIZE_COOKIE,
        }
    }
