"""Second council figures for Voice & Participation, Relationships & Trust, Transport and
Culture (issue 16, session 6): turnout at the EU referendum of 2016 (Great Britain),
Scotland's and Wales's recorded personal crime, road casualties and physical activity, and
Northern Ireland's life expectancy and school leavers' GCSEs, from the British Red Cross's
health index packages; and (session 7) Wales's personal crime by Community Safety Partnership
(Relationships) and Northern Ireland's noise complaints (Housing). Read from the
repository's ``data/`` (see ``data/README.md``); definitions written to
``wellbeing_index/data/indicators.csv``.

The referendum was one vote on one question everywhere, so its turnout is ranked across
Great Britain; the others are each nation's own statistics, ranked within their nation. A
nation without a figure has no value for it (never 0).
"""

OGL = "Open Government Licence v3.0"
EU_REFERENDUM_FILE = "uk_la_eu_referendum_2016_turnout.csv"
DEVOLVED_FILE = "uk_la_scotland_wales_health_index.csv"
NI_FILE = "uk_la_northern_ireland_health_index.csv"
WALES_CRIME_FILE = "uk_la_wales_recorded_crime_2023.csv"
NI_NOISE_FILE = "uk_la_northern_ireland_noise_complaints_2023_24.csv"
VIA_SCOTLAND = "via the British Red Cross's healthindexscotland package"
VIA_WALES = "via the British Red Cross's healthindexwales package"
VIA_NI = "via the British Red Cross's healthindexni package"

# (file, column, lowest, highest) of each indicator, checked before the data set is built.
CIVIC_COLUMNS = {
    "eu-referendum-turnout-council": (EU_REFERENDUM_FILE, "eu2016_turnout_pct", 0, 100),
    "personal-crime-scotland-council": (DEVOLVED_FILE, "personal_crime_per_10k", 0, 10_000),
    "road-casualties-wales-council": (DEVOLVED_FILE, "road_casualties_per_10k", 0, 10_000),
    "road-casualty-density-scotland-council": (DEVOLVED_FILE, "road_ksi_per_km2", 0, 1_000),
    "physical-activity-scotland-council": (
        DEVOLVED_FILE,
        "physical_activity_scotland_pct",
        0,
        100,
    ),
    "physical-activity-wales-council": (DEVOLVED_FILE, "physical_activity_wales_pct", 0, 100),
    "life-expectancy-ni-council": (NI_FILE, "life_expectancy_years", 50, 100),
    "gcse-attainment-ni-council": (NI_FILE, "gcse_attainment_pct", 0, 100),
    "personal-crime-wales-council": (WALES_CRIME_FILE, "personal_crime_per_1k", 0, 1_000),
    "noise-complaints-ni-council": (NI_NOISE_FILE, "noise_complaints_per_1k", 0, 1_000),
}


def _nation_only(code: str, description: str, nation: str, **row) -> dict:
    return {
        "code": code,
        "ranking": "nation",
        "licence": OGL,
        "description": f"{description} {nation} only; ranked among {nation}'s councils.",
        **row,
    }


CIVIC_INDICATORS = [
    {
        "code": "eu-referendum-turnout-council",
        "name": "Turnout at the EU referendum, June 2016",
        "domain": "voice",
        "unit": "% of the electorate who voted",
        "direction": "higher",
        "ranking": "uk",
        "source": (
            "The Electoral Commission, EU referendum results by counting area (23 June "
            "2016); counting areas merged into one council since are added together"
        ),
        "source_url": (
            "https://www.electoralcommission.org.uk/research-reports-and-data/"
            "our-reports-and-data-past-elections-and-referendums/eu-referendum"
        ),
        "licence": OGL,
        "year": 2016,
        "period": "23 June 2016",
        "description": (
            "Votes cast as a share of the electorate at the referendum on the UK's membership "
            "of the European Union, counted council by council in Great Britain. Northern "
            "Ireland was counted as one area, so its councils have no figure of their own."
        ),
    },
    _nation_only(
        "personal-crime-scotland-council",
        "Non-sexual crimes of violence (robbery included), sexual crimes and damage and "
        "reckless behaviour recorded by Police Scotland, per 10,000 residents.",
        "Scotland",
        name="Personal crime recorded by the police (Scotland)",
        domain="relationships-trust",
        unit="crimes per 10,000 residents",
        direction="lower",
        source=f"Scottish Government, Recorded crime in Scotland 2023-24, {VIA_SCOTLAND}",
        source_url="https://www.gov.scot/publications/recorded-crime-scotland-2023-24/",
        year=2024,
        period="April 2023 to March 2024",
    ),
    _nation_only(
        "road-casualties-wales-council",
        "People killed or injured in road collisions reported to the police in 2023, per "
        "10,000 residents (mid-2020 estimate).",
        "Wales",
        name="Road casualties per 10,000 residents (Wales)",
        domain="transport",
        unit="people killed or injured per 10,000 residents",
        direction="lower",
        source=(
            "Welsh Government (StatsWales), Police recorded road casualties by local "
            f"authority, 2023, {VIA_WALES}; per ONS mid-2020 residents"
        ),
        source_url=(
            "https://statswales.gov.wales/Catalogue/Transport/Roads/Road-Accidents/Casualties/"
            "numberofcasualties-by-quarter-year-localauthority-policeforce"
        ),
        year=2023,
        period="2023",
    ),
    _nation_only(
        "road-casualty-density-scotland-council",
        "People killed or seriously injured in road collisions reported to the police in "
        "2022, per square kilometre of the council's land: how often serious collisions "
        "happen where people live and travel (busy towns score worse than empty hills).",
        "Scotland",
        name="People killed or seriously injured on the roads per km² (Scotland)",
        domain="transport",
        unit="people killed or seriously injured per km²",
        direction="lower",
        source=(
            "Transport Scotland, Reported road casualties 2022 (statistics.gov.scot), "
            f"{VIA_SCOTLAND}"
        ),
        source_url="https://statistics.gov.scot/data/road-safety",
        year=2022,
        period="2022",
    ),
    _nation_only(
        "physical-activity-scotland-council",
        "Share of adults who meet the guideline of 150 minutes of moderate or 75 of vigorous "
        "activity a week, in sport, exercise, walking or other active leisure: a measure "
        "of taking part in active leisure.",
        "Scotland",
        name="Adults active for the recommended time (Scotland)",
        domain="culture",
        unit="% of adults",
        direction="higher",
        source=(
            "Scottish Government, Scottish Health Survey 2018-2022 (local area level), "
            f"{VIA_SCOTLAND}"
        ),
        source_url=(
            "https://statistics.gov.scot/resource?uri=http%3A%2F%2Fstatistics.gov.scot%2Fdata"
            "%2Fscottish-health-survey-local-area-level-data"
        ),
        year=2022,
        period="2018 to 2022",
    ),
    _nation_only(
        "physical-activity-wales-council",
        "Share of adults active for at least 150 minutes a week (sport, exercise, walking "
        "or other active leisure): a measure of taking part in active leisure.",
        "Wales",
        name="Adults active for the recommended time (Wales)",
        domain="culture",
        unit="% of adults",
        direction="higher",
        source=f"Welsh Government, National Survey for Wales 2021-22 and 2022-23, {VIA_WALES}",
        source_url=(
            "https://statswales.gov.wales/Catalogue/National-Survey-for-Wales/Population-Health/"
            "Adult-Lifestyles/adultlifestyles-by-healthboard-from-202021"
        ),
        year=2023,
        period="April 2021 to March 2023",
    ),
    _nation_only(
        "life-expectancy-ni-council",
        "Years a newborn can expect to live: the mean of men's and women's.",
        "Northern Ireland",
        name="Life expectancy (Northern Ireland)",
        domain="health",
        unit="years",
        direction="higher",
        source=(
            "Office for National Statistics, Life expectancy for local areas, 2020 to 2022 "
            f"(at birth, the mean of men's and women's), {VIA_NI}"
        ),
        source_url=(
            "https://www.ons.gov.uk/peoplepopulationandcommunity/healthandsocialcare/"
            "healthandlifeexpectancies/datasets/lifeexpectancyforlocalareasinenglandnorthern"
            "irelandandwalesbetween2001to2003and2020to2022"
        ),
        year=2022,
        period="2020 to 2022",
    ),
    _nation_only(
        "gcse-attainment-ni-council",
        "Share of school leavers with at least five GCSEs at grades A* to C (or "
        "equivalent) including English and maths.",
        "Northern Ireland",
        name="School leavers with five good GCSEs including English and maths (Northern Ireland)",
        domain="education",
        unit="% of school leavers",
        direction="higher",
        source=(
            "Department of Education (Northern Ireland), School Leavers Survey by council, "
            f"2022/23 (NISRA data portal, table DESLSALGD), {VIA_NI}"
        ),
        source_url="https://data.nisra.gov.uk/",
        year=2023,
        period="school year 2022/23",
    ),
    _nation_only(
        "personal-crime-wales-council",
        "Violence against the person, sexual offences, robbery, theft from the person and "
        "criminal damage and arson recorded by the police, per 1,000 residents, by "
        "Community Safety Partnership: Rhondda Cynon Taf and Merthyr Tydfil share one (Cwm "
        "Taf), and so one figure.",
        "Wales",
        name="Personal crime recorded by the police (Wales)",
        domain="relationships-trust",
        unit="crimes per 1,000 residents",
        direction="lower",
        source=(
            "Office for National Statistics, Recorded crime data by Community Safety "
            "Partnership area, year ending December 2023 (rates per 1,000 residents, mid-2022 "
            f"population), {VIA_WALES}"
        ),
        source_url=(
            "https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice/datasets/"
            "recordedcrimedatabycommunitysafetypartnershiparea"
        ),
        year=2023,
        period="January to December 2023",
    ),
    _nation_only(
        "noise-complaints-ni-council",
        "Complaints about noise received by the council in the year, per 1,000 residents "
        "(mid-2022): how often noise troubles people enough to complain, not a measurement "
        "of noise.",
        "Northern Ireland",
        name="Noise complaints per 1,000 residents (Northern Ireland)",
        domain="housing",
        unit="complaints per 1,000 residents",
        direction="lower",
        source=(
            "Department of Agriculture, Environment and Rural Affairs (Northern Ireland), "
            f"Noise Complaint Statistics for Northern Ireland 2023-24, {VIA_NI}"
        ),
        source_url=(
            "https://www.daera-ni.gov.uk/sites/default/files/publications/daera/"
            "Noise%20Complaint%20Statistics%20for%20NI%202023-24.PDF"
        ),
        year=2024,
        period="April 2023 to March 2024",
    ),
]
