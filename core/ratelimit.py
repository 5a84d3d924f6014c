"""One rate-limit guard for every member action: ``rate_limit`` on top of django_ratelimit.

A POST over its limit is never run: the person gets the house 429 page (templates/429.html)
with ``Retry-After``, what happened in the view's own words, when to try again and, for the
fields the view names in ``keep``, what they typed (so a long message is not lost). Limits
count POSTs only; GETs never count and are never refused. By default a limit counts
*accepted* submissions (the POSTs the view answered with a redirect, as every form does
when it worked), so a member who fixes a mistake is never locked out by it;
``counts="attempts"`` counts every POST (password guesses). ``RATELIMIT_ENABLE = False``
(django_ratelimit's own setting) turns every limit off.
"""

from collections.abc import Callable
from functools import wraps
from typing import Literal

from django.shortcuts import render
from django_ratelimit.core import ALL, get_usage

DEFAULT_MESSAGE = "You have done this a lot in a short time, so we have paused it for a while."
# allauth does not tell us when its windows end; a minute is its shortest one.
ALLAUTH_RETRY_AFTER = 60


def rate_limit(
    *,
    key: str | Callable,
    rate: str | Callable,
    message: str = DEFAULT_MESSAGE,
    keep: dict[str, str] | None = None,
    counts: Literal["accepted", "attempts"] = "accepted",
    group: str | None = None,
):
    """Limit POSTs to the decorated view to ``rate`` per ``key``; over it, answer 429.

    ``key`` is a django_ratelimit key (``"user"``, ``"ip"``, ``"user_or_ip"`` or a callable);
    ``rate`` is ``"5/h"``-style or a callable ``(group, request)`` returning one, or None for
    "not counted". ``message`` says what happened on the 429 page; ``keep`` maps the POST
    fields whose text the page shows back to their labels (``{"body": "Your message"}``).
    Stack two decorators for two limits (per user and per address): each counts separately.
    ``counts="accepted"`` (the default) counts the POSTs answered with a redirect (the
    submission was taken); ``counts="attempts"`` counts every POST (password guesses).
    ``group`` names the count when two views share one (two pages that both create a
    group); by default each view counts on its own.
    """
    keep = dict(keep or {})
    if counts not in ("accepted", "attempts"):
        raise ValueError(f"counts is 'accepted' or 'attempts', not {counts!r}")

    def decorator(view):
        def usage(request, *, increment):
            return get_usage(
                request,
                group=group,
                fn=view,
                key=key,
                rate=rate,
                method="POST",
                increment=increment,
            )

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            before = usage(request, increment=False)
            # The count so far, this POST not included: at the limit, it is one too many.
            if before is not None and before["count"] >= before["limit"]:
                kept = [(label, request.POST.get(name, "")) for name, label in keep.items()]
                return too_many_requests(
                    request,
                    retry_after=max(before["time_left"], 1),
                    message=message,
                    kept=[(label, value) for label, value in kept if value.strip()],
                )
            response = view(request, *args, **kwargs)
            if before is not None and (counts == "attempts" or _accepted(response)):
                usage(request, increment=True)
            return response

        return wrapped

    return decorator


def too_many_requests(request, *, retry_after: int, message: str = DEFAULT_MESSAGE, kept=()):
    """The house 429 page, with ``Retry-After: retry_after`` (seconds)."""
    response = render(
        request,
        "429.html",
        {"message": message, "retry_in": _retry_in(retry_after), "kept": kept},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def allauth_too_many_requests(request):
    """allauth's 429 (sign-up, log-in, password reset), answered with the house page.

    allauth looks this up as ``handler429`` in the root URLconf.
    """
    return too_many_requests(request, retry_after=ALLAUTH_RETRY_AFTER)


def _accepted(response) -> bool:
    """A POST that worked redirects (the house rule for forms); one that comes back to its
    form (400) or is refused (403, 404, 429) did not submit anything."""
    return 300 <= response.status_code < 400


def _retry_in(seconds: int) -> str:
    if seconds <= 60:
        return "in a minute"
    minutes = -(-seconds // 60)
    if minutes < 90:
        return f"in about {minutes} minutes"
    return f"in about {round(minutes / 60)} hours"


def api_rate_limit(*, group: str, key: str | Callable = "ip", rate: str | Callable):
    """Limit every request (any method) to an open API view to ``rate`` per ``key``; over
    it, answer 429 as JSON (``{"error": …}``) with ``Retry-After``. For read-only APIs that
    machines call, where the house HTML page would not help. Views decorated with the same
    ``group`` share one count."""
    from django.http import JsonResponse

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            usage = get_usage(request, group=group, key=key, rate=rate, method=ALL, increment=True)
            if usage is not None and usage["should_limit"]:
                retry_after = max(usage["time_left"], 1)
                response = JsonResponse(
                    {"error": f"Too many requests: try again in {retry_after} seconds."},
                    status=429,
                )
                response["Retry-After"] = str(retry_after)
                response["Access-Control-Allow-Origin"] = "*"
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
