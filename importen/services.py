"""Queued imports: storing an upload as a run, running it in a worker, and tidying up runs.

A run is claimed once (``wachtend`` → ``bezig``) and never run twice: an import stores new rows,
so a second attempt at a run that may have stored them is not safe. A run whose worker died is
``bezig`` for good; the sweep marks it failed once it has outlived the task time limit — its one
transaction was rolled back with the worker, so nothing of it was stored.
"""

import datetime
import io
import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from importen.models import Importrun
from importen.soorten import importsoort
from toolkit.tabular import ImportFout

logger = logging.getLogger(__name__)

NIETS_OPGESLAGEN = "Er is niets opgeslagen."
TE_LANG = (
    f"De import duurde te lang en is afgebroken. {NIETS_OPGESLAGEN} Splits het bestand in kleinere delen."
)
ONVERWACHT = f"Er ging iets mis bij het importeren. {NIETS_OPGESLAGEN} Probeer het later opnieuw."
MELD_ELKE = 100  # rows checked between two updates of a run's progress


@transaction.atomic
def importrun_aanmaken(
    *, soort: str, bestand, door, opties: dict, titel: str, terug_naar: str, verder_naar: str
) -> Importrun:
    return Importrun.objects.create(
        soort=soort,
        titel=titel[:120],
        verder_naar=verder_naar,
        opties=opties,
        bestandsnaam=bestand.name[:255],
        inhoud=_inhoud(bestand),
        door=door,
        terug_naar=terug_naar,
    )


def _inhoud(bestand) -> bytes:
    bestand.seek(0)
    return bestand.read()


def importrun_uitvoeren(run_id: int) -> None:
    """Run a waiting import to its end: stored, or refused with its problems; the file is dropped."""
    if not Importrun.objects.filter(pk=run_id, status=Importrun.Status.WACHTEND).update(
        status=Importrun.Status.BEZIG, gestart_op=timezone.now()
    ):
        return  # already run, or being run
    run = Importrun.objects.select_related("door").get(pk=run_id)
    soort = importsoort(run.soort)
    try:
        resultaat = soort.uitvoeren(
            io.BytesIO(bytes(run.inhoud)),
            run.bestandsnaam,
            door=run.door,
            voortgang=voortgang_melder(run_id),
            **run.opties,
        )
    except ImportFout as exc:
        _afsluiten(run_id, Importrun.Status.MISLUKT, fouten=[str(f) for f in exc.fouten], aantal=exc.totaal)
    except SoftTimeLimitExceeded:
        _afsluiten(run_id, Importrun.Status.MISLUKT, uitkomst=TE_LANG)
    except Exception:
        _afsluiten(run_id, Importrun.Status.MISLUKT, uitkomst=ONVERWACHT)
        raise
    else:
        _afsluiten(run_id, Importrun.Status.GELUKT, uitkomst=soort.gelukt(resultaat))


def voortgang_melder(run_id: int):
    """Record how far the pipeline got. Called outside its storing transaction, so the page sees
    each step as soon as it is made."""

    def voortgang(fase: str, verwerkt: int = 0, totaal: int = 0) -> None:
        if fase == Importrun.Fase.CONTROLEREN and verwerkt % MELD_ELKE and verwerkt != totaal:
            return
        Importrun.objects.filter(pk=run_id).update(fase=fase, verwerkt=verwerkt, totaal=totaal)

    return voortgang


def _afsluiten(run_id: int, status: str, *, fouten=(), aantal: int = 0, uitkomst: str = "") -> None:
    Importrun.objects.filter(pk=run_id).update(
        status=status,
        fouten=list(fouten),
        aantal_fouten=aantal,
        uitkomst=uitkomst,
        inhoud=b"",
        klaar_op=timezone.now(),
    )


def wachtende_importruns(ouder_dan: datetime.timedelta) -> list[int]:
    """The runs still waiting after ``ouder_dan``: never queued (the broker was away) or lost."""
    grens = timezone.now() - ouder_dan
    return list(
        Importrun.objects.filter(status=Importrun.Status.WACHTEND, aangemaakt_op__lt=grens).values_list(
            "pk", flat=True
        )
    )


def afgebroken_importruns_afsluiten() -> int:
    """Mark failed the runs ``bezig`` for longer than a task may take: their worker died."""
    grens = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    return Importrun.objects.filter(status=Importrun.Status.BEZIG, gestart_op__lt=grens).update(
        status=Importrun.Status.MISLUKT, uitkomst=TE_LANG, inhoud=b"", klaar_op=timezone.now()
    )


def oude_importruns_opruimen() -> int:
    """Remove finished runs after ``IMPORTRUNS_BEWAREN_DAGEN``: their problems quote the file."""
    grens = timezone.now() - datetime.timedelta(days=settings.IMPORTRUNS_BEWAREN_DAGEN)
    verwijderd, _ = Importrun.objects.filter(klaar_op__lt=grens).delete()
    return verwijderd
