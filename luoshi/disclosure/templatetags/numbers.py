"""How the portal writes a number: as the report would, without padding zeros.

floatformat:"-2" writes 7.5 as "7.50" and 82.583 as "82.58"; a reader of a government
report expects "7.5" and "270", so trailing zeros and a bare point are dropped.
"""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def num(value, places=2):
    """7.5 -> "7.5", 270.0 -> "270", 82.583 -> "82.58", None/"" -> ""."""
    if value is None or value == "":
        return ""
    try:
        d = round(Decimal(str(value)), int(places))
    except (InvalidOperation, ValueError, TypeError):
        return value
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
