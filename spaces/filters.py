"""Search filters for spaces (django-filter): every listing filters through one of these."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from postcodes.near import NearFilterSet

from . import selectors
from .models import FACILITIES, Kind, Status


def _choice_error(what: str) -> dict:
    return {"invalid_choice": f"“%(value)s” is not {what} we know. Choose from the list."}


class TagSlugField(forms.MultipleChoiceField):
    """Interest tags by slug: any tag that exists is valid (one query, only when used)."""

    default_error_messages = {
        "invalid_choice": "We don't know the interest “%(value)s”. Choose from the list.",
    }

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if value:
            # A NUL byte or a slug longer than any tag's is no tag: it never reaches the
            # query (PostgreSQL refuses NUL in text, a 500).
            possible = [s for s in value if "\x00" not in s and len(s) <= 100]
            known = selectors.existing_tag_slugs(possible) if possible else set()
            for slug in value:
                if slug not in known:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": slug[:50].replace("\x00", "")},
                    )


class TagFilter(django_filters.Filter):
    field_class = TagSlugField


class SpaceFilter(NearFilterSet):
    """Postcode and distance (nearest first), name, kind, interests, facilities and status."""

    default_km = 5
    q = django_filters.CharFilter(method="filter_name", label=_("Name"), max_length=100)
    kind = django_filters.MultipleChoiceFilter(
        choices=Kind.choices,
        method="filter_in",
        label=_("Kind of space"),
        error_messages=_choice_error("a kind of space"),
    )
    tag = TagFilter(method="filter_tags", label=_("Interests"))
    facility = django_filters.MultipleChoiceFilter(
        choices=FACILITIES,
        method="filter_facilities",
        label=_("Facilities"),
        error_messages=_choice_error("a facility"),
    )
    capacity = django_filters.NumberFilter(
        field_name="capacity",
        lookup_expr="gte",
        label=_("Holds at least (people)"),
        min_value=1,
        max_value=100_000,
        error_messages={
            "invalid": _("Enter a number of people, like 50."),
            "min_value": _("Enter a number of people from 1 to 100,000."),
            "max_value": _("Enter a number of people from 1 to 100,000."),
            "max_decimal_places": _("Enter a whole number of people, like 50."),
            "max_digits": _("Enter a number of people from 1 to 100,000."),
        },
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices,
        method="filter_in",
        label=_("Status"),
        error_messages=_choice_error("a status"),
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # The popular interests are offered as choices; any other existing tag is valid.
        self.form.fields["tag"].choices = [
            (slug, name) for slug, name, _n in selectors.popular_tags()
        ]

    def near_queryset(self, queryset, location, km):
        return queryset.near(location.point, km).order_by("distance_km", "pk")

    def filter_name(self, queryset, name, value):
        return queryset.filter(name__icontains=value.strip()) if value.strip() else queryset

    def filter_in(self, queryset, name, value):
        return queryset.filter(**{f"{name}__in": value}) if value else queryset

    def filter_tags(self, queryset, name, value):
        return queryset.filter(selectors.tagged_with_any(slugs=value)) if value else queryset

    def filter_facilities(self, queryset, name, value):
        return queryset.filter(**dict.fromkeys(value, True)) if value else queryset


class EndangeredFilter(NearFilterSet):
    """Threatened spaces near a postcode; ordered by deadline in the view, soonest first."""

    default_km = 25
