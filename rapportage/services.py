"""Report runs: a coordinator (or an adviser, for their CMO) asks for a report; a Celery task
builds it once into HTML, PDF, XLSX and JSON. Building is idempotent: a run that is repeated
after a worker died overwrites its own files and ends ``klaar`` once."""

import calendar
import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import mag_rapport_aanvragen
from gemeenten.models import Organisatie, Provincie
from rapportage import inhoud as inhoud_module
from rapportage import weergave
from rapportage.models import Rapport
from rapportage.selectors import Afbakening

logger = logging.getLogger(__name__)


def periode_van(
    soort: str,
    *,
    peildatum: datetime.date | None = None,
    jaar: int | None = None,
    maand: int | None = None,
    kwartaal: int | None = None,
    vandaag: datetime.date | None = None,
) -> tuple[datetime.date, datetime.date]:
    """The first day and the peildatum of a report, or ValidationError in Dutch."""
    vandaag = vandaag or timezone.localdate()
    if soort == Rapport.Soort.EIND:
        if peildatum is None:
            raise ValidationError({"peildatum": "Kies een peildatum."})
        if peildatum > vandaag:
            raise ValidationError({"peildatum": "De peildatum ligt in de toekomst."})
        return datetime.date(2009, 1, 1) if peildatum.year >= 2009 else peildatum, peildatum
    if jaar is None or not 2000 <= jaar <= 2100:
        raise ValidationError({"jaar": "Kies een jaar."})
    if soort == Rapport.Soort.MAAND:
        if maand is None or not 1 <= maand <= 12:
            raise ValidationError({"maand": "Kies een maand van 1 tot en met 12."})
        van = datetime.date(jaar, maand, 1)
        tot = datetime.date(jaar, maand, calendar.monthrange(jaar, maand)[1])
    elif soort == Rapport.Soort.KWARTAAL:
        if kwartaal is None or not 1 <= kwartaal <= 4:
            raise ValidationError({"kwartaal": "Kies een kwartaal van 1 tot en met 4."})
        van = datetime.date(jaar, 3 * kwartaal - 2, 1)
        laatste = 3 * kwartaal
        tot = datetime.date(jaar, laatste, calendar.monthrange(jaar, laatste)[1])
    else:
        raise ValidationError({"soort": "Onbekende soort rapport."})
    if van > vandaag:
        raise ValidationError({"jaar": "Deze periode ligt in de toekomst."})
    return van, min(tot, vandaag)


def _vorige_start(soort: str, van: datetime.date) -> datetime.date:
    maanden = 1 if soort == Rapport.Soort.MAAND else 3
    jaar, maand = divmod(van.year * 12 + van.month - 1 - maanden, 12)
    return datetime.date(jaar, maand + 1, 1)


def inhoud_voor(soort: str, van: datetime.date, peildatum: datetime.date, afbakening: Afbakening):
    if soort == Rapport.Soort.EIND:
        return inhoud_module.eindrapportage(peildatum, afbakening)
    return inhoud_module.periode_rapportage(soort, van, peildatum, _vorige_start(soort, van), afbakening)


@transaction.atomic
def rapport_aanvragen(
    *,
    soort: str,
    door: User | None,
    provincie: Provincie | None = None,
    organisatie: Organisatie | None = None,
    **periode,
) -> Rapport:
    """Check the request, store it as ``wachtend`` and queue the build once the row is committed."""
    if provincie and organisatie:
        raise ValidationError({"provincie": "Kies een provincie óf een CMO, niet allebei."})
    if door is not None and not mag_rapport_aanvragen(door, organisatie=organisatie, provincie=provincie):
        raise PermissionDenied
    van, peildatum = periode_van(soort, **periode)
    rapport = Rapport(
        soort=soort,
        periode_van=van,
        peildatum=peildatum,
        provincie=provincie,
        organisatie=organisatie,
        aangevraagd_door=door,
    )
    rapport.full_clean()
    rapport.save()
    from rapportage.tasks import rapport_bouwen_task

    transaction.on_commit(lambda: rapport_bouwen_task.delay(rapport.pk))
    return rapport


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
