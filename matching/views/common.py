"""Glue every matching page shares: the two kinds of request and the member's own rows."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.ownership import owned_or_404

from ..forms import NeedForm, NeedRegisterForm, OfferForm, OfferRegisterForm
from ..models import Match, MatchStatus, Need, Offer, Response
from ..services import requests

KINDS = {
    "need": {
        "model": Need,
        "form": NeedForm,
        "register_form": NeedRegisterForm,
        "register": requests.need_register,
        "title": _("Ask for help"),
        "noun": _("request for help"),
        "saved": _(
            "Thank you: we've saved your request for help and are looking for matches. "
            "We'll email you."
        ),
        "exists": _("We already have this request for help: here it is."),
        "withdrawn": _("Your request for help is withdrawn."),
    },
    "offer": {
        "model": Offer,
        "form": OfferForm,
        "register_form": OfferRegisterForm,
        "register": requests.offer_register,
        "title": _("Offer help"),
        "noun": _("offer of help"),
        "saved": _(
            "Thank you: we've saved your offer of help and are looking for matches. "
            "We'll email you."
        ),
        "exists": _("We already have this offer of help: here it is."),
        "withdrawn": _("Your offer of help is withdrawn."),
    },
}


def request_for_owner_or_404(request, role: str, pk: int):
    """The member's own need or offer; anyone else's (even for staff) is a 404."""
    model = KINDS[role]["model"]
    return owned_or_404(
        request, model.objects.prefetch_related("kinds", "topics"), owner="person", pk=pk
    )


def nation_of(user) -> str:
    """The nation of the member's home postcode, if we know it (for urgent-help numbers)."""
    if not user.is_authenticated or not user.home_postcode:
        return ""
    from postcodes.parsing import PostcodeError
    from postcodes.services import lookup

    try:
        return lookup(user.home_postcode).nation
    except PostcodeError:
        return ""


def awaiting_answer(user):
    """Open introductions where ``user`` has not answered yet."""
    return Match.objects.filter(status=MatchStatus.PROPOSED).filter(
        Q(need__person=user, need_response=Response.PENDING)
        | Q(offer__person=user, offer_response=Response.PENDING)
    )
