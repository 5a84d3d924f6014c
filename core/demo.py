"""Demo data shared by every app: real places in all four nations, and demo people.

``manage.py load_demo`` loads this, then calls the loader that each installed app names in
its AppConfig (``demo = "spaces.demo.load"``), in INSTALLED_APPS order, with the context.
Every loader is idempotent: it uses ``update_or_create`` on natural keys, so running it twice
changes nothing.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 (a published demo log-in)

# Real postcodes (from the four-city sample) and districts, across all four nations.
PLACES = [
    # (name, postcode, nation)
    ("Manchester city centre", "M1 1AD", "England"),
    ("Ancoats, Manchester", "M4 6DE", "England"),
    ("Rusholme, Manchester", "M14 5LL", "England"),
    ("Leith, Edinburgh", "EH6 6QU", "Scotland"),
    ("Old Town, Edinburgh", "EH1 1YZ", "Scotland"),
    ("Cathays, Cardiff", "CF24 4HQ", "Wales"),
    ("Cardiff city centre", "CF10 1EP", "Wales"),
    ("Belfast city centre", "BT1 5GS", "Northern Ireland"),
    ("Ormeau, Belfast", "BT7 1NN", "Northern Ireland"),
    ("Stornoway, Isle of Lewis", "HS1", "Scotland"),
    ("Aberystwyth", "SY23", "Wales"),
    ("Penzance", "TR18", "England"),
    ("Derry~Londonderry", "BT48", "Northern Ireland"),
    ("Hackney, London", "E8", "England"),
]


@dataclass
class DemoContext:
    users: dict = field(default_factory=dict)
    places: list = field(default_factory=list)
    stdout: object = None

    def say(self, text: str) -> None:
        if self.stdout:
            self.stdout.write(text)


def demo_users() -> dict:
    User = get_user_model()  # noqa: N806
    people = {
        "demo": ("demo@coopcentre.localhost", "Dani Demo", False),
        "staff": ("staff@coopcentre.localhost", "Sol Staff", True),
        "organiser": ("organiser@coopcentre.localhost", "Aisha Organiser", False),
        "volunteer": ("volunteer@coopcentre.localhost", "Rhys Volunteer", False),
        "neighbour": ("neighbour@coopcentre.localhost", "Niamh Neighbour", False),
    }
    users = {}
    for key, (email, name, is_staff) in people.items():
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"display_name": name, "is_staff": is_staff, "is_superuser": is_staff},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[key] = user
    return users


def demo_places() -> list:
    from postcodes.services import lookup

    return [(name, lookup(postcode)) for name, postcode, _nation in PLACES]
