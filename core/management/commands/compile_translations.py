"""Compile every .po catalogue under LOCALE_PATHS into its .mo with polib.

Django's own ``compilemessages`` needs GNU gettext's ``msgfmt``; this needs nothing but
Python, so a fresh machine (or the Docker build) can build the catalogues. Fuzzy entries are
left out of the .mo, as msgfmt leaves them out.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues() -> list[Path]:
    """Every .po file under the project's LOCALE_PATHS, in a stable order."""
    found: list[Path] = []
    for root in settings.LOCALE_PATHS:
        found += sorted(Path(root).glob("*/LC_MESSAGES/*.po"))
    return found


def compile_catalogue(po_path: Path) -> Path:
    """Write ``po_path``'s .mo beside it; return the .mo's path."""
    catalogue = polib.pofile(str(po_path))
    mo_path = po_path.with_suffix(".mo")
    catalogue.save_as_mofile(str(mo_path))
    return mo_path


class Command(BaseCommand):
    help = "Compiles the project's .po translation catalogues into .mo files (no gettext needed)."

    def handle(self, *args, **options):
        for po_path in catalogues():
            mo_path = compile_catalogue(po_path)
            self.stdout.write(f"compiled {mo_path.relative_to(settings.BASE_DIR)}")
