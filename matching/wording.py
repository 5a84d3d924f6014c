"""How matching puts things into words: availability, distances, lists.

Shared by the models, the engine and the templates; every phrase is marked for
translation, so it reads in the language active when it is worded (an email's is its
recipient's).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

# When people are available: a small bit set, so two people overlap when ``a & b``.
AVAILABILITY_SLOTS = (
    (1, _("weekday mornings")),
    (2, _("weekday afternoons")),
    (4, _("weekday evenings")),
    (8, _("weekends")),
)
ANY_TIME = sum(value for value, _label in AVAILABILITY_SLOTS)


def join_words(words: list[str], *, limit: int = 0) -> str:
    """["a", "b", "c"] → "a, b and c"; past ``limit`` words, "a, b and 3 more"."""
    words = [str(word) for word in words]
    if limit and len(words) > limit:
        more = len(words) - limit
        return ngettext("%(words)s and %(count)s more", "%(words)s and %(count)s more", more) % {
            "words": ", ".join(words[:limit]),
            "count": more,
        }
    if len(words) <= 1:
        return "".join(words)
    return gettext("%(words)s and %(last)s") % {"words": ", ".join(words[:-1]), "last": words[-1]}


def availability_labels(bits: int) -> list[str]:
    return [str(label) for value, label in AVAILABILITY_SLOTS if bits & value]


def availability_phrase(bits: int) -> str:
    """``5`` → "weekday mornings and weekday evenings"; every slot → "any time"."""
    if bits & ANY_TIME == ANY_TIME:
        return gettext("any time")
    return join_words(availability_labels(bits)) or gettext("no time given")


def km_text(km: float) -> str:
    """The one rounding rule for a distance anyone reads (the match's reason, its page,
    the admin): one decimal, halves up as people round: 4.05 → "4.1 km". A float's binary
    value (4.05 is 4.04999…) must not turn the same match into 4.0 km in one place and
    4.1 km in another, so the number goes through its shortest decimal text first."""
    tenths = Decimal(repr(float(km))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{tenths} km"


def distance_phrase(km: float) -> str:
    """2.1 → "2.1 km away"; people in the same postcode district are "less than 1 km away"."""
    if km < 1:
        return gettext("less than 1 km away")
    return gettext("%(distance)s away") % {"distance": km_text(km)}
