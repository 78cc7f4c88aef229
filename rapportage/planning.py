"""Reports made by themselves: Celery beat asks every morning (``geplande_rapporten_task``) for the
national monthly report of the month that ended and the quarterly report of the quarter that ended,
and each CMO's. A day the beat was down is caught up on the next run; a report is never made twice
(a unique constraint per kind, period and CMO). A coordinator switches a kind on or off
(``Planning``). When a scheduled report is ready its readers get a mail with the link, once:
the coordinators for the national report, the CMO's advisers for their CMO's."""

import calendar
import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.audit import Actie, vastleggen
from accounts.models import User
from gemeenten.models import Organisatie
from rapportage.models import Planning, Rapport
from rapportage.permissions import mag_planning_wijzigen
from toolkit.mail import bericht

logger = logging.getLogger(__name__)

MAANDEN_PER_PERIODE = {Rapport.Soort.MAAND: 1, Rapport.Soort.KWARTAAL: 3}


def planningen() -> list[tuple[str, str, bool]]:
    """(kind, its name, switched on) for every kind that can be scheduled, in one query; a kind
    never switched is on."""
    actief = dict(Planning.objects.values_list("soort", "actief"))
    return [(soort, Rapport.Soort(soort).label, actief.get(soort, True)) for soort in MAANDEN_PER_PERIODE]


def planning_van(soort: str, vandaag: datetime.date | None = None) -> Planning:
    """The schedule of a kind; on first use switched on from today."""
    planning, _ = Planning.objects.get_or_create(
        soort=soort, defaults={"vanaf": vandaag or timezone.localdate()}
    )
    return planning


@transaction.atomic
def planning_wijzigen(*, soort: str, actief: bool, door: User) -> Planning:
    """Switch a kind on or off. Switched on again, it makes no report of a period that ended while
    it was off."""
    if not mag_planning_wijzigen(door):
        raise PermissionDenied
    planning = Planning.objects.select_for_update().filter(pk=planning_van(soort).pk).get()
    if actief and not planning.actief:
        planning.vanaf = timezone.localdate()
    planning.actief = actief
    planning.gewijzigd_door, planning.gewijzigd_op = door, timezone.now()
    planning.full_clean()
    planning.save()
    vastleggen(Actie.GEWIJZIGD, gebruiker=door, object=planning)
    return planning


def _periodes_verschenen(soort: str, vanaf: datetime.date, vandaag: datetime.date) -> list[datetime.date]:
    """The first days of the periods of ``soort`` that ended and became due (the day after their
    end) from ``vanaf`` to ``vandaag``."""
    stap = MAANDEN_PER_PERIODE[soort]
    uitkomst = []
    jaar, maand = vanaf.year, vanaf.month
    # The period due on or after ``vanaf`` ends on the day before a period start on or after it.
    index = jaar * 12 + maand - 1
    index -= index % stap  # the start of the period that holds ``vanaf``
    if datetime.date(index // 12, index % 12 + 1, 1) < vanaf:
        index += stap
    while True:
        verschijnt = datetime.date(index // 12, index % 12 + 1, 1)
        if verschijnt > vandaag:
            return uitkomst
        begin = index - stap
        uitkomst.append(datetime.date(begin // 12, begin % 12 + 1, 1))
        index += stap


def _einde(soort: str, van: datetime.date) -> datetime.date:
    laatste = van.month + MAANDEN_PER_PERIODE[soort] - 1
    return datetime.date(van.year, laatste, calendar.monthrange(van.year, laatste)[1])


def _inplannen(soort: str, van: datetime.date, organisatie: Organisatie | None) -> Rapport | None:
    """Store one scheduled report as ``wachtend``; None when another run stored it meanwhile."""
    try:
        with transaction.atomic():
            return Rapport.objects.create(
                soort=soort,
                periode_van=van,
                peildatum=_einde(soort, van),
                organisatie=organisatie,
                gepland=True,
            )
    except IntegrityError:
        return None


def geplande_rapporten_maken(vandaag: datetime.date | None = None) -> list[Rapport]:
    """Store every scheduled report that is due and not yet stored: per switched-on kind, each
    period due since the kind was switched on, for the country and for each CMO. The caller
    (``geplande_rapporten_task``) queues their builds."""
    vandaag = vandaag or timezone.localdate()
    gemaakt = []
    cmos = list(Organisatie.objects.order_by("naam"))
    for soort in MAANDEN_PER_PERIODE:
        planning = planning_van(soort, vandaag)
        if not planning.actief:
            continue
        bestaand = set(
            Rapport.objects.filter(soort=soort, gepland=True, provincie=None).values_list(
                "periode_van", "organisatie_id"
            )
        )
        for van in _periodes_verschenen(soort, planning.vanaf, vandaag):
            for organisatie in [None, *cmos]:
                if (van, organisatie and organisatie.pk) in bestaand:
                    continue
                if rapport := _inplannen(soort, van, organisatie):
                    gemaakt.append(rapport)
    return gemaakt


def ontvangers(rapport: Rapport) -> list[str]:
    """Who hears that a scheduled report is ready: the CMO's active advisers for a CMO's report,
    the active coordinators for the national one."""
    if rapport.organisatie_id:
        lezers = User.objects.filter(rol=User.Rol.ADVISEUR, organisatie_id=rapport.organisatie_id)
    else:
        lezers = User.objects.filter(rol=User.Rol.COORDINATOR)
    return list(lezers.filter(is_active=True).order_by("email").values_list("email", flat=True))


def gepland_rapport_melden(rapport: Rapport) -> int:
    """Mail the readers of a scheduled report that is ready, once: the run is marked ``gemeld_op``
    first, so a repeated call sends nothing. Returns the number of mails sent."""
    if not rapport.gepland or rapport.status != Rapport.Status.KLAAR:
        return 0
    if not Rapport.objects.filter(pk=rapport.pk, gemeld_op__isnull=True).update(gemeld_op=timezone.now()):
        return 0
    link = settings.SITE_URL.rstrip("/") + reverse("rapportage:detail", args=[rapport.pk])
    adressen = ontvangers(rapport)
    for adres in adressen:
        bericht(
            onderwerp=f"{rapport} staat klaar",
            template="rapportage/email/gepland_klaar",
            context={"rapport": rapport, "link": link},
            aan=adres,
        ).send()
    return len(adressen)


# A run waits this long before the sweep queues it again: far longer than a queue normally takes
# to reach it, so a run already on its way is rarely queued twice (and building twice is harmless).
WACHTEND_TE_LANG = datetime.timedelta(minutes=15)


def wachtende_rapporten() -> list[int]:
    """The runs still ``wachtend`` well after they were requested, retried or last queued."""
    return list(
        Rapport.objects.filter(
            status=Rapport.Status.WACHTEND, wachtend_sinds__lt=timezone.now() - WACHTEND_TE_LANG
        ).values_list("pk", flat=True)
    )


def opnieuw_in_wachtrij_gezet(rapport_id: int) -> None:
    """A swept run was queued again: it waits from now on."""
    Rapport.objects.filter(pk=rapport_id, status=Rapport.Status.WACHTEND).update(
        wachtend_sinds=timezone.now()
    )
