from django.core.management.base import BaseCommand, CommandError

from wellbeing_index.models import Edition
from wellbeing_index.services import index_compute


class Command(BaseCommand):
    help = (
        "Recompute every wellbeing score (indicators, domains, pillars, overall) and the UK "
        "and nation averages of one edition in one pass (default: every edition)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, help="Data year of the edition, e.g. 2025.")

    def handle(self, *args, edition=None, **options):
        editions = Edition.objects.order_by("year")
        if edition is not None:
            editions = editions.filter(year=edition)
            if not editions.exists():
                raise CommandError(f"There is no {edition} edition; import its data first.")
        if not editions.exists():
            raise CommandError("There is nothing to compute: import indicators first.")
        for item in editions:
            result = index_compute(edition=item)
            self.stdout.write(
                self.style.SUCCESS(
                    f"{item.year} edition: scored {result.areas:,} areas from "
                    f"{result.values:,} values of {result.indicators} indicators."
                )
            )
