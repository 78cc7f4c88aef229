"""Building a report run once into HTML, PDF, XLSX and JSON. Building is idempotent: a run that is
repeated after a worker died overwrites its own files and ends ``klaar`` once."""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from rapportage import inhoud as inhoud_module
from rapportage import weergave
from rapportage.models import Rapport
from rapportage.selectors import Afbakening

logger = logging.getLogger(__name__)


def _vorige_start(soort: str, van: datetime.date) -> datetime.date:
    maanden = 1 if soort == Rapport.Soort.MAAND else 3
    jaar, maand = divmod(van.year * 12 + van.month - 1 - maanden, 12)
    return datetime.date(jaar, maand + 1, 1)


def inhoud_voor(soort: str, van: datetime.date, peildatum: datetime.date, afbakening: Afbakening):
    if soort == Rapport.Soort.EIND:
        return inhoud_module.eindrapportage(peildatum, afbakening)
    return inhoud_module.periode_rapportage(soort, van, peildatum, _vorige_start(soort, van), afbakening)


def _bewaar(rapport: Rapport, veld: str, inhoud: bytes) -> None:
    """Store one file under a fixed name, replacing what an interrupted earlier attempt left."""
    bestand = getattr(rapport, veld)
    naam = f"{rapport.bestandsnaam}.{veld}"
    pad = f"rapporten/{rapport.pk}/{naam}"
    if bestand.storage.exists(pad):
        bestand.storage.delete(pad)
    bestand.save(naam, ContentFile(inhoud), save=False)


def rapport_bouwen(rapport_id: int) -> Rapport:
    """Build a requested report. Returns at once when it is already ``klaar``."""
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
    try:
        afbakening = Afbakening.maak(provincie=rapport.provincie, organisatie=rapport.organisatie)
        inhoud = inhoud_voor(rapport.soort, rapport.periode_van, rapport.peildatum, afbakening)
        bestanden = weergave.bestanden(inhoud)
        for veld in ("html", "pdf", "xlsx"):
            _bewaar(rapport, veld, bestanden[veld])
        rapport.cijfers = inhoud.cijfers
        rapport.status = Rapport.Status.KLAAR
        rapport.klaar_op = timezone.now()
        rapport.fout = ""
        rapport.save()
    except Exception as exc:
        logger.exception("Rapport %s mislukt", rapport_id)
        Rapport.objects.filter(pk=rapport_id).update(
            status=Rapport.Status.MISLUKT, fout=f"{exc.__class__.__name__}: {exc}"[:2000]
        )
        raise
    return rapport
