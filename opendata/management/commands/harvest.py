from django.core.management.base import BaseCommand

from ...services.harvest import harvest


class Command(BaseCommand):
    help = (
        "Harvest an OpenActive RPDE feed or an Open Referral UK API (its stub) from URL into "
        "listings awaiting review: the same item again updates it, a tombstone withdraws it."
    )

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", metavar="URL")

    def handle(self, *args, urls, **options):
        for url in urls:
            report = harvest(url)
            self.stdout.write(f"{url}: {report}")
