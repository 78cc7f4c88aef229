from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nulmeting import selectors
from nulmeting.models import Vragenlijst
from nulmeting.uitwisseling import metingen_importeren
from toolkit.tabular import ImportFout


class Command(BaseCommand):
    help = "Importeert ingediende metingen uit CSV of XLSX (formaat van nulmeting_sjabloon); alles of niets."

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)
        parser.add_argument("--vragenlijst", help="code; standaard de nieuwste nulmeting")

    def handle(self, *args, bestand: Path, vragenlijst: str | None, **options):
        lijst = (
            Vragenlijst.objects.filter(code=vragenlijst).first()
            if vragenlijst
            else selectors.actuele_nulmeting()
        )
        if lijst is None:
            raise CommandError("Geen vragenlijst gevonden; draai eerst manage.py vragenlijsten_laden.")
        try:
            aantal = metingen_importeren(bestand, vragenlijst=lijst, door=None, naam=bestand.name)
        except ImportFout as exc:
            raise CommandError("Niets geïmporteerd:\n" + "\n".join(str(f) for f in exc.fouten)) from exc
        self.stdout.write(f"{aantal} metingen geïmporteerd en gescoord.")
