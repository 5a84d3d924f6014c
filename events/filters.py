"""Searching dates of events: "What's on near me" and "Find an online event or activity".

The listings are of ``Occurrence`` rows (dates), so a weekly walk is found on each of its
Tuesdays and a "this weekend" search finds what is on this weekend. Results are ordered
by date, then distance. Bad or unknown values are form errors shown to the member, with
what they typed kept: never a 500.
"""

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from core.forms import SearchDateField
from postcodes.near import NearFilterSet

from .expressions import EventHasTag, IsFirstDate, MoreDates, SiblingDates
from .models import EVENT_TZ, AttendanceMode, Event, Occurrence


class SearchDateFilter(django_filters.DateFilter):
    field_class = SearchDateField


WHEN_CHOICES = [
    ("today", _("Today")),
    ("weekend", _("This weekend")),
    ("week", _("Next 7 days")),
    ("custom", _("Choose dates")),
]
FORMAT_CHOICES = [
    ("in_person", _("In person")),
    ("online", _("Online")),
    ("mixed", _("Both in person and online")),
]
FORMAT_MODES = {
    "in_person": [AttendanceMode.IN_PERSON, AttendanceMode.MIXED],
    "online": [AttendanceMode.ONLINE, AttendanceMode.MIXED],
    "mixed": [AttendanceMode.MIXED],
}
TAGS_CACHE_KEY = "events:tags:v1"
TAGS_MEMO_SECONDS = 60
POPULAR_TAGS = 16


def event_tags() -> list[tuple[str, str, int]]:
    """(slug, name, count) of every interest tag on approved events, most used first.

    Every search form needs it: cached for five minutes, and each process keeps its copy
    for a minute more at most (``TAGS_MEMO_SECONDS``, in its own memory: the ``fragments``
    cache), so a search costs no round trip to Redis for it.
    """
    kept = caches["fragments"]
    tags = kept.get(TAGS_CACHE_KEY)
    if tags is not None:
        return tags
    tags = cache.get(TAGS_CACHE_KEY)
    if tags is None:
        tags = list(
            Tag.objects.filter(
                taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(Event),
                taggit_taggeditem_items__object_id__in=Event.objects.live().values("pk"),
            )
            .annotate(uses=Count("taggit_taggeditem_items"))
            .order_by("-uses", "name")
            .values_list("slug", "name", "uses")
        )
        cache.set(TAGS_CACHE_KEY, tags, 300)
    kept.set(TAGS_CACHE_KEY, tags, TAGS_MEMO_SECONDS)
    return tags


def tag_choices():
    return [(slug, name) for slug, name, _uses in event_tags()]


class EventSearchForm(forms.Form):
    """Checks that go across fields: the custom date range."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        messages = {
            "when": "Choose today, this weekend, the next 7 days or your own dates.",
            "format": "Choose in person, online, or both.",
            "tag": "We have no events about “%(value)s”. Choose from the interests listed.",
        }
        for name, message in messages.items():
            if name in self.fields:
                self.fields[name].error_messages["invalid_choice"] = message
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = "Give a date like 2026-12-24."

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if (date_from or date_to) and not cleaned.get("when"):
            cleaned["when"] = "custom"
        if cleaned.get("when") != "custom":
            return cleaned
        today = timezone.localdate()
        if date_from and date_from < today:
            self.add_error("date_from", "Choose a date from today on: past events aren't listed.")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", "The end date must be on or after the start date.")
        if not (date_from or date_to) and not self.has_error("date_from"):
            self.add_error("date_from", "Give a start or an end date, or choose another time.")
        return cleaned


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=EVENT_TZ)


def date_window(cleaned: dict, now: datetime) -> tuple[datetime | None, datetime | None]:
    """The (start, end) of the time asked for, on UK time; None where open."""
    today = timezone.localdate(now)
    when = cleaned.get("when")
    if when == "today":
        return now, _midnight(today + timedelta(days=1))
    if when == "weekend":
        # Saturday and Sunday: this one if we are in it, else the coming one.
        saturday = (
            today - timedelta(days=1)
            if today.weekday() == 6
            else (today + timedelta(days=(5 - today.weekday()) % 7))
        )
        return max(now, _midnight(saturday)), _midnight(saturday + timedelta(days=2))
    if when == "week":
        return now, _midnight(today + timedelta(days=7))
    if when == "custom":
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        start = max(now, _midnight(date_from)) if date_from else now
        end = _midnight(date_to + timedelta(days=1)) if date_to else None
        return start, end
    return None, None


def first_date_of_each_event(dates, siblings: SiblingDates):
    """One row per event: its first date among ``dates``, with ``more_dates``, how many of
    its other dates in the search follow it.

    A fortnightly café is one result ("Every other Wednesday, next 9 Dec; 12 more dates"),
    not twenty; a date filter still finds it by any date in range, shown as that date.
    ``siblings`` says which other dates of an event a row is compared with: the conditions
    on the date itself (not cancelled, in the time asked for) without those on its event,
    which all the dates of an event share. Each comparison is then a probe of the event's
    dates alone, not a join to the event as well: on the bench's 50,000 events, the
    database's time for nine searches fell by a quarter (medians, 101 → 75 ms). Numbering
    the dates with ``ROW_NUMBER()`` instead was no faster (94 ms): the page's count needs
    the numbered dates wrapped in a second query. Both are SQL templates
    (``events.expressions``): as ORM subqueries they cost more to compile than the rest
    of the page's query.

    When the time asked for starts now (``siblings.from_now``: no dates, today, the next
    7 days), an event's first date in it is its next date, kept on the event
    (``Event.next_date``): each event is joined to that one date, and no date is compared
    with its siblings (most of a search's database time, bench/README.md, session 7).
    """
    if siblings.from_now:
        dates = dates.filter(event__next_date=F("pk"))
    else:
        dates = dates.filter(IsFirstDate(siblings))
    return dates.annotate(more_dates=MoreDates(siblings))


class EventFilter(django_filters.FilterSet):
    """What every events search has: when, interests, free only."""

    when = django_filters.ChoiceFilter(
        label=_("When"), choices=WHEN_CHOICES, empty_label=_("Any time"), widget=forms.RadioSelect
    )
    # Clamped to the years a search can mean (``core.forms.SearchDateField``) before any
    # query: ``date_to=9999-12-31`` is ten years ahead, not an overflow.
    date_from = SearchDateFilter(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = SearchDateFilter(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    tag = django_filters.MultipleChoiceFilter(
        label=_("Interests"), choices=tag_choices, widget=forms.CheckboxSelectMultiple
    )
    free = django_filters.BooleanFilter(label=_("Free only"), widget=forms.CheckboxInput)

    class Meta:
        model = Occurrence
        fields: list[str] = []
        form = EventSearchForm

    def base_queryset(self, queryset):
        return queryset

    def filter_queryset(self, queryset):
        cleaned = self.form.cleaned_data
        queryset = self.base_queryset(queryset)
        now = timezone.now()
        start, end = date_window(cleaned, now)
        if start is not None:
            queryset = queryset.filter(ends_at__gte=start)
        if end is not None:
            queryset = queryset.filter(starts_at__lt=end)
        # The other dates of a listed event (every listing searches Occurrence.objects.listed()).
        queryset = first_date_of_each_event(queryset, SiblingDates(now, start, end))
        if cleaned.get("tag"):
            queryset = queryset.filter(
                EventHasTag(ContentType.objects.get_for_model(Event).pk, cleaned["tag"])
            )
        if cleaned.get("free") is True:
            queryset = queryset.filter(event__price=0)
        return self.located(queryset, cleaned)

    def located(self, queryset, cleaned):
        return queryset.order_by("starts_at", "pk")

    @property
    def location(self):
        return None

    def popular_tags(self) -> list[tuple[str, str, bool]]:
        """(slug, name, checked) for the interest checkboxes: the popular ones and any chosen."""
        chosen = set(self.form["tag"].value() or [])
        tags = event_tags()
        shown = list(tags[:POPULAR_TAGS]) + [t for t in tags[POPULAR_TAGS:] if t[0] in chosen]
        return [(slug, name, slug in chosen) for slug, name, _uses in shown]


class NearEventFilter(NearFilterSet, EventFilter):
    """ "What's on near me": the kit's postcode and distance, and the format."""

    default_km = 5
    format = django_filters.ChoiceFilter(
        label=_("Format"),
        choices=FORMAT_CHOICES,
        empty_label=_("Any format"),
        widget=forms.RadioSelect,
    )

    def base_queryset(self, queryset):
        modes = FORMAT_MODES.get(self.form.cleaned_data.get("format"))
        return queryset.filter(event__attendance_mode__in=modes) if modes else queryset

    def located(self, queryset, cleaned):
        location = cleaned.get("postcode")
        if location is None:
            return queryset.order_by("starts_at", "pk")
        # Only events in a place have a distance: online-only ones have their own page.
        return self.near_queryset(queryset, location, self.within_km).order_by(
            "starts_at", "distance_km", "pk"
        )


class OnlineEventFilter(EventFilter):
    """ "Find an online event or activity": for everyone, whatever their postcode."""

    def base_queryset(self, queryset):
        return queryset.filter(event__attendance_mode__in=FORMAT_MODES["online"])
