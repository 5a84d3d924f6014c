import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from communities.models import (
    AreaType,
    Commitment,
    CommitmentArea,
    Group,
    GroupKind,
    Guide,
    Membership,
    Pioneer,
    Role,
)
from postcodes.services import lookup
from tests.factories import UserFactory


class GroupFactory(factory.django.DjangoModelFactory):
    """An approved group with a place (M1 by default); ``at="EH6"`` puts it elsewhere."""

    class Meta:
        model = Group
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = GroupKind.COMMUNITY_GROUP
    area_type = AreaType.PLACE
    radius_km = 2.0
    description = "We meet every month."
    moderation_status = "approved"

    @factory.post_generation
    def at(self, create, extracted, **kwargs):
        if self.area_type == AreaType.PLACE:
            self.set_location(lookup(extracted or "M1"))
        elif self.area_type == AreaType.INTEREST:
            self.radius_km = None
        if create:
            self.save()

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(list(extracted))

    @factory.post_generation
    def organiser(self, create, extracted, **kwargs):
        if create and extracted:
            Membership.objects.create(group=self, user=extracted, role=Role.ORGANISER)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    group = factory.SubFactory(GroupFactory)
    area = CommitmentArea.ACTION
    what = factory.Sequence(lambda n: f"Hold street parties ({n})")
    target = 4
    unit = "street parties"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=200))


class PioneerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pioneer
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Pioneer {n}")
    area_name = "Manchester"
    radius_km = 10
    helps_with = "Starting an action group, street parties"

    @factory.post_generation
    def at(self, create, extracted, **kwargs):
        self.set_location(lookup(extracted or "M1"))
        if create:
            self.save()


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide

    title = factory.Sequence(lambda n: f"Guide {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "How to do it."
    body = "## Before you start\n\nTalk to your neighbours."
