"""Place names in the reader's language: the nations, and the official Welsh names of the
22 Welsh councils (ONS "Local Authority Districts (April 2020) Names and Codes in the United
Kingdom", column LAD20NMW, Open Government Licence v3.0; ``data/ons_lad20_welsh_names.csv``).
Every other council keeps the name it is published with."""

import csv
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language, gettext

from .models import Nation

WELSH_NAMES_FILE = Path(settings.BASE_DIR) / "data" / "ons_lad20_welsh_names.csv"


@cache
def welsh_council_names() -> dict[str, str]:
    """GSS code → official Welsh name, for the councils that have one."""
    with WELSH_NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["LAD20CD"]: row["LAD20NMW"] for row in csv.DictReader(handle)}


def council_name(name: str, code: str) -> str:
    """``name`` as published, or its official Welsh name when the page is in Welsh."""
    if (get_language() or "").startswith("cy"):
        return welsh_council_names().get(code or "", name)
    return name


def nation_name(nation: str) -> str:
    """ "Wales" → "Cymru" on a Welsh page: a nation's name in the language being read."""
    if nation in Nation.values:
        return str(Nation(nation).label)
    return gettext(nation) if nation else nation
