"""Filters for the matching app's listings (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from postcodes.near import PostcodeFilter

from .models import HelpKind, RequestStatus, SkillTopic, SupportScheme


class SchemeFilter(django_filters.FilterSet):
    """The public directory: schemes covering a postcode, helping with a kind or topic.

    The kit's postcode, but no distance: a scheme covers areas (districts, councils, a
    nation, the UK), so the question is whether it covers the postcode, not how far it is.
    """

    postcode = PostcodeFilter(
        label=_("Your postcode"),
        method="filter_postcode",
        help_text=_("Like M14 5LL, or just M14."),
    )
    kind = django_filters.ModelChoiceFilter(
        label=_("Help with"),
        field_name="kinds",
        queryset=HelpKind.objects.active(),
        empty_label=_("Any kind of help"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Learning"),
        field_name="topics",
        queryset=SkillTopic.objects.active(),
        empty_label=_("Any topic"),
    )

    class Meta:
        model = SupportScheme
        fields = ["postcode", "kind", "topic"]

    def filter_postcode(self, queryset, name, value):
        return queryset.covering(value) if value else queryset

    @property
    def location(self):
        if self.is_bound and self.form.is_valid():
            return self.form.cleaned_data.get("postcode")
        return None

    @property
    def qs(self):
        # Most local first: district, local authority, nation, whole UK; then by name.
        return super().qs.distinct().by_locality()


class MineFilter(django_filters.FilterSet):
    """A member's own needs or offers: current ones, or withdrawn ones too."""

    show = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[("current", _("Open and paused")), ("all", _("Everything, withdrawn too"))],
        method="filter_show",
        empty_label=None,
        widget=forms.Select,
    )

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if data.get("show") not in ("current", "all"):
            data["show"] = "current"
        super().__init__(data, *args, **kwargs)

    def filter_show(self, queryset, name, value):
        if value == "all":
            return queryset
        return queryset.exclude(status=RequestStatus.WITHDRAWN)
