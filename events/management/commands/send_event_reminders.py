from django.core.management.base import BaseCommand

from events.services import reminders_queue


class Command(BaseCommand):
    help = (
        "Queue the day-before reminder emails for everyone going to a date tomorrow (UK "
        "time). Celery beat runs this hourly; each person is reminded once per date, so "
        "running it again by hand is safe."
    )

    def handle(self, *args, **options):
        count = reminders_queue()
        self.stdout.write(f"Queued {count} reminder(s).")
