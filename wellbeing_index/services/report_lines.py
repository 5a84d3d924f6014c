"""The shapes of an area's report (scores, indicator, domain and pillar lines), as
``reports`` builds them and the pages, API and downloads read them."""

from dataclasses import dataclass

from postcodes.geo import Point
from postcodes.names import council_name, nation_name

from ..models import LEVEL_PLURALS, Area, Level, PopulationBasis
from .editions import DomainInfo, IndicatorInfo


@dataclass(frozen=True)
class Score:
    value: float | None
    uk: float | None
    nation: float | None

    @property
    def has_data(self) -> bool:
        return self.value is not None


class LevelAndNationWording:
    """How the pages name an area's level and nation, for anything with ``level`` and
    ``nation`` (an area, one domain's drill-down)."""

    @property
    def level_label(self) -> str:
        return Level(self.level).label if self.level in Level.values else self.level

    @property
    def level_plural(self) -> str:
        return str(LEVEL_PLURALS.get(self.level, self.level))

    @property
    def nation_name(self) -> str:
        return nation_name(self.nation)


@dataclass(frozen=True)
class AreaInfo(LevelAndNationWording):
    code: str
    name: str
    level: str
    nation: str
    latitude: float | None = None
    longitude: float | None = None
    population: int | None = None
    population_basis: str = ""
    left_behind: bool = False

    @property
    def population_is_estimate(self) -> bool:
        """Residents estimated by this site (spread by postcodes), not an official figure."""
        return self.population_basis == PopulationBasis.PROXY_POSTCODES

    @property
    def centre(self) -> Point | None:
        if self.latitude is None or self.longitude is None:
            return None
        return Point(self.latitude, self.longitude)

    @property
    def local_name(self) -> str:
        """The name in the reader's language: a Welsh council's official Welsh name on a
        Welsh page; every other name as published."""
        if self.level == Level.LOCAL_AUTHORITY:
            return council_name(self.name, self.code)
        return self.name

    @property
    def url(self) -> str:
        return Area(code=self.code, level=self.level).get_absolute_url()


@dataclass(frozen=True)
class IndicatorLine:
    info: IndicatorInfo
    value: float | None
    score: float | None
    uk_value: float | None
    nation_value: float | None
    uk_score: float | None
    nation_score: float | None
    # Why there is no value, in the publisher's words (an estimate it suppressed).
    no_data_reason: str = ""
    # The same measure's reading before this one (personal wellbeing), if there is one.
    earlier: "IndicatorLine | None" = None


@dataclass(frozen=True)
class DomainLine:
    info: DomainInfo
    score: Score
    indicators: tuple[IndicatorLine, ...]
    measured: bool  # does the open data score this domain at this level at all?
    from_parent: bool = False  # the council's figure, given to its neighbourhood
    no_data_reason: str = ""  # why a measured domain has no figure here

    @property
    def slug(self) -> str:
        return self.info.slug

    @property
    def name(self) -> str:
        return self.info.name


@dataclass(frozen=True)
class PillarLine:
    slug: str
    name: str
    score: Score
    domains: tuple[DomainLine, ...]


@dataclass(frozen=True)
class Report:
    edition_year: int
    edition_key: str
    area: AreaInfo
    parent: AreaInfo | None
    overall: Score
    pillars: tuple[PillarLine, ...]
    domains: tuple[DomainLine, ...]
    wellbeing: tuple[IndicatorLine, ...]
    strongest: tuple[DomainLine, ...]
    weakest: tuple[DomainLine, ...]
    unmeasured: tuple[DomainLine, ...]

    @property
    def nation(self) -> str:
        return self.area.nation

    @property
    def nation_name(self) -> str:
        """The nation's name in the reader's language."""
        return self.area.nation_name

    @property
    def cache_key(self) -> str:
        """Names this area's figures in this computation: for caching rendered fragments."""
        return f"{self.edition_key}:{self.area.level}:{self.area.code}"

    @property
    def has_scores(self) -> bool:
        return self.overall.value is not None

    @property
    def within_nation(self) -> bool:
        return any(i.info.within_nation for d in self.domains for i in d.indicators)

    @property
    def help_tags(self) -> list[str]:
        tags: list[str] = []
        for domain in self.weakest:
            tags += [t for t in domain.info.tags if t not in tags]
        return tags
