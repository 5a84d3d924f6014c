"""Postcodes as the wellbeing pages and the API name them: the shareable form, whether a
postcode lies outside the index, and the pair of areas whose figures it shows."""

from django.utils.translation import gettext_lazy as _

from postcodes.parsing import OutsideUK, PostcodeError, parse
from postcodes.services import Location

from .editions import EditionRef

OUTSIDE_INDEX = _(
    "The wellbeing index covers England, Scotland, Wales and Northern Ireland: the Isle of "
    "Man, Guernsey and Jersey are outside it."
)


def postcode_slug(postcode: str) -> str:
    """The compact form used in shareable addresses: ``M1 1AD`` → ``M11AD``."""
    return postcode.replace(" ", "").upper()


def postcode_outside_index(text: str) -> bool:
    """Whether ``text`` is a well-formed postcode of the Isle of Man or the Channel Islands."""
    try:
        parse(text)
    except OutsideUK:
        return True
    except PostcodeError:
        return False
    return False


def areas_key(location: Location, edition: EditionRef) -> str:
    """Names a computation and the (neighbourhood, council) pair a postcode lies in: every
    postcode of the pair shows the same figures, so they are cached under this key."""
    return f"{edition.key}:{location.small_area_code or '-'}:{location.lad_code}"
