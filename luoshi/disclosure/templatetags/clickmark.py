"""{% clicks_marked publication.clicks %}: the click count, in the marker the page cache
looks for (luoshi.disclosure.clickmark)."""

from django import template

from luoshi.disclosure import clickmark

register = template.Library()


@register.simple_tag
def clicks_marked(clicks):
    return clickmark.clicks_marked(clicks)
