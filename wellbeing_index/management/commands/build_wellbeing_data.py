from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wellbeing_index.services.council_files import CouncilFileError
from wellbeing_index.services.dataset import DATA_DIR, dataset_build


class Command(BaseCommand):
    help = (
        "Rebuild the default wellbeing data set (wellbeing_index/data/areas.csv.gz, "
        "indicators.csv, values.csv.gz) from the published open data files in SOURCE "
        "(default: SHARED_DATA_DIR). Only needed when the source data changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, default=None)
        parser.add_argument("--out", type=Path, default=DATA_DIR)

    def handle(self, *args, source=None, out=DATA_DIR, **options):
        source = source or Path(settings.SHARED_DATA_DIR)
        for name in (
            "uk_local_authority_wellbeing.csv",
            "uk_small_area_deprivation.csv",
            "uk_postcodes.csv.gz",
        ):
            if not (source / name).exists():
                raise CommandError(f"{source / name} is missing.")
        try:
            counts = dataset_build(source_dir=source, out_dir=out)
        except CouncilFileError as error:
            raise CommandError(f"Nothing was written.\n{error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {counts['areas']:,} areas, {counts['indicators']} indicators and "
                f"{counts['values']:,} values to {out} "
                f"({counts['neighbourhoods_without_council']} neighbourhoods have no council: "
                "no postcode reaches them)."
            )
        )
