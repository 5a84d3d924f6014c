"""ONS personal wellbeing of each council, April 2022 to March 2023: the newest edition found
(issue 16), shown beside the domains in place of April 2020 to March 2021, which stays
loaded and is shown beside it as the earlier reading (``editions._newest_beside``).

Read from the repository's ``data/`` (see ``data/README.md``: where the figures came from and
how they were checked); definitions written to ``wellbeing_index/data/indicators.csv``. The
four measures are asked the same way across the UK, so they are ranked UK-wide.
"""

from django.utils.translation import gettext_noop

PERSONAL_WELLBEING_FILE = "uk_la_personal_wellbeing_2022_23.csv"
PERIOD_CODE = "2022-23"
ONS_LOCAL_WELLBEING_URL = (
    "https://www.ons.gov.uk/datasets/wellbeing-local-authority/editions/time-series/versions/4"
)
# (file column, indicator code stem): the stems of ``sources.WELLBEING``.
MEASURES = (
    ("life_satisfaction", "life-satisfaction"),
    ("happiness", "happiness"),
    ("worthwhile", "worthwhile"),
    ("anxiety", "anxiety"),
)
# (file, column, lowest, highest) of each indicator, checked before the data set is built.
PERSONAL_WELLBEING_COLUMNS = {
    f"{stem}-{PERIOD_CODE}-council": (PERSONAL_WELLBEING_FILE, column, 0, 10)
    for column, stem in MEASURES
}
SOURCE = (
    "Office for National Statistics: Annual personal well-being estimates by local "
    "authority, April 2022 to March 2023 (Annual Population Survey; time series, version 4)"
)
NOTE = (
    " Collected April 2022 to March 2023. Councils whose estimate ONS did not publish (its "
    "sample there too small for a reliable figure) have no value."
)
# Councils whose 2022-23 estimate the copy found gives only combined with neighbouring
# councils (a panel kept on older boundaries: Bournemouth, Christchurch and Poole with
# Dorset; the two Northamptonshires; Cumberland with Westmorland and Furness) or only as a
# mean of the districts they replaced, without ONS's confidence interval (North Yorkshire,
# Somerset): no figure is shown rather than one ONS did not publish for the council.
COMBINED_IN_COPY = frozenset(
    {
        "E06000058",
        "E06000059",
        "E06000061",
        "E06000062",
        "E06000063",
        "E06000064",
        "E06000065",
        "E06000066",
    }
)
COMBINED_REASON = gettext_noop(
    "The copy of the ONS figures for April 2022 to March 2023 found for this site gives this "
    "council only combined with neighbouring councils (as they were before boundary changes), "
    "so no figure for the council itself is shown."
)


def no_figure_reason(indicator_code: str, area_code: str) -> str:
    """Why a council has no 2022-23 personal wellbeing figure, if it is not ONS's
    suppression (``reports.SUPPRESSED_REASON``); "" otherwise."""
    if indicator_code.endswith(f"-{PERIOD_CODE}-council") and area_code in COMBINED_IN_COPY:
        return COMBINED_REASON
    return ""
