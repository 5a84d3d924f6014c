"""The near-me listing kit's filter: one postcode and one distance, the same on every page.

Every listing of things near a postcode (spaces, spaces under threat, events, groups)
filters through a ``NearFilterSet``: a ``postcode`` (a full postcode or its first half,
looked up to a ``Location``) and a distance ``km`` chosen from ``KM_CHOICES``. The
distance is called ``km`` everywhere because that is what it is: the unit is in the name,
it reads the same as the ``km`` of every "near" query (``Space.objects.near(point, km)``)
and it was already the name on the groups pages.

Old links asked for the distance as ``radius`` (a float on the spaces pages, a choice on
events) or with a distance that is not a choice: ``redirect_old_distance`` sends those to
the same page with ``km`` set to the nearest choice (301), so no bookmark breaks and every
page has one canonical address per search. A distance that cannot be read as one
(``km=abc``, ``km=0``, ``km=10000``) is a form error: 400, the typed text kept.
"""

import copy
import math
from functools import wraps

import django_filters
from django.http import HttpResponsePermanentRedirect
from django.utils.translation import gettext_lazy as _

from .forms import PostcodeField

DISTANCE_PARAM = "km"
OLD_DISTANCE_PARAMS = ("radius",)
KM_CHOICES = (1, 2, 5, 10, 25, 50, 100)
# A distance asked for the old way, or between the choices, goes to the nearest choice
# when it lies in this range (the old spaces pages took 0.5 to 100 km); outside it, it is
# a mistake to show, not one to guess at.
ROUNDABLE_KM = (0.5, 100.0)
DISTANCE_ERROR = "Choose a distance from the list."
_CHOICE_TEXT = {str(km) for km in KM_CHOICES}


def nearest_km(raw) -> int | None:
    """The choice nearest to ``raw`` (text or number), or None when ``raw`` is not a
    distance in ``ROUNDABLE_KM``. A value halfway between two choices takes the larger:
    a wider search finds what the narrower one would have."""
    try:
        value = float(str(raw).strip()[:20])
    except ValueError:
        return None
    if not math.isfinite(value) or not ROUNDABLE_KM[0] <= value <= ROUNDABLE_KM[1]:
        return None
    return min(KM_CHOICES, key=lambda km: (abs(km - value), -km))


def canonical_query(query):
    """The query string (a ``QueryDict``) this search should have been asked with, or None
    when ``query`` already asks for its distance as ``km`` with one of the choices (or
    asks for none, or for one that is simply wrong: the form says so)."""
    old = [name for name in OLD_DISTANCE_PARAMS if name in query]
    if DISTANCE_PARAM in query:
        raw = query.get(DISTANCE_PARAM)
    elif old:
        raw = query.get(old[0])
    else:
        return None
    km = nearest_km(raw)
    if not old and (raw in _CHOICE_TEXT or km is None or raw == ""):
        return None
    canonical = query.copy()
    for name in old:
        canonical.pop(name)
    # An old distance that is no distance moves to ``km`` as typed, to be shown with its error.
    canonical[DISTANCE_PARAM] = str(km) if km is not None else raw
    return canonical


def redirect_old_distance(view):
    """Decorate a listing view: a GET whose distance is asked the old way (``radius=5.0``)
    or between the choices (``km=7``) is sent, permanently, to the same page with ``km``
    set to the nearest choice; every other parameter is kept as it was."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method in ("GET", "HEAD") and request.GET:
            canonical = canonical_query(request.GET)
            if canonical is not None:
                return HttpResponsePermanentRedirect(f"{request.path}?{canonical.urlencode()}")
        return view(request, *args, **kwargs)

    return wrapped


class PostcodeFilter(django_filters.Filter):
    """A postcode or outward code; its cleaned value is a ``Location`` (errors on the form,
    the typed text kept)."""

    field_class = PostcodeField


class DistanceFilter(django_filters.TypedChoiceFilter):
    """The distance, one of ``KM_CHOICES``; the cleaned value is an ``int`` of km."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Within")
        kwargs.setdefault("choices", [(str(km), f"{km} km") for km in KM_CHOICES])
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("error_messages", {"invalid_choice": DISTANCE_ERROR})
        super().__init__(**kwargs)


class FiltersCopiedShallow(dict):
    """A FilterSet's declared filters, copied one level deep for each FilterSet.

    django-filter deep-copies ``base_filters`` for every FilterSet it makes, and with them
    every filter's choices and lazily translated labels: about a tenth of a search page.
    Each FilterSet only sets ``model`` and ``parent`` on its own copy and builds its form
    field on the copy, so a copy of each filter is enough; what the copies share
    (``extra``: label, choices, error messages) is read, never changed.
    """

    def __deepcopy__(self, memo):
        return {name: _filter_copy(filter_) for name, filter_ in self.items()}


def _filter_copy(filter_):
    copied = copy.copy(filter_)
    if filter_.method is not None:
        # A filter with a ``method`` calls it through a helper that holds the filter: the
        # copy needs its own, which finds the method on the copy's FilterSet.
        copied.method = filter_.method
    return copied


class FieldsSharingChoices(dict):
    """A search form's fields, copied for each form the way Django copies them (each field
    and its widget, error messages and validators its own), except that the lists of
    choices are shared: they are never changed in place (a form that needs others sets
    ``field.choices`` anew), and deep-copying their lazily translated labels cost more
    than the rest of the form."""

    def __deepcopy__(self, memo):
        for field in self.values():
            choices = getattr(field, "_choices", None)
            if choices is not None:
                memo[id(choices)] = choices
        return {name: copy.deepcopy(field, memo) for name, field in self.items()}


class NearFilterSet(django_filters.FilterSet):
    """A FilterSet with the kit's ``postcode`` and ``km``: subclass it, set ``default_km``
    for the page, and add the page's own filters.

    Rows within ``km`` of the postcode are kept, nearest first, each with ``distance_km``
    (``near_queryset`` says how; override it for another idea of "near", like groups whose
    area reaches the postcode). Without a postcode, ``km`` filters nothing.

    The filters and the form class are made once per class, not once per search
    (``get_filters``, ``get_form_class``), so a filter's field must not depend on the
    request.
    """

    default_km = 5

    postcode = PostcodeFilter(label=_("Postcode"), method="filter_near")
    km = DistanceFilter(method="filter_nothing")

    @classmethod
    def get_filters(cls):
        return FiltersCopiedShallow(super().get_filters())

    def get_form_class(self):
        # django-filter makes a new form class (and new fields) for every FilterSet; the
        # class depends only on the declared filters.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            form_class = super().get_form_class()
            form_class.base_fields = FieldsSharingChoices(form_class.base_fields)
            cls._form_class = form_class
        return cls._form_class

    def __init__(self, data=None, *args, **kwargs):
        # The distance shown selected is the one searched with.
        if data is not None and not data.get(DISTANCE_PARAM):
            data = data.copy()
            data[DISTANCE_PARAM] = str(self.default_km)
        super().__init__(data, *args, **kwargs)

    @property
    def location(self):
        """The postcode's ``Location`` when the search is valid and has one, else None."""
        if self.is_bound and self.is_valid():
            return self.form.cleaned_data.get("postcode")
        return None

    @property
    def within_km(self) -> int:
        """The distance searched with (the page's default when none or a wrong one)."""
        cleaned = getattr(self.form, "cleaned_data", None) or {}
        return cleaned.get(DISTANCE_PARAM) or self.default_km

    @property
    def distance_options(self) -> list[tuple[str, str, bool]]:
        """(value, label, selected) for the distance select; a typed value that is not a
        choice is kept, selected, so the page shows what was asked for."""
        current = str(self.form[DISTANCE_PARAM].value() or self.default_km)
        options = [(str(km), f"{km} km", str(km) == current) for km in KM_CHOICES]
        if current not in _CHOICE_TEXT:
            options.insert(0, (current[:20], f"{current[:20]} km", True))
        return options

    def near_queryset(self, queryset, location, km: int):
        return queryset.near(location.point, km)

    def filter_near(self, queryset, name, location):
        return self.near_queryset(queryset, location, self.within_km) if location else queryset

    def filter_nothing(self, queryset, name, value):
        # The distance is read by ``filter_near``; on its own it filters nothing.
        return queryset
