import logging

from celery import shared_task
from django.db import transaction

from rondes.models import Verzendopdracht
from rondes.verzending import (
    MailserverOnbereikbaar,
    herinneringen_plannen,
    onderbroken_opdrachten,
    verzendopdracht_uitvoeren,
)
from toolkit.wachtrij import in_wachtrij, na_commit_in_wachtrij

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=24, default_retry_delay=300)
def verzendopdracht_task(self, opdracht_id: int) -> str:
    """Thin: send a run's mails. Acknowledged late, so a run whose worker dies is delivered again;
    while the mail server is unreachable it is retried every five minutes for two hours."""
    try:
        return verzendopdracht_uitvoeren(opdracht_id).status
    except MailserverOnbereikbaar as exc:
        logger.warning("Verzendopdracht %s wacht op de mailserver: %s", opdracht_id, exc)
        if self.request.is_eager:  # in-process (make run): the daily run picks it up again
            return Verzendopdracht.Status.BEZIG
        raise self.retry(exc=exc) from exc


def herinneringen_versturen() -> tuple[int, list[Verzendopdracht]]:
    """Queue again the runs that stopped, then plan today's reminders and queue them once the plan
    is stored. Returns the number of runs resumed and the reminder runs planned."""
    hervat = onderbroken_opdrachten()
    for pk in hervat:
        in_wachtrij(verzendopdracht_task, pk)
    with transaction.atomic():
        opdrachten = herinneringen_plannen()
        for opdracht in opdrachten:
            na_commit_in_wachtrij(verzendopdracht_task, opdracht.pk)
    return len(hervat), opdrachten


@shared_task
def herinneringen_versturen_task() -> int:
    """Daily (Celery beat): resume runs that stopped, then plan and queue today's reminders."""
    return len(herinneringen_versturen()[1])
