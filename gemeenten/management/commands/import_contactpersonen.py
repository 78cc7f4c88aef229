from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gemeenten.services import contactpersonen_importeren
from toolkit.tabular import ImportFout


class Command(BaseCommand):
    help = "Importeert contactpersonen uit CSV of XLSX (kolommen cbs_code, naam, e-mail, functie)."

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)

    def handle(self, *args, bestand: Path, **options):
        try:
            telling = contactpersonen_importeren(bestand, bestand.name)
        except ImportFout as exc:
            raise CommandError("Niets geïmporteerd:\n" + "\n".join(str(f) for f in exc.fouten)) from exc
        self.stdout.write(f"{telling.nieuw} nieuw, {telling.gewijzigd} gewijzigd")
