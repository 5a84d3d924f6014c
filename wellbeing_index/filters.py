import django_filters
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from postcodes.models import Nation

from .models import AreaScore, Domain, Indicator, Level


class CouncilScoreFilter(django_filters.FilterSet):
    """The council list: by nation, by name, in a chosen order."""

    q = django_filters.CharFilter(label=_("Council name"), method="filter_name")
    nation = django_filters.ChoiceFilter(
        field_name="area__nation", choices=Nation.choices, empty_label=_("All four nations")
    )
    order = django_filters.OrderingFilter(
        label=_("Order by"),
        empty_label=None,
        null_label=None,
        fields=(("area__name", "name"), ("overall", "overall")),
        field_labels={
            "name": "Name (A to Z)",
            "-name": "Name (Z to A)",
            "overall": "Overall score (lowest first)",
            "-overall": "Overall score (highest first)",
        },
    )

    class Meta:
        model = AreaScore
        fields = ["q", "nation"]

    def filter_name(self, queryset, name, value):
        return queryset.filter(Q(area__name__icontains=value) | Q(area__code__iexact=value))


class IndicatorFilter(django_filters.FilterSet):
    """The methodology page's indicator list: by level and by domain."""

    level = django_filters.ChoiceFilter(choices=Level.choices, empty_label=_("Every level"))
    domain = django_filters.ModelChoiceFilter(
        queryset=Domain.objects.order_by("pillar__order", "order"),
        to_field_name="slug",
        empty_label=_("Every domain"),
        method="filter_domain",
    )

    class Meta:
        model = Indicator
        fields = ["level", "domain"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Domain names are stored in English and shown in the page's language.
        self.form.fields["domain"].label_from_instance = lambda domain: gettext(domain.name)

    def filter_domain(self, queryset, name, value):
        return queryset.filter(domain=value)
