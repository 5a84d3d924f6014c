"""Why a need was matched, worded for the person reading it, in the language active now.

The engine stores ``Match.reason`` once, in the site's language, as the staff's record.
A member reads it worded afresh from the match's own fields (the distance, the categories
it covers, both people's times, the scheme's coverage), so an email is in its recipient's
language and the volunteer reads what the other person needs, not what they offer.
"""

from django.utils.translation import gettext

from postcodes.models import LocalAuthority
from postcodes.names import council_name, nation_name

from .models import HelpKind, SkillTopic
from .models.schemes import Coverage
from .wording import ANY_TIME, availability_phrase, distance_phrase, join_words


def reasons_prepare(matches) -> list:
    """Load what the reasons of ``matches`` need in two queries (a list page), not a few
    for each match. Returns the matches, ready for ``match_reason``."""
    matches = list(matches)
    keys = {key for match in matches for key in match.covers}
    categories = {
        kind.key: kind
        for kind in HelpKind.objects.filter(pk__in=[int(k[1:]) for k in keys if k[0] == "k"])
    }
    categories |= {
        topic.key: topic
        for topic in SkillTopic.objects.filter(pk__in=[int(k[1:]) for k in keys if k[0] == "t"])
    }
    codes = {match.need.lad_code for match in matches if match.scheme_id}
    authorities = {la.code: la for la in LocalAuthority.objects.filter(code__in=codes)}
    for match in matches:
        match.reason_lookups = (categories, authorities)
    return matches


def _covered(match) -> tuple[list, list]:
    """The help kinds and skill topics the match covers, in the engine's order."""
    if hasattr(match, "reason_lookups"):
        found = [match.reason_lookups[0].get(key) for key in match.covers]
        kinds = [c for c in found if isinstance(c, HelpKind)]
        return kinds, [c for c in found if isinstance(c, SkillTopic)]
    kind_ids = [int(key[1:]) for key in match.covers if key.startswith("k")]
    topic_ids = [int(key[1:]) for key in match.covers if key.startswith("t")]
    kinds = list(HelpKind.objects.filter(pk__in=kind_ids)) if kind_ids else []
    topics = list(SkillTopic.objects.filter(pk__in=topic_ids)) if topic_ids else []
    return kinds, topics


def _what(kinds, topics, *, for_volunteer: bool) -> str:
    if for_volunteer:
        phrases = [gettext("needs %(help)s") % {"help": k.phrase} for k in kinds]
        phrases += [gettext("wants to learn %(topic)s") % {"topic": t.phrase} for t in topics]
    else:
        phrases = [gettext("offers %(help)s") % {"help": k.phrase} for k in kinds]
        phrases += [gettext("can teach %(topic)s") % {"topic": t.phrase} for t in topics]
    return join_words(phrases)


def _person_reason(match, *, for_volunteer: bool) -> str:
    kinds, topics = _covered(match)
    what = _what(kinds, topics, for_volunteer=for_volunteer)
    overlap = match.need.availability & match.offer.availability
    if overlap & ANY_TIME == ANY_TIME:
        when = gettext("any time")
    else:
        when = gettext("on %(times)s") % {"times": availability_phrase(overlap)}
    distance = distance_phrase(match.distance_km or 0)
    if any(category.needs_proximity for category in [*kinds, *topics]):
        return gettext("%(distance)s, %(what)s %(when)s") % {
            "distance": distance,
            "what": what,
            "when": when,
        }
    return gettext("%(what)s %(when)s (%(distance)s; no need to meet)") % {
        "what": what,
        "when": when,
        "distance": distance,
    }


def _scheme_reason(match) -> str:
    kinds, topics = _covered(match)
    helps = join_words([category.phrase for category in [*kinds, *topics]])
    need, coverage = match.need, match.scheme.coverage
    if coverage == Coverage.DISTRICTS:
        place = need.outcode
    elif coverage == Coverage.LOCAL_AUTHORITIES:
        if hasattr(match, "reason_lookups"):
            authority = match.reason_lookups[1].get(need.lad_code)
        else:
            authority = LocalAuthority.objects.filter(code=need.lad_code).first()
        place = council_name(authority.name, authority.code) if authority else need.lad_code
    elif coverage == Coverage.NATION:
        return gettext("A scheme covering %(nation)s that helps with %(help)s") % {
            "nation": nation_name(need.nation),
            "help": helps,
        }
    else:
        return gettext("A national scheme covering the whole UK that helps with %(help)s") % {
            "help": helps
        }
    return gettext("A local scheme covering %(place)s that helps with %(help)s") % {
        "place": place,
        "help": helps,
    }


def match_reason(match, *, for_volunteer: bool = False) -> str:
    """Why ``match`` was made, in the active language: "2.1 km away, offers collecting
    shopping on weekday evenings"; read by the volunteer, "… needs collecting shopping …".
    A match that names no categories (made by hand) keeps the reason it was given."""
    if not match.covers:
        if not for_volunteer:
            return match.reason
        return match.reason.replace("offers ", "needs ").replace("can teach ", "wants to learn ")
    if match.scheme_id:
        return _scheme_reason(match)
    reason = _person_reason(match, for_volunteer=for_volunteer)
    return reason[:1].upper() + reason[1:]
