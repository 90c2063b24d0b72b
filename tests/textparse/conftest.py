"""Fixtures the rule tests share."""

import pytest

from luoshi.textparse import assess

# The full-width punctuation real reports type, for each rule test's twin.
FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})


@pytest.fixture(params=["ascii", "full-width"])
def assess_text(request):
    """assess() on the text as given, then on its full-width twin. The report's month is the
    test module's AS_OF unless a test gives its own (default 2022-12)."""
    default = getattr(request.module, "AS_OF", "2022-12")

    def go(content, status_text, as_of=None):
        if request.param == "full-width":
            content, status_text = content.translate(FULL_WIDTH), status_text.translate(FULL_WIDTH)
        task = {"id": "t", "content": content, "status_text": status_text}
        return assess({**task, "as_of": as_of or default})

    return go
