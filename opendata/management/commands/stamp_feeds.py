from django.core.management.base import BaseCommand

from ...services.stamps import new_dates_stamp, stamps_backfill


class Command(BaseCommand):
    help = (
        "Put every event and date not yet in the OpenActive feeds into them (run once when "
        "the feeds are switched on; safe to run again)."
    )

    def handle(self, *args, **options):
        count = stamps_backfill() + new_dates_stamp()
        self.stdout.write(f"{count} feed items stamped")
