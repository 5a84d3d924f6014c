"""Every nation's helplines: whom to call for urgent help, and mental-health support lines.

coopcentre is not an emergency service, and says so wherever a member asks for help
(matching's "urgent help" box and match emails); every wellbeing page lists a support line.
Numbers were checked against the NHS and the charities' published details in November 2026.
If one changes, change it here (and in docs/wellbeing_index.md): nothing else holds them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Helpline:
    name: str
    phone: str
    # A few words on when to call, after the number ("to talk, any time, free").
    when: str = ""
    # The longer description, opening hours, web address and whose line it is, for the
    # wellbeing pages' support lines.
    description: str = ""
    hours: str = ""
    url: str = ""
    nation_label: str = ""

    @property
    def number(self) -> str:
        # The urgent-help box and the match emails call it the number.
        return self.phone

    @property
    def tel(self) -> str:
        return "tel:" + self.phone.replace(" ", "")


EMERGENCY = Helpline(_("Emergency services"), "999", _("if someone is in danger or seriously ill"))
SAMARITANS = Helpline(
    _("Samaritans"),
    "116 123",
    _("to talk, any time, free"),
    description=_("Samaritans, for anyone struggling to cope, any time"),
    hours=_("free, 24 hours a day, every day"),
    url="https://www.samaritans.org/",
    nation_label=_("the UK"),
)

# Urgent help ------------------------------------------------------------------------------

URGENT_HELP = {
    "England": [
        EMERGENCY,
        Helpline("NHS 111", "111", _("urgent medical help that is not an emergency")),
        SAMARITANS,
    ],
    "Scotland": [
        EMERGENCY,
        Helpline("NHS 24", "111", _("urgent medical help that is not an emergency")),
        Helpline("Breathing Space", "0800 83 85 87", _("if you are feeling low or anxious")),
        SAMARITANS,
    ],
    "Wales": [
        EMERGENCY,
        Helpline(_("NHS 111 Wales"), "111", _("urgent medical help that is not an emergency")),
        Helpline(
            _("C.A.L.L. mental health helpline"), "0800 132 737", _("to talk, any time, free")
        ),
        SAMARITANS,
    ],
    "Northern Ireland": [
        EMERGENCY,
        Helpline(
            _("Your GP, or GP Out of Hours"),
            _("see nidirect.gov.uk"),
            _("urgent medical help at night"),
        ),
        Helpline("Lifeline", "0808 808 8000", _("if you are in distress or despair")),
        SAMARITANS,
    ],
}
UK_WIDE = [
    EMERGENCY,
    Helpline(
        _("NHS 111 (NHS 24 in Scotland)"), "111", _("urgent medical help that is not an emergency")
    ),
    SAMARITANS,
]


def urgent_help(nation: str | None) -> list[Helpline]:
    """Whom to call for urgent help in ``nation`` (UK-wide numbers when it is unknown)."""
    return URGENT_HELP.get(nation or "", UK_WIDE)


# Mental-health support lines --------------------------------------------------------------

MIND = Helpline(
    _("Mind"),
    "0300 123 3393",
    nation_label=_("England and Wales"),
    description=_("Mind's Infoline: information and signposting about mental health"),
    hours=_("9am to 6pm, Monday to Friday (except bank holidays)"),
    url="https://www.mind.org.uk/information-support/helplines/",
)
SAMH = Helpline(
    "SAMH",
    "0344 800 0550",
    nation_label=_("Scotland"),
    description=_("SAMH (Scottish Action for Mental Health) information service"),
    hours=_("9am to 6pm, Monday to Friday"),
    url="https://www.samh.org.uk/",
)
INSPIRE = Helpline(
    "Inspire",
    "028 9032 8474",
    nation_label=_("Northern Ireland"),
    description=_("Inspire: mental health and wellbeing support in Northern Ireland"),
    hours=_("9am to 5pm, Monday to Friday"),
    url="https://www.inspirewellbeing.org/",
)
SUPPORT_LINES = {
    "England": MIND,
    "Wales": MIND,
    "Scotland": SAMH,
    "Northern Ireland": INSPIRE,
}
ALL_SUPPORT_LINES = [MIND, SAMH, INSPIRE]


def support_line(nation: str | None) -> Helpline | None:
    """The mental-health support line for ``nation``, or None when it is unknown."""
    return SUPPORT_LINES.get(nation or "")


def support_lines_for(*, nations) -> list[Helpline]:
    """The support line of each nation given (in order, without repeats); all if none."""
    lines = []
    for nation in nations:
        line = support_line(nation)
        if line and line not in lines:
            lines.append(line)
    return lines or list(ALL_SUPPORT_LINES)
