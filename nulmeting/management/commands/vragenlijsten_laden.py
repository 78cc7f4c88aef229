from django.core.management.base import BaseCommand, CommandError

from nulmeting.services import VragenlijstVergrendeld, vragenlijsten_laden


class Command(BaseCommand):
    help = "Laadt de vragenlijsten uit nulmeting/definities/. Een ingevulde vragenlijst verandert niet meer."

    def handle(self, *args, **options):
        try:
            resultaat = vragenlijsten_laden()
        except VragenlijstVergrendeld as exc:
            raise CommandError(str(exc)) from exc
        for vragenlijst, gewijzigd in resultaat:
            self.stdout.write(f"{vragenlijst.code}: {'geladen' if gewijzigd else 'ongewijzigd'}")
