from django.core.management.base import BaseCommand

from rondes.tasks import herinneringen_versturen


class Command(BaseCommand):
    help = (
        "Plant en verstuurt de herinneringen van vandaag in alle open rondes, en hervat "
        "verzendingen die zijn blijven steken (wat Celery beat elke ochtend doet)."
    )

    def handle(self, *args, **options):
        hervat, opdrachten = herinneringen_versturen()
        aantal = sum(o.verzendingen.count() for o in opdrachten)
        self.stdout.write(
            f"{aantal} herinnering(en) in {len(opdrachten)} ronde(s); {hervat} verzending(en) hervat"
        )
