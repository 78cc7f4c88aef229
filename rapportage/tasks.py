import logging

from celery import shared_task

from rapportage.models import Rapport
from rapportage.services import rapport_bouwen

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


@shared_task(ignore_result=True)
def dashboardkaarten_tekenen(user_id: int, datum: str, tijdvak: int, seconden: int) -> None:
    """Draw one scope's dashboard maps for an interval, while its dashboards show the previous
    drawing (goedvoorelkaar.programmakaarten.dashboard_kaarten)."""
    import datetime

    from accounts.models import User
    from goedvoorelkaar.programmakaarten import dashboard_kaarten_opslaan

    user = User.objects.get(pk=user_id)
    dashboard_kaarten_opslaan(user, datetime.date.fromisoformat(datum), tijdvak, seconden)
