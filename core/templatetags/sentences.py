"""``{{ text|full_stop }}``: end a sentence once. A reason typed by staff or a member
("Closed for repairs.") shown as "… {{ reason }}." read with two full stops."""

from django import template

register = template.Library()

ENDINGS = (".", "!", "?", "…")


# is_safe: adding a full stop cannot make unsafe text safe or safe text unsafe, so Django
# keeps the input's escaping state.
@register.filter(is_safe=True)
def full_stop(value) -> str:
    """``value`` with a full stop, unless it already ends a sentence (or is empty)."""
    text = str(value).rstrip()
    if not text or text.endswith(ENDINGS):
        return text
    return text + "."
