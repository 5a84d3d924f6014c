"""Staff's workplace for spaces (Django admin autodiscovers this package)."""

from . import reviews, spaces

__all__ = ["reviews", "spaces"]
