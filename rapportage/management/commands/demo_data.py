import time

from django.core.management.base import BaseCommand

from rapportage.demo import demo_data_bouwen
from rondes.demo import demo_rondes_bouwen


class Command(BaseCommand):
    help = "Bouwt een herhaalbaar demoprogramma 2009–2012 en de demorondes (alleen in een lege database)."

    def handle(self, *args, **options):
        start = time.monotonic()
        resultaat = demo_data_bouwen()
        if resultaat is None:
            self.stdout.write("Er staan al gegevens in de database; demodata niet opnieuw gebouwd.")
        else:
            self.stdout.write(
                f"Demoprogramma gebouwd in {time.monotonic() - start:.0f} s: {resultaat['adviseurs']} adviseurs, "
                f"{resultaat['metingen']} nulmetingen, {resultaat['gesprekken']} adviesgesprekken, "
                f"{resultaat['eenmetingen']} eenmetingen 2012."
            )
        if rondes := demo_rondes_bouwen():
            self.stdout.write(
                f"Demorondes: de nulmeting 2009 ({rondes['deelnemers_2009']} gemeenten) en een lopende eenmeting "
                f"met {rondes['uitnodigingen']} uitnodigingen en {rondes['eenmetingen']} ingediende eenmetingen; "
                f"{rondes['contactpersonen']} contactpersonen."
            )
