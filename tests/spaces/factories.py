import io
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from core.models import ModerationStatus
from postcodes.services import lookup
from spaces.models import Kind, Pledge, Space, Status, StatusChange, ThreatReport
from tests.factories import UserFactory

METRES_PER_DEGREE = 111_195


class SpaceFactory(factory.django.DjangoModelFactory):
    """An approved, open space; ``at`` is its postcode, ``north_m`` nudges it north."""

    class Meta:
        model = Space
        skip_postgeneration_save = True

    class Params:
        at = "M4 6DE"
        north_m = 0

    name = factory.Sequence(lambda n: f"Community Hall {n}")
    slug = factory.Sequence(lambda n: f"community-hall-{n}")
    kind = Kind.COMMUNITY_CENTRE
    address = factory.Sequence(lambda n: f"{n} High Street")
    description = "A hall for everyone."
    moderation_status = ModerationStatus.APPROVED
    status = Status.OPEN
    submitted_by = factory.SubFactory(UserFactory)
    postcode = factory.LazyAttribute(lambda o: lookup(o.at).postcode)
    latitude = factory.LazyAttribute(
        lambda o: lookup(o.at).point.lat + o.north_m / METRES_PER_DEGREE
    )
    longitude = factory.LazyAttribute(lambda o: lookup(o.at).point.lon)
    outcode = factory.LazyAttribute(lambda o: lookup(o.at).outcode)
    lad_code = factory.LazyAttribute(lambda o: lookup(o.at).lad_code)
    nation = factory.LazyAttribute(lambda o: lookup(o.at).nation)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(list(extracted))


class ThreatenedSpaceFactory(SpaceFactory):
    status = Status.THREATENED
    threat_summary = "The council plans to sell the building."
    threat_deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    space = factory.SubFactory(ThreatenedSpaceFactory)
    user = factory.SubFactory(UserFactory)
    time = True


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusChange

    space = factory.SubFactory(SpaceFactory)
    status = Status.OPEN


class ThreatReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThreatReport

    space = factory.SubFactory(SpaceFactory)
    reported_by = factory.SubFactory(UserFactory)
    what = "The council will sell it to a developer."
    evidence = "Item 7 of the cabinet agenda."


def image_bytes(fmt="JPEG", size=(800, 600), color=(40, 120, 80), exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def image_upload(name="hall.jpg", fmt="JPEG", content_type="image/jpeg", **kwargs):
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=content_type)
