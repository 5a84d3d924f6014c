"""The spaces app's emails: their purposes in the outbox, and how each row is rendered.

Services ask for an email with ``core.outbox.services.enqueue``; the outbox sends it once.
Each builder below turns a row's stored ids into the template context at send time, or
returns ``None`` when the email went stale (the row is then skipped, nothing is sent).
Templates: ``spaces/templates/spaces/emails/<name>-{subject,body}.txt`` and ``-body.html``.
"""

from django.utils.translation import gettext_lazy as _

from core.outbox import registry

from .models import Pledge, StatusChange, ThreatReport, ThreatState

PLEDGE_UPDATE = "spaces.pledge-update"
THREAT_OUTCOME = "spaces.threat-outcome"


def pledge_update_key(*, change_id: int, pledge_id: int) -> str:
    # One email per pledge and status change.
    return f"{change_id}:{pledge_id}"


def pledge_update_context(row) -> dict | None:
    """A pledger hears that the space's status changed; stale once the pledge is withdrawn."""
    pledge = Pledge.objects.select_related("user", "space").filter(pk=row.context["pledge"]).first()
    change = StatusChange.objects.filter(pk=row.context["change"]).first()
    if pledge is None or change is None or not pledge.user.is_active:
        return None
    return {
        "user": pledge.user,
        "space": pledge.space,
        "change": change,
        "pledge": pledge,
        "space_url": pledge.space.get_absolute_url(),
    }


def threat_outcome_context(row) -> dict | None:
    """The member who reported a threat hears whether staff confirmed it."""
    report = (
        ThreatReport.objects.select_related("reported_by", "space")
        .filter(pk=row.context["report"])
        .exclude(state=ThreatState.PENDING)
        .first()
    )
    if report is None or report.reported_by is None:
        return None
    return {
        "user": report.reported_by,
        "report": report,
        "space": report.space,
        "space_url": report.space.get_absolute_url(),
    }


def register() -> None:
    registry.register(
        PLEDGE_UPDATE,
        template="spaces/emails/pledge-update",
        context=pledge_update_context,
        label=_("Space status changed (to each pledger)"),
    )
    registry.register(
        THREAT_OUTCOME,
        template="spaces/emails/threat-outcome",
        context=threat_outcome_context,
        label=_("Threat report confirmed or dismissed (to the reporter)"),
    )
