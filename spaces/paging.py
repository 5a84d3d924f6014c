"""Pages of results with their total in the same query (a window count)."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


def page_with_total(queryset, number, per_page: int) -> Page:
    """The page ``number`` of ``queryset`` (models or ``values`` rows), clamped like
    ``Paginator.get_page``.

    The total comes with the rows (``COUNT(*) OVER ()``), so a page costs one query;
    only a page past the end needs a second one, to find the last page.
    """
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    paginator = Paginator(queryset, per_page)
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(result_total=Window(Count("pk")))[offset : offset + per_page])
    if rows:
        # Paginator.count is a cached property: give it the total the query brought.
        first = rows[0]
        paginator.__dict__["count"] = (
            first["result_total"] if isinstance(first, dict) else first.result_total
        )
        return Page(rows, number, paginator)
    if number == 1:
        paginator.__dict__["count"] = 0
        return Page([], 1, paginator)
    return paginator.get_page(number)
