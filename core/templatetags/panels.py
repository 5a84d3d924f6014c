"""``{% panels "slot-name" key=value … %}``: the panels other apps registered for a slot."""

from django import template

from core.panels import render_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot, **kwargs):
    return render_panels(slot, request=context.get("request"), **kwargs)
