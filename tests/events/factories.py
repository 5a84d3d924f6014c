from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from events.models import EVENT_TZ, AttendanceMode, Event, Rsvp
from postcodes.services import lookup
from tests.factories import UserFactory


def soon(days: int = 2, hour: int = 18, minute: int = 0) -> datetime:
    """``hour``:``minute`` UK time, ``days`` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=EVENT_TZ)


class EventFactory(factory.django.DjangoModelFactory):
    """An approved, in-person event in Manchester city centre (M1), two days from now."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Street clean-up {n}")
    slug = factory.Sequence(lambda n: f"event-{n}-2026-01-01")
    description = "Bring gloves; we bring litter pickers and tea."
    organiser = factory.SubFactory(UserFactory)
    submitted_by = factory.SelfAttribute("organiser")
    moderation_status = "approved"
    starts_at = factory.LazyFunction(soon)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    attendance_mode = AttendanceMode.IN_PERSON
    venue_name = "Ancoats Community Hall"
    address = "1 Great Ancoats Street"

    @classmethod
    def _create(cls, model_class, *args, place="M1 1AD", **kwargs):
        event = model_class(*args, **kwargs)
        if place and event.is_in_person and not event.space_id:
            event.set_location(lookup(place))
        if not event.is_in_person:
            event.venue_name = event.address = ""
        if event.is_online and not event.join_url:
            event.join_url = "https://meet.example.org/coopcentre-chat"
        event.save()
        return event

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class RsvpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rsvp

    user = factory.SubFactory(UserFactory)
    status = "going"
