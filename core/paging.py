"""Pages of a listing: one forgiving page number, one "query string without page", and
pages whose total comes in the same query (a window count) or is capped.

Every list page pages through these, so they all answer odd page numbers alike, with the
nearest page there is: a page that isn't a number is the first page, zero or negative is
the first, one past the end (an old link, fewer results now) is the last, and an absurd
one (``page=99999999999999999999999``) is the last too, never a 500 from an SQL OFFSET
out of range.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.http import QueryDict
from django.utils.functional import cached_property

# Beyond any real listing; keeps OFFSET inside a 64-bit integer whatever is typed.
MAX_PAGE = 100_000


def page_number(raw) -> int:
    """The page asked for, as the nearest number from 1 to ``MAX_PAGE`` (1 when it isn't
    a number)."""
    try:
        number = int(str(raw).strip()[:30])
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def query_without_page(query: QueryDict, **overrides) -> str:
    """The query string of this search without its page (for the links to other pages),
    with ``overrides`` set."""
    params = query.copy()
    params.pop("page", None)
    for key, value in overrides.items():
        params[key] = value
    return params.urlencode()


def page_with_total(queryset, raw_number, per_page: int) -> Page:
    """Page ``raw_number`` of ``queryset`` (models or ``values`` rows), the total counted
    in the same query (``COUNT(*) OVER ()``): a page costs one query; only a page past the
    end needs more, to find and read the last page."""
    number = page_number(raw_number)
    paginator = Paginator(queryset, per_page)
    rows = _rows_with_total(queryset, number, per_page)
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
    last = paginator.num_pages
    rows = _rows_with_total(queryset, last, per_page) if paginator.count else []
    return Page(rows, last, paginator)


def _rows_with_total(queryset, number: int, per_page: int) -> list:
    offset = (number - 1) * per_page
    annotated = queryset.annotate(result_total=Window(Count("pk")))
    return list(annotated[offset : offset + per_page])


class CappedPaginator(Paginator):
    """Counts at most ``cap`` results: a nationwide search needs no exact COUNT of a
    hundred thousand rows, only "more than 1,000"."""

    cap = 1000

    def __init__(self, object_list, per_page, *, count_queryset=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        # Counting needs none of what the cards show (their tags, say).
        self.count_queryset = count_queryset if count_queryset is not None else object_list

    @cached_property
    def count(self):
        return self.count_queryset.order_by()[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap


def page_capped(queryset, raw_number, per_page: int, *, count_queryset=None) -> Page:
    """Page ``raw_number`` of ``queryset``, counting at most ``CappedPaginator.cap`` rows."""
    paginator = CappedPaginator(queryset, per_page, count_queryset=count_queryset)
    return paginator.get_page(page_number(raw_number))
