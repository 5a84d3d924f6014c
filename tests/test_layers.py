"""Imports run one way (docs/layers.md): what import-linter cannot see is checked here."""

import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from django.apps import apps
from django.conf import settings

from core.management.commands.load_demo import demo_loaders

SHARED = {"core", "postcodes", "accounts"}
# Each may read the ones before it.
CHAIN = ["spaces", "communities", "events", "participation"]
INDEPENDENT = {"matching", "wellbeing_index"}
PORTAL = "portal"
# Apps above every capability: they read them all (through selectors); nothing imports them.
ABOVE = {PORTAL, "opendata"}
OURS = SHARED | set(CHAIN) | INDEPENDENT | ABOVE


def may_point_to(source: str, target: str) -> bool:
    """Whether a model of app ``source`` may hold a relation to a model of app ``target``."""
    if source == target or target not in OURS or target in SHARED:
        return True
    if source in SHARED or source in INDEPENDENT or target in ABOVE:
        return False
    if source in ABOVE:
        return True
    return target in CHAIN and source in CHAIN and CHAIN.index(target) < CHAIN.index(source)


def relations():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            # Forward relations only (foreign keys, one-to-one, many-to-many, including
            # the auto-created through tables): the reverse side is the other model's field.
            if field.is_relation and field.concrete and field.related_model:
                yield model, field


def test_every_model_relation_points_down_the_layers():
    wrong = [
        f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
        for model, field in relations()
        if not may_point_to(model._meta.app_label, field.related_model._meta.app_label)
    ]
    assert wrong == []


def test_the_check_sees_the_relations_that_cross_apps():
    crossing = {
        (model._meta.app_label, field.related_model._meta.app_label) for model, field in relations()
    }
    # The string foreign keys import-linter cannot see: events -> communities and spaces,
    # communities -> spaces.
    assert {("events", "communities"), ("events", "spaces"), ("communities", "spaces")} <= crossing


@pytest.mark.parametrize(
    ("source", "target", "allowed"),
    [
        ("events", "communities", True),
        ("events", "spaces", True),
        ("communities", "spaces", True),
        ("spaces", "communities", False),
        ("spaces", "events", False),
        ("communities", "events", False),
        ("matching", "spaces", False),
        ("wellbeing_index", "events", False),
        ("spaces", "matching", False),
        ("core", "spaces", False),
        ("accounts", "communities", False),
        ("spaces", "accounts", True),
        ("portal", "events", True),
        ("opendata", "events", True),
        ("events", "opendata", False),
        ("events", "portal", False),
        ("matching", "taggit", True),
        ("participation", "events", True),
        ("events", "participation", False),
        ("matching", "participation", False),
    ],
)
def test_the_layer_rule_itself(source, target, allowed):
    assert may_point_to(source, target) is allowed


def test_installed_apps_list_the_apps_in_their_layers_order():
    installed = [app for app in settings.INSTALLED_APPS if app in OURS]
    at = installed.index
    assert max(at(app) for app in SHARED) < at("spaces") < at("communities") < at("events")
    assert installed[-1] == PORTAL


def test_each_capability_registers_its_own_demo_in_layers_order():
    labels = [label for label, _loader in demo_loaders()]
    assert labels == [
        "spaces",
        "communities",
        "events",
        "matching",
        "wellbeing_index",
        "participation",
        "opendata",
    ]
    assert all(loader.startswith(f"{label}.") for label, loader in demo_loaders())


# Imports from another capability that go past its selectors and models, each with its reason.
ALLOWED_OTHER_IMPORTS = {
    # The audit offers the radii of the groups listing, whose "see what else is nearby" link
    # carries its km to the audit; the shared near-me kit will own these choices.
    ("portal.forms", "communities.forms"),
    # A harvested event is saved, changed and withdrawn by events' own services (its slug,
    # its dates, the emails to the people going): writes, which selectors never do.
    ("opendata.services.harvest", "events.services"),
}


def test_a_capability_reads_another_only_through_its_selectors_and_models():
    capabilities = {*CHAIN, *INDEPENDENT, *ABOVE}
    graph = grimp.build_graph(*sorted(OURS))
    found = set()
    for module in graph.modules:
        app = module.split(".")[0]
        if app not in capabilities:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            other = imported.split(".")[0]
            if other in capabilities and other != app:
                found.add((module, imported))
    public = {(m, i) for m, i in found if i.split(".")[1:2] in (["selectors"], ["models"])}
    assert found - public == ALLOWED_OTHER_IMPORTS


def test_the_import_contracts_are_kept():
    root = Path(settings.BASE_DIR)
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
