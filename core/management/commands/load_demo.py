import importlib
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo import DemoContext, demo_places, demo_users

CAPABILITY_APPS = ["spaces", "events", "matching", "wellbeing_index", "communities"]


class Command(BaseCommand):
    help = (
        "Fill the site with a believable demo community around real places in all four "
        "nations. Safe to re-run: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-postcodes",
            action="store_true",
            help="Do not load the four-city postcode sample (42,876 postcodes).",
        )

    def handle(self, *args, skip_postcodes=False, **options):
        from postcodes.models import Postcode

        if not skip_postcodes and not Postcode.objects.filter(pk="M1 1AD").exists():
            sample = Path(settings.BASE_DIR) / "data" / "uk_postcodes_sample_four_cities.csv.gz"
            call_command("import_postcodes", str(sample), "--quiet")
            self.stdout.write("Loaded the four-city postcode sample.")
        with transaction.atomic():
            context = DemoContext(users=demo_users(), places=demo_places(), stdout=self.stdout)
        for app in CAPABILITY_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(context)
            self.stdout.write(f"Demo data loaded for {app}.")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo ready. Log in as demo@coopcentre.localhost "
                "(staff: staff@coopcentre.localhost), password demo-password-2026."
            )
        )
