"""Building a report run once into HTML, PDF, XLSX and JSON. Building is idempotent: a run that is
repeated after a worker died overwrites its own files and ends ``klaar`` once. A run that fails
keeps no files and says why in Dutch (``reden``), with the technical error apart (``fout``)."""

import datetime
import logging

import kombu.exceptions
import redis.exceptions
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from rapportage import inhoud as inhoud_module
from rapportage import weergave
from rapportage.models import Rapport
from rapportage.selectors import Afbakening

logger = logging.getLogger(__name__)

BESTANDEN = ("html", "pdf", "xlsx")

# Failures that pass by themselves: the database or the broker unreachable for a while. The task
# retries these with back-off; the run stays ``bezig`` meanwhile.
TIJDELIJKE_FOUTEN = (
    OperationalError,
    InterfaceError,
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
TIJDELIJK_REDEN = (
    "De database of de wachtrij was niet bereikbaar, ook niet na een aantal nieuwe pogingen. "
    "Probeer het later opnieuw."
)
# The reason shown to the user, by the step that failed.
REDENEN = {
    "berekenen": "De cijfers van het rapport konden niet worden berekend.",
    "opmaken": "Het rapport kon niet worden opgemaakt als webpagina, PDF of Excel-bestand.",
    "opslaan": "De bestanden van het rapport konden niet worden opgeslagen.",
}


def _vorige_start(soort: str, van: datetime.date) -> datetime.date:
    maanden = 1 if soort == Rapport.Soort.MAAND else 3
    jaar, maand = divmod(van.year * 12 + van.month - 1 - maanden, 12)
    return datetime.date(jaar, maand + 1, 1)


def inhoud_voor(soort: str, van: datetime.date, peildatum: datetime.date, afbakening: Afbakening):
    if soort == Rapport.Soort.EIND:
        return inhoud_module.eindrapportage(peildatum, afbakening)
    return inhoud_module.periode_rapportage(soort, van, peildatum, _vorige_start(soort, van), afbakening)


def _pad(rapport: Rapport, veld: str) -> str:
    return f"rapporten/{rapport.pk}/{rapport.bestandsnaam}.{veld}"


def _bewaar(rapport: Rapport, veld: str, inhoud: bytes) -> None:
    """Store one file under a fixed name, replacing what an interrupted earlier attempt left."""
    bestand = getattr(rapport, veld)
    pad = _pad(rapport, veld)
    if bestand.storage.exists(pad):
        bestand.storage.delete(pad)
    bestand.save(f"{rapport.bestandsnaam}.{veld}", ContentFile(inhoud), save=False)


def _opruimen(rapport: Rapport) -> None:
    """Remove every file of the run, so a failed run keeps none; one that cannot go is logged."""
    for veld in BESTANDEN:
        opslag, pad = getattr(rapport, veld).storage, _pad(rapport, veld)
        try:
            if opslag.exists(pad):
                opslag.delete(pad)
        except OSError:
            logger.exception("Bestand %s van rapport %s kon niet worden verwijderd", pad, rapport.pk)


def rapport_mislukt(rapport_id: int, reden: str, fout: Exception) -> None:
    """Record that a run failed: the reason in Dutch, the technical error, and no files."""
    Rapport.objects.filter(pk=rapport_id).update(
        status=Rapport.Status.MISLUKT,
        reden=reden,
        fout=f"{fout.__class__.__name__}: {fout}"[:2000],
        cijfers=None,
        **dict.fromkeys(BESTANDEN, ""),
    )


def _starten(rapport_id: int) -> Rapport:
    with transaction.atomic():
        rapport = (
            Rapport.objects.select_for_update(of=("self",))
            .select_related("provincie", "organisatie")
            .get(pk=rapport_id)
        )
        if rapport.status == Rapport.Status.KLAAR:
            return rapport
        rapport.status = Rapport.Status.BEZIG
        rapport.gestart_op = timezone.now()
        rapport.pogingen += 1
        rapport.save(update_fields=["status", "gestart_op", "pogingen"])
    return rapport


def rapport_bouwen(rapport_id: int) -> Rapport:
    """Build a requested report. Returns at once when it is already ``klaar``. A failure removes
    the run's files and is raised again; unless it is transient (``TIJDELIJKE_FOUTEN``, which the
    task retries), the run is marked ``mislukt`` with the reason of the step that failed."""
    rapport = _starten(rapport_id)
    if rapport.status == Rapport.Status.KLAAR:
        return rapport
    stap = "berekenen"
    try:
        afbakening = Afbakening.maak(
            provincie=rapport.provincie,
            organisatie=rapport.organisatie,
            bekend_op=rapport.bekend_op,
            uiterlijk=rapport.aangevraagd_op,
        )
        inhoud = inhoud_voor(rapport.soort, rapport.periode_van, rapport.peildatum, afbakening)
        stap = "opmaken"
        bestanden = weergave.bestanden(inhoud, in_de_app=True)
        stap = "opslaan"
        for veld in BESTANDEN:
            _bewaar(rapport, veld, bestanden[veld])
        rapport.cijfers = inhoud.cijfers
        rapport.status = Rapport.Status.KLAAR
        rapport.klaar_op = timezone.now()
        rapport.reden = rapport.fout = ""
        rapport.save()
    except Exception as exc:
        logger.exception("Rapport %s mislukt bij %s", rapport_id, stap)
        _opruimen(rapport)
        if not isinstance(exc, TIJDELIJKE_FOUTEN):
            rapport_mislukt(rapport_id, REDENEN[stap], exc)
        raise
    return rapport
