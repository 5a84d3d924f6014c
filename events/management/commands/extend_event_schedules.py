from django.core.management.base import BaseCommand

from events.services import event_schedules_extend


class Command(BaseCommand):
    help = (
        "Expand the dates of every regular activity a year ahead (Celery beat runs this "
        "nightly). Safe to run at any time: dates already listed are kept."
    )

    def handle(self, *args, **options):
        count = event_schedules_extend()
        self.stdout.write(f"Refreshed the dates of {count} regular event(s).")
