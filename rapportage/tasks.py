import logging

from celery import shared_task

from rapportage.bouwen import TIJDELIJK_REDEN, TIJDELIJKE_FOUTEN, rapport_bouwen, rapport_mislukt
from rapportage.models import Rapport
from rapportage.planning import (
    gepland_rapport_melden,
    geplande_rapporten_maken,
    opnieuw_in_wachtrij_gezet,
    wachtende_rapporten,
)
from toolkit.wachtrij import in_wachtrij

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TIJDELIJKE_FOUTEN,
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=5,
)
def rapport_bouwen_task(self, rapport_id: int) -> str:
    """Thin: load and build. Acknowledged late, so a run whose worker dies is delivered again.
    A transient failure (database or broker unreachable) is retried with back-off, 5, 10, 20, …
    seconds at most (jittered); the run stays ``bezig`` until the last attempt fails, then it is
    ``mislukt``. Any other failure is recorded on the run as ``mislukt`` at once."""
    try:
        rapport = rapport_bouwen(rapport_id)
    except TIJDELIJKE_FOUTEN as exc:
        if self.request.retries < self.max_retries:
            raise  # retried by ``autoretry_for``
        rapport_mislukt(rapport_id, TIJDELIJK_REDEN, exc)
        return Rapport.Status.MISLUKT
    except Exception:  # noqa: BLE001 - recorded on the Rapport row by rapport_bouwen
        logger.exception("Rapport %s kon niet worden gemaakt", rapport_id)
        return Rapport.Status.MISLUKT
    try:
        gepland_rapport_melden(rapport)
    except Exception:  # noqa: BLE001 - the report is made; a mail that fails is logged, not retried
        logger.exception("De mail over gepland rapport %s kon niet worden verstuurd", rapport_id)
    return rapport.status


@shared_task(acks_late=True)
def geplande_rapporten_task() -> int:
    """Celery beat, every morning: store the scheduled reports that are due (a missed day is
    caught up, none is made twice) and queue their builds one by one."""
    gemaakt = geplande_rapporten_maken()
    for rapport in gemaakt:
        in_wachtrij(rapport_bouwen_task, rapport.pk)
    return len(gemaakt)


@shared_task(acks_late=True)
def wachtende_rapporten_task() -> int:
    """Celery beat, every quarter of an hour: queue again the runs still ``wachtend`` well after
    they were requested — their task was never queued (the broker was away) or was lost."""
    opnieuw = 0
    for pk in wachtende_rapporten():
        if in_wachtrij(rapport_bouwen_task, pk):
            opnieuw_in_wachtrij_gezet(pk)
            opnieuw += 1
    return opnieuw
