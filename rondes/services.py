"""Rounds of a questionnaire, as their users act on them: opening, closing and reopening them,
inviting their municipalities in bulk, and pausing reminders for one municipality.

The mails themselves are planned and sent by ``rondes.verzending``, in the background
(``rondes.tasks``).
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import is_coordinator
from gemeenten.models import Gemeente
from nulmeting.models import Vragenlijst
from rondes.models import Deelnemer, Ronde, Verzending, Verzendopdracht
from rondes.permissions import mag_herinneringen_pauzeren
from rondes.tasks import verzendopdracht_task
from rondes.verzending import EERSTE_MAIL, S, nog_niet_ingediend, ontvangers_van

logger = logging.getLogger(__name__)


def _vereis_coordinator(user: User) -> None:
    if not is_coordinator(user):
        raise PermissionDenied


@transaction.atomic
def ronde_openen(
    *,
    vragenlijst: Vragenlijst,
    naam: str,
    opent_op: datetime.date,
    sluit_op: datetime.date,
    provincies=(),
    door: User,
    herinnering_na_dagen: int = 14,
    max_herinneringen: int = 2,
) -> Ronde:
    """Create a round; its target group is every municipality existing on ``opent_op``, in
    ``provincies`` when given. A municipality is in at most one round per questionnaire."""
    _vereis_coordinator(door)
    ronde = Ronde(
        vragenlijst=vragenlijst,
        naam=naam.strip(),
        opent_op=opent_op,
        sluit_op=sluit_op,
        herinnering_na_dagen=herinnering_na_dagen,
        max_herinneringen=max_herinneringen,
        aangemaakt_door=door,
    )
    if sluit_op and opent_op and sluit_op < opent_op:
        raise ValidationError({"sluit_op": "De ronde kan niet sluiten vóór ze opent."})
    ronde.full_clean()
    doelgroep = Gemeente.objects.bestaand_op(opent_op)
    if provincies:
        doelgroep = doelgroep.filter(provincie__in=provincies)
    _controleer_dubbel(vragenlijst, doelgroep)
    ronde.save()
    ronde.provincies.set(provincies)
    Deelnemer.objects.bulk_create(
        Deelnemer(ronde=ronde, gemeente_id=gemeente_id, vragenlijst=vragenlijst)
        for gemeente_id in doelgroep.values_list("pk", flat=True)
    )
    return ronde


def _controleer_dubbel(vragenlijst: Vragenlijst, doelgroep) -> None:
    al = list(
        Deelnemer.objects.filter(vragenlijst=vragenlijst, gemeente__in=doelgroep)
        .select_related("gemeente", "ronde")
        .order_by("gemeente__naam")
    )
    if al:
        namen = ", ".join(d.gemeente.naam for d in al[:5]) + (" …" if len(al) > 5 else "")
        raise ValidationError(
            {
                "provincies": f"{len(al)} gemeente(n) zitten voor deze vragenlijst al in ronde "
                f"'{al[0].ronde}': {namen}. Kies andere provincies of een andere vragenlijst."
            }
        )


@transaction.atomic
def ronde_sluiten(*, ronde: Ronde, door: User) -> Ronde:
    """Close a round now: reminders that have not gone out yet are cancelled at once."""
    _vereis_coordinator(door)
    ronde = Ronde.objects.select_for_update().get(pk=ronde.pk)
    if ronde.gesloten_op is not None:
        raise ValidationError("Deze ronde is al gesloten.")
    ronde.gesloten_op = timezone.now()
    ronde.save(update_fields=["gesloten_op"])
    ronde.verzendingen.filter(soort=Verzending.Soort.HERINNERING, status=S.WACHTEND).update(
        status=S.GEANNULEERD, reden="De ronde is gesloten."
    )
    return ronde


@transaction.atomic
def ronde_heropenen(*, ronde: Ronde, door: User, sluit_op: datetime.date) -> Ronde:
    """Open a closed round again until ``sluit_op``. Who was invited stays invited: the next bulk
    invitation only reaches addresses that were never mailed in this round."""
    _vereis_coordinator(door)
    ronde = Ronde.objects.select_for_update().get(pk=ronde.pk)
    if sluit_op is None or sluit_op < timezone.localdate():
        raise ValidationError({"sluit_op": "Kies een sluitingsdatum vanaf vandaag."})
    if sluit_op < ronde.opent_op:
        raise ValidationError({"sluit_op": "De ronde kan niet sluiten vóór ze opent."})
    ronde.gesloten_op = None
    ronde.sluit_op = sluit_op
    ronde.save(update_fields=["gesloten_op", "sluit_op"])
    return ronde


@transaction.atomic
def ronde_uitnodigen(*, ronde: Ronde, door: User, basis_url: str) -> Verzendopdracht:
    """Invite every municipality of the round that has no account yet (a personal link to each of
    its contacts) and tell those that do that the round is open. Addresses that were mailed in
    this round before are left out, so running it again reaches only new contacts."""
    _vereis_coordinator(door)
    ronde = Ronde.objects.select_for_update().get(pk=ronde.pk)
    vandaag = timezone.localdate()
    if ronde.is_gesloten:
        raise ValidationError("Deze ronde is gesloten; heropen haar eerst.")
    if ronde.opent_op > vandaag:
        raise ValidationError(f"Deze ronde opent pas op {ronde.opent_op:%d-%m-%Y}.")
    al_gemaild = set(ronde.verzendingen.filter(soort__in=EERSTE_MAIL).values_list("email", flat=True))
    ontvangers = [o for o in ontvangers_van(list(nog_niet_ingediend(ronde))) if o.email not in al_gemaild]
    if not ontvangers:
        raise ValidationError(
            "Er is niemand (meer) om uit te nodigen: elke gemeente zonder ingediende meting is al "
            "gemaild of heeft geen contactpersoon. Voeg contactpersonen toe en probeer het opnieuw."
        )
    opdracht = Verzendopdracht.objects.create(
        ronde=ronde, soort="uitnodiging", basis_url=basis_url, aangevraagd_door=door
    )
    Verzending.objects.bulk_create(
        [
            Verzending(
                ronde=ronde,
                deelnemer_id=o.deelnemer_id,
                opdracht=opdracht,
                soort=Verzending.Soort.AANKONDIGING if o.heeft_account else Verzending.Soort.UITNODIGING,
                email=o.email,
                naam=o.naam,
                heeft_account=o.heeft_account,
                dag=vandaag,
            )
            for o in ontvangers
        ],
        ignore_conflicts=True,  # a second click at the same moment adds nobody twice
    )
    _in_wachtrij(opdracht)
    return opdracht


def _in_wachtrij(opdracht: Verzendopdracht) -> None:
    transaction.on_commit(lambda: verzendopdracht_task.delay(opdracht.pk))


@transaction.atomic
def herinneringen_pauzeren(*, deelnemer: Deelnemer, door: User, pauzeren: bool) -> Deelnemer:
    """Pause (or resume) reminders for one municipality, e.g. while its adviser is in touch by phone."""
    if not mag_herinneringen_pauzeren(door, deelnemer.gemeente):
        raise PermissionDenied
    deelnemer = Deelnemer.objects.select_for_update().get(pk=deelnemer.pk)
    deelnemer.herinneringen_gepauzeerd = pauzeren
    deelnemer.gepauzeerd_op = timezone.now() if pauzeren else None
    deelnemer.gepauzeerd_door = door if pauzeren else None
    deelnemer.save(update_fields=["herinneringen_gepauzeerd", "gepauzeerd_op", "gepauzeerd_door"])
    if pauzeren:
        deelnemer.verzendingen.filter(soort=Verzending.Soort.HERINNERING, status=S.WACHTEND).update(
            status=S.GEANNULEERD, reden="Herinneringen gepauzeerd."
        )
    return deelnemer
