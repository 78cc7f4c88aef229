import time

from django.core.management.base import BaseCommand

from rapportage.demo import demo_data_bouwen


class Command(BaseCommand):
    help = "Bouwt een herhaalbaar demoprogramma 2009–2012 (alleen in een lege database)."

    def handle(self, *args, **options):
        start = time.monotonic()
        resultaat = demo_data_bouwen()
        if resultaat is None:
            self.stdout.write("Er staan al gegevens in de database; demodata niet opnieuw gebouwd.")
            return
        self.stdout.write(
            f"Demoprogramma gebouwd in {time.monotonic() - start:.0f} s: {resultaat['adviseurs']} adviseurs, "
            f"{resultaat['metingen']} nulmetingen, {resultaat['gesprekken']} adviesgesprekken."
        )
