"""Views of the spaces app: thin, they call filters, selectors and services."""

from .saving import pledge, pledge_count, pledge_withdraw, threat_report
from .search import endangered, space_geojson, space_list
from .spaces import my_spaces, photo_add, space_create, space_detail, space_edit

__all__ = [
    "endangered",
    "my_spaces",
    "photo_add",
    "pledge",
    "pledge_count",
    "pledge_withdraw",
    "space_create",
    "space_detail",
    "space_edit",
    "space_geojson",
    "space_list",
    "threat_report",
]
