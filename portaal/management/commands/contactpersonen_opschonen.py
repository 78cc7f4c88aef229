from django.core.management.base import BaseCommand

from gemeenten.services import contacten_verwijderen_vanaf, contactgegevens_verlopen
from portaal.persoonsgegevens import contactgegevens_opschonen


class Command(BaseCommand):
    help = (
        "Verwijdert de contactpersonen van gemeenten en de adressen waarop rondes hen mailden, "
        "als het programma lang genoeg voorbij is (AVG)."
    )

    def handle(self, *args, **options):
        vanaf = contacten_verwijderen_vanaf()
        if vanaf is None:
            self.stdout.write(
                "Er is geen einddatum van het programma ingesteld (PROGRAMMA_EINDE); niets verwijderd."
            )
            return
        if not contactgegevens_verlopen():
            self.stdout.write(f"Niets verwijderd: de contactgegevens worden bewaard tot {vanaf:%d-%m-%Y}.")
            return
        aantal = contactgegevens_opschonen()
        self.stdout.write(
            f"{aantal} contactpersonen verwijderd en de adressen in het verzendlog vervangen "
            f"(vanaf {vanaf:%d-%m-%Y} worden ze niet bewaard)."
        )
