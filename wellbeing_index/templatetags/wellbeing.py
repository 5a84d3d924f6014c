from django import template
from django.utils.translation import gettext as _

from postcodes.services import Location

from ..charts import Bar, bar_chart, compare_chart
from ..services import postcode_reports
from ..services.places import postcode_slug

register = template.Library()


@register.filter
def score(value) -> str:
    """A 0-100 score as a whole number, or "no data" (never 0 for a missing score)."""
    if value is None or value == "":
        return "no data"
    return f"{value:.0f}"


@register.filter
def raw(value) -> str:
    """A raw indicator value: whole numbers without decimals, others to two places."""
    if value is None or value == "":
        return "no data"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}"


@register.filter
def signed(value) -> str:
    """A difference of scores: "+12", "-3", "0", or a dash when either side has no data."""
    if value is None or value == "":
        return "–"
    return f"{value:+.0f}" if round(value) else "0"


@register.simple_tag
def domain_chart(report, chart_id="domain-chart"):
    bars = [Bar(_(d.name), d.score.value, d.score.uk, d.score.nation) for d in report.domains]
    return bar_chart(
        bars=bars,
        title=_("Scores of the nine domains for %(area)s") % {"area": report.area.name},
        chart_id=chart_id,
        nation=report.nation,
    )


@register.simple_tag
def pillar_chart(report, chart_id="pillar-chart"):
    bars = [Bar(_("Overall"), report.overall.value, report.overall.uk, report.overall.nation)]
    bars += [Bar(_(p.name), p.score.value, p.score.uk, p.score.nation) for p in report.pillars]
    return bar_chart(
        bars=bars,
        title=_("Overall and pillar scores for %(area)s") % {"area": report.area.name},
        chart_id=chart_id,
        nation=report.nation,
    )


@register.simple_tag
def pair_chart(first, second, first_name, second_name, chart_id="compare-chart"):
    rows = [("Overall", first.overall.value, second.overall.value)]
    rows += [
        (a.name, a.score.value, b.score.value)
        for a, b in zip(first.pillars, second.pillars, strict=True)
    ]
    rows += [
        (a.name, a.score.value, b.score.value)
        for a, b in zip(first.domains, second.domains, strict=True)
    ]
    return compare_chart(rows=rows, names=(first_name, second_name), chart_id=chart_id)


@register.simple_tag
def wellbeing_for(location):
    """The index reports of a looked-up postcode (for panels on other pages)."""
    if not isinstance(location, Location):
        return None
    return postcode_reports(location=location)


@register.filter(name="postcode_slug")
def postcode_slug_filter(postcode: str) -> str:
    return postcode_slug(postcode or "")
