"""The HTML of a search result card.

Built in Python rather than a template on purpose: a page has twenty cards, and the
template engine spent over a millisecond a page on them (a fifth of the whole request).
Every value goes through ``escape`` (the standard library's, which is what Django's
autoescaping does too), and only then is the card marked safe.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe


def card_html(card: dict) -> SafeString:
    """One ``<li>`` for a card made by ``selectors.space_cards``."""
    e = escape
    parts = []
    if card["cover_url"]:
        parts.append(
            f'<img src="{e(card["cover_url"])}" alt="{e(card["cover_alt"])}" loading="lazy" '
            'width="160" height="120" class="space-thumb">'
        )
    parts.append(f'<h3><a href="{e(card["url"])}">{e(card["name"])}</a></h3>')
    parts.append(f'<p class="muted">{e(card["kind_label"])}{e(card["distance_note"])}</p>')
    if card["status_label"]:
        note = f" · {e(card['status_note'])}" if card["status_note"] else ""
        parts.append(
            f'<p><span class="status status-{e(card["status"])}">{e(card["status_label"])}'
            f"</span>{note}</p>"
        )
    parts.append(f"<p>{e(card['place_text'])}</p>")
    if card["facilities_text"]:
        parts.append(
            '<p class="facilities"><span class="visually-hidden">Facilities: </span>'
            f"{e(card['facilities_text'])}</p>"
        )
    if card["tag_list"]:
        tags = "".join(f'<span class="tag">{e(tag.name)}</span>' for tag in card["tag_list"])
        parts.append(f"<p>{tags}</p>")
    return mark_safe('<li class="space-card">\n  ' + "\n  ".join(parts) + "\n</li>")  # noqa: S308
