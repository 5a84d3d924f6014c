"""Validate Open Referral UK responses against the profile's own JSON Schemas, from the
shared copy (``SHARED_DATA_DIR/standards/openreferral-uk``), with the schemas' online
``$ref``s mapped to those local files."""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

RAW = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI_URI = "urn:oruk:openapi"


def profile_dir() -> Path:
    return Path(settings.SHARED_DATA_DIR) / "standards" / "openreferral-uk"


def _retrieve(uri: str) -> Resource:
    if not uri.startswith(RAW):
        raise LookupError(f"not a profile schema: {uri}")
    with open(profile_dir() / "schema" / uri[len(RAW) :], encoding="utf-8") as handle:
        return Resource.from_contents(json.load(handle), default_specification=DRAFT202012)


@cache
def _registry() -> Registry:
    with open(profile_dir() / "schema" / "openapi.json", encoding="utf-8") as handle:
        openapi = json.load(handle)
    resource = Resource.from_contents(openapi, default_specification=DRAFT202012)
    return Registry(retrieve=_retrieve).with_resource(OPENAPI_URI, resource)


def _pointer(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")


def response_errors(path: str, body) -> list[str]:
    """Every way ``body`` breaks the profile's 200 response schema of ``path`` (as the
    profile's openapi.json writes it: "/services", "/services/{id}")."""
    schema = {
        "$ref": f"{OPENAPI_URI}#/paths/{_pointer(path)}/get/responses/200/content/"
        "application~1json/schema"
    }
    validator = Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
