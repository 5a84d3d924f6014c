"""``{{ name|council_name:code }}`` and ``{{ nation|nation_name }}``: place names in the
language of the page (``postcodes.names``)."""

from django import template

from .. import names

register = template.Library()


@register.filter
def council_name(name, code) -> str:
    """A council's name as published, or its official Welsh name on a Welsh page."""
    return names.council_name(str(name), str(code or ""))


@register.filter
def nation_name(nation) -> str:
    """A nation's name in the language of the page."""
    return names.nation_name(str(nation or ""))
