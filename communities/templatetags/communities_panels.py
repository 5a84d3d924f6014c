"""Panels the communities app puts on the home page and the /near/ hub."""

from django import template

from ..models import Group
from ..selectors import groups_near, pioneers_near

register = template.Library()

NEAR_KM = 10


@register.inclusion_tag("communities/includes/home_panel_body.html")
def communities_home_panel():
    approved = Group.objects.approved()
    return {
        "group_count": approved.count(),
        "community_count": approved.cooperative_communities().count(),
    }


@register.inclusion_tag("communities/includes/near_panel_body.html")
def communities_near_panel(location):
    if location is None:
        return {"location": None}
    return {
        "location": location,
        "km": NEAR_KM,
        "groups": groups_near(point=location.point, km=NEAR_KM, limit=3),
        "pioneer": next(iter(pioneers_near(point=location.point, km=NEAR_KM, limit=1)), None),
    }
