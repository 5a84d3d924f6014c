"""The Welsh of every indicator that is not a deprivation domain: one ``WelshIndicator`` per
code, with the name, unit, period, description and source the pages show on ``/cy/``.

Publishers and titles read as the Welsh Government and ONS write them in Welsh (Llywodraeth
Cymru, StatsCymru, Arolwg Cenedlaethol Cymru, y Swyddfa Ystadegau Gwladol, y Comisiwn
Etholiadol) and as ``/cy/about/data/`` already names them; bodies of the other nations with
no Welsh name of their own (Skills Development Scotland, Transport Scotland), projects and
packages (Mapping Museums, mySociety, healthindexscotland) keep theirs.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class WelshIndicator:
    name: str
    unit: str
    period: str = ""
    description: str = ""
    source: str = ""


HEALTH_INDEX_UNIT = "sgôr y Mynegai Iechyd (Lloegr 2015 = 100)"
PER_10000 = "fesul 10,000 o drigolion"
RATING = "cyfartaledd yr atebion, 0 i 10"
APS_PERIOD = "Ebrill 2020 i Fawrth 2021"
APS_PERIOD_2022 = "Ebrill 2022 i Fawrth 2023"
WALKING = "a restrir ar y wefan hon o fewn pellter cerdded, fesul 10,000 o drigolion"

RED_CROSS = "drwy becyn {} y Groes Goch Brydeinig"
SCOTPHO = "drwy broffiliau ScotPHO Iechyd Cyhoeddus yr Alban"
HEALTH_INDEX_SOURCE = (
    "Y Swyddfa Ystadegau Gwladol, Mynegai Iechyd ar gyfer Lloegr 2020 (Tabl 4, cynghorau "
    "haen isaf); mae cynghorau a unwyd yn 2023 yn cael cymedr eu rhagflaenwyr wedi’i "
    "bwysoli yn ôl poblogaeth, a Dinas Llundain ac Ynysoedd Sili y ffigur y mae’r SYG yn ei "
    "gyhoeddi gyda Hackney a Chernyw"
)
HEALTH_INDEX_NOTE = (
    " Sgôr mynegai gan y Swyddfa Ystadegau Gwladol: 100 yw lefel Lloegr yn 2015, ac mae uwch "
    "yn iachach. Lloegr yn unig; wedi’i restru ymhlith cynghorau Lloegr."
)
ONLY_SCOTLAND = " Yr Alban yn unig; wedi’i restru ymhlith cynghorau’r Alban."
ONLY_WALES = " Cymru yn unig; wedi’i restru ymhlith cynghorau Cymru."
ONLY_NI = " Gogledd Iwerddon yn unig; wedi’i restru ymhlith cynghorau Gogledd Iwerddon."
NEWBORN = "Nifer y blynyddoedd y gall baban newydd-anedig ddisgwyl eu byw"
# Code stem → the measure's Welsh name, its question as ONS asks it in Welsh, and what
# follows the scale.
PERSONAL_WELLBEING = {
    "life-satisfaction": (
        "Boddhad â bywyd",
        "Yn gyffredinol, pa mor fodlon ydych chi ar eich bywyd y dyddiau hyn?",
        "",
    ),
    "happiness": (
        "Hapusrwydd",
        "Yn gyffredinol, pa mor hapus oeddech chi’n teimlo ddoe?",
        "",
    ),
    "worthwhile": (
        "Teimlo bod y pethau a wneir mewn bywyd yn werth chweil",
        "Yn gyffredinol, i ba raddau ydych chi’n teimlo bod y pethau rydych chi’n eu gwneud yn "
        "eich bywyd yn werth chweil?",
        "",
    ),
    "anxiety": (
        "Gorbryder",
        "Yn gyffredinol, pa mor bryderus oeddech chi’n teimlo ddoe?",
        ": is sy’n well",
    ),
}
# Code suffix → each edition's period, source and note (``services/sources.py``'s
# ``WELLBEING_NOTE``, ``personal_wellbeing_sources.NOTE``).
ONS_EDITIONS = {
    "council": (
        APS_PERIOD,
        "Y Swyddfa Ystadegau Gwladol: Llesiant personol yn y DU, Ebrill 2020 i Fawrth 2021, "
        "diweddariad awdurdodau lleol (Arolwg Blynyddol o’r Boblogaeth)",
        " Casglwyd rhwng Ebrill 2020 a Mawrth 2021, yn rhannol yn ystod COVID-19. Mae saith "
        "cyngor a grëwyd ers 2019 yn cael cymedr eu hardaloedd rhagflaenol; ataliodd y SYG "
        "amcangyfrifon pedwar cyngor (dim data).",
    ),
    "2022-23-council": (
        APS_PERIOD_2022,
        "Y Swyddfa Ystadegau Gwladol: Amcangyfrifon llesiant personol blynyddol fesul awdurdod "
        "lleol, Ebrill 2022 i Fawrth 2023 (Arolwg Blynyddol o’r Boblogaeth; cyfres amser, "
        "fersiwn 4)",
        " Casglwyd rhwng Ebrill 2022 a Mawrth 2023. Nid oes gwerth i’r cynghorau lle na "
        "chyhoeddodd y SYG amcangyfrif (roedd ei sampl yno’n rhy fach i roi ffigur "
        "dibynadwy).",
    ),
}
ACTIVE_LEISURE = "hamdden egnïol arall): mesur o gymryd rhan mewn hamdden egnïol."
SITE_SOURCE = "O restrau’r wefan hon"


def _personal_wellbeing() -> dict:
    """ONS personal wellbeing, in the words of ONS's Welsh releases and questionnaire: every
    measure (``PERSONAL_WELLBEING``) of every edition (``ONS_EDITIONS``, by code suffix)."""
    return {
        f"{stem}-{suffix}": WelshIndicator(
            name,
            RATING,
            period,
            description=f"Yr ateb cyfartalog i “{question}” (0 = ddim o gwbl, 10 = yn llwyr)"
            f"{after}.{note}",
            source=source,
        )
        for stem, (name, question, after) in PERSONAL_WELLBEING.items()
        for suffix, (period, source, note) in ONS_EDITIONS.items()
    }


def _health_index(name: str, what: str) -> WelshIndicator:
    return WelshIndicator(
        f"{name} (Mynegai Iechyd, Lloegr)",
        HEALTH_INDEX_UNIT,
        "2020",
        description=what + HEALTH_INDEX_NOTE,
        source=HEALTH_INDEX_SOURCE,
    )


INDICATORS = {
    "museums-council": WelshIndicator(
        "Amgueddfeydd fesul 100,000 o drigolion",
        "amgueddfeydd ar agor fesul 100,000 o drigolion",
        "2017",
        description="Amgueddfeydd achrededig ac anachrededig a oedd ar agor yn 2017 yn ardal y "
        "cyngor, fesul 100,000 o drigolion: mesur o fynediad at dreftadaeth a diwylliant yn "
        "agos at adref.",
        source="Mapping Museums (Birkbeck, Prifysgol Llundain): amgueddfeydd ar agor yn 2017 "
        "fesul cyngor 2019, fesul poblogaeth canol 2018 (SYG, Cofnodion Cenedlaethol yr "
        "Alban, NISRA); caiff cynghorau 2019 a unwyd ers hynny eu hadio at ei gilydd",
    ),
    "turnout-ge2024-council": WelshIndicator(
        "Y nifer a bleidleisiodd yn yr etholiad cyffredinol, Gorffennaf 2024 "
        "(amcangyfrif o’r etholaethau)",
        "% o’r etholwyr seneddol a bleidleisiodd",
        "4 Gorffennaf 2024",
        description="Y papurau pleidleisio a gyfrifwyd fel cyfran o’r etholwyr yn etholiad "
        "cyffredinol 4 Gorffennaf 2024, yn ôl amcangyfrif o’r etholaethau: rhennir y nifer a "
        "bleidleisiodd ym mhob etholaeth rhwng y cynghorau y mae ei thrigolion yn byw "
        "ynddynt, gan dybio ei fod yr un fath ar draws yr etholaeth.",
        source="Llyfrgell Tŷ’r Cyffredin, canlyniadau Etholiad cyffredinol 2024, wedi’u "
        "taenu o etholaethau i gynghorau yn ôl gorgyffwrdd poblogaeth mySociety (amcangyfrif, "
        "nid ffigur swyddogol ar gyfer y cyngor)",
    ),
    "disability-council": WelshIndicator(
        "Trigolion sy’n anabl (Cyfrifiad)",
        "% o’r preswylwyr arferol",
        "Mawrth 2021 (yr Alban: Mawrth 2022)",
        description="Cyfran y preswylwyr sy’n anabl o dan y Ddeddf Cydraddoldeb (Cymru a "
        "Lloegr) neu y mae problem iechyd neu anabledd hirdymor yn cyfyngu ar eu "
        "gweithgareddau pob dydd (yr Alban): mesur o ba mor agored yw pobl i anghydraddoldeb, "
        "nid o driniaeth gyfartal. Gofynnodd y ddau gyfrifiad y cwestiwn yn wahanol, felly caiff "
        "cynghorau eu rhestru o fewn eu gwlad. Nid oes ffigur ar gyfer Gogledd Iwerddon: mae "
        "tabl anabledd ei Chyfrifiad 2021 fesul cyngor yn cyfrif aelwydydd, nid pobl.",
        source="Cyfrifiad 2021 (SYG, TS038 Anabledd) ar gyfer Cymru a Lloegr; Cyfrifiad yr "
        "Alban 2022 (Cofnodion Cenedlaethol yr Alban); ardaloedd bach wedi’u hadio at ei "
        "gilydd fesul cyngor",
    ),
    "income-gap-council": WelshIndicator(
        "Bwlch incwm rhwng cymdogaethau’r cyngor (wedi’i gyfrifo yma)",
        "bwlch mewn degraddau, 0 i 9 (y bumed ran leiaf difreintiedig o ran incwm namyn "
        "y bumed ran fwyaf difreintiedig)",
        "IoD 2019, MALlC 2019, SIMD 2020, NIMDM 2017",
        description="Pa mor bell oddi wrth ei gilydd y mae cymdogaethau mwy cefnog a llai "
        "cefnog y cyngor o ran incwm: degradd incwm cymedrig y bumed ran o’i gymdogaethau "
        "sydd leiaf difreintiedig o ran incwm namyn degradd y bumed ran fwyaf difreintiedig "
        "(0 = pob un yr un fath, 9 = y bwlch mwyaf). Bwlch canlyniadau o fewn y cyngor, nid "
        "ystadegyn swyddogol; is sy’n well, ac fe’i rhestrir o fewn pob gwlad gan mai ei "
        "degraddau ei hun sydd gan bob gwlad.",
        source="Wedi’i gyfrifo ar y wefan hon o ddegraddau incwm ardaloedd bach pob gwlad: "
        "IoD 2019 (y Weinyddiaeth Tai, Cymunedau a Llywodraeth Leol), MALlC 2019 "
        "(Llywodraeth Cymru), SIMD 2020 (Llywodraeth yr Alban), NIMDM 2017 (NISRA); "
        "cymdogaethau wedi’u rhoi mewn cynghorau yn ôl eu codau post",
    ),
    "sports-leisure-hi-council": _health_index(
        "Agosrwydd at gyfleusterau chwaraeon a hamdden",
        "Pa mor agos y mae trigolion yn byw at gyfleusterau chwaraeon a hamdden (y pellter "
        "canolrifol, wedi’i sgorio fel bod agosach yn uwch).",
    ),
    "outdoor-space-hi-council": _health_index(
        "Lle preifat yn yr awyr agored",
        "Cyfran y cartrefi sydd â gardd breifat neu le arall yn yr awyr agored (Arolwg "
        "Ordnans, Ebrill 2020), wedi’i sgorio.",
    ),
    "life-expectancy-hi-council": _health_index(
        "Disgwyliad oes", "Disgwyliad oes adeg geni, wedi’i sgorio."
    ),
    "pupil-attainment-hi-council": _health_index(
        "Cyrhaeddiad disgyblion",
        "Canlyniadau disgyblion ar ddiwedd yr ysgol gynradd a’r ysgol uwchradd, wedi’u sgorio.",
    ),
    "internet-access-hi-council": _health_index(
        "Mynediad i’r rhyngrwyd",
        "Pa mor dda y mae band eang yn gwasanaethu cartrefi (cyflymder ac argaeledd), wedi’i "
        "sgorio.",
    ),
    "personal-crime-hi-council": _health_index(
        "Troseddau personol",
        "Troseddau personol (fel trais a throseddau rhywiol) a gofnodwyd gan yr heddlu, fesul "
        "preswylydd, wedi’u sgorio fel bod llai o droseddu yn uwch.",
    ),
    "outdoor-space-scotland-council": WelshIndicator(
        "Cartrefi â lle preifat yn yr awyr agored (yr Alban)",
        "% o’r cyfeiriadau",
        "Ebrill 2020",
        description="Cyfran y cyfeiriadau preswyl sydd â gardd, iard neu falconi preifat. Yr "
        "Alban yn unig (mae’r un tabl yn cwmpasu Cymru a Lloegr, ond ni chafwyd copi ohono); "
        "wedi’i restru ymhlith cynghorau’r Alban.",
        source="Y Swyddfa Ystadegau Gwladol ac Arolwg Ordnans, Mynediad i ardd, Prydain "
        "Fawr, Ebrill 2020 (tabl y cynghorau), " + RED_CROSS.format("healthindexscotland"),
    ),
    "healthy-life-expectancy-scotland-council": WelshIndicator(
        "Disgwyliad oes iach (yr Alban)",
        "blynyddoedd",
        "2019 i 2021",
        description=NEWBORN + " mewn iechyd da." + ONLY_SCOTLAND,
        source="Cofnodion Cenedlaethol yr Alban, disgwyliad oes iach 2019–2021 "
        f"({SCOTPHO}), dynion a menywod wedi’u pwysoli yn ôl eu niferoedd canol 2021; "
        + RED_CROSS.format("healthindexscotland"),
    ),
    "life-expectancy-wales-council": WelshIndicator(
        "Disgwyliad oes (Cymru)",
        "blynyddoedd",
        "2021 i 2023",
        description=NEWBORN + "." + ONLY_WALES,
        source="Y Swyddfa Ystadegau Gwladol, Disgwyliad oes ar gyfer ardaloedd lleol ym "
        "Mhrydain Fawr, 2021 i 2023 (adeg geni, cymedr dynion a menywod), "
        + RED_CROSS.format("healthindexwales"),
    ),
    "young-people-participation-scotland-council": WelshIndicator(
        "Pobl ifanc mewn addysg, hyfforddiant neu waith (yr Alban)",
        "% o bobl ifanc 16 i 19 oed",
        "2023",
        description="Cyfran y bobl ifanc 16 i 19 oed sydd mewn addysg, hyfforddiant neu "
        "waith." + ONLY_SCOTLAND,
        source=f"Skills Development Scotland, Mesur Cyfranogiad Blynyddol 2023 ({SCOTPHO}), "
        + RED_CROSS.format("healthindexscotland"),
    ),
    "pupil-absence-wales-council": WelshIndicator(
        "Absenoldeb heb awdurdod o’r ysgol (Cymru)",
        "% o’r sesiynau hanner diwrnod a gollwyd",
        "Medi 2023 i Awst 2024",
        description="Cyfran y sesiynau hanner diwrnod a gollodd disgyblion heb ganiatâd: "
        "cymedr cyfraddau’r ysgolion cynradd a’r ysgolion uwchradd." + ONLY_WALES,
        source="Llywodraeth Cymru, Absenoldeb o ysgolion cynradd ac o ysgolion uwchradd, "
        "Medi 2023 i Awst 2024 (cymedr y ddau), " + RED_CROSS.format("healthindexwales"),
    ),
    "eu-referendum-turnout-council": WelshIndicator(
        "Y nifer a bleidleisiodd yn refferendwm yr UE, Mehefin 2016",
        "% o’r etholwyr a bleidleisiodd",
        "23 Mehefin 2016",
        description="Y pleidleisiau a fwriwyd fel cyfran o’r etholwyr yn y refferendwm ar "
        "aelodaeth y DU o’r Undeb Ewropeaidd, a gyfrifwyd fesul cyngor ym Mhrydain Fawr. "
        "Cyfrifwyd Gogledd Iwerddon fel un ardal, felly nid oes gan ei chynghorau ffigur eu "
        "hunain.",
        source="Y Comisiwn Etholiadol, canlyniadau refferendwm yr UE fesul ardal gyfrif (23 "
        "Mehefin 2016); caiff ardaloedd cyfrif a unwyd yn un cyngor ers hynny eu hadio at ei "
        "gilydd",
    ),
    "personal-crime-scotland-council": WelshIndicator(
        "Troseddau personol a gofnodwyd gan yr heddlu (yr Alban)",
        "troseddau " + PER_10000,
        "Ebrill 2023 i Fawrth 2024",
        description="Troseddau treisgar nad ydynt yn rhywiol (gan gynnwys lladrata), "
        "troseddau rhywiol, a difrod ac ymddygiad di-hid a gofnodwyd gan Heddlu’r Alban, "
        "fesul 10,000 o drigolion." + ONLY_SCOTLAND,
        source="Llywodraeth yr Alban, Troseddau a gofnodwyd yn yr Alban 2023-24, "
        + RED_CROSS.format("healthindexscotland"),
    ),
    "personal-crime-wales-council": WelshIndicator(
        "Troseddau personol a gofnodwyd gan yr heddlu (Cymru)",
        "troseddau fesul 1,000 o drigolion",
        "Ionawr i Ragfyr 2023",
        description="Trais yn erbyn y person, troseddau rhywiol, lladrata, dwyn oddi ar y "
        "person a difrod troseddol a llosgi bwriadol a gofnodwyd gan yr heddlu, fesul 1,000 o "
        "drigolion, fesul Partneriaeth Diogelwch Cymunedol: mae Rhondda Cynon Taf a Merthyr "
        "Tudful yn rhannu un (Cwm Taf), ac felly un ffigur." + ONLY_WALES,
        source="Y Swyddfa Ystadegau Gwladol, Data troseddau a gofnodwyd fesul ardal "
        "Partneriaeth Diogelwch Cymunedol, y flwyddyn hyd at Ragfyr 2023 (cyfraddau fesul "
        "1,000 o drigolion, poblogaeth canol 2022), " + RED_CROSS.format("healthindexwales"),
    ),
    "road-casualties-wales-council": WelshIndicator(
        "Anafusion ar y ffyrdd fesul 10,000 o drigolion (Cymru)",
        "pobl a laddwyd neu a anafwyd " + PER_10000,
        "2023",
        description="Pobl a laddwyd neu a anafwyd mewn gwrthdrawiadau ar y ffyrdd a "
        "adroddwyd i’r heddlu yn 2023, fesul 10,000 o drigolion (amcangyfrif canol 2020)."
        + ONLY_WALES,
        source="Llywodraeth Cymru (StatsCymru), Anafiadau ffyrdd a gofnodwyd gan yr heddlu "
        "fesul awdurdod lleol, 2023, " + RED_CROSS.format("healthindexwales") + "; fesul "
        "nifer y trigolion yng nghanol 2020 yn ôl y SYG",
    ),
    "road-casualty-density-scotland-council": WelshIndicator(
        "Pobl a laddwyd neu a anafwyd yn ddifrifol ar y ffyrdd fesul km² (yr Alban)",
        "pobl a laddwyd neu a anafwyd yn ddifrifol fesul km²",
        "2022",
        description="Pobl a laddwyd neu a anafwyd yn ddifrifol mewn gwrthdrawiadau ar y "
        "ffyrdd a adroddwyd i’r heddlu yn 2022, fesul cilometr sgwâr o dir y cyngor: pa mor "
        "aml y mae gwrthdrawiadau difrifol yn digwydd lle mae pobl yn byw ac yn teithio (mae "
        "trefi prysur yn sgorio’n waeth na bryniau gwag)." + ONLY_SCOTLAND,
        source="Transport Scotland, Anafusion ar y ffyrdd a adroddwyd, 2022 "
        "(statistics.gov.scot), " + RED_CROSS.format("healthindexscotland"),
    ),
    "physical-activity-scotland-council": WelshIndicator(
        "Oedolion sy’n egnïol am yr amser a argymhellir (yr Alban)",
        "% o oedolion",
        "2018 i 2022",
        description="Cyfran yr oedolion sy’n cyrraedd y canllaw o 150 munud o weithgarwch "
        "cymedrol neu 75 munud o weithgarwch egnïol yr wythnos (chwaraeon, ymarfer corff, "
        "cerdded neu " + ACTIVE_LEISURE + ONLY_SCOTLAND,
        source="Llywodraeth yr Alban, Arolwg Iechyd yr Alban 2018-2022 (lefel ardal leol), "
        + RED_CROSS.format("healthindexscotland"),
    ),
    "physical-activity-wales-council": WelshIndicator(
        "Oedolion sy’n egnïol am yr amser a argymhellir (Cymru)",
        "% o oedolion",
        "Ebrill 2021 i Fawrth 2023",
        description="Cyfran yr oedolion sy’n egnïol am o leiaf 150 munud yr wythnos "
        "(chwaraeon, ymarfer corff, cerdded neu " + ACTIVE_LEISURE + ONLY_WALES,
        source="Llywodraeth Cymru, Arolwg Cenedlaethol Cymru 2021-22 a 2022-23, "
        + RED_CROSS.format("healthindexwales"),
    ),
    "noise-complaints-ni-council": WelshIndicator(
        "Cwynion am sŵn fesul 1,000 o drigolion (Gogledd Iwerddon)",
        "cwynion fesul 1,000 o drigolion",
        "Ebrill 2023 i Fawrth 2024",
        description="Cwynion am sŵn a gafodd y cyngor yn ystod y flwyddyn, fesul 1,000 o "
        "drigolion (canol 2022): pa mor aml y mae sŵn yn poeni pobl ddigon iddynt gwyno, nid "
        "mesur o sŵn." + ONLY_NI,
        source="Yr Adran Amaethyddiaeth, yr Amgylchedd a Materion Gwledig (Gogledd "
        "Iwerddon), Ystadegau Cwynion am Sŵn ar gyfer Gogledd Iwerddon 2023-24, "
        + RED_CROSS.format("healthindexni"),
    ),
    "life-expectancy-ni-council": WelshIndicator(
        "Disgwyliad oes (Gogledd Iwerddon)",
        "blynyddoedd",
        "2020 i 2022",
        description=NEWBORN + ": cymedr dynion a menywod." + ONLY_NI,
        source="Y Swyddfa Ystadegau Gwladol, Disgwyliad oes ar gyfer ardaloedd lleol, 2020 i "
        "2022 (adeg geni, cymedr dynion a menywod), " + RED_CROSS.format("healthindexni"),
    ),
    "gcse-attainment-ni-council": WelshIndicator(
        "Ymadawyr ysgol â phum TGAU da gan gynnwys Saesneg a mathemateg (Gogledd Iwerddon)",
        "% o’r ymadawyr ysgol",
        "blwyddyn ysgol 2022/23",
        description="Cyfran yr ymadawyr ysgol sydd ag o leiaf bum TGAU ar raddau A* i C (neu "
        "gyfwerth) gan gynnwys Saesneg a mathemateg." + ONLY_NI,
        source="Yr Adran Addysg (Gogledd Iwerddon), Arolwg Ymadawyr Ysgol fesul cyngor, "
        "2022/23 (porth data NISRA, tabl DESLSALGD), " + RED_CROSS.format("healthindexni"),
    ),
    # ONS personal wellbeing: each measure of each edition (``_personal_wellbeing``).
    **_personal_wellbeing(),
    # Counted from this site's listings (services/social.py); the period is the day counted.
    "site-spaces": WelshIndicator(
        "Gofodau cymunedol " + WALKING,
        PER_10000,
        description="Gofodau cymunedol a gymeradwywyd (nad ydynt wedi cau) o fewn 1.2 km i "
        "ganol y gymdogaeth.",
        source=SITE_SOURCE,
    ),
    "site-groups": WelshIndicator(
        "Grwpiau cymunedol " + WALKING,
        PER_10000,
        description="Grwpiau a gymeradwywyd y mae canol eu hardal o fewn 1.2 km i ganol y "
        "gymdogaeth.",
        source=SITE_SOURCE,
    ),
    "site-events": WelshIndicator(
        "Gweithgareddau rheolaidd " + WALKING,
        PER_10000,
        description="Gweithgareddau rheolaidd a gymeradwywyd sydd â dyddiad i ddod, a "
        "gynhelir o fewn 1.2 km.",
        source=SITE_SOURCE,
    ),
}
