import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gemeenten.models import Provincie
from rapportage import bouwen, services, weergave
from rapportage.selectors import Afbakening


class Command(BaseCommand):
    help = "Maakt een maand-, kwartaal- of eindrapportage als html, pdf, xlsx of json."

    def add_arguments(self, parser):
        parser.add_argument("soort", choices=["maand", "kwartaal", "eind"])
        parser.add_argument("--peildatum", type=datetime.date.fromisoformat)
        parser.add_argument("--jaar", type=int)
        parser.add_argument("--maand", type=int)
        parser.add_argument("--kwartaal", type=int)
        parser.add_argument("--provincie", help="CBS-code (PV21) of naam van de provincie")
        parser.add_argument("--format", dest="formaat", choices=weergave.FORMATEN, required=True)
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args, soort, peildatum, jaar, maand, kwartaal, provincie, formaat, out, **options):
        gekozen = None
        if provincie:
            gekozen = (
                Provincie.objects.filter(cbs_code__iexact=provincie).first()
                or Provincie.objects.filter(naam__iexact=provincie).first()
            )
            if gekozen is None:
                raise CommandError(
                    f"Onbekende provincie '{provincie}'. Gebruik bijvoorbeeld PV21 of Friesland."
                )
        try:
            van, tot = services.periode_van(
                soort, peildatum=peildatum, jaar=jaar, maand=maand, kwartaal=kwartaal
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        inhoud = bouwen.inhoud_voor(soort, van, tot, Afbakening.maak(provincie=gekozen))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(weergave.bestanden(inhoud, formaten=(formaat,))[formaat])
        self.stdout.write(f"{inhoud.titel} ({inhoud.ondertitel}) geschreven naar {out}")
