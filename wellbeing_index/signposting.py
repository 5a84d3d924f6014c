"""Mental health support lines, by nation, shown on every wellbeing page.

Numbers were checked against the charities' published details in November 2026. If one
changes, change it here (and in docs/wellbeing_index.md): nothing else holds them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SupportLine:
    nation_label: str
    name: str
    description: str
    phone: str
    hours: str
    url: str

    @property
    def tel(self) -> str:
        return "tel:" + self.phone.replace(" ", "")


MIND = SupportLine(
    nation_label="England and Wales",
    name="Mind",
    description="Mind's Infoline: information and signposting about mental health",
    phone="0300 123 3393",
    hours="9am to 6pm, Monday to Friday (except bank holidays)",
    url="https://www.mind.org.uk/information-support/helplines/",
)
SAMH = SupportLine(
    nation_label="Scotland",
    name="SAMH",
    description="SAMH (Scottish Action for Mental Health) information service",
    phone="0344 800 0550",
    hours="9am to 6pm, Monday to Friday",
    url="https://www.samh.org.uk/",
)
INSPIRE = SupportLine(
    nation_label="Northern Ireland",
    name="Inspire",
    description="Inspire: mental health and wellbeing support in Northern Ireland",
    phone="028 9032 8474",
    hours="9am to 5pm, Monday to Friday",
    url="https://www.inspirewellbeing.org/",
)
SAMARITANS = SupportLine(
    nation_label="the UK",
    name="Samaritans",
    description="Samaritans, for anyone struggling to cope, any time",
    phone="116 123",
    hours="free, 24 hours a day, every day",
    url="https://www.samaritans.org/",
)

BY_NATION = {
    "England": MIND,
    "Wales": MIND,
    "Scotland": SAMH,
    "Northern Ireland": INSPIRE,
}
ALL_LINES = [MIND, SAMH, INSPIRE]


def support_lines_for(*, nations) -> list[SupportLine]:
    """The support line of each nation given (in order, without repeats); all if none."""
    lines = []
    for nation in nations:
        line = BY_NATION.get(nation)
        if line and line not in lines:
            lines.append(line)
    return lines or list(ALL_LINES)
