"""The listings: "What's on near me", "Find an online event or activity", and their feeds."""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Window
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.views import View
from django.views.decorators.http import require_GET

from core.geojson import feature_collection, point_feature

from .. import calendars, listing_cache
from ..filters import NearEventFilter, OnlineEventFilter
from ..models import EVENT_TZ, Event, Occurrence, Rsvp

PAGE_SIZE = 20
FEED_LIMIT = 300


class CappedPaginator(Paginator):
    """Counts at most ``cap`` results: a nationwide search needs no exact COUNT of
    a hundred thousand dates, only "more than 1,000"."""

    cap = 1000

    def __init__(self, object_list, per_page, *, count_queryset=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        # Counting needs none of what the cards show (their tags, say).
        self.count_queryset = count_queryset if count_queryset is not None else object_list

    @cached_property
    def count(self):
        return self.count_queryset.order_by()[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=calendars.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def map_features(rows) -> dict:
    """A GeoJSON FeatureCollection of the dates on the page that happen in a place."""
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
                url=event.get_absolute_url(),
                summary=summary,
            )
        )
    return feature_collection(features)


class EventSearchView(View):
    """ "What's on near me": dates of events by postcode and distance, time, interests,
    cost and format; a list and a map, ordered by date then distance.

    Not a ListView: the results of a search are rendered once and cached (see
    ``events.listing_cache``), so a repeated search skips the database and the cards.
    """

    filterset_class = NearEventFilter
    template_name = "events/event_list.html"
    calendar_url_name = "events:search-calendar"
    kind = "near"

    def get(self, request, *args, **kwargs):
        page_key = listing_cache.page_key(kind=self.kind, request=request)
        if page_key and (html := cache.get(page_key)) is not None:
            return HttpResponse(html)
        response = self.render_search(request)
        if page_key and response.status_code == 200:
            cache.set(page_key, response.content, listing_cache.TTL_SECONDS)
        return response

    def render_search(self, request):
        self.filterset = self.filterset_class(
            request.GET, queryset=Occurrence.objects.listed(), request=request
        )
        valid = self.filterset.is_valid()
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "filterset": self.filterset,
            "form": self.filterset.form,
            "location": self.filterset.location,
            "calendar_url": reverse(self.calendar_url_name)
            + (f"?{query.urlencode()}" if query else ""),
            "results_html": self.results(request, query.urlencode()) if valid else "",
        }
        # A search the member got wrong is a 400 with their input and the reasons.
        return render(request, self.template_name, context, status=200 if valid else 400)

    def page_of_results(self, page: str):
        """One page of dates and the number of results (capped when nationwide).

        Forgiving, like ``Paginator.get_page``: a page that isn't a number shows the first
        page, and one past the end (an old link, fewer dates now) shows the last.
        """
        results = self.filterset.qs.for_cards()
        try:
            number = max(int(page), 1)
        except ValueError:
            number = 1
        if self.filterset.location is None:
            paginator = CappedPaginator(results, PAGE_SIZE, count_queryset=self.filterset.qs)
            return paginator.get_page(number)
        # Near a place the results are few: count them in the same query.
        rows = self.rows_with_total(results, number)
        count = rows[0].total if rows else (0 if number == 1 else results.count())
        paginator = Paginator(range(count), PAGE_SIZE)
        if number > paginator.num_pages:
            number = paginator.num_pages
            rows = self.rows_with_total(results, number) if count else []
        page_obj = paginator.page(number)
        page_obj.object_list = rows
        return page_obj

    @staticmethod
    def rows_with_total(results, number: int) -> list:
        offset = (number - 1) * PAGE_SIZE
        return list(results.annotate(total=Window(Count("pk")))[offset : offset + PAGE_SIZE])

    def results(self, request, query: str) -> str:
        """The results section (count, map, cards, pages), from the cache if it has it."""
        page = request.GET.get("page") or "1"
        key = listing_cache.search_key(
            kind=self.kind, cleaned=self.filterset.form.cleaned_data, page=page
        )
        cached = cache.get(key)
        if cached is None:
            page_obj = self.page_of_results(page)
            rows = list(page_obj.object_list)
            for occurrence in rows:
                occurrence.distance = getattr(occurrence, "distance_km", None)
            html = render_to_string(
                "events/includes/results.html",
                {
                    "object_list": rows,
                    "page_obj": page_obj,
                    "paginator": page_obj.paginator,
                    "geojson": map_features(rows),
                    "location": self.filterset.location,
                    "radius": self.filterset.form.cleaned_data.get("radius"),
                    "query": query,
                },
            )
            cached = {"html": html, "ids": [o.pk for o in rows]}
            cache.set(key, cached, listing_cache.TTL_SECONDS)
        html = cached["html"]
        if request.user.is_authenticated and cached["ids"]:
            replies = dict(
                Rsvp.objects.active()
                .filter(user=request.user, occurrence__in=cached["ids"])
                .values_list("occurrence_id", "status")
            )
            html = listing_cache.personalise(html, replies)
        return mark_safe(html)  # noqa: S308 (rendered by our own template above)


class OnlineEventSearchView(EventSearchView):
    """ "Find an online event or activity": for everyone, whatever their postcode."""

    filterset_class = OnlineEventFilter
    template_name = "events/online_list.html"
    calendar_url_name = "events:online-calendar"
    kind = "online"


@require_GET
def search_calendar(request, online: bool = False):
    """An iCalendar feed of a search: subscribe to "walking, within 5 km of M14 5LL"."""
    filter_class = OnlineEventFilter if online else NearEventFilter
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
    url = request.build_absolute_uri(reverse("events:online" if online else "events:index"))
    body = calendars.events_ics(events, name=name, url=url)
    return ics_response(body, "coopcentre-events.ics")
