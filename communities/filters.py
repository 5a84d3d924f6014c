"""Filters of every listing in the communities app (django-filter)."""

import re

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from postcodes.near import NearFilterSet, PostcodeFilter

from .models import Commitment, CommitmentArea, Group, GroupKind, Guide, GuideStep

_TAG_SPLIT = re.compile(r"\s*,\s*")


def tag_names(text: str) -> list[str]:
    return [t for t in _TAG_SPLIT.split(text.strip()) if t][:10]


class GroupTraitsFilter(django_filters.FilterSet):
    """What every group listing filters on: words, interests, kind, registration."""

    q = django_filters.CharFilter(
        label=_("Words"), method="filter_words", max_length=100, widget=forms.TextInput()
    )
    tags = django_filters.CharFilter(
        label=_("Interests"),
        method="filter_tags",
        max_length=200,
        help_text=_("Separated by commas, like “food, repair”."),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=GroupKind.choices, empty_label=_("Any kind")
    )
    communities = django_filters.BooleanFilter(
        label=_("Co-operative communities only"),
        method="filter_communities",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Group
        fields = ["q", "tags", "kind", "communities"]

    def filter_words(self, queryset, name, value):
        return queryset.search(value)

    def filter_tags(self, queryset, name, value):
        return queryset.tagged(tag_names(value))

    def filter_communities(self, queryset, name, value):
        return queryset.cooperative_communities() if value else queryset


class GroupFilter(NearFilterSet, GroupTraitsFilter):
    """Groups with a place: also by the kit's postcode and distance (nearest first)."""

    default_km = 10
    postcode = PostcodeFilter(
        label=_("Postcode"),
        method="filter_near",
        help_text=_("A full postcode, or its first half."),
    )

    class Meta(GroupTraitsFilter.Meta):
        fields = ["postcode", "km", "q", "tags", "kind", "communities"]

    def near_queryset(self, queryset, location, km):
        # Groups whose area reaches the postcode, as well as those within ``km`` of it.
        return queryset.reaching(location.point, km)


class CommitmentFilter(django_filters.FilterSet):
    """Commitments that worked: by area, words and the group's interests."""

    area = django_filters.ChoiceFilter(
        label=_("Kind of commitment"), choices=CommitmentArea.choices, empty_label=_("Both")
    )
    q = django_filters.CharFilter(label=_("Words"), method="filter_words", max_length=100)
    tags = django_filters.CharFilter(label=_("Interests"), method="filter_tags", max_length=200)

    class Meta:
        model = Commitment
        fields = ["area", "q", "tags"]

    def filter_words(self, queryset, name, value):
        from django.db.models import Q

        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(what__icontains=value)
            | Q(unit__icontains=value)
            | Q(how__icontains=value)
            | Q(group__name__icontains=value)
        )

    def filter_tags(self, queryset, name, value):
        names = tag_names(value)
        if not names:
            return queryset
        return queryset.filter(group__in=Group.objects.tagged(names).values("pk"))


class GuideFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search the guides"), method="filter_words", max_length=100
    )
    step = django_filters.ChoiceFilter(
        label=_("Step"), choices=GuideStep.choices, empty_label=_("Any step")
    )
    tag = django_filters.CharFilter(label=_("Topic"), field_name="tags__name", lookup_expr="iexact")

    class Meta:
        model = Guide
        fields = ["q", "step", "tag"]

    def filter_words(self, queryset, name, value):
        return queryset.search(value)
