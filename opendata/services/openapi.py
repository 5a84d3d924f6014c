"""Our copy of the Open Referral UK profile's OpenAPI description, adapted to this API.

Built from the profile's own files in ``data/openreferral-uk/`` (CC BY-SA 4.0): the
endpoints we serve, the profile's response schemas (their online ``$ref``s replaced by
local components), the bounds we enforce on paging and proximity, and our 400/404/429
answers.
"""

import copy
import json
from functools import cache

from django.conf import settings

from .openreferral import POSTCODE_PATTERN

DATA = settings.BASE_DIR / "data" / "openreferral-uk"
RAW = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
SCHEMAS = {
    "compiled/service.json": "Service",
    "compiled/service_list.json": "ServiceListItem",
    "compiled/service_at_location_list.json": "ServiceAtLocationListItem",
    "taxonomy.json": "Taxonomy",
    "taxonomy_term.json": "TaxonomyTerm",
}
# Relative references inside the schema files ("taxonomy_term.json").
BY_FILE = {path.split("/")[-1]: name for path, name in SCHEMAS.items() if "/" not in path}
# Parameters of the profile we do not filter by: left out rather than silently ignored.
UNSUPPORTED = {"minimum_age", "maximum_age", "start_time", "end_time", "day"}
PATHS = ["/", "/services", "/services/{id}", "/service_at_locations", "/taxonomies"]
PATHS += ["/taxonomy_terms"]
BOUNDS = {
    "page": {"type": "integer", "minimum": 1, "maximum": 100_000},
    "per_page": {"type": "integer", "minimum": 1, "maximum": 500},
    "proximity": {"type": "integer", "minimum": 1, "maximum": 200_000},
    "postcode": {"type": "string", "pattern": POSTCODE_PATTERN},
}
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string"}},
}


def _load(name: str):
    with open(DATA / name, encoding="utf-8") as handle:
        return json.load(handle)


def _local_refs(node):
    if isinstance(node, dict):
        ref = node.get("$ref", "").removeprefix(RAW)
        if ref in SCHEMAS or ref in BY_FILE:
            return {"$ref": "#/components/schemas/" + SCHEMAS.get(ref, BY_FILE.get(ref))}
        return {k: _local_refs(v) for k, v in node.items() if k not in ("$schema", "$id")}
    if isinstance(node, list):
        return [_local_refs(v) for v in node]
    return node


def _answers(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


@cache
def _document() -> dict:
    source = _load("openapi.json")
    doc = {
        "openapi": source["openapi"],
        "info": dict(source["info"], title="coopcentre: Open Referral UK API"),
        "paths": {},
        "components": {
            "schemas": dict(source["components"]["schemas"], Error=ERROR),
            "parameters": copy.deepcopy(source["components"]["parameters"]),
        },
    }
    for path in PATHS:
        item = _local_refs(copy.deepcopy(source["paths"][path]))
        operation = item["get"]
        operation["parameters"] = [
            p
            for p in operation.get("parameters", [])
            if p.get("$ref", "").split("/")[-1] not in UNSUPPORTED
        ]
        if path == "/services":
            # Lets a client (and schemathesis) go from a list to one service.
            operation["responses"]["200"]["links"] = {
                "ServiceById": {
                    "operationId": "getFullyNestedServiceById",
                    "parameters": {"id": "$response.body#/contents/0/id"},
                }
            }
        operation["responses"]["429"] = _answers("Too many requests.")
        if path != "/":
            operation["responses"]["400"] = _answers("A malformed parameter.")
        if "{id}" in path:
            operation["responses"]["404"] = _answers("No such item.")
        doc["paths"][path] = item
    for name in UNSUPPORTED:
        doc["components"]["parameters"].pop(name, None)
    for name, schema in BOUNDS.items():
        doc["components"]["parameters"][name]["schema"] = schema
    for path, name in SCHEMAS.items():
        # Shipped flat: data/openreferral-uk/service.json is the profile's compiled one.
        doc["components"]["schemas"][name] = _local_refs(_load(path.split("/")[-1]))
    return doc


def openapi_document(server_url: str) -> dict:
    """The OpenAPI description, its server being ``server_url`` (the API stub)."""
    return dict(_document(), servers=[{"url": server_url.rstrip("/")}])
