"""One event: its page, submitting and editing it, cancelling it, its calendar files."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import DetailView

from communities.models import Group
from core.links import absolute_url
from core.ownership import owned_or_404
from core.ratelimit import rate_limit
from spaces.models import Space

from .. import calendars, jsonld, recurrence
from ..forms import FIND_SPACES, EventCancelForm, EventForm, RsvpForm, form_initial_from
from ..models import Event, Occurrence, Rsvp, RsvpStatus
from ..services import event_cancel as cancel_event
from ..services import event_submit, event_update
from .search import ics_response, map_features

# How many of a regular activity's next dates its page offers to reply to.
NEXT_DATES = 8


def visible_event(request, slug: str) -> Event:
    """The event at ``slug`` if this person may see it, else 404 (never a hint it exists)."""
    event = get_object_or_404(
        Event.objects.select_related("space", "group", "organiser"), slug=slug
    )
    if not event.is_visible_to(request.user):
        raise Http404("No such event")
    return event


def event_for_owner_or_404(request, slug: str) -> Event:
    """The event at ``slug`` if this person organises or submitted it (staff may manage any
    event), else 404: the rows ``Event.can_manage`` allows."""
    return owned_or_404(
        request,
        Event.objects.select_related("space", "group", "organiser"),
        owner=("organiser", "submitted_by"),
        staff=True,
        slug=slug,
    )


class EventDetailView(DetailView):
    """An event's page: what, when (the next dates), where or how to join, who organises
    it, replies; past and cancelled events keep their page."""

    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_object(self, queryset=None):
        return visible_event(self.request, self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, user = self.object, self.request.user
        upcoming = list(event.occurrences.upcoming().order_by("starts_at")[:NEXT_DATES])
        last = None if upcoming else event.occurrences.order_by("-starts_at").first()
        replies = {}
        if user.is_authenticated:
            replies = {
                r.occurrence_id: r
                for r in Rsvp.objects.filter(user=user, occurrence__event=event).exclude(
                    status=RsvpStatus.CANCELLED
                )
            }
        for occurrence in upcoming:
            occurrence.event = event
            occurrence.my_reply = replies.get(occurrence.pk)
        going = any(r.status == RsvpStatus.GOING for r in replies.values())
        next_date = upcoming[0] if upcoming else last
        if next_date is not None:
            next_date.event = event
        context.update(
            dates=upcoming,
            my_dates=[o for o in upcoming if o.my_reply],
            open_dates=[o for o in upcoming if not o.my_reply],
            next_date=next_date,
            is_over=not upcoming,
            schedule=recurrence.describe(event),
            can_manage=event.can_manage(user),
            show_join=event.is_online and (going or event.can_manage(user)),
            jsonld=jsonld.script_json(jsonld.event_jsonld(event, next_date)),
            geojson=map_features([next_date]) if next_date and event.latitude is not None else None,
            rsvp_form=RsvpForm(event=event),
            tags=list(event.tags.all()),
            calendar_date=_calendar_date(event, upcoming),
        )
        return context


def _calendar_date(event: Event, upcoming: list[Occurrence]) -> dict | None:
    """What the page's add-to-calendar links save: the next date (not the whole series),
    or nothing once the event is over, cancelled or not yet approved."""
    if not upcoming or event.is_cancelled or not event.is_approved:
        return None
    date = upcoming[0]
    return calendars.calendar_date(
        event, starts=date.starts_at, ends=date.ends_at, occurrence_id=date.pk
    )


def _submissions_rate(group, request):
    """10 events an hour; "Find spaces" (which only redraws the form) is not counted."""
    return None if FIND_SPACES in request.POST else "10/h"


def _finding_spaces(request, **kwargs):
    """The form redrawn with what was typed and the spaces near the postcode given, or
    None when the member is not asking for spaces."""
    if request.method != "POST" or FIND_SPACES not in request.POST:
        return None
    return EventForm(initial=form_initial_from(request.POST), user=request.user, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limit(
    key="user",
    rate=_submissions_rate,
    message=gettext_lazy("You've sent a lot of events in the last hour. Try again later."),
    keep={"title": "Title", "description": "Description"},
)
def event_create(request):
    """A member submits an event; it is public once a moderator approves it."""
    found = _finding_spaces(request)
    if found is not None:
        return render(request, "events/event_form.html", {"form": found, "creating": True})
    initial = {}
    space_slug = request.GET.get("space")
    if space_slug:
        space = Space.objects.approved().filter(slug=space_slug).first()
        if space:
            initial = {"space": space.pk, "attendance_mode": "in_person"}
    form = EventForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        event = event_submit(
            event=form.save(commit=False), by=request.user, tags=form.cleaned_data["tags"]
        )
        messages.success(
            request,
            _(
                "Thank you! Our moderators will check your event, usually within a day, "
                "and email you when it's live."
            ),
        )
        return redirect(event)
    status = 400 if form.errors else 200
    return render(
        request, "events/event_form.html", {"form": form, "creating": True}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, slug):
    """The organiser changes their event; the people coming are told what changed."""
    event = event_for_owner_or_404(request, slug)
    if event.is_cancelled:
        messages.error(request, _("This event is cancelled, so it can't be changed."))
        return redirect(event)
    found = _finding_spaces(request, instance=event)
    if found is not None:
        return render(request, "events/event_form.html", {"form": found, "event": event})
    form = EventForm(request.POST or None, request.FILES or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        changes = event_update(
            event=form.save(commit=False), by=request.user, tags=form.cleaned_data["tags"]
        )
        if changes and event.is_approved:
            messages.success(
                request, _("Saved. We're emailing the people coming about the change.")
            )
        else:
            messages.success(request, _("Saved."))
        return redirect(event)
    status = 400 if form.errors else 200
    return render(request, "events/event_form.html", {"form": form, "event": event}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, slug):
    """The organiser cancels the event: everyone going or waiting is emailed the reason."""
    event = event_for_owner_or_404(request, slug)
    if event.is_cancelled:
        messages.info(request, _("This event is already cancelled."))
        return redirect(event)
    form = EventCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = cancel_event(event=event, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            ngettext(
                "The event is cancelled. We're emailing the %(count)s person going or waiting.",
                "The event is cancelled. We're emailing the %(count)s people going or waiting.",
                count,
            )
            % {"count": count}
            if count
            else _("The event is cancelled."),
        )
        return redirect(event)
    status = 400 if form.errors else 200
    return render(
        request, "events/event_cancel.html", {"form": form, "event": event}, status=status
    )


@require_GET
def event_calendar(request, slug):
    """The event as an .ics file, a regular activity with its RRULE; with ``?date=<id>``,
    that one date of it (the event page's "add to your calendar")."""
    event = visible_event(request, slug)
    if request.GET.get("date", "").isdigit():
        occurrence = get_object_or_404(
            Occurrence.objects.select_related("event__space", "event__group", "event__organiser"),
            event=event,
            pk=int(request.GET["date"]),
        )
        return ics_response(
            calendars.occurrence_ics(occurrence), f"{event.slug}-{occurrence.pk}.ics"
        )
    event = (
        Event.objects.select_related("space", "group", "organiser")
        .prefetch_related("tags")
        .get(pk=event.pk)
    )
    body = calendars.events_ics(
        [event], name=event.title, url=absolute_url(event.get_absolute_url())
    )
    return ics_response(body, f"{event.slug}.ics")


def _organiser(pk: int):
    """A member who organises at least one approved event (others have no public page)."""
    user = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    if not Event.objects.approved().filter(organiser=user).exists():
        raise Http404("No such organiser")
    return user


def _feed_events(queryset):
    return (
        queryset.live()
        .upcoming()
        .select_related("space", "group", "organiser")
        .prefetch_related(
            "tags", Prefetch("occurrences", queryset=Occurrence.objects.filter(is_cancelled=True))
        )
        .order_by("starts_at")
    )


@require_GET
def organiser_events(request, pk):
    """An organiser's upcoming events, with a calendar to subscribe to."""
    organiser = _organiser(pk)
    events = (
        Event.objects.live()
        .upcoming()
        .filter(organiser=organiser)
        .with_next_date()
        .select_related("group")
        .order_by("next_starts_at")
    )
    return render(
        request, "events/organiser_events.html", {"organiser": organiser, "events": events}
    )


@require_GET
def organiser_calendar(request, pk):
    """An iCalendar feed of everything one member organises."""
    organiser = _organiser(pk)
    events = _feed_events(Event.objects.filter(organiser=organiser))
    body = calendars.events_ics(
        events,
        name=f"{organiser.public_name} on coopcentre",
        url=absolute_url(reverse("events:organiser", args=[pk])),
    )
    return ics_response(body, "organiser.ics")


@require_GET
def group_calendar(request, slug):
    """An iCalendar feed of a community group's events."""
    group = get_object_or_404(Group.objects.approved(), slug=slug)
    events = _feed_events(Event.objects.filter(group=group))
    body = calendars.events_ics(
        events,
        name=f"{group.name} on coopcentre",
        url=absolute_url(group.get_absolute_url()),
    )
    return ics_response(body, f"{group.slug}.ics")
