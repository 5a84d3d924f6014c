import factory
from django.utils import timezone

from matching.models import (
    Campaign,
    Coverage,
    HelpKind,
    Match,
    MatchStatus,
    Need,
    Offer,
    SkillTopic,
    SupportScheme,
)
from postcodes.services import lookup
from tests.factories import UserFactory


class HelpKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpKind
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Help kind {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    needs_proximity = True


class SkillTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillTopic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    needs_proximity = False


def shopping():
    return HelpKindFactory(name="Collecting food and shopping", slug="shopping")


def medication():
    return HelpKindFactory(name="Collecting medication", slug="medication")


def phone_chat():
    return HelpKindFactory(
        name="A friendly chat by phone", slug="phone-chat", needs_proximity=False
    )


class _RequestFactory(factory.django.DjangoModelFactory):
    """``at`` is a postcode; ``kinds`` and ``topics`` are lists of categories."""

    class Meta:
        abstract = True

    person = factory.SubFactory(UserFactory)
    consent_given_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, at="M14 5LL", kinds=(), topics=(), **kwargs):
        request = model_class(*args, **kwargs)
        request.set_location(lookup(at))
        request.save()
        request.kinds.set(kinds)
        request.topics.set(topics)
        return request


class NeedFactory(_RequestFactory):
    class Meta:
        model = Need

    max_distance_km = 5


class OfferFactory(_RequestFactory):
    class Meta:
        model = Offer

    travel_km = 5


class SchemeFactory(factory.django.DjangoModelFactory):
    """``kinds``, ``topics``, ``local_authorities`` and ``districts`` are lists."""

    class Meta:
        model = SupportScheme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Scheme {n}")
    slug = factory.Sequence(lambda n: f"scheme-{n}")
    summary = "Helps people who need it."
    phone = "0800 000 0000"
    email = factory.Sequence(lambda n: f"scheme{n}@example.org")
    coverage = Coverage.UK

    @factory.post_generation
    def kinds(self, create, extracted, **kwargs):
        if extracted:
            self.kinds.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def local_authorities(self, create, extracted, **kwargs):
        if extracted:
            self.local_authorities.set(extracted)

    @factory.post_generation
    def districts(self, create, extracted, **kwargs):
        if extracted:
            self.districts.set(extracted)


class IntroductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    need = factory.SubFactory(NeedFactory)
    offer = factory.SubFactory(OfferFactory)
    status = MatchStatus.PROPOSED
    distance_km = 1.5
    reason = "1.5 km away, offers collecting food and shopping any time"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    message = "Do you need help, or can you help? Tell us."
    chunk_size = 10
