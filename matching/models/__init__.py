"""Help matching: what members need and offer, support schemes, and the matches between them.

A ``Need`` or an ``Offer`` is one member's request, located by postcode. The matching
engine (``matching.services.engine``) proposes ``Match`` rows: a need with a support scheme
(contacts to pass on) or with an offer (an introduction both people must accept before
either sees the other's contact details). Every email about a match is an outbox row
(``core.outbox``; purposes in ``matching.emails``), so it goes at most once.

One module per sub-domain, every name re-exported here so ``from matching.models import
Need`` keeps working:

- ``categories``: ``HelpKind``, ``SkillTopic`` (a request's categories), ``Availability``;
- ``requests``: ``Need``, ``Offer`` and their shared ``HelpRequest`` base;
- ``schemes``: ``SupportScheme`` and its coverage;
- ``matches``: ``MatchRun``, ``Match``, ``MatchEvent`` and the match statuses;
- ``reports``: ``MatchReport``;
- ``campaigns``: ``Campaign``;
- ``figures``: the ``Figures`` proxy the admin's figures page hangs off.
"""

from .campaigns import Campaign, CampaignStatus
from .categories import Availability, Category, CategoryQuerySet, HelpKind, SkillTopic
from .figures import Figures
from .matches import (
    ACTIVE_PERSON_STATUSES,
    CLOSED_STATUSES,
    Match,
    MatchEvent,
    MatchQuerySet,
    MatchRun,
    MatchStatus,
    Response,
    Side,
)
from .reports import MatchReport
from .requests import (
    MAX_TRAVEL_KM,
    NOTE_MAX_LENGTH,
    HelpRequest,
    HelpRequestQuerySet,
    Need,
    Offer,
    RequestStatus,
)
from .schemes import COVERAGE_RANK, Coverage, SupportScheme, SupportSchemeQuerySet

__all__ = [
    "ACTIVE_PERSON_STATUSES",
    "CLOSED_STATUSES",
    "COVERAGE_RANK",
    "MAX_TRAVEL_KM",
    "NOTE_MAX_LENGTH",
    "Availability",
    "Campaign",
    "CampaignStatus",
    "Category",
    "CategoryQuerySet",
    "Coverage",
    "Figures",
    "HelpKind",
    "HelpRequest",
    "HelpRequestQuerySet",
    "Match",
    "MatchEvent",
    "MatchQuerySet",
    "MatchReport",
    "MatchRun",
    "MatchStatus",
    "Need",
    "Offer",
    "RequestStatus",
    "Response",
    "Side",
    "SkillTopic",
    "SupportScheme",
    "SupportSchemeQuerySet",
]
