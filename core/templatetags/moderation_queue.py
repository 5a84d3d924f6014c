"""The admin index's summary of the moderation queue (templates/admin/index.html)."""

from django import template

from core.moderation_queue import kinds_for
from core.moderation_queue.queue import waiting

register = template.Library()


@register.inclusion_tag("admin/core/moderation_summary.html", takes_context=True)
def moderation_summary(context):
    """How many items of each kind the member of staff may decide on await a decision."""
    request = context.get("request")
    counts = waiting(kinds_for(request.user)) if request is not None else []
    return {"waiting": counts, "total": sum(row.count for row in counts)}
