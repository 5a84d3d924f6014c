from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from postcodes.importing import postcodes_import
from postcodes.services import clear_cache


class Command(BaseCommand):
    help = (
        "Stream every live UK postcode from FILE into the Postcode table, in batches, safe to "
        "re-run. FILE is the all-UK CSV (uk_postcodes.csv.gz), the four-city sample, or OS "
        "Code-Point Open as distributed (codepo_gb.zip)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--batch-size", type=int, default=50_000)
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, file: Path, batch_size: int, quiet: bool, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        bar = tqdm(unit=" postcodes", unit_scale=True, disable=quiet, desc=file.name)
        try:
            count = postcodes_import(path=file, batch_size=batch_size, progress=bar.update)
        except ValueError as error:
            raise CommandError(str(error)) from error
        finally:
            bar.close()
        clear_cache()
        if not quiet:
            self.stdout.write(self.style.SUCCESS(f"Imported {count:,} postcodes from {file}."))
