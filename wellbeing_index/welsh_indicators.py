"""The wellbeing index's indicators in Welsh: name, unit and period of every indicator of the
default data set, keyed by its code, shown on Welsh pages (``/cy/…``) and in Welsh
downloads. The English stays in the database and the API as the importers wrote it.

Two kinds of entry, mirroring ``services/sources.py``:

- the deprivation domains, whose codes are ``<measure>-<index>-<council|neighbourhood>``
  (``access-wimd2019-council``): Welsh comes from ``DEPRIVATION_INDICES`` (each index's
  domain names, its short name and its nation), so a new scope of a known index needs
  nothing here, while a new index needs its entry;
- every other indicator: one line in ``INDICATORS`` (code → name, unit, period).

A new indicator without Welsh fails ``tests/wellbeing_index/test_welsh_indicators.py``,
which checks every row of ``data/indicators.csv`` and the site's own listing indicators.
Terms follow ``docs/cy-glossary.md``; the acronyms of the other nations' indices stay as
published (IoD, SIMD, NIMDM), the Welsh index reads MALlC.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language


@dataclass(frozen=True)
class WelshIndicator:
    name: str
    unit: str
    period: str = ""


@dataclass(frozen=True)
class DeprivationIndex:
    short: str  # "IoD 2019", or "MALlC 2019" for the Welsh index
    in_nation: str  # "yng Nghymru": "in <nation>", mutated as Welsh needs
    within_nation: str  # "o fewn Cymru": no mutation after "o fewn"
    domains: dict  # measure → the domain's name in Welsh


ENGLISH_DOMAINS = {
    "income": "Incwm",
    "employment": "Cyflogaeth",
    "education": "Addysg, sgiliau a hyfforddiant",
    "health": "Amddifadedd iechyd ac anabledd",
    "crime": "Troseddu",
    "access": "Rhwystrau rhag cael tai a gwasanaethau",
    "environment": "Amgylchedd byw",
}
ENGLAND = ("yn Lloegr", "o fewn Lloegr")

DEPRIVATION_INDICES = {
    "iod2025": DeprivationIndex("IoD 2025", *ENGLAND, ENGLISH_DOMAINS),
    "iod2019": DeprivationIndex("IoD 2019", *ENGLAND, ENGLISH_DOMAINS),
    # The Welsh Government's own Welsh names of the WIMD (MALlC) domains.
    "wimd2019": DeprivationIndex(
        "MALlC 2019",
        "yng Nghymru",
        "o fewn Cymru",
        {
            "income": "Incwm",
            "employment": "Cyflogaeth",
            "education": "Addysg",
            "health": "Iechyd",
            "crime": "Diogelwch cymunedol",
            "access": "Mynediad i wasanaethau",
            "housing": "Tai",
            "environment": "Amgylchedd ffisegol",
        },
    ),
    "simd2020": DeprivationIndex(
        "SIMD 2020",
        "yn yr Alban",
        "o fewn yr Alban",
        {
            "income": "Incwm",
            "employment": "Cyflogaeth",
            "education": "Addysg, sgiliau a hyfforddiant",
            "health": "Iechyd",
            "crime": "Troseddu",
            "access": "Mynediad daearyddol i wasanaethau",
            "housing": "Tai",
        },
    ),
    "nimdm2017": DeprivationIndex(
        "NIMDM 2017",
        "yng Ngogledd Iwerddon",
        "o fewn Gogledd Iwerddon",
        {
            "income": "Incwm",
            "employment": "Cyflogaeth",
            "education": "Addysg, sgiliau a hyfforddiant",
            "health": "Amddifadedd iechyd ac anabledd",
            "crime": "Troseddu ac anhrefn",
            "access": "Agosrwydd at wasanaethau",
            "environment": "Amgylchedd byw",
        },
    ),
}
DEPRIVATION_CODE = re.compile(
    r"^(?P<measure>[a-z]+)-(?P<index>[a-z0-9]+)-(?P<scope>council|neighbourhood)$"
)

HEALTH_INDEX_UNIT = "sgôr y Mynegai Iechyd (Lloegr 2015 = 100)"
PER_10000 = "fesul 10,000 o drigolion"
RATING = "cyfartaledd yr atebion, 0 i 10"
APS_PERIOD = "Ebrill 2020 i Fawrth 2021"
APS_PERIOD_2022 = "Ebrill 2022 i Fawrth 2023"
WALKING = "a restrir ar y wefan hon o fewn pellter cerdded, fesul 10,000 o drigolion"

INDICATORS = {
    "museums-council": WelshIndicator(
        "Amgueddfeydd fesul 100,000 o drigolion",
        "amgueddfeydd ar agor fesul 100,000 o drigolion",
        "2017",
    ),
    "turnout-ge2024-council": WelshIndicator(
        "Y nifer a bleidleisiodd yn yr etholiad cyffredinol, Gorffennaf 2024 "
        "(amcangyfrif o’r etholaethau)",
        "% o’r etholwyr seneddol a bleidleisiodd",
        "4 Gorffennaf 2024",
    ),
    "disability-council": WelshIndicator(
        "Trigolion sy’n anabl (Cyfrifiad)",
        "% o’r preswylwyr arferol",
        "Mawrth 2021 (yr Alban: Mawrth 2022)",
    ),
    "income-gap-council": WelshIndicator(
        "Bwlch incwm rhwng cymdogaethau’r cyngor (wedi’i gyfrifo yma)",
        "bwlch mewn degraddau, 0 i 9 (y bumed ran leiaf difreintiedig o ran incwm namyn "
        "y bumed ran fwyaf difreintiedig)",
        "IoD 2019, MALlC 2019, SIMD 2020, NIMDM 2017",
    ),
    "sports-leisure-hi-council": WelshIndicator(
        "Agosrwydd at gyfleusterau chwaraeon a hamdden (Mynegai Iechyd, Lloegr)",
        HEALTH_INDEX_UNIT,
        "2020",
    ),
    "outdoor-space-hi-council": WelshIndicator(
        "Lle preifat yn yr awyr agored (Mynegai Iechyd, Lloegr)", HEALTH_INDEX_UNIT, "2020"
    ),
    "life-expectancy-hi-council": WelshIndicator(
        "Disgwyliad oes (Mynegai Iechyd, Lloegr)", HEALTH_INDEX_UNIT, "2020"
    ),
    "pupil-attainment-hi-council": WelshIndicator(
        "Cyrhaeddiad disgyblion (Mynegai Iechyd, Lloegr)", HEALTH_INDEX_UNIT, "2020"
    ),
    "internet-access-hi-council": WelshIndicator(
        "Mynediad i’r rhyngrwyd (Mynegai Iechyd, Lloegr)", HEALTH_INDEX_UNIT, "2020"
    ),
    "personal-crime-hi-council": WelshIndicator(
        "Troseddau personol (Mynegai Iechyd, Lloegr)", HEALTH_INDEX_UNIT, "2020"
    ),
    "outdoor-space-scotland-council": WelshIndicator(
        "Cartrefi â lle preifat yn yr awyr agored (yr Alban)", "% o’r cyfeiriadau", "Ebrill 2020"
    ),
    "healthy-life-expectancy-scotland-council": WelshIndicator(
        "Disgwyliad oes iach (yr Alban)", "blynyddoedd", "2019 i 2021"
    ),
    "life-expectancy-wales-council": WelshIndicator(
        "Disgwyliad oes (Cymru)", "blynyddoedd", "2021 i 2023"
    ),
    "young-people-participation-scotland-council": WelshIndicator(
        "Pobl ifanc mewn addysg, hyfforddiant neu waith (yr Alban)",
        "% o bobl ifanc 16 i 19 oed",
        "2023",
    ),
    "pupil-absence-wales-council": WelshIndicator(
        "Absenoldeb heb awdurdod o’r ysgol (Cymru)",
        "% o’r sesiynau hanner diwrnod a gollwyd",
        "Medi 2023 i Awst 2024",
    ),
    "eu-referendum-turnout-council": WelshIndicator(
        "Y nifer a bleidleisiodd yn refferendwm yr UE, Mehefin 2016",
        "% o’r etholwyr a bleidleisiodd",
        "23 Mehefin 2016",
    ),
    "personal-crime-scotland-council": WelshIndicator(
        "Troseddau personol a gofnodwyd gan yr heddlu (yr Alban)",
        "troseddau " + PER_10000,
        "Ebrill 2023 i Fawrth 2024",
    ),
    "personal-crime-wales-council": WelshIndicator(
        "Troseddau personol a gofnodwyd gan yr heddlu (Cymru)",
        "troseddau fesul 1,000 o drigolion",
        "Ionawr i Ragfyr 2023",
    ),
    "road-casualties-wales-council": WelshIndicator(
        "Anafusion ar y ffyrdd fesul 10,000 o drigolion (Cymru)",
        "pobl a laddwyd neu a anafwyd " + PER_10000,
        "2023",
    ),
    "road-casualty-density-scotland-council": WelshIndicator(
        "Pobl a laddwyd neu a anafwyd yn ddifrifol ar y ffyrdd fesul km² (yr Alban)",
        "pobl a laddwyd neu a anafwyd yn ddifrifol fesul km²",
        "2022",
    ),
    "physical-activity-scotland-council": WelshIndicator(
        "Oedolion sy’n egnïol am yr amser a argymhellir (yr Alban)", "% o oedolion", "2018 i 2022"
    ),
    "physical-activity-wales-council": WelshIndicator(
        "Oedolion sy’n egnïol am yr amser a argymhellir (Cymru)",
        "% o oedolion",
        "Ebrill 2021 i Fawrth 2023",
    ),
    "noise-complaints-ni-council": WelshIndicator(
        "Cwynion am sŵn fesul 1,000 o drigolion (Gogledd Iwerddon)",
        "cwynion fesul 1,000 o drigolion",
        "Ebrill 2023 i Fawrth 2024",
    ),
    "life-expectancy-ni-council": WelshIndicator(
        "Disgwyliad oes (Gogledd Iwerddon)", "blynyddoedd", "2020 i 2022"
    ),
    "gcse-attainment-ni-council": WelshIndicator(
        "Ymadawyr ysgol â phum TGAU da gan gynnwys Saesneg a mathemateg (Gogledd Iwerddon)",
        "% o’r ymadawyr ysgol",
        "blwyddyn ysgol 2022/23",
    ),
    # ONS personal wellbeing, in the words of ONS's Welsh releases.
    "life-satisfaction-council": WelshIndicator("Boddhad â bywyd", RATING, APS_PERIOD),
    "happiness-council": WelshIndicator("Hapusrwydd", RATING, APS_PERIOD),
    "worthwhile-council": WelshIndicator(
        "Teimlo bod y pethau a wneir mewn bywyd yn werth chweil", RATING, APS_PERIOD
    ),
    "anxiety-council": WelshIndicator("Gorbryder", RATING, APS_PERIOD),
    "life-satisfaction-2022-23-council": WelshIndicator("Boddhad â bywyd", RATING, APS_PERIOD_2022),
    "happiness-2022-23-council": WelshIndicator("Hapusrwydd", RATING, APS_PERIOD_2022),
    "worthwhile-2022-23-council": WelshIndicator(
        "Teimlo bod y pethau a wneir mewn bywyd yn werth chweil", RATING, APS_PERIOD_2022
    ),
    "anxiety-2022-23-council": WelshIndicator("Gorbryder", RATING, APS_PERIOD_2022),
    # Counted from this site's listings (services/social.py); the period is the day counted.
    "site-spaces": WelshIndicator("Gofodau cymunedol " + WALKING, PER_10000),
    "site-groups": WelshIndicator("Grwpiau cymunedol " + WALKING, PER_10000),
    "site-events": WelshIndicator("Gweithgareddau rheolaidd " + WALKING, PER_10000),
}


def welsh_indicator(code: str) -> WelshIndicator | None:
    """The Welsh name, unit and period of the indicator ``code``; None when it has none."""
    if code in INDICATORS:
        return INDICATORS[code]
    match = DEPRIVATION_CODE.match(code)
    index = DEPRIVATION_INDICES.get(match["index"]) if match else None
    if index is None or match["measure"] not in index.domains:
        return None
    if match["scope"] == "council":
        unit = f"% o gymdogaethau ymhlith y 10% mwyaf difreintiedig {index.in_nation}"
    else:
        unit = f"degradd {index.within_nation} (1 = y mwyaf difreintiedig, 10 = y lleiaf)"
    return WelshIndicator(f"{index.domains[match['measure']]} ({index.short})", unit)


def _in_welsh() -> bool:
    return (get_language() or "").startswith("cy")


def indicator_name(code: str, name: str) -> str:
    """``name`` as imported, or its Welsh when the page is in Welsh and there is one."""
    welsh = welsh_indicator(code) if _in_welsh() else None
    return welsh.name if welsh else name


def indicator_unit(code: str, unit: str) -> str:
    welsh = welsh_indicator(code) if _in_welsh() else None
    return welsh.unit if welsh else unit


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
    """``local_name``, ``local_unit`` and ``local_period`` of anything with an indicator's
    ``code``, ``name``, ``unit`` and ``period`` (the ``Indicator`` model, the report's
    ``IndicatorInfo``): what the pages print, Welsh on a Welsh page."""

    @property
    def local_name(self) -> str:
        return indicator_name(self.code, self.name)

    @property
    def local_unit(self) -> str:
        return indicator_unit(self.code, self.unit)

    @property
    def local_period(self) -> str:
        return indicator_period(self.code, self.period)
