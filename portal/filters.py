"""Filters of the portal's listings (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from postcodes.models import District, LocalAuthority, Nation


class DesertFilter(django_filters.FilterSet):
    """The areas of the co-operative deserts ranking: by nation and name."""

    nation = django_filters.ChoiceFilter(
        label=_("Nation"), choices=Nation.choices, empty_label=_("All four nations")
    )
    name = django_filters.CharFilter(label=_("Name"), lookup_expr="icontains", max_length=100)

    class Meta:
        model = LocalAuthority
        fields = ["nation", "name"]


class DistrictDesertFilter(django_filters.FilterSet):
    nation = django_filters.ChoiceFilter(
        label=_("Nation"), choices=Nation.choices, empty_label=_("All four nations")
    )
    name = django_filters.CharFilter(
        label=_("Name"), field_name="local_authority__name", lookup_expr="icontains", max_length=100
    )

    class Meta:
        model = District
        fields = ["nation", "name"]
