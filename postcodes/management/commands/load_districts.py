from django.core.management.base import BaseCommand

from postcodes.services import districts_load


class Command(BaseCommand):
    help = "Load or refresh the UK postcode districts and local authorities (safe to re-run)."

    def handle(self, *args, **options):
        count = districts_load()
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} postcode districts."))
