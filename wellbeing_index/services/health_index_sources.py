"""Second council indicators from the ONS Health Index for England (2020) and the British Red
Cross's Health Index packages for Scotland and Wales: sports and leisure, green space, life
expectancy, education (pupil attainment, young people's participation, school absence),
internet access and personal crime. Read from the repository's ``data/``
(see ``data/README.md``); definitions written to ``wellbeing_index/data/indicators.csv``.

Each nation measures these its own way (England as Health Index scores, Scotland and Wales
as raw figures), so every one is ranked within its nation and a nation without one has no
value for it (never 0).
"""

OGL = "Open Government Licence v3.0"
HEALTH_INDEX_FILE = "uk_la_health_index_england_2020.csv"
DEVOLVED_FILE = "uk_la_scotland_wales_health_index.csv"
ONS_HEALTH_INDEX_URL = (
    "https://www.ons.gov.uk/peoplepopulationandcommunity/healthandsocialcare/"
    "healthandwellbeing/datasets/healthindexscoresengland"
)
HI_SOURCE = (
    "Office for National Statistics, Health Index for England 2020 (Table 4, lower-tier "
    "councils); councils merged in 2023 take the population-weighted mean of their "
    "predecessors, the City of London and the Isles of Scilly the figure ONS publishes "
    "with Hackney and Cornwall"
)
HI_UNIT = "Health Index score (England 2015 = 100)"
HI_NOTE = (
    " An index score of the Office for National Statistics: 100 is England's level in 2015, "
    "higher is healthier. England only; ranked among England's councils."
)

# (file, column, lowest, highest) of each indicator, checked before the data set is built.
HEALTH_INDEX_COLUMNS = {
    "sports-leisure-hi-council": (HEALTH_INDEX_FILE, "sports_leisure_distance_score", 0, 500),
    "outdoor-space-hi-council": (HEALTH_INDEX_FILE, "private_outdoor_space_score", 0, 500),
    "life-expectancy-hi-council": (HEALTH_INDEX_FILE, "life_expectancy_score", 0, 500),
    "pupil-attainment-hi-council": (HEALTH_INDEX_FILE, "pupil_attainment_score", 0, 500),
    "internet-access-hi-council": (HEALTH_INDEX_FILE, "internet_access_score", 0, 500),
    "personal-crime-hi-council": (HEALTH_INDEX_FILE, "personal_crime_score", 0, 500),
    "outdoor-space-scotland-council": (DEVOLVED_FILE, "private_outdoor_space_pct", 0, 100),
    "healthy-life-expectancy-scotland-council": (
        DEVOLVED_FILE,
        "healthy_life_expectancy_years",
        30,
        100,
    ),
    "life-expectancy-wales-council": (DEVOLVED_FILE, "life_expectancy_years", 50, 100),
    "young-people-participation-scotland-council": (
        DEVOLVED_FILE,
        "young_people_participation_pct",
        0,
        100,
    ),
    "pupil-absence-wales-council": (DEVOLVED_FILE, "unauthorised_absence_pct", 0, 100),
}


def _hi(code, name, domain, about):
    return {
        "code": code,
        "name": name,
        "domain": domain,
        "unit": HI_UNIT,
        "direction": "higher",
        "ranking": "nation",
        "source": HI_SOURCE,
        "source_url": ONS_HEALTH_INDEX_URL,
        "licence": OGL,
        "year": 2020,
        "period": "2020",
        "description": about + HI_NOTE,
    }


HEALTH_INDEX_INDICATORS = [
    _hi(
        "sports-leisure-hi-council",
        "Closeness of sports and leisure facilities (Health Index, England)",
        "culture",
        "How near residents live to sports and leisure facilities (the median distance, "
        "scored so that nearer is higher).",
    ),
    _hi(
        "outdoor-space-hi-council",
        "Private outdoor space (Health Index, England)",
        "housing",
        "Share of homes with a private garden or other outdoor space (Ordnance Survey, "
        "April 2020), scored.",
    ),
    _hi(
        "life-expectancy-hi-council",
        "Life expectancy (Health Index, England)",
        "health",
        "Life expectancy at birth, scored.",
    ),
    _hi(
        "pupil-attainment-hi-council",
        "Pupil attainment (Health Index, England)",
        "education",
        "Pupils' results at the end of primary and secondary school, scored.",
    ),
    _hi(
        "internet-access-hi-council",
        "Internet access (Health Index, England)",
        "transport",
        "How well homes are served by broadband (speed and availability), scored.",
    ),
    _hi(
        "personal-crime-hi-council",
        "Personal crime (Health Index, England)",
        "relationships-trust",
        "Personal crimes (such as violence and sexual offences) recorded by the police, "
        "per resident, scored so that less crime is higher.",
    ),
    {
        "code": "outdoor-space-scotland-council",
        "name": "Homes with private outdoor space (Scotland)",
        "domain": "housing",
        "unit": "% of addresses",
        "direction": "higher",
        "ranking": "nation",
        "source": (
            "Office for National Statistics and Ordnance Survey, Access to garden space, "
            "Great Britain, April 2020 (council table), via the British Red Cross's "
            "healthindexscotland package"
        ),
        "source_url": (
            "https://www.ons.gov.uk/economy/environmentalaccounts/datasets/"
            "accesstogardensandpublicgreenspaceingreatbritain"
        ),
        "licence": OGL,
        "year": 2020,
        "period": "April 2020",
        "description": (
            "Share of residential addresses with a private garden, yard or balcony. "
            "Scotland only (the same table covers England and Wales, but no copy of it "
            "was found); ranked among Scotland's councils."
        ),
    },
    {
        "code": "healthy-life-expectancy-scotland-council",
        "name": "Healthy life expectancy (Scotland)",
        "domain": "health",
        "unit": "years",
        "direction": "higher",
        "ranking": "nation",
        "source": (
            "National Records of Scotland healthy life expectancy 2019–2021 (via Public "
            "Health Scotland's ScotPHO profiles), men and women weighted by their mid-2021 "
            "numbers; via the British Red Cross's healthindexscotland package"
        ),
        "source_url": "https://scotland.shinyapps.io/ScotPHO_profiles_tool/",
        "licence": OGL,
        "year": 2021,
        "period": "2019 to 2021",
        "description": (
            "Years a newborn can expect to live in good health. Scotland only; ranked "
            "among Scotland's councils."
        ),
    },
    {
        "code": "life-expectancy-wales-council",
        "name": "Life expectancy (Wales)",
        "domain": "health",
        "unit": "years",
        "direction": "higher",
        "ranking": "nation",
        "source": (
            "Office for National Statistics, Life expectancy for local areas of Great "
            "Britain, 2021 to 2023 (at birth, the mean of men's and women's), via the "
            "British Red Cross's healthindexwales package"
        ),
        "source_url": (
            "https://www.ons.gov.uk/peoplepopulationandcommunity/healthandsocialcare/"
            "healthandlifeexpectancies/datasets/lifeexpectancyforlocalareasofgreatbritain"
        ),
        "licence": OGL,
        "year": 2023,
        "period": "2021 to 2023",
        "description": (
            "Years a newborn can expect to live. Wales only; ranked among Wales's councils."
        ),
    },
    {
        "code": "young-people-participation-scotland-council",
        "name": "Young people in education, training or work (Scotland)",
        "domain": "education",
        "unit": "% of 16 to 19 year olds",
        "direction": "higher",
        "ranking": "nation",
        "source": (
            "Skills Development Scotland, Annual Participation Measure 2023 (via Public Health "
            "Scotland's ScotPHO profiles), via the British Red Cross's healthindexscotland "
            "package"
        ),
        "source_url": "https://scotland.shinyapps.io/ScotPHO_profiles_tool/",
        "licence": OGL,
        "year": 2023,
        "period": "2023",
        "description": (
            "Share of 16 to 19 year olds in education, training or employment. Scotland only; "
            "ranked among Scotland's councils."
        ),
    },
    {
        "code": "pupil-absence-wales-council",
        "name": "Unauthorised absence from school (Wales)",
        "domain": "education",
        "unit": "% of half-day sessions missed",
        "direction": "lower",
        "ranking": "nation",
        "source": (
            "Welsh Government, Absenteeism from primary and from secondary schools, September "
            "2023 to August 2024 (the mean of the two), via the British Red Cross's "
            "healthindexwales package"
        ),
        "source_url": (
            "https://www.gov.wales/absenteeism-secondary-schools-september-2023-august-2024"
        ),
        "licence": OGL,
        "year": 2024,
        "period": "September 2023 to August 2024",
        "description": (
            "Share of half-day sessions pupils missed without permission: the mean of the "
            "primary and the secondary schools' rates. Wales only; ranked among Wales's "
            "councils."
        ),
    },
]
