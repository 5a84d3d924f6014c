"""Search filters for spaces (django-filter): every listing filters through one of these."""

import django_filters
from django import forms

from postcodes.forms import PostcodeField

from . import selectors
from .models import FACILITIES, Kind, Status

DEFAULT_RADIUS_KM = 5.0
MIN_RADIUS_KM = 0.5
MAX_RADIUS_KM = 100.0
RADIUS_CHOICES = [1, 2, 5, 10, 25, 50, 100]

_radius_message = (
    f"Choose a distance from {MIN_RADIUS_KM:g} to {MAX_RADIUS_KM:g} km, like {DEFAULT_RADIUS_KM:g}."
)


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
            known = selectors.existing_tag_slugs(value)
            for slug in value:
                if slug not in known:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": slug[:50]},
                    )


class RadiusField(forms.FloatField):
    default_error_messages = {
        "invalid": _radius_message,
        "min_value": _radius_message,
        "max_value": _radius_message,
    }


class PostcodeFilter(django_filters.Filter):
    field_class = PostcodeField


class RadiusFilter(django_filters.Filter):
    field_class = RadiusField


class TagFilter(django_filters.Filter):
    field_class = TagSlugField


class FormClassOnce:
    """Build a FilterSet's form class once per class, not on every request.

    django-filter makes a new form class (and new fields) each time a FilterSet is made;
    the class depends only on the declared filters, and forms copy their fields anyway.
    """

    def get_form_class(self):
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class


class SpaceFilter(FormClassOnce, django_filters.FilterSet):
    """Postcode and radius (nearest first), name, kind, interests, facilities and status."""

    postcode = PostcodeFilter(method="filter_near", label="Postcode")
    radius = RadiusFilter(
        method="filter_nothing",
        label="Within (km)",
        min_value=MIN_RADIUS_KM,
        max_value=MAX_RADIUS_KM,
    )
    q = django_filters.CharFilter(method="filter_name", label="Name", max_length=100)
    kind = django_filters.MultipleChoiceFilter(
        choices=Kind.choices,
        method="filter_in",
        label="Kind of space",
        error_messages=_choice_error("a kind of space"),
    )
    tag = TagFilter(method="filter_tags", label="Interests")
    facility = django_filters.MultipleChoiceFilter(
        choices=FACILITIES,
        method="filter_facilities",
        label="Facilities",
        error_messages=_choice_error("a facility"),
    )
    capacity = django_filters.NumberFilter(
        field_name="capacity",
        lookup_expr="gte",
        label="Holds at least (people)",
        min_value=1,
        max_value=100_000,
        error_messages={
            "invalid": "Enter a number of people, like 50.",
            "min_value": "Enter a number of people from 1 to 100,000.",
            "max_value": "Enter a number of people from 1 to 100,000.",
            "max_decimal_places": "Enter a whole number of people, like 50.",
            "max_digits": "Enter a number of people from 1 to 100,000.",
        },
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices,
        method="filter_in",
        label="Status",
        error_messages=_choice_error("a status"),
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.location = None
        # The popular interests are offered as choices; any other existing tag is valid.
        self.form.fields["tag"].choices = [
            (slug, name) for slug, name, _n in selectors.popular_tags()
        ]

    @property
    def radius_km(self) -> float:
        cleaned = getattr(self.form, "cleaned_data", {})
        return cleaned.get("radius") or DEFAULT_RADIUS_KM

    def filter_near(self, queryset, name, location):
        if not location:
            return queryset
        self.location = location
        return queryset.near(location.point, self.radius_km).order_by("distance_km", "pk")

    def filter_nothing(self, queryset, name, value):
        # The radius is read by ``filter_near``; on its own it filters nothing.
        return queryset

    def filter_name(self, queryset, name, value):
        return queryset.filter(name__icontains=value.strip()) if value.strip() else queryset

    def filter_in(self, queryset, name, value):
        return queryset.filter(**{f"{name}__in": value}) if value else queryset

    def filter_tags(self, queryset, name, value):
        return queryset.filter(selectors.tagged_with_any(slugs=value)) if value else queryset

    def filter_facilities(self, queryset, name, value):
        return queryset.filter(**dict.fromkeys(value, True)) if value else queryset


class EndangeredFilter(FormClassOnce, django_filters.FilterSet):
    """Threatened spaces near a postcode; ordered by deadline in the view, soonest first."""

    postcode = PostcodeFilter(method="filter_near", label="Postcode")
    radius = RadiusFilter(
        method="filter_nothing",
        label="Within (km)",
        min_value=MIN_RADIUS_KM,
        max_value=MAX_RADIUS_KM,
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.location = None

    filter_nothing = SpaceFilter.filter_nothing

    @property
    def radius_km(self) -> float:
        cleaned = getattr(self.form, "cleaned_data", {})
        return cleaned.get("radius") or 25.0

    def filter_near(self, queryset, name, location):
        if not location:
            return queryset
        self.location = location
        return queryset.near(location.point, self.radius_km)
