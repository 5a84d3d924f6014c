"""The wellbeing index's indicators in Welsh: the name, unit, period, description and source
of every indicator of the default data set, keyed by its code, and the Welsh names of their
licences, shown on Welsh pages (``/cy/…``) and in Welsh downloads. The English stays in the
database and the API as the importers wrote it.

Two kinds of entry, mirroring ``services/sources.py``:

- the deprivation domains, whose codes are ``<measure>-<index>-<council|neighbourhood>``
  (``access-wimd2019-council``): their Welsh is composed in ``deprivation.py`` from
  ``DEPRIVATION_INDICES`` (each index's domain names, short name, title and nation) and
  ``MEASURES``, so a new scope of a known index needs nothing, while a new index needs its
  entry;
- every other indicator: one ``WelshIndicator`` in ``table.py``'s ``INDICATORS`` (code →
  name, unit, period, description, source).

A licence is named by its text (``LICENCES``), whatever the indicator. A new indicator or
licence without Welsh fails ``tests/wellbeing_index/test_welsh_indicators.py``, which checks
every row of ``data/indicators.csv`` and the site's own listing indicators. An indicator staff
imported under a code of its own has no Welsh: a Welsh page shows its words as imported,
marked ``lang="en-GB"`` and labelled once "yn Saesneg" (``english_note``). Terms follow
``docs/cy-glossary.md``.
"""

from datetime import datetime
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language

from .deprivation import DEPRIVATION_INDICES, deprivation_indicator
from .table import INDICATORS, WelshIndicator

__all__ = [
    "DEPRIVATION_INDICES",
    "IN_ENGLISH",
    "INDICATORS",
    "LICENCES",
    "InTheReadersLanguage",
    "WelshIndicator",
    "in_english_note",
    "indicator_description",
    "indicator_name",
    "indicator_period",
    "indicator_source",
    "indicator_unit",
    "licence_name",
    "welsh_indicator",
]

# The licences' own Welsh names where they have one (the National Archives' "Trwydded
# Llywodraeth Agored", Creative Commons' "Priodoli"); /cy/about/data/ names them the same.
LICENCES = {
    "Open Government Licence v3.0": "Trwydded Llywodraeth Agored v3.0",
    "Creative Commons Attribution 4.0 (CC BY 4.0)": "Creative Commons Priodoli 4.0 (CC BY 4.0)",
    "Open Parliament Licence v3.0; constituency–council overlaps CC BY 4.0": (
        "Trwydded Senedd Agored v3.0; gorgyffwrdd etholaethau a chynghorau CC BY 4.0"
    ),
    "This site's listings (approved by its moderators)": (
        "Rhestrau’r wefan hon (wedi’u cymeradwyo gan ei chymedrolwyr)"
    ),
}
# Said once beside an indicator a Welsh page can only show in English.
IN_ENGLISH = "yn Saesneg"


@lru_cache(maxsize=1024)
def welsh_indicator(code: str) -> WelshIndicator | None:
    """The Welsh name, unit, period, description and source of the indicator ``code``; None
    when it has none."""
    if code in INDICATORS:
        return INDICATORS[code]
    return deprivation_indicator(code)


def _in_welsh() -> bool:
    return (get_language() or "").startswith("cy")


def indicator_name(code: str, name: str) -> str:
    """``name`` as imported, or its Welsh when the page is in Welsh and there is one."""
    welsh = welsh_indicator(code) if _in_welsh() else None
    return welsh.name if welsh else name


def indicator_unit(code: str, unit: str) -> str:
    welsh = welsh_indicator(code) if _in_welsh() else None
    return welsh.unit if welsh else unit


def indicator_description(code: str, description: str) -> str:
    welsh = welsh_indicator(code) if _in_welsh() else None
    return welsh.description if welsh and welsh.description else description


def indicator_source(code: str, source: str) -> str:
    """The source line (publisher, title, how it was made); its URL needs no Welsh."""
    welsh = welsh_indicator(code) if _in_welsh() else None
    return welsh.source if welsh and welsh.source else source


def licence_name(licence: str) -> str:
    """The licence's Welsh name on a Welsh page when ``LICENCES`` has it, else as imported."""
    return LICENCES.get(licence, licence) if _in_welsh() else licence


def in_english_note(code: str) -> str:
    """ "yn Saesneg" on a Welsh page for an indicator with no Welsh, else ""."""
    return IN_ENGLISH if _in_welsh() and welsh_indicator(code) is None else ""


def indicator_period(code: str, period: str) -> str:
    """The period in Welsh; the site's "counted 4 December 2026" becomes "cyfrifwyd 4
    Rhagfyr 2026". A period with no Welsh stays as imported."""
    if not (_in_welsh() and period):
        return period
    welsh = welsh_indicator(code)
    if welsh and welsh.period:
        return welsh.period
    if period.startswith("counted "):
        try:
            day = datetime.strptime(period.removeprefix("counted "), "%d %B %Y").date()
        except ValueError:
            return period
        return f"cyfrifwyd {date_format(day, 'j F Y')}"
    return period


class InTheReadersLanguage:
    """``local_name``, ``local_unit``, ``local_period``, ``local_description``,
    ``local_source`` and ``local_licence`` of anything with an indicator's ``code``,
    ``name``, ``unit``, ``period``, ``description``, ``source`` and ``licence`` (the
    ``Indicator`` model, the report's ``IndicatorInfo``): what the pages print, Welsh on a
    Welsh page; ``english_note`` says when a Welsh page can only show the English."""

    @property
    def local_name(self) -> str:
        return indicator_name(self.code, self.name)

    @property
    def local_unit(self) -> str:
        return indicator_unit(self.code, self.unit)

    @property
    def local_period(self) -> str:
        return indicator_period(self.code, self.period)

    @property
    def local_description(self) -> str:
        return indicator_description(self.code, self.description)

    @property
    def local_source(self) -> str:
        return indicator_source(self.code, self.source)

    @property
    def local_licence(self) -> str:
        return licence_name(self.licence)

    @property
    def english_note(self) -> str:
        return in_english_note(self.code)
