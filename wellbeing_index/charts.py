"""Server-rendered SVG bar charts: no JavaScript, readable on a phone, printable.

Every chart is decorative for screen readers only in the sense that a table with the same
figures sits beside it; the SVG still carries a title and a description.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 360
LABEL_HEIGHT = 16
BAR_HEIGHT = 12
ROW_GAP = 12
TRACK_X = 0
TRACK_WIDTH = 310
AREA_COLOUR = "#0b6e4f"
OTHER_COLOUR = "#7c3aed"
TRACK_COLOUR = "#e5e7eb"
UK_COLOUR = "#111827"
NATION_COLOUR = "#c2410c"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    uk: float | None = None
    nation: float | None = None


def _x(score: float) -> float:
    return TRACK_X + TRACK_WIDTH * max(0.0, min(100.0, score)) / 100.0


def _number(value: float) -> str:
    return f"{value:.0f}"


def bar_chart(*, bars: list[Bar], title: str, chart_id: str, nation: str = "") -> SafeString:
    """Horizontal 0-100 bars with UK (solid) and nation (dashed) average markers."""
    row = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    legend = 22
    height = legend + row * len(bars)
    nation_note = (
        _(", a dashed line the %(nation)s average") % {"nation": escape(nation)} if nation else ""
    )
    parts = [
        f'<svg class="wellbeing-chart" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">'
        + _(
            "Bars show scores out of 100 (higher is better). A solid line marks the UK "
            "average%(nation_note)s. The table that follows gives the same figures."
        )
        % {"nation_note": nation_note}
        + "</desc>",
        *_bar_legend(nation),
    ]
    for index, bar in enumerate(bars):
        parts += _bar_row(bar, top=legend + index * row, nation=nation)
    parts.append("</svg>")
    # Every interpolated text above is escaped; numbers are formatted by us.
    return mark_safe("".join(parts))  # noqa: S308


def _bar_legend(nation: str) -> list[str]:
    """The key above the bars: this area, the UK average and (when shown) the nation's."""
    parts = [
        f'<rect x="0" y="4" width="12" height="10" fill="{AREA_COLOUR}"/>'
        f'<text x="16" y="13" font-size="11">{_("this area")}</text>'
        f'<line x1="80" y1="2" x2="80" y2="16" stroke="{UK_COLOUR}" stroke-width="2"/>'
        f'<text x="85" y="13" font-size="11">{_("UK average")}</text>',
    ]
    if nation:
        parts.append(
            f'<line x1="162" y1="2" x2="162" y2="16" stroke="{NATION_COLOUR}" stroke-width="2" '
            'stroke-dasharray="3 2"/>'
            f'<text x="167" y="13" font-size="11">'
            f"{_('%(nation)s average') % {'nation': escape(nation)}}</text>"
        )
    return parts


def _bar_row(bar: Bar, *, top: int, nation: str) -> list[str]:
    """One labelled bar on its track, with its UK and nation average markers."""
    bar_y = top + LABEL_HEIGHT
    parts = [
        f'<text x="0" y="{top + 12}" font-size="12.5">{escape(bar.label)}</text>',
        f'<rect x="{TRACK_X}" y="{bar_y}" width="{TRACK_WIDTH}" height="{BAR_HEIGHT}" '
        f'fill="{TRACK_COLOUR}" rx="2"/>',
    ]
    if bar.value is None:
        parts.append(
            f'<text x="{TRACK_X + 6}" y="{bar_y + 10}" font-size="11" fill="#374151">'
            f"{_('no data')}</text>"
        )
    else:
        parts.append(
            f'<rect x="{TRACK_X}" y="{bar_y}" width="{_x(bar.value) - TRACK_X:.1f}" '
            f'height="{BAR_HEIGHT}" fill="{AREA_COLOUR}" rx="2"/>'
            f'<text x="{TRACK_WIDTH + 6}" y="{bar_y + 10}" font-size="12" '
            f'font-weight="bold">{_number(bar.value)}</text>'
        )
    if bar.uk is not None:
        x = _x(bar.uk)
        parts.append(
            f'<line x1="{x:.1f}" y1="{bar_y - 3}" x2="{x:.1f}" y2="{bar_y + BAR_HEIGHT + 3}" '
            f'stroke="{UK_COLOUR}" stroke-width="2"/>'
        )
    if nation and bar.nation is not None:
        x = _x(bar.nation)
        parts.append(
            f'<line x1="{x:.1f}" y1="{bar_y - 3}" x2="{x:.1f}" y2="{bar_y + BAR_HEIGHT + 3}" '
            f'stroke="{NATION_COLOUR}" stroke-width="2" stroke-dasharray="3 2"/>'
        )
    return parts


def compare_chart(
    *, rows: list[tuple[str, float | None, float | None]], names: tuple[str, str], chart_id: str
) -> SafeString:
    """Paired bars, one pair per row: (label, first area's score, second area's score)."""
    pair = LABEL_HEIGHT + 2 * BAR_HEIGHT + 2 + ROW_GAP
    legend = 22
    height = legend + pair * len(rows)
    first, second = (escape(n) for n in names)
    parts = [
        f'<svg class="wellbeing-chart" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">'
        + _("Domain scores of %(first)s and %(second)s") % {"first": first, "second": second}
        + "</title>",
        f'<desc id="{chart_id}-desc">'
        + _(
            "Pairs of bars, scores out of 100 (higher is better): the upper bar is %(first)s, "
            "the lower %(second)s. The table that follows gives the same figures."
        )
        % {"first": first, "second": second}
        + "</desc>",
        f'<rect x="0" y="4" width="12" height="10" fill="{AREA_COLOUR}"/>'
        f'<text x="16" y="13" font-size="11">{first}</text>'
        f'<rect x="170" y="4" width="12" height="10" fill="{OTHER_COLOUR}"/>'
        f'<text x="186" y="13" font-size="11">{second}</text>',
    ]
    for index, (label, a, b) in enumerate(rows):
        top = legend + index * pair
        parts.append(f'<text x="0" y="{top + 12}" font-size="12.5">{escape(label)}</text>')
        for offset, (value, colour) in enumerate(((a, AREA_COLOUR), (b, OTHER_COLOUR))):
            y = top + LABEL_HEIGHT + offset * (BAR_HEIGHT + 2)
            parts.append(
                f'<rect x="{TRACK_X}" y="{y}" width="{TRACK_WIDTH}" height="{BAR_HEIGHT}" '
                f'fill="{TRACK_COLOUR}" rx="2"/>'
            )
            if value is None:
                parts.append(
                    f'<text x="{TRACK_X + 6}" y="{y + 10}" font-size="11" fill="#374151">'
                    f"{_('no data')}</text>"
                )
            else:
                parts.append(
                    f'<rect x="{TRACK_X}" y="{y}" width="{_x(value) - TRACK_X:.1f}" '
                    f'height="{BAR_HEIGHT}" fill="{colour}" rx="2"/>'
                    f'<text x="{TRACK_WIDTH + 6}" y="{y + 10}" font-size="12" '
                    f'font-weight="bold">{_number(value)}</text>'
                )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308
