import logging

from celery import shared_task

from rapportage.bouwen import rapport_bouwen
from rapportage.models import Rapport

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def rapport_bouwen_task(rapport_id: int) -> str:
    """Thin: load and build. Acknowledged late, so a run whose worker dies is delivered again.
    A build that fails is recorded on the run as ``mislukt`` with its error; it is not retried."""
    try:
        return rapport_bouwen(rapport_id).status
    except Exception:  # noqa: BLE001 - recorded on the Rapport row by the service
        logger.exception("Rapport %s kon niet worden gemaakt", rapport_id)
        return Rapport.Status.MISLUKT
