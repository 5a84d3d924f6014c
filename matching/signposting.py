"""Urgent help, by nation: coopcentre is not an emergency service, and says so everywhere
a member asks for help. Numbers checked against the NHS and charity sites (November 2026).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Contact:
    name: str
    number: str
    when: str


EMERGENCY = Contact("Emergency services", "999", "if someone is in danger or seriously ill")
SAMARITANS = Contact("Samaritans", "116 123", "to talk, any time, free")

URGENT_HELP = {
    "England": [
        EMERGENCY,
        Contact("NHS 111", "111", "urgent medical help that is not an emergency"),
        SAMARITANS,
    ],
    "Scotland": [
        EMERGENCY,
        Contact("NHS 24", "111", "urgent medical help that is not an emergency"),
        Contact("Breathing Space", "0800 83 85 87", "if you are feeling low or anxious"),
        SAMARITANS,
    ],
    "Wales": [
        EMERGENCY,
        Contact("NHS 111 Wales", "111", "urgent medical help that is not an emergency"),
        Contact("C.A.L.L. mental health helpline", "0800 132 737", "to talk, any time, free"),
        SAMARITANS,
    ],
    "Northern Ireland": [
        EMERGENCY,
        Contact(
            "Your GP, or GP Out of Hours", "see nidirect.gov.uk", "urgent medical help at night"
        ),
        Contact("Lifeline", "0808 808 8000", "if you are in distress or despair"),
        SAMARITANS,
    ],
}

UK_WIDE = [
    EMERGENCY,
    Contact("NHS 111 (NHS 24 in Scotland)", "111", "urgent medical help that is not an emergency"),
    SAMARITANS,
]


def urgent_help(nation: str | None) -> list[Contact]:
    """Whom to call for urgent help in ``nation`` (UK-wide numbers when it is unknown)."""
    return URGENT_HELP.get(nation or "", UK_WIDE)
