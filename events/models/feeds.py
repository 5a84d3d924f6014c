"""A member's private calendar feed: the dates they are going to, at a secret address."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    """32 random bytes, URL-safe: the address is the only key to the feed."""
    return secrets.token_urlsafe(32)


class PersonalCalendar(models.Model):
    """The secret token of a member's "your events" feed. Making a new token (a new row
    value) is how the member revokes the old address: it then answers 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="event_calendar",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    include_waiting = models.BooleanField(
        _("include dates I'm on the waiting list for"),
        default=False,
        help_text=_("They show as tentative until a place is yours."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    renewed_at = models.DateTimeField(_("renewed at"), auto_now=True)

    class Meta:
        verbose_name = _("personal calendar feed")

    def __str__(self):
        return f"Calendar feed of {self.user}"
