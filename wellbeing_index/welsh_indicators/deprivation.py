"""The Welsh of the deprivation domains, whose codes are
``<measure>-<index>-<council|neighbourhood>`` (``access-wimd2019-council``), composed as
``services/sources.py`` composes the English: each index's domain names, short name, full
title and nation, and each measure's description. A new scope of a known index needs nothing
here; a new index needs its entry in ``DEPRIVATION_INDICES``.

The Welsh index reads MALlC with the Welsh Government's own domain names; IoD, SIMD and NIMDM
keep their acronyms. A domain of an index of deprivation is a **parth**, as MALlC calls them.
"""

import re
from dataclasses import dataclass

from .table import WelshIndicator


@dataclass(frozen=True)
class DeprivationIndex:
    short: str  # "IoD 2019", or "MALlC 2019" for the Welsh index
    title: str  # the index's full name and publisher, as its source line opens
    nation: str  # "yr Alban": unmutated, after a noun ("ardaloedd bach yr Alban")
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
ENGLAND = ("Lloegr", "yn Lloegr", "o fewn Lloegr")
MHCLG = "y Weinyddiaeth Tai, Cymunedau a Llywodraeth Leol"

DEPRIVATION_INDICES = {
    "iod2025": DeprivationIndex(
        "IoD 2025", f"Mynegeion Amddifadedd Lloegr 2025, {MHCLG}", *ENGLAND, ENGLISH_DOMAINS
    ),
    "iod2019": DeprivationIndex(
        "IoD 2019", f"Mynegeion Amddifadedd Lloegr 2019, {MHCLG}", *ENGLAND, ENGLISH_DOMAINS
    ),
    # The Welsh Government's own Welsh names of the WIMD (MALlC) domains.
    "wimd2019": DeprivationIndex(
        "MALlC 2019",
        "Mynegai Amddifadedd Lluosog Cymru 2019, Llywodraeth Cymru",
        "Cymru",
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
        "Mynegai Amddifadedd Lluosog yr Alban 2020, Llywodraeth yr Alban",
        "yr Alban",
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
        "Mesur Amddifadedd Lluosog Gogledd Iwerddon 2017, Asiantaeth Ystadegau ac Ymchwil "
        "Gogledd Iwerddon (NISRA)",
        "Gogledd Iwerddon",
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
# What each measure counts (``services/sources.py``'s ``MEASURES``), in Welsh.
MEASURES = {
    "income": "Pobl ar incwm isel: yn hawlio budd-daliadau neu gredydau prawf modd.",
    "employment": "Pobl o oedran gweithio sydd allan o waith oherwydd diweithdra, salwch neu "
    "ofalu.",
    "education": "Cyrhaeddiad a sgiliau plant ac oedolion, ac aros mewn addysg.",
    "health": "Marwolaeth gynamserol, salwch, anabledd ac iechyd meddwl gwael.",
    "crime": "Troseddau a gofnodwyd yn erbyn pobl ac eiddo (diogelwch cymunedol yng Nghymru).",
    "access": "Amser teithio neu bellter i wasanaethau fel meddygon teulu, ysgolion, siopau a "
    "swyddfeydd post; yn Lloegr mae hefyd yn cynnwys fforddiadwyedd tai a gorlenwi.",
    "housing": "Gorlenwi, cartrefi heb wres canolog ac ansawdd tai gwael.",
    "environment": "Cyflwr tai, ansawdd yr aer, damweiniau traffig ar y ffyrdd a mynediad i "
    "fannau gwyrdd (mae pob gwlad yn cyfrif pethau gwahanol).",
}
HUMANIVERSE = "drwy becyn humaniverse/IMD y Groes Goch Brydeinig"
DEPRIVATION_CODE = re.compile(
    r"^(?P<measure>[a-z]+)-(?P<index>[a-z0-9]+)-(?P<scope>council|neighbourhood)$"
)


def deprivation_indicator(code: str) -> WelshIndicator | None:
    """The Welsh of a deprivation domain's code; None when the code is not one of a known
    index's domains."""
    match = DEPRIVATION_CODE.match(code)
    index_slug = match["index"] if match else ""
    index = DEPRIVATION_INDICES.get(index_slug)
    if index is None or match["measure"] not in index.domains:
        return None
    name = f"{index.domains[match['measure']]} ({index.short})"
    measure = MEASURES[match["measure"]]
    if match["scope"] == "council":
        return WelshIndicator(
            name,
            f"% o gymdogaethau ymhlith y 10% mwyaf difreintiedig {index.in_nation}",
            description=f"Cyfran cymdogaethau’r cyngor sydd ymhlith y 10% mwyaf difreintiedig "
            f"{index.in_nation} o ran y parth hwn. {measure}",
            source=f"{index.title}: {_council_summary(index_slug)}",
        )
    return WelshIndicator(
        name,
        f"degradd {index.within_nation} (1 = y mwyaf difreintiedig, 10 = y lleiaf)",
        description=f"Degradd y gymdogaeth o ran y parth hwn ymhlith holl ardaloedd bach "
        f"{index.nation}. {measure}",
        source=f"{index.title}: safleoedd a degraddau’r ardaloedd bach ({HUMANIVERSE})",
    )


def _council_summary(index_slug: str) -> str:
    """England publishes its own council summaries; the other nations' were computed."""
    if index_slug == "iod2025":
        return "Ffeil 10, crynodebau awdurdodau lleol"
    return (
        f"crynodeb fesul cyngor a gyfrifwyd {HUMANIVERSE} o safleoedd yr ardaloedd bach, "
        "wedi’i bwysoli yn ôl poblogaeth canol 2019"
    )
