"""Report runs: a coordinator (or an adviser, for their CMO) asks for a report, which is checked,
stored as ``wachtend`` and queued; a Celery task builds it (``rapportage.bouwen``). A run that
failed can be queued again by whoever may request it."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.audit import Actie, vastleggen
from accounts.models import User
from gemeenten.models import Organisatie, Provincie
from gemeenten.programma import PROGRAMMA_START, VANAF_BEGIN
from rapportage.models import Rapport
from rapportage.permissions import mag_rapport_aanvragen, mag_rapport_opnieuw_proberen
from rapportage.tasks import rapport_bouwen_task
from toolkit.wachtrij import na_commit_in_wachtrij


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
            raise ValidationError(
                {"peildatum": "Vul bij Peildatum de dag in waarop het rapport de stand opmaakt."}
            )
        if peildatum > vandaag:
            raise ValidationError(
                {"peildatum": "De peildatum ligt in de toekomst: kies vandaag of een eerdere dag."}
            )
        try:
            VANAF_BEGIN(peildatum)
        except ValidationError as fout:
            raise ValidationError({"peildatum": fout.messages}) from None
        return PROGRAMMA_START, peildatum
    if jaar is None or not 2000 <= jaar <= 2100:
        raise ValidationError({"jaar": "Vul bij Jaar het jaar van de periode in, bijvoorbeeld 2011."})
    if jaar < PROGRAMMA_START.year:
        raise ValidationError(
            {
                "jaar": f"Deze periode ligt vóór het programma: vul bij Jaar {PROGRAMMA_START.year} of later in."
            }
        )
    if soort == Rapport.Soort.MAAND:
        if maand is None or not 1 <= maand <= 12:
            raise ValidationError({"maand": "Kies bij Maand de maand van het rapport."})
        van = datetime.date(jaar, maand, 1)
        tot = datetime.date(jaar, maand, calendar.monthrange(jaar, maand)[1])
    elif soort == Rapport.Soort.KWARTAAL:
        if kwartaal is None or not 1 <= kwartaal <= 4:
            raise ValidationError(
                {"kwartaal": "Kies bij Kwartaal het kwartaal van het rapport (K1 tot en met K4)."}
            )
        van = datetime.date(jaar, 3 * kwartaal - 2, 1)
        laatste = 3 * kwartaal
        tot = datetime.date(jaar, laatste, calendar.monthrange(jaar, laatste)[1])
    else:
        raise ValidationError({"soort": "Onbekende soort rapport."})
    if van > vandaag:
        raise ValidationError(
            {
                "jaar": "Deze periode ligt in de toekomst: kies een eerder jaar of een eerdere maand of kwartaal."
            }
        )
    return van, min(tot, vandaag)


@transaction.atomic
def rapport_aanvragen(
    *,
    soort: str,
    door: User | None,
    provincie: Provincie | None = None,
    organisatie: Organisatie | None = None,
    lezing: str = Rapport.Lezing.ZOALS_BEKEND,
    **periode,
) -> Rapport:
    """Check the request, store it as ``wachtend`` and queue the build once the row is committed.
    With ``lezing`` 'met latere correcties' the report counts what is known now (the moment of the
    request, kept so a retry builds the same report)."""
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
        lezing=lezing,
        bekend_op=timezone.now() if lezing == Rapport.Lezing.MET_CORRECTIES else None,
    )
    rapport.full_clean()
    rapport.save()
    vastleggen(
        Actie.AANGEMAAKT, gebruiker=door, object=rapport, toelichting="" if door else "volgens de planning"
    )
    na_commit_in_wachtrij(rapport_bouwen_task, rapport.pk)
    return rapport


@transaction.atomic
def rapport_opnieuw_proberen(*, rapport: Rapport, door: User) -> Rapport:
    """Queue a failed run again, as it was requested: ``wachtend``, without its error."""
    if not mag_rapport_opnieuw_proberen(door, rapport):
        raise PermissionDenied
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    if rapport.status != Rapport.Status.MISLUKT:
        raise ValidationError("Alleen een mislukt rapport kan opnieuw worden geprobeerd.")
    rapport.status = Rapport.Status.WACHTEND
    rapport.reden = rapport.fout = ""
    rapport.gestart_op = None
    rapport.wachtend_sinds = timezone.now()
    rapport.save(update_fields=["status", "reden", "fout", "gestart_op", "wachtend_sinds"])
    na_commit_in_wachtrij(rapport_bouwen_task, rapport.pk)
    return rapport
