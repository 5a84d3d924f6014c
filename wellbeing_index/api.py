"""The JSON API: the same figures as the postcode page, open to any web page (CORS)."""

import json

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.links import absolute_url
from core.signposting import SAMARITANS, support_line
from postcodes.parsing import InvalidPostcode, OutsideUK, UnknownPostcode, parse
from postcodes.services import lookup

from .forms import EditionForm
from .models import Level
from .services import edition_pick, postcode_reports
from .services.editions import indicator_facts
from .services.places import OUTSIDE_INDEX, areas_key, postcode_slug
from .services.reports import IndicatorLine, Report, Score

ATTRIBUTION = (
    "Contains National Statistics data © Crown copyright and database right 2025. English "
    "Indices of Deprivation (MHCLG), Welsh Index of Multiple Deprivation (Welsh Government), "
    "Scottish Index of Multiple Deprivation (Scottish Government), Northern Ireland Multiple "
    "Deprivation Measure (NISRA), ONS personal well-being: Open Government Licence v3.0."
)
FIGURES_TIMEOUT = 24 * 3600
# Browsers and shared caches may keep an answer this long: the same for everyone.
RESPONSE_TIMEOUT = 300
_UNSET = object()
_UNSET = object()
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "86400",
}


def _headers(response: HttpResponse, status: int) -> HttpResponse:
    for header, value in CORS_HEADERS.items():
        response[header] = value
    if status == 200:
        response["Cache-Control"] = f"public, max-age={RESPONSE_TIMEOUT}"
    return response


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    return _headers(response, status)


def _json_response(body: bytes) -> HttpResponse:
    return _headers(HttpResponse(body, content_type="application/json"), 200)


def _error(status: int, code: str, message: str, postcode: str) -> JsonResponse:
    return _json(
        {"status": status, "error": code, "message": message, "postcode": postcode},
        status=status,
    )


def _score(score: Score) -> dict:
    return {"score": score.value, "uk_average": score.uk, "nation_average": score.nation}


def _indicator(line: IndicatorLine) -> dict:
    info = line.info
    return {
        "code": info.code,
        "name": info.name,
        "value": line.value,
        "unit": info.unit,
        "score": line.score,
        "uk_average_score": line.uk_score,
        "nation_average_score": line.nation_score,
        "uk_average_value": line.uk_value,
        "nation_average_value": line.nation_value,
        **indicator_facts(info),
        "no_data_reason": line.no_data_reason or None,
    }


def _wellbeing(line: IndicatorLine) -> dict:
    """A personal wellbeing line, with the reading before it (its own year and source)."""
    data = _indicator(line)
    if line.earlier is not None:
        data["earlier"] = _indicator(line.earlier)
    return data


def _area(area) -> dict | None:
    if area is None:
        return None
    data = {"code": area.code, "name": area.name, "level": area.level, "nation": area.nation}
    if area.level == Level.NEIGHBOURHOOD:
        # Residents (population_basis says whether official or estimated) and the flag set
        # nightly from this site's listings (docs/wellbeing_index.md).
        data.update(
            population=area.population,
            population_basis=area.population_basis or None,
            left_behind=area.left_behind,
        )
    return data


def report_as_dict(report: Report) -> dict:
    """Every figure of a report, as plain JSON-ready data."""
    return {
        "area": _area(report.area),
        "parent": _area(report.parent),
        "edition": report.edition_year,
        "overall": _score(report.overall),
        "pillars": [
            {
                "slug": p.slug,
                "name": p.name,
                **_score(p.score),
                "domains": [d.slug for d in p.domains],
            }
            for p in report.pillars
        ],
        "domains": [
            {
                "slug": d.slug,
                "name": d.name,
                "pillar": d.info.pillar,
                **_score(d.score),
                "measured": d.measured,
                "from_council": d.from_parent,
                "no_data_reason": d.no_data_reason,
                "indicators": [_indicator(i) for i in d.indicators],
            }
            for d in report.domains
        ],
        "personal_wellbeing": [_wellbeing(i) for i in report.wellbeing],
        "strongest": [d.slug for d in report.strongest],
        "weakest": [d.slug for d in report.weakest],
    }


def _figures_json(location, year) -> bytes | None:
    """The figures of a postcode's neighbourhood and council as a JSON object (bytes). The
    same for every postcode of the area: serialised once per area and computation, and
    cached (a few KB)."""
    edition = edition_pick(year)
    if edition is None:
        return None
    key = f"wellbeing:api:figures:{areas_key(location, edition)}"
    serialised = cache.get(key, _UNSET)
    if serialised is _UNSET:
        reports = postcode_reports(location=location, year=year)
        serialised = None
        if reports.report:
            figures = {
                **report_as_dict(reports.report),
                "council_report": report_as_dict(reports.council) if reports.council else None,
            }
            serialised = _dumps(figures)
        cache.set(key, serialised, FIGURES_TIMEOUT)
    return serialised


def _dumps(data: dict) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def _merged(*objects: bytes) -> bytes:
    """JSON objects joined into one, keys in order (each part is a serialised dict)."""
    inner = [o.strip()[1:-1].strip() for o in objects]
    return b"{" + b", ".join(part for part in inner if part) + b"}"


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def postcode_api(request, postcode: str):
    """``GET /api/wellbeing/<postcode>``: the index of a postcode's area, as JSON.

    400 for a malformed postcode, 404 for an unknown one or one outside the index (Isle of
    Man, Channel Islands); the status is repeated in the body with an error code and message.
    """
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        for header, value in CORS_HEADERS.items():
            response[header] = value
        return response
    form = EditionForm(request.GET)
    if not form.is_valid():
        return _error(400, "invalid_year", _("year must be a year, like 2025."), postcode)
    year = form.cleaned_data["year"]
    if year is not None and edition_pick(year) is None:
        message = _("There is no %(year)s edition of the index.") % {"year": year}
        return _error(404, "unknown_edition", message, postcode)
    try:
        location = lookup(parse(postcode))
    except OutsideUK as error:
        return _error(404, "outside_index", f"{error} {OUTSIDE_INDEX}", postcode)
    except InvalidPostcode as error:
        return _error(400, "invalid_postcode", str(error), postcode)
    except UnknownPostcode as error:
        return _error(404, "unknown_postcode", str(error), postcode)
    figures = _figures_json(location, year)
    if figures is None:
        return _error(
            404,
            "no_data",
            _("The index has no figures for %(postcode)s yet.") % {"postcode": location.postcode},
            postcode,
        )
    return _json_response(_answer(request, location, figures))


def _answer(request, location, figures: bytes) -> bytes:
    """The whole answer for ``location``: its own head and tail around the area's figures."""
    line = support_line(location.nation)
    head = {
        "status": 200,
        "postcode": location.postcode,
        "precision": location.precision,
        "nation": location.nation,
        "council": {"code": location.lad_code, "name": location.lad_name},
    }
    tail = {
        "support": [
            {"name": s.name, "phone": s.phone, "hours": s.hours, "url": s.url}
            for s in filter(None, (line, SAMARITANS))
        ],
        "links": {
            "page": absolute_url(
                reverse(
                    "wellbeing_index:postcode",
                    kwargs={"postcode": postcode_slug(location.postcode)},
                )
            ),
            "methodology": absolute_url(reverse("wellbeing_index:methodology")),
        },
        "attribution": ATTRIBUTION,
    }
    return _merged(_dumps(head), figures, _dumps(tail))
