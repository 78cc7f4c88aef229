from django.core.management.base import BaseCommand

from gemeenten.services import contacten_verwijderen_vanaf, contactpersonen_opschonen


class Command(BaseCommand):
    help = "Verwijdert de contactpersonen van gemeenten als het programma lang genoeg voorbij is (AVG)."

    def handle(self, *args, **options):
        vanaf = contacten_verwijderen_vanaf()
        if vanaf is None:
            self.stdout.write(
                "Er is geen einddatum van het programma ingesteld (PROGRAMMA_EINDE); niets verwijderd."
            )
            return
        aantal = contactpersonen_opschonen()
        self.stdout.write(
            f"{aantal} contactpersonen verwijderd (vanaf {vanaf:%d-%m-%Y} worden ze niet bewaard)."
        )
