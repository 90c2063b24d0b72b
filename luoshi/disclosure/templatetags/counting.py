"""The report page's view count, inside the marker the page cache looks for
(luoshi.disclosure.edge.CLICKS_OPEN)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from luoshi.disclosure.edge import CLICKS_CLOSE, CLICKS_OPEN

register = template.Library()


@register.simple_tag
def click_count(clicks):
    return format_html("{}{}{}", mark_safe(CLICKS_OPEN), clicks, mark_safe(CLICKS_CLOSE))
