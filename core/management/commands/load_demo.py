from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from core.demo import DemoContext, demo_places, demo_users


def demo_loaders() -> list[tuple[str, str]]:
    """``(app label, dotted path of its loader)`` for every installed app whose AppConfig
    names one in a ``demo`` attribute (``demo = "spaces.demo.load"``), in INSTALLED_APPS
    order, which follows the layers: an app's demo may use the demo of the apps before it."""
    return [
        (config.label, config.demo)
        for config in apps.get_app_configs()
        if getattr(config, "demo", None)
    ]


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
        for label, loader in demo_loaders():
            with transaction.atomic():
                import_string(loader)(context)
            self.stdout.write(f"Demo data loaded for {label}.")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo ready. Log in as demo@coopcentre.localhost "
                "(staff: staff@coopcentre.localhost), password demo-password-2026."
            )
        )
