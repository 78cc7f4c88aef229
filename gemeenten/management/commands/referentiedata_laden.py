from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gemeenten.services import DATA_DIR, referentiedata_laden
from toolkit.tabular import ImportFout


class Command(BaseCommand):
    help = "Laadt provincies, gemeenten (2009 en 2012), herindelingen en CMO's. Twee keer draaien verandert niets."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)

    def handle(self, *args, data_dir: Path, **options):
        try:
            tellingen = referentiedata_laden(data_dir)
        except ImportFout as exc:
            raise CommandError(f"Niets geladen:\n{exc}") from exc
        for soort, telling in tellingen.items():
            self.stdout.write(f"{soort}: {telling.nieuw} nieuw, {telling.gewijzigd} gewijzigd")
