"""Open Referral UK (HSDS 3.0, UK profile) objects built from help schemes and groups.

Every HSDS id is a UUID. Ours carry what they stand for, so ``/services/{id}`` needs no
lookup table: ``c00bce57-<kind>-8000-8000-<primary key as 12 hex digits>``, where
<kind> says a scheme's service, a group's service, their organisations, a location, a
help-kind term, and so on. Contacts: a scheme's email and phone are public by design (the
scheme publishes them for people to call); a group's organisers are never published.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings

from communities import selectors as communities
from matching import selectors as matching

PREFIX = "c00bce57"
KINDS = {
    "scheme": 0x0001,
    "group": 0x0002,
    "scheme-org": 0x0011,
    "group-org": 0x0012,
    "location": 0x0022,
    "sal": 0x0032,
    "area": 0x0041,
    "schedule": 0x0051,
    "contact": 0x0061,
    "attribute": 0x0071,
    "taxonomy": 0x0100,
    "help-kind": 0x0101,
    "skill-topic": 0x0102,
    "group-kind": 0x0103,
}
CODES = {code: kind for kind, code in KINDS.items()}
# The group kinds are a fixed list: their terms are numbered by their place in it.
GROUP_KIND_TAXONOMY, HELP_TAXONOMY, TOPIC_TAXONOMY = 3, 1, 2
HSDS_VERSION = "3.0"
# A postcode's shape (full or outward code alone); whether it exists is for the lookup.
POSTCODE_PATTERN = r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?( ?[0-9][A-Za-z]{2})?$"
PROFILE_URL = "https://openreferraluk.org/"


def hsds_id(kind: str, pk: int) -> str:
    return f"{PREFIX}-{KINDS[kind]:04x}-8000-8000-{pk:012x}"


def parse_id(value: str) -> tuple[str, int] | None:
    """(kind, primary key) of one of our ids, or None when it is not one."""
    try:
        parsed = str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        return None
    prefix, code, _a, _b, pk = parsed.split("-")
    kind = CODES.get(int(code, 16))
    if prefix != PREFIX or kind is None:
        return None
    return kind, int(pk, 16)


@dataclass(frozen=True)
class Term:
    kind: str
    pk: int
    name: str
    description: str
    taxonomy: int

    @property
    def id(self) -> str:
        return hsds_id(self.kind, self.pk)


TAXONOMIES = {
    HELP_TAXONOMY: ("coopcentre help kinds", "Kinds of practical help people ask for and offer."),
    TOPIC_TAXONOMY: ("coopcentre skill topics", "What people want to learn or can teach."),
    GROUP_KIND_TAXONOMY: ("coopcentre group kinds", "What kind of local group runs a service."),
}


def taxonomy_data(number: int) -> dict:
    name, description = TAXONOMIES[number]
    return {
        "id": hsds_id("taxonomy", number),
        "name": name,
        "description": description,
        "uri": settings.SITE_URL + "/openreferral/taxonomies",
        "version": "1",
    }


def terms() -> list[Term]:
    """Every taxonomy term: help kinds, skill topics, group kinds."""
    found = [
        Term("help-kind", k.pk, k.name, k.description or k.name, HELP_TAXONOMY)
        for k in matching.help_kinds()
    ]
    found += [
        Term("skill-topic", t.pk, t.name, t.description or t.name, TOPIC_TAXONOMY)
        for t in matching.skill_topics()
    ]
    found += [
        Term("group-kind", n, label, f"Services run by a {label.lower()}.", GROUP_KIND_TAXONOMY)
        for n, (_value, label) in enumerate(communities.group_kinds(), start=1)
    ]
    return found


def term_data(term: Term) -> dict:
    return {
        "id": term.id,
        "name": term.name,
        "description": term.description,
        "taxonomy": TAXONOMIES[term.taxonomy][0],
        "taxonomy_id": hsds_id("taxonomy", term.taxonomy),
    }


def group_kind_term(kind_value: str) -> Term:
    for n, (value, label) in enumerate(communities.group_kinds(), start=1):
        if value == kind_value:
            return Term("group-kind", n, label, f"Services run by a {label.lower()}.", 3)
    raise KeyError(kind_value)


def _attribute(owner_id: str, term: Term, n: int, owner_pk: int) -> dict:
    return {
        "id": hsds_id("attribute", owner_pk * 1000 + n),
        "link_id": owner_id,
        "taxonomy_term_id": term.id,
        "link_type": "service",
        "taxonomy_term": term_data(term),
    }


def _iso(value) -> str:
    return value.isoformat()


# ---- help schemes


def _scheme_terms(scheme) -> list[Term]:
    return [
        Term("help-kind", k.pk, k.name, k.description or k.name, HELP_TAXONOMY)
        for k in scheme.kinds.all()
    ] + [
        Term("skill-topic", t.pk, t.name, t.description or t.name, TOPIC_TAXONOMY)
        for t in scheme.topics.all()
    ]


def _scheme_areas(scheme, service_id: str) -> list[dict]:
    if scheme.coverage == "local_authorities":
        names = [(la.code, la.name) for la in scheme.local_authorities.all()]
    elif scheme.coverage == "districts":
        names = [(d.outcode, d.outcode) for d in scheme.districts.all()]
    else:
        names = [("", scheme.coverage_phrase())]
    return [
        {
            "id": hsds_id("area", scheme.pk * 1000 + n),
            "service_id": service_id,
            "name": name,
            "extent_type": "text",
            "extent": code or name,
        }
        for n, (code, name) in enumerate(names)
    ]


def scheme_summary(scheme) -> dict:
    """A scheme as a service of the list pages (one-to-one fields and its organisation)."""
    service_id = hsds_id("scheme", scheme.pk)
    data = {
        "id": service_id,
        "organization_id": hsds_id("scheme-org", scheme.pk),
        "name": scheme.name,
        "description": scheme.summary,
        "url": settings.SITE_URL + scheme.get_absolute_url(),
        "status": "active",
        "last_modified": _iso(scheme.updated_at),
        "organization": {
            "id": hsds_id("scheme-org", scheme.pk),
            "name": scheme.name,
            "description": scheme.summary,
        },
    }
    if scheme.email:
        data["email"] = scheme.email
    if scheme.website:
        data["organization"]["website"] = scheme.website
    return data


def scheme_full(scheme) -> dict:
    """A scheme as a fully nested service."""
    data = scheme_summary(scheme)
    service_id = data["id"]
    data["service_areas"] = _scheme_areas(scheme, service_id)
    data["attributes"] = [
        _attribute(service_id, term, n, scheme.pk) for n, term in enumerate(_scheme_terms(scheme))
    ]
    data["contacts"] = []
    if scheme.phone:
        data["contacts"].append(
            {
                "id": hsds_id("contact", scheme.pk),
                "service_id": service_id,
                "name": scheme.name,
                "title": f"Phone {scheme.phone}",
            }
        )
    data["schedules"] = []
    if scheme.opening_hours:
        data["schedules"].append(
            {
                "id": hsds_id("schedule", scheme.pk),
                "service_id": service_id,
                "description": scheme.opening_hours,
            }
        )
    data["service_at_locations"] = []
    return data


# ---- groups


def _location(group) -> dict:
    location = {
        "id": hsds_id("location", group.pk),
        "location_type": "physical",
        "name": group.place_name or group.name,
        "latitude": round(group.latitude, 6),
        "longitude": round(group.longitude, 6),
    }
    if group.postcode:
        location["external_identifier"] = group.postcode
        location["external_identifier_type"] = "postcode"
    return location


def group_summary(group) -> dict:
    service_id = hsds_id("group", group.pk)
    data = {
        "id": service_id,
        "organization_id": hsds_id("group-org", group.pk),
        "name": group.name,
        "description": group.description or group.name,
        "url": settings.SITE_URL + group.get_absolute_url(),
        "status": "active",
        "last_modified": _iso(group.updated_at),
        "organization": {
            "id": hsds_id("group-org", group.pk),
            "name": group.name,
            "description": group.description or group.name,
        },
    }
    if group.website:
        data["organization"]["website"] = group.website
    return data


def group_full(group) -> dict:
    data = group_summary(group)
    service_id = data["id"]
    data["attributes"] = [_attribute(service_id, group_kind_term(group.kind), 0, group.pk)]
    data["contacts"] = []
    data["service_at_locations"] = [
        {
            "id": hsds_id("sal", group.pk),
            "service_id": service_id,
            "location_id": hsds_id("location", group.pk),
            "location": _location(group),
        }
    ]
    return data


def service_at_location(group) -> dict:
    """A group's service at its place, for ``/service_at_locations``."""
    service = group_summary(group)
    service.pop("organization")
    return {
        "id": hsds_id("sal", group.pk),
        "service_id": service["id"],
        "location_id": hsds_id("location", group.pk),
        "location": _location(group),
        "service": service,
    }


# ---- reads


@dataclass(frozen=True)
class Filters:
    search: str = ""
    term_id: str = ""
    taxonomy_id: str = ""


def _selected(filters: Filters):
    """(schemes queryset or None, groups queryset or None) for these filters."""
    kind_ids, topic_ids, group_kinds = [], [], []
    want_schemes = want_groups = True
    if filters.taxonomy_id:
        parsed = parse_id(filters.taxonomy_id)
        number = parsed[1] if parsed and parsed[0] == "taxonomy" else None
        want_schemes = number in (HELP_TAXONOMY, TOPIC_TAXONOMY)
        want_groups = number == GROUP_KIND_TAXONOMY
        if number == HELP_TAXONOMY:
            kind_ids = [k.pk for k in matching.help_kinds()]
        elif number == TOPIC_TAXONOMY:
            topic_ids = [t.pk for t in matching.skill_topics()]
    if filters.term_id:
        parsed = parse_id(filters.term_id) or ("", 0)
        kind, pk = parsed
        want_schemes = want_schemes and kind in ("help-kind", "skill-topic")
        want_groups = want_groups and kind == "group-kind"
        kind_ids = [pk] if kind == "help-kind" else kind_ids
        topic_ids = [pk] if kind == "skill-topic" else topic_ids
        values = [value for value, _label in communities.group_kinds()]
        group_kinds = [values[pk - 1]] if kind == "group-kind" and 0 < pk <= len(values) else []
        want_groups = want_groups and bool(group_kinds)
    schemes = (
        matching.schemes_published(search=filters.search, kind_ids=kind_ids, topic_ids=topic_ids)
        if want_schemes
        else None
    )
    groups = (
        communities.groups_published(search=filters.search, kinds=group_kinds)
        if want_groups
        else None
    )
    return schemes, groups


def services_page(filters: Filters, *, offset: int, limit: int) -> tuple[int, list[dict]]:
    """(total, services offset..offset+limit): schemes by name, then groups by name."""
    schemes, groups = _selected(filters)
    n_schemes = schemes.count() if schemes is not None else 0
    n_groups = groups.count() if groups is not None else 0
    found = []
    if schemes is not None and offset < n_schemes:
        found += [scheme_summary(s) for s in schemes[offset : offset + limit]]
    start = max(offset - n_schemes, 0)
    if groups is not None and len(found) < limit:
        found += [group_summary(g) for g in groups[start : start + limit - len(found)]]
    return n_schemes + n_groups, found


def service_detail(service_id: str) -> dict | None:
    parsed = parse_id(service_id)
    if parsed is None:
        return None
    kind, pk = parsed
    if kind == "scheme":
        scheme = matching.schemes_published().filter(pk=pk).first()
        return scheme_full(scheme) if scheme else None
    if kind == "group":
        group = communities.groups_published().filter(pk=pk).first()
        return group_full(group) if group else None
    return None


def service_at_locations_page(filters: Filters, *, near, offset: int, limit: int):
    """(total, service_at_locations): groups' services at their places, nearest first when
    ``near`` is (point, km)."""
    _schemes, groups = _selected(filters)
    if groups is None:
        return 0, []
    if near is not None:
        groups = communities.groups_published(search=filters.search, near=near).filter(
            pk__in=groups.values("pk")
        )
    total = groups.count()
    return total, [service_at_location(g) for g in groups[offset : offset + limit]]
