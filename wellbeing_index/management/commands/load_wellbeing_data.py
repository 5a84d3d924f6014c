from django.core.management.base import BaseCommand

from wellbeing_index.services.dataset import dataset_load_default


class Command(BaseCommand):
    help = (
        "Load the default wellbeing data set shipped in wellbeing_index/data (361 councils and "
        "every small area the postcode directory reaches, from the four nations' deprivation "
        "indices and ONS personal wellbeing) and compute the index. Skipped when already "
        "loaded, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load and compute again.")

    def handle(self, *args, force=False, **options):
        self.stdout.write(self.style.SUCCESS(dataset_load_default(force=force)))
