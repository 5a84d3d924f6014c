"""The listings: "What's on near me", "Find an online event or activity", and their feeds.

The near-me kit's pieces: the postcode and ``km`` (``postcodes.near``), paging
(``core.paging``), the map (``core.geojson``) and the anonymous page cache
(``core.page_cache``, group "events": any change to what a listing shows calls
``listings_changed("events")``).
"""

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_GET

from accounts.context_processors import saved_postcode
from core.geojson import feature_collection, point_feature
from core.links import absolute_url, url_for_each
from core.page_cache import cache_anonymous_page
from core.paging import page_capped, query_without_page
from core.render_cache import render_each
from postcodes.near import redirect_old_distance

from .. import calendars, services
from ..filters import NearEventFilter, OnlineEventFilter
from ..listing import near_page
from ..models import EVENT_TZ, Event, Occurrence, Rsvp

PAGE_SIZE = 20
FEED_LIMIT = 300
CARD_TEMPLATE = "events/includes/event_card.html"
SEARCH_FORM_TEMPLATE = "events/includes/search_form.html"
SEARCH_FORM_SECONDS = 600


def card_version(occurrence) -> tuple:
    """What names a date's card (``core.render_cache``): the date, its places taken, and
    its event as last saved, with what changes without saving the event (its interests,
    the name of the space it is held at)."""
    event = occurrence.event
    return (
        occurrence.pk,
        occurrence.starts_at.isoformat(),
        occurrence.ends_at.isoformat(),
        occurrence.going_count,
        event.pk,
        event.updated_at.isoformat(),
        getattr(occurrence, "tag_names_joined", None) or "",
        event.space.name if event.space_id else "",
        # How many more dates of a series match this search ("12 more dates").
        getattr(occurrence, "more_dates", None),
    )


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=calendars.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def map_features(rows) -> dict:
    """A GeoJSON FeatureCollection of the dates on the page that happen in a place."""
    event_url = url_for_each("events:event-detail")
    features = []
    for occurrence in rows:
        event = occurrence.event
        if event.latitude is None or not event.is_in_person:
            continue
        start = timezone.localtime(occurrence.starts_at, EVENT_TZ)
        summary = f"{start:%a} {start.day} {start:%b, %H:%M}"
        if getattr(occurrence, "distance_km", None) is not None:
            summary += f" · {occurrence.distance_km:.1f} km"
        features.append(
            point_feature(
                lat=event.latitude,
                lon=event.longitude,
                name=event.title,
                url=event_url(event.slug),
                summary=summary,
            )
        )
    return feature_collection(features)


@method_decorator([redirect_old_distance, cache_anonymous_page("events")], name="get")
class EventSearchView(View):
    """ "What's on near me": dates of events by postcode and distance, time, interests,
    cost and format; a list and a map, ordered by date then distance.

    Not a ListView: it answers a search the member got wrong with a 400 that keeps their
    input, counts nationwide results only up to a cap, and shows a member their replies.
    """

    filterset_class = NearEventFilter
    template_name = "events/event_list.html"
    calendar_url_name = "events:search-calendar"
    # The search form's: postcode and distance (near), where it sends, its label.
    near = True
    url_name = "events:event-list"
    search_label = _("What's on near me")

    def get(self, request, *args, **kwargs):
        services.next_dates_move_when_due()
        self.filterset = self.filterset_class(
            request.GET, queryset=Occurrence.objects.listed(), request=request
        )
        valid = self.filterset.is_valid()
        query = query_without_page(request.GET)
        context = {
            "filterset": self.filterset,
            "form": self.filterset.form,
            "location": self.filterset.location,
            "calendar_url": reverse(self.calendar_url_name) + (f"?{query}" if query else ""),
            "search_form_html": self.search_form(request, valid),
            "results_html": self.results(request, query) if valid else "",
        }
        # A search the member got wrong is a 400 with their input and the reasons.
        return render(request, self.template_name, context, status=200 if valid else 400)

    def search_form(self, request, valid: bool) -> str:
        """The search form, as the member filled it in. It is the same for everyone who
        searched the same way (in one language, with the same saved postcode and the same
        interests offered), so each process keeps it for ``SEARCH_FORM_SECONDS``; a form
        with errors is rendered for its own visitor."""
        context = {
            "form": self.filterset.form,
            "filterset": self.filterset,
            "near": self.near,
            "action": reverse(self.url_name),
            "search_label": self.search_label,
        }
        if not valid:
            return render_to_string(SEARCH_FORM_TEMPLATE, context, request)
        key = make_template_fragment_key(
            "events.search-form",
            [
                get_language(),
                self.url_name,
                sorted((k, v) for k, v in request.GET.lists() if k != "page"),
                saved_postcode(request)["saved_postcode"],
                [slug for slug, _name, _checked in self.filterset.popular_tags()],
            ],
        )
        fragments = caches["fragments"]
        html = fragments.get(key)
        if html is None:
            html = render_to_string(SEARCH_FORM_TEMPLATE, context, request)
            fragments.set(key, html, SEARCH_FORM_SECONDS)
        return html

    def page_of_results(self, page: str):
        """One page of dates and the number of results (capped when nationwide).

        Forgiving, like every listing (``core.paging``): a page that isn't a number shows
        the first page, and one past the end (an old link, fewer dates now) shows the last.
        """
        if self.filterset.location is None:
            results = self.filterset.qs.for_cards()
            return page_capped(results, page, PAGE_SIZE, count_queryset=self.filterset.qs)
        # Near a place, the page everyone asks for: its query written once as SQL, the
        # results few enough to count in the same query (``events.listing``).
        return near_page(self.filterset, page, PAGE_SIZE)

    def results(self, request, query: str) -> str:
        """The results section: count, map, cards (with the member's replies), pages."""
        page_obj = self.page_of_results(request.GET.get("page"))
        rows = list(page_obj.object_list)
        replies = {}
        if request.user.is_authenticated and rows:
            replies = dict(
                Rsvp.objects.active()
                .filter(user=request.user, occurrence__in=[o.pk for o in rows])
                .values_list("occurrence_id", "status")
            )
        cards = render_each(CARD_TEMPLATE, rows, version=card_version, name="occurrence")
        for occurrence, html in zip(rows, cards, strict=True):
            occurrence.card_html = html
            distance = getattr(occurrence, "distance_km", None)
            in_place = distance is not None and occurrence.event.is_in_person
            occurrence.distance_note = f"{distance:.1f} km away" if in_place else ""
            occurrence.my_reply = replies.get(occurrence.pk, "")
        return render_to_string(
            "events/includes/results.html",
            {
                "object_list": rows,
                "page_obj": page_obj,
                "paginator": page_obj.paginator,
                "geojson": map_features(rows),
                "location": self.filterset.location,
                "km": self.filterset.within_km if self.filterset.location else None,
                "query": query,
            },
        )


class OnlineEventSearchView(EventSearchView):
    """ "Find an online event or activity": for everyone, whatever their postcode."""

    filterset_class = OnlineEventFilter
    template_name = "events/online_list.html"
    calendar_url_name = "events:online-calendar"
    near = False
    url_name = "events:online-event-list"
    search_label = _("Online events")


@require_GET
@redirect_old_distance
def search_calendar(request, online: bool = False):
    """An iCalendar feed of a search: subscribe to "walking, within 5 km of M14 5LL"."""
    filter_class = OnlineEventFilter if online else NearEventFilter
    services.next_dates_move_when_due()
    filterset = filter_class(request.GET, queryset=Occurrence.objects.listed())
    if not filterset.is_valid():
        errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())
        return HttpResponse(
            f"This calendar search has a problem: {errors}",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    event_ids = list(dict.fromkeys(filterset.qs.values_list("event_id", flat=True)[:FEED_LIMIT]))
    events = sorted(
        Event.objects.filter(pk__in=event_ids)
        .select_related("space", "group", "organiser")
        .prefetch_related(
            "tags", Prefetch("occurrences", queryset=Occurrence.objects.filter(is_cancelled=True))
        ),
        key=lambda e: event_ids.index(e.pk),
    )
    name = "Online events on coopcentre" if online else "Events on coopcentre"
    location = None if online else filterset.form.cleaned_data.get("postcode")
    if location:
        name = f"Events near {location.postcode} on coopcentre"
    url = absolute_url(reverse("events:online-event-list" if online else "events:event-list"))
    body = calendars.events_ics(events, name=name, url=url)
    return ics_response(body, "coopcentre-events.ics")
