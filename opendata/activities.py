"""The OpenActive Activity List, read from the copy shipped in ``data/``.

Source: openactive/activity-list, ``data/activity-list.jsonld`` (commit abbf7bcf, May 2025).
"OpenActive Activity List, © Open Data Institute and OpenActive contributors, CC BY 4.0".
"""

import json
from functools import cache

from django.conf import settings

ACTIVITY_LIST_URL = "https://openactive.io/activity-list"
ACTIVITY_LIST_FILE = settings.BASE_DIR / "data" / "openactive-activity-list.jsonld"


@cache
def _labels() -> dict[str, str]:
    with open(ACTIVITY_LIST_FILE, encoding="utf-8") as handle:
        concepts = json.load(handle)["concept"]
    return {concept["id"]: concept["prefLabel"] for concept in concepts}


def activity_label(activity_id: str) -> str | None:
    """The activity's name ("Walking"), or None when the id is not in the list."""
    return _labels().get(activity_id)


def activity_choices() -> list[tuple[str, str]]:
    """Every activity as (id, name), by name: the choices of the staff mapping form."""
    return sorted(_labels().items(), key=lambda pair: pair[1].lower())


def activity_id_for(label: str) -> str:
    """The id of the activity named ``label`` (exact name); KeyError when there is none."""
    for activity_id, name in _labels().items():
        if name == label:
            return activity_id
    raise KeyError(label)
