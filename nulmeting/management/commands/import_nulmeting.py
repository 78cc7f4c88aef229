from django.core.management.base import CommandError

from nulmeting import selectors
from nulmeting.models import Vragenlijst
from nulmeting.uitwisseling import metingen_importeren
from toolkit.importeren import ImportCommando


class Command(ImportCommando):
    help = "Importeert ingediende metingen uit CSV of XLSX (formaat van nulmeting_sjabloon); alles of niets."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--vragenlijst", help="code; standaard de nieuwste nulmeting")

    def importeer(self, bestand, *, vragenlijst: str | None = None, **opties):
        lijst = (
            Vragenlijst.objects.filter(code=vragenlijst).first()
            if vragenlijst
            else selectors.actuele_nulmeting()
        )
        if lijst is None:
            raise CommandError("Geen vragenlijst gevonden; draai eerst manage.py vragenlijsten_laden.")
        return metingen_importeren(bestand, vragenlijst=lijst, door=None, naam=bestand.name)

    def gelukt(self, aantal: int) -> str:
        return f"{aantal} metingen geïmporteerd en gescoord."
