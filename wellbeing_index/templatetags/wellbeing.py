from dataclasses import dataclass

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from core.render_cache import render_each
from postcodes.services import Location

from ..charts import Bar, bar_chart, compare_chart
from ..services import postcode_reports
from ..services.places import postcode_slug
from ..services.report_lines import AreaInfo, DomainLine, LevelAndNationWording, Report

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


@register.filter
def names_and(names) -> str:
    """Names as one phrase, "A, B and C" with a translated "and", for one placeholder."""
    return get_text_list([str(name) for name in names], _("and"))


@register.filter
def strong_names_or(items) -> SafeString:
    """Domains' translated names in bold, as one phrase ("<strong>A</strong>, <strong>B</strong>
    or <strong>C</strong>") that a whole translated sentence takes as one placeholder."""
    names = [format_html("<strong>{}</strong>", _(item.name)) for item in items]
    if len(names) < 2:
        return names[0] if names else SafeString("")
    head = format_html_join(", ", "{}", ((name,) for name in names[:-1]))
    return format_html("{} {} {}", head, _("or"), names[-1])


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


@dataclass(frozen=True)
class DomainDetails(LevelAndNationWording):
    """What one domain's drill-down shows (``includes/domain_details.html``): the domain's
    line and the little it reads of its area (nation, level, council)."""

    domain: DomainLine
    edition_key: str
    nation: str
    level: str
    parent: AreaInfo | None

    @property
    def version(self) -> tuple:
        """Names everything the drill-down shows. Indicators' names, units and sources are
        the edition's (its computation is in ``edition_key``); an area's own figures are the
        numbers. Neighbourhoods scored on the same deciles, and every neighbourhood of a
        council for the domains it takes from the council, share one rendering."""
        d = self.domain
        return (
            self.edition_key,
            self.nation,
            self.level,
            self.parent.code if d.from_parent and self.parent else "",
            d.slug,
            d.score.value,
            d.measured,
            d.from_parent,
            d.no_data_reason,
            tuple(
                (i.info.code, i.value, i.score, i.nation_score, i.no_data_reason)
                for i in d.indicators
            ),
        )


@register.simple_tag
def domain_details(report: Report) -> list[SafeString]:
    """Each domain's drill-down, in order, rendered once per version of what it shows and
    kept in each process (``core.render_cache``): a first visit to an area renders only
    the domains no area with the same figures has shown before."""
    parts = [
        DomainDetails(d, report.edition_key, report.nation, report.area.level, report.parent)
        for d in report.domains
    ]
    return render_each(
        "wellbeing_index/includes/domain_details.html",
        parts,
        version=lambda part: part.version,
        name="part",
    )


@register.simple_tag
def report_piece(template_name: str, report: Report) -> SafeString:
    """``template_name`` rendered for ``report`` (given to it as ``report``), once per area
    and computation (``Report.cache_key``) and kept in each process (``core.render_cache``):
    a council's pieces are shown on the page of every postcode in it."""
    return render_each(template_name, [report], version=lambda r: (r.cache_key,), name="report")[0]


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
