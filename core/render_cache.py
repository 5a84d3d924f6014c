"""Rendered pieces that are the same for every viewer until their object changes.

A search result card (a space, a date of an event) shows the same HTML to everyone who
sees it, whatever they searched for and whoever they are, until the object itself
changes. ``render_each`` renders a template once per object *version* and keeps the
result; the next page that shows the same object reads it back instead of rendering it.

- **The key** is ``make_template_fragment_key`` (what ``{% cache %}`` uses) of the
  template's name, the language and time zone the page is shown in (day and month names,
  labels), and the object's version: a tuple naming the object and everything
  that changes what its card shows (its ``updated_at``, a counter, its tags). A new
  version is a new key, so a kept piece is never stale and needs no deleting; old ones
  fall out of the cache as it fills.
- **Where**: the ``cards`` cache (``settings.CACHES``), each process's own memory: no
  network round trip, and exact in every process because the key names the version.
- **What is not kept**: anything that depends on the search or the viewer (the distance
  from the searched postcode, "You're going"). The page's template adds those around the
  kept piece; nothing is spliced into kept HTML.

    cards = render_each(
        "spaces/includes/space_card.html", rows, version=lambda row: (row["pk"], row["updated_at"])
    )
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import SafeString

CACHE_ALIAS = "cards"
SECONDS = 24 * 3600


def render_each(
    template_name: str,
    objects: Iterable[Any],
    *,
    version: Callable[[Any], Sequence],
    name: str = "object",
    using: str = CACHE_ALIAS,
) -> list[SafeString]:
    """``template_name`` rendered for each of ``objects`` (given to the template as
    ``name``), in order: from the cache when this version of the object was rendered
    before, else rendered now and kept. ``version(obj)`` names the object and what its
    rendering shows."""
    objects = list(objects)
    if not objects:
        return []
    cache = caches[using]
    shown_in = (translation.get_language(), timezone.get_current_timezone_name())
    keys = [
        make_template_fragment_key(template_name, (*shown_in, *version(obj))) for obj in objects
    ]
    kept = cache.get_many(keys)
    template = None
    rendered = {}
    for key, obj in zip(keys, objects, strict=True):
        if key not in kept and key not in rendered:
            template = template or get_template(template_name)
            rendered[key] = SafeString(template.render({name: obj}))
    if rendered:
        cache.set_many(rendered, SECONDS)
    return [kept[key] if key in kept else rendered[key] for key in keys]
