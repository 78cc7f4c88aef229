from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nulmeting import selectors, uitwisseling
from nulmeting.models import Vragenlijst
from toolkit.export import csv_bytes


class Command(BaseCommand):
    help = (
        "Schrijft antwoorden.csv (sjabloon) en vragen.csv (vragen, waarden, punten, drempels) naar een map."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--vragenlijst", help="code; standaard de nieuwste nulmeting")

    def handle(self, *args, out: Path, vragenlijst: str | None, **options):
        lijst = (
            Vragenlijst.objects.filter(code=vragenlijst).first()
            if vragenlijst
            else selectors.actuele_nulmeting()
        )
        if lijst is None:
            raise CommandError("Geen vragenlijst gevonden; draai eerst manage.py vragenlijsten_laden.")
        out.mkdir(parents=True, exist_ok=True)
        (out / "antwoorden.csv").write_bytes(csv_bytes(uitwisseling.antwoorden_kolommen(lijst), []))
        (out / "vragen.csv").write_bytes(
            csv_bytes(uitwisseling.vragen_kolommen(), uitwisseling.vragen_rijen(lijst))
        )
        self.stdout.write(f"Geschreven: {out / 'antwoorden.csv'} en {out / 'vragen.csv'}")
