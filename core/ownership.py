"""The object if you own it, else 404: one rule under every ``<noun>_for_owner_or_404``.

Each app keeps a thin helper named for its noun (``event_for_owner_or_404``,
``group_for_owner_or_404``, ``request_for_owner_or_404``, ``match_for_owner_or_404``,
``message_for_owner_or_404``) that says who owns its rows; this module does the looking up.
Ownership is a filter in the query, so a stranger's lookup finds nothing and gets the same
404 as a row that does not exist: never a hint that it does. *(healthchecks'
``_get_check_for_user``)*
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

# Who owns a row: the field (or fields) that point at the user, or a function of the user
# giving a ``Q`` for owners who need more than a field (a group's organisers).
Owner = str | tuple[str, ...] | Callable[..., Q]


def owned_or_404(request, queryset: QuerySet, *, owner: Owner, staff: bool = False, **lookup):
    """The one row of ``queryset`` matching ``lookup`` that ``request.user`` owns, else Http404.

    ``owner`` names the user field(s) of an owner (any of them will do) or is a callable
    ``user -> Q``; ``staff=True`` lets staff have any row (where the app lets staff manage
    what members own). Anonymous people own nothing.
    """
    user = request.user
    if not user.is_authenticated:
        raise Http404("Not yours")
    if not (staff and user.is_staff):
        queryset = queryset.filter(owned_by(user, owner))
    return get_object_or_404(queryset, **lookup)


def owned_by(user, owner: Owner) -> Q:
    """The ``Q`` for rows that ``user`` owns, ``owner`` as in ``owned_or_404``."""
    if callable(owner):
        return owner(user)
    fields = (owner,) if isinstance(owner, str) else owner
    condition = Q()
    for field in fields:
        condition |= Q(**{field: user})
    return condition
