"""The results page's charts: server-rendered SVG bars (the table beside holds the data)."""

from django import template

from core.forms import HONEYPOT_FIELD, HoneypotInput

register = template.Library()

ROW = 40
BAR_MAX = 250


@register.inclusion_tag("participation/includes/chart.html")
def bar_chart(result, chart_id: str):
    """An SVG bar chart of one question's result; suppressed counts draw no bar."""
    rows = []
    for i, bar in enumerate(result.bars):
        y = i * ROW
        width = round(bar.share * BAR_MAX, 1) if bar.count else 0
        rows.append(
            {
                "label": bar.label,
                "count": bar.count,
                "label_y": y + 13,
                "bar_y": y + 18,
                "width": max(width, 1) if bar.count else 0,
                "value_x": width + 6,
                "value_y": y + 31,
            }
        )
    return {"rows": rows, "height": len(rows) * ROW, "chart_id": chart_id, "result": result}


@register.simple_tag
def honeypot(suffix) -> str:
    """The honeypot box for a form written out by hand (each reply form under a comment),
    with an id of its own so several on a page stay distinct."""
    return HoneypotInput().render(HONEYPOT_FIELD, "", attrs={"id": f"id_homepage-reply-{suffix}"})
