import datetime

from celery import shared_task

from importen.services import (
    afgebroken_importruns_afsluiten,
    importrun_uitvoeren,
    oude_importruns_opruimen,
    wachtende_importruns,
)
from toolkit.wachtrij import in_wachtrij

WACHT_HOOGSTENS = datetime.timedelta(minutes=15)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def importrun_uitvoeren_task(run_id: int) -> None:
    importrun_uitvoeren(run_id)


@shared_task
def importruns_bijhouden_task() -> dict:
    """Queue the runs that waited too long, close those whose worker died, remove old ones."""
    opnieuw = [
        pk for pk in wachtende_importruns(WACHT_HOOGSTENS) if in_wachtrij(importrun_uitvoeren_task, pk)
    ]
    return {
        "opnieuw_in_wachtrij": len(opnieuw),
        "afgebroken": afgebroken_importruns_afsluiten(),
        "opgeruimd": oude_importruns_opruimen(),
    }
