from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advies.uitwisseling import gesprekken_importeren
from toolkit.tabular import ImportFout


class Command(BaseCommand):
    help = "Importeert historische adviesgesprekken uit CSV of XLSX (zie docs/importformaten.md); alles of niets."

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)

    def handle(self, *args, bestand: Path, **options):
        try:
            aantal = gesprekken_importeren(bestand, naam=bestand.name)
        except ImportFout as exc:
            raise CommandError("Niets geïmporteerd:\n" + "\n".join(str(f) for f in exc.fouten)) from exc
        self.stdout.write(f"{aantal} adviesgesprekken geïmporteerd.")
