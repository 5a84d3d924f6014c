"""The spaces app's emails: one small function per email (templates in templates/emails/)."""

from core import emails


def pledge_update_send(*, notice) -> int:
    """Tell a pledger that the status of the space they pledged to help has changed."""
    pledge, change = notice.pledge, notice.change
    space = pledge.space
    return emails.send(
        "spaces-pledge-update",
        to=[pledge.user.email],
        context={
            "user": pledge.user,
            "space": space,
            "change": change,
            "pledge": pledge,
            "space_url": space.get_absolute_url(),
        },
    )


def threat_outcome_send(*, report) -> int:
    """Tell the member who reported a threat whether staff confirmed it."""
    return emails.send(
        "spaces-threat-outcome",
        to=[report.reported_by.email],
        context={
            "user": report.reported_by,
            "report": report,
            "space": report.space,
            "space_url": report.space.get_absolute_url(),
        },
    )
