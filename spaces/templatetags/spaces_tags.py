import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(value):
    """A JSON-LD <script> element, safe to embed whatever the data holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.simple_tag
def spaces_near_location(location, km=3, limit=3):
    """Public spaces near a ``postcodes`` Location, nearest first (for the /near/ panel)."""
    from spaces.selectors import spaces_near

    if location is None:
        return []
    return spaces_near(point=location.point, km=km, limit=limit)


@register.simple_tag
def endangered_count(location=None, km=25):
    """How many public spaces are under threat (near a Location, when given)."""
    from spaces.models import Space

    qs = Space.objects.approved().threatened()
    if location is not None:
        qs = qs.near(location.point, km)
    return qs.count()


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current page's URL with another page number, keeping every filter."""
    querystring = context.get("querystring", "")
    return f"?{querystring}&page={number}" if querystring else f"?page={number}"
