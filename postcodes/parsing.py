"""Parsing and normalising UK postcodes.

Accepts every format Royal Mail uses (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA,
AA9A 9AA and GIR 0AA), in any case and spacing, and outward codes on their own (M1, SW1A).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Outward code: area letters, district digits and an optional letter, per Royal Mail's
# rules (first letter never Q, V or X; second never I, J or Z; a trailing district letter
# only after a single digit).
_OUTWARD = r"(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_FULL_RE = re.compile(rf"^(?P<outward>{_OUTWARD}|GIR)(?P<inward>{_INWARD})$")
_OUTWARD_RE = re.compile(rf"^{_OUTWARD}$")
_BFPO_RE = re.compile(r"^(BFPO\d{1,4}|BF1[0-9A-Z]{0,3})$")
# British Overseas Territories with UK-style postcodes.
_OVERSEAS = {
    "ASCN1ZZ",
    "BBND1ZZ",
    "BIQQ1ZZ",
    "FIQQ1ZZ",
    "PCRN1ZZ",
    "SIQQ1ZZ",
    "STHL1ZZ",
    "TDCU1ZZ",
    "TKCA1ZZ",
    # Gibraltar's postcode has the shape of a real one.
    "GX111AA",
}
CROWN_DEPENDENCIES = {"GY": "Guernsey", "JE": "Jersey", "IM": "the Isle of Man"}

MAX_INPUT_LENGTH = 16


class PostcodeError(ValueError):
    """A postcode that cannot be used; ``str(error)`` is a message fit for a form."""


class InvalidPostcode(PostcodeError):
    pass


class UnknownPostcode(PostcodeError):
    pass


class OutsideUK(PostcodeError):
    pass


@dataclass(frozen=True)
class ParsedPostcode:
    outward: str
    inward: str = ""

    @property
    def is_full(self) -> bool:
        return bool(self.inward)

    @property
    def area(self) -> str:
        return re.match(r"[A-Z]+", self.outward).group()

    def __str__(self) -> str:
        return f"{self.outward} {self.inward}" if self.inward else self.outward


def parse(value: str, *, allow_outward: bool = True) -> ParsedPostcode:
    """Parse ``value`` into a normalised postcode or outward code.

    Raises ``InvalidPostcode`` (with a message for the person who typed it) for anything
    that is not a UK postcode, including BFPO and overseas-territory codes, and
    ``OutsideUK`` for Crown-dependency postcodes (Guernsey, Jersey, Isle of Man).
    """
    raw = (value or "").strip()
    if not raw:
        raise InvalidPostcode(_("Enter a postcode, like M1 1AE, or the first half, like M1."))
    if len(raw) > MAX_INPUT_LENGTH:
        raise InvalidPostcode(_("That is too long for a postcode. Enter one like M1 1AE."))
    compact = re.sub(r"\s+", "", raw).upper()
    if _BFPO_RE.match(compact):
        raise InvalidPostcode(
            _(
                "British Forces (BFPO) addresses have no place on the map. "
                "Enter the postcode of where you live in the UK."
            )
        )
    if compact in _OVERSEAS:
        raise InvalidPostcode(_("That is a postcode of a British Overseas Territory, not the UK."))
    match = _FULL_RE.match(compact)
    if match:
        parsed = ParsedPostcode(match["outward"], match["inward"])
    elif allow_outward and _OUTWARD_RE.match(compact):
        parsed = ParsedPostcode(compact)
    else:
        if allow_outward:
            text = _(
                "“%(raw)s” is not a UK postcode. Enter one like M1 1AE or the first half, like M1."
            )
        else:
            text = _("“%(raw)s” is not a UK postcode. Enter one like M1 1AE.")
        raise InvalidPostcode(text % {"raw": raw})
    if parsed.area in CROWN_DEPENDENCIES:
        raise OutsideUK(
            _("%(parsed)s is a postcode in %(value)s, which is outside the UK data this site uses.")
            % {"parsed": parsed, "value": CROWN_DEPENDENCIES[parsed.area]}
        )
    return parsed


def normalise(value: str) -> str:
    """``'m11ae'`` → ``'M1 1AE'``; raises ``InvalidPostcode`` like ``parse``."""
    return str(parse(value))
