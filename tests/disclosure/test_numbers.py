"""The num filter: numbers written as a report writes them."""

import pytest

from luoshi.disclosure.templatetags.numbers import num


@pytest.mark.parametrize(
    ("value", "places", "written"),
    [
        (7.5, 2, "7.5"),
        (270.0, 2, "270"),
        (82.583, 2, "82.58"),
        (10.6, 2, "10.6"),
        (-22.4, 2, "-22.4"),
        (0.001, 2, "0"),
        (-0.001, 2, "0"),
        (1e6, 2, "1000000"),
        (66.666, 1, "66.7"),
        (None, 2, ""),
    ],
)
def test_num_drops_padding_zeros(value, places, written):
    assert num(value, places) == written
