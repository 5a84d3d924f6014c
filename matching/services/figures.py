"""Figures for staff: needs and offers by kind and area, topics, match rate, time to match."""

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import zip_longest

from django.db.models import Count, Min, Q
from django.utils import timezone

from core.outbox.models import OutgoingEmail, OutgoingStatus
from matching import emails
from matching.models import (
    HelpKind,
    Match,
    MatchStatus,
    Need,
    Offer,
    SkillTopic,
)
from postcodes.models import LocalAuthority


@dataclass
class Figures:
    since: datetime | None
    needs: int = 0
    offers: int = 0
    by_kind: list[tuple[str, int, int]] = field(default_factory=list)  # name, needs, offers
    by_nation: list[tuple[str, int, int]] = field(default_factory=list)
    by_authority: list[tuple[str, int, int]] = field(default_factory=list)
    learn_topics: list[tuple[str, int]] = field(default_factory=list)
    teach_topics: list[tuple[str, int]] = field(default_factory=list)
    needs_matched: int = 0
    needs_introduced: int = 0
    needs_flagged: int = 0
    introductions_answered: int = 0
    introductions_made: int = 0
    median_hours_to_first_match: float | None = None
    mean_hours_to_first_match: float | None = None
    unsent_emails: int = 0

    @property
    def topic_rows(self) -> list[tuple[tuple, tuple]]:
        """Learn and teach topics side by side, as rows of ((name, n), (name, n))."""
        return list(zip_longest(self.learn_topics, self.teach_topics, fillvalue=("", "")))

    @property
    def match_rate(self) -> float | None:
        return round(100 * self.needs_matched / self.needs, 1) if self.needs else None

    @property
    def introduction_rate(self) -> float | None:
        return round(100 * self.needs_introduced / self.needs, 1) if self.needs else None

    @property
    def acceptance_rate(self) -> float | None:
        if not self.introductions_answered:
            return None
        return round(100 * self.introductions_made / self.introductions_answered, 1)


def _merge(needs: dict, offers: dict) -> list[tuple[str, int, int]]:
    names = sorted(set(needs) | set(offers), key=lambda n: (-(needs.get(n, 0)), n))
    return [(name, needs.get(name, 0), offers.get(name, 0)) for name in names]


def figures_compute(*, days: int | None = None, authorities: int = 15) -> Figures:
    """Figures for needs and offers registered in the last ``days`` (all time if None).

    Counts are of registrations in the period, whatever their status now; the match rate
    is the share of those needs with at least one match (scheme or person); time to first
    match runs from registering to the first match made for it.
    """
    since = timezone.now() - timedelta(days=days) if days else None
    needs = Need.objects.all()
    offers = Offer.objects.all()
    if since:
        needs = needs.filter(created_at__gte=since)
        offers = offers.filter(created_at__gte=since)
    figures = Figures(since=since, needs=needs.count(), offers=offers.count())
    _where_and_what(figures, needs, offers, authorities)
    _time_to_match(figures, needs)
    _introductions(figures, needs)
    figures.unsent_emails = OutgoingEmail.objects.filter(
        purpose__in=emails.MATCH_PURPOSES,
        status__in=[OutgoingStatus.QUEUED, OutgoingStatus.SENDING, OutgoingStatus.FAILED],
    ).count()
    return figures


def _count_by(field_name: str, qs) -> dict:
    """How many rows of ``qs`` have each non-empty value of ``field_name``."""
    return dict(
        qs.exclude(**{field_name: ""})
        .values_list(field_name)
        .annotate(n=Count("pk"))
        .order_by()
        .values_list(field_name, "n")
    )


def _where_and_what(figures: Figures, needs, offers, authorities: int) -> None:
    """Needs and offers by help kind, nation and local authority; the top skill topics."""
    kind_needs = dict(
        HelpKind.objects.filter(needs__in=needs).annotate(n=Count("needs")).values_list("name", "n")
    )
    kind_offers = dict(
        HelpKind.objects.filter(offers__in=offers)
        .annotate(n=Count("offers"))
        .values_list("name", "n")
    )
    figures.by_kind = _merge(kind_needs, kind_offers)
    figures.by_nation = _merge(_count_by("nation", needs), _count_by("nation", offers))
    names = dict(LocalAuthority.objects.values_list("code", "name"))
    la_rows = _merge(_count_by("lad_code", needs), _count_by("lad_code", offers))[:authorities]
    figures.by_authority = [(names.get(code, code), n, o) for code, n, o in la_rows]
    figures.learn_topics = list(
        SkillTopic.objects.filter(learners__in=needs)
        .annotate(n=Count("learners"))
        .order_by("-n", "name")
        .values_list("name", "n")[:10]
    )
    figures.teach_topics = list(
        SkillTopic.objects.filter(teachers__in=offers)
        .annotate(n=Count("teachers"))
        .order_by("-n", "name")
        .values_list("name", "n")[:10]
    )


def _time_to_match(figures: Figures, needs) -> None:
    """How many needs were matched, and how long after registering (median and mean)."""
    firsts = needs.annotate(first=Min("matches__created_at")).filter(first__isnull=False)
    hours = [
        max((first - created).total_seconds(), 0) / 3600
        for created, first in firsts.values_list("created_at", "first").iterator()
    ]
    figures.needs_matched = len(hours)
    if hours:
        figures.median_hours_to_first_match = round(statistics.median(hours), 1)
        figures.mean_hours_to_first_match = round(statistics.fmean(hours), 1)


def _introductions(figures: Figures, needs) -> None:
    """Needs introduced to a person, needs flagged for staff, introductions answered and
    made."""
    figures.needs_introduced = (
        needs.filter(matches__status=MatchStatus.INTRODUCED).distinct().count()
    )
    figures.needs_flagged = Need.objects.filter(needs_attention=True).count()
    answered = Match.objects.people().filter(need__in=needs)
    counts = answered.aggregate(
        answered=Count(
            "pk",
            filter=Q(
                status__in=[MatchStatus.INTRODUCED, MatchStatus.DECLINED, MatchStatus.EXPIRED]
            ),
        ),
        made=Count("pk", filter=Q(status=MatchStatus.INTRODUCED)),
    )
    figures.introductions_answered = counts["answered"]
    figures.introductions_made = counts["made"]
