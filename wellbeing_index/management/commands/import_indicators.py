from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wellbeing_index.services import ImportFailed, indicators_import


class Command(BaseCommand):
    help = (
        "Import wellbeing indicator values from FILE.csv (long format: area_code, indicator, "
        "value) with their definitions (--definitions) and, optionally, new areas (--areas). "
        "Every row is checked first: any problem is reported with its line number and nothing "
        "is imported. Re-running with the same files changes nothing. The index is recomputed "
        "afterwards (by the Celery worker when one is configured)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Values CSV (optionally .gz).")
        parser.add_argument(
            "--definitions",
            type=Path,
            required=True,
            help="Indicator definitions CSV: code, name, domain, level, unit, direction, "
            "source, licence, year (and optional ranking, source_url, period, description).",
        )
        parser.add_argument(
            "--areas",
            type=Path,
            help="Areas CSV: code, name, level, nation (and optional parent_code, parent_level).",
        )
        parser.add_argument(
            "--edition",
            type=int,
            help="Data year of the edition to import into (default: the latest year in the "
            "definitions).",
        )
        parser.add_argument(
            "--no-compute", action="store_true", help="Do not recompute the index afterwards."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Show the edition on the site (a new edition is hidden until published, "
            "here or in the admin).",
        )

    def handle(self, *args, file, definitions, areas, edition, no_compute, publish, **options):
        for path in filter(None, (file, definitions, areas)):
            if not path.exists():
                raise CommandError(f"{path} does not exist.")
        try:
            result = indicators_import(
                values_path=file,
                definitions_path=definitions,
                areas_path=areas,
                edition_year=edition,
                compute=not no_compute,
                publish=True if publish else None,
            )
        except ImportFailed as failure:
            raise CommandError(failure.summary()) from failure
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.values:,} values of {len(result.indicator_codes)} indicator(s) "
                f"into the {result.edition.year} edition "
                f"({result.indicators_created} indicator(s) new, {result.indicators_updated} "
                f"updated; {result.areas_written:,} area(s) written; "
                f"{result.blank_values:,} empty value(s) skipped as no data)."
            )
        )
        if not no_compute:
            self.stdout.write("The index is being recomputed.")
        if not result.edition.is_published:
            self.stdout.write(
                f"The {result.edition.year} edition is not published: publish it in the admin "
                "(Wellbeing index → Editions) or re-run with --publish to show it on the site."
            )
