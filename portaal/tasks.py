import datetime

from celery import shared_task

from accounts.models import User
from portaal.kaarten import dashboard_kaarten_opslaan
from portaal.persoonsgegevens import contactgegevens_opschonen


@shared_task(ignore_result=True)
def dashboardkaarten_tekenen(user_id: int, datum: str, tijdvak: int, seconden: int) -> None:
    """Draw one scope's dashboard maps for an interval, while its dashboards show the previous
    drawing (``portaal.dashboard.dashboard_kaarten``)."""
    user = User.objects.get(pk=user_id)
    dashboard_kaarten_opslaan(user, datetime.date.fromisoformat(datum), tijdvak, seconden)


@shared_task
def contactgegevens_opschonen_task() -> int:
    """Daily: contacts and the addresses rounds mailed them at go once the programme has ended for
    the configured time."""
    return contactgegevens_opschonen()
