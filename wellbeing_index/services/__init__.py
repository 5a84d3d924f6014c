"""Workflows of the wellbeing index: import, compute, read, and the default data set."""

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
