"""Filters of the portal's listings (django-filter)."""

import django_filters

from postcodes.models import District, LocalAuthority, Nation


class DesertFilter(django_filters.FilterSet):
    """The areas of the co-operative deserts ranking: by nation and name."""

    nation = django_filters.ChoiceFilter(
        label="Nation", choices=Nation.choices, empty_label="All four nations"
    )
    name = django_filters.CharFilter(label="Name", lookup_expr="icontains", max_length=100)

    class Meta:
        model = LocalAuthority
        fields = ["nation", "name"]


class DistrictDesertFilter(django_filters.FilterSet):
    nation = django_filters.ChoiceFilter(
        label="Nation", choices=Nation.choices, empty_label="All four nations"
    )
    name = django_filters.CharFilter(
        label="Name", field_name="local_authority__name", lookup_expr="icontains", max_length=100
    )

    class Meta:
        model = District
        fields = ["nation", "name"]
