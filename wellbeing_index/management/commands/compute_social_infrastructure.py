from django.core.management.base import BaseCommand, CommandError

from wellbeing_index.models import Edition
from wellbeing_index.services.social import WALKING_KM, social_infrastructure_refresh


class Command(BaseCommand):
    help = (
        "Count this site's approved community spaces, groups and regular events within walking "
        "distance of every neighbourhood (per 10,000 residents), set the 'left behind' flags "
        "and recompute the edition (default: the current one). Celery beat runs it nightly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, help="Data year of the edition, e.g. 2025.")

    def handle(self, *args, edition=None, **options):
        target = None
        if edition is not None:
            target = Edition.objects.filter(year=edition).first()
            if target is None:
                raise CommandError(f"There is no {edition} edition; import its data first.")
        result = social_infrastructure_refresh(edition=target)
        if result.edition_year is None:
            raise CommandError("There is no computed edition: run load_wellbeing_data first.")
        listings = ", ".join(f"{n:,} {kind}" for kind, n in result.listings.items()) or "none"
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.edition_year} edition: {result.neighbourhoods:,} neighbourhoods with "
                f"a population, listings counted within {WALKING_KM} km ({listings}); "
                f"{result.left_behind:,} left behind."
            )
        )
