import factory

from wellbeing_index.models import (
    Area,
    Direction,
    Domain,
    Edition,
    Indicator,
    IndicatorValue,
    Level,
    Ranking,
)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("year",)

    year = 2025


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("level", "code")

    code = factory.Sequence(lambda n: f"E{n:08d}")
    name = factory.Sequence(lambda n: f"Area {n}")
    level = Level.LOCAL_AUTHORITY
    nation = "England"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("edition", "code")

    edition = factory.SubFactory(EditionFactory)
    code = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    domain = factory.LazyFunction(lambda: Domain.objects.get(slug="economy"))
    level = Level.LOCAL_AUTHORITY
    unit = "%"
    direction = Direction.HIGHER
    ranking = Ranking.UK
    source = "Test source"
    licence = "Open Government Licence v3.0"
    year = 2024


def values_set(indicator: Indicator, values: dict) -> None:
    """Give ``indicator`` a value for each area in ``{area: value}`` (None: no value)."""
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, area=area, value=value)
        for area, value in values.items()
        if value is not None
    )
