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

DATA = settings.BASE_DIR / "data" / "openreferral-uk"
RAW = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
SCHEMAS = {
    "compiled/service.json": "Service",
    "compiled/service_list.json": "ServiceListItem",
    "compiled/service_at_location_list.json": "ServiceAtLocationListItem",
    "taxonomy.json": "Taxonomy",
    "taxonomy_term.json": "TaxonomyTerm",
}
PATHS = ["/", "/services", "/services/{id}", "/service_at_locations", "/taxonomies"]
PATHS += ["/taxonomy_terms"]
BOUNDS = {
    "page": {"type": "integer", "minimum": 1, "maximum": 100_000},
    "per_page": {"type": "integer", "minimum": 1, "maximum": 500},
    "proximity": {"type": "integer", "minimum": 1, "maximum": 200_000},
    "postcode": {"type": "string", "pattern": "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$"},
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
        ref = node.get("$ref", "")
        if ref.startswith(RAW) and ref[len(RAW) :] in SCHEMAS:
            return {"$ref": "#/components/schemas/" + SCHEMAS[ref[len(RAW) :]]}
        return {k: _local_refs(v) for k, v in node.items() if k not in ("$schema", "$id")}
    if isinstance(node, list):
        return [_local_refs(v) for v in node]
    return node


def _answers(code: str, description: str) -> dict:
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
        for operation in (item.get("get"),):
            operation["responses"]["429"] = _answers("429", "Too many requests.")
            if path != "/":
                operation["responses"]["400"] = _answers("400", "A malformed parameter.")
            if "{id}" in path:
                operation["responses"]["404"] = _answers("404", "No such item.")
        doc["paths"][path] = item
    for name, schema in BOUNDS.items():
        doc["components"]["parameters"][name]["schema"] = schema
    for path, name in SCHEMAS.items():
        # Shipped flat: data/openreferral-uk/service.json is the profile's compiled one.
        doc["components"]["schemas"][name] = _local_refs(_load(path.split("/")[-1]))
    return doc


def openapi_document(server_url: str) -> dict:
    """The OpenAPI description, its server being ``server_url`` (the API stub)."""
    return dict(_document(), servers=[{"url": server_url.rstrip("/")}])
