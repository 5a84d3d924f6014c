"""Workflows of the wellbeing index: import, compute, read, and the default data set.

* ``validation`` and ``importing``: checking and importing the three indicator files.
* ``scoring``: computing every score and average of an edition, once.
* ``editions``: which edition the site shows, and its catalogue, held per process.
* ``reports``: the report of one area or postcode, as the pages and the API show it.
* ``compare``: two postcodes' reports side by side.
* ``places``: postcodes as the pages name them (shareable form, outside the index).
* ``listings``: the reads behind the council list and the methodology page.
* ``sources`` and ``dataset``: the open data behind the shipped default data set.
"""

from .editions import edition_pick
from .importing import ImportFailed, ImportResult, indicators_import
from .reports import (
    PostcodeReports,
    Report,
    area_report,
    council_neighbourhoods,
    postcode_reports,
)
from .scoring import ComputeResult, index_compute, percentile_scores

__all__ = [
    "ComputeResult",
    "ImportFailed",
    "ImportResult",
    "PostcodeReports",
    "Report",
    "area_report",
    "council_neighbourhoods",
    "edition_pick",
    "index_compute",
    "indicators_import",
    "percentile_scores",
    "postcode_reports",
]
