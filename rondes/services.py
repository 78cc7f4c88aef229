"""Rounds of a questionnaire, as their users act on them: opening, closing and reopening them,
inviting their municipalities in bulk, sending failed or in-doubt invitations again, and pausing
reminders for one municipality.

The mails themselves are planned and sent by ``rondes.verzending``, in the background
(``rondes.tasks``). Every action here is recorded in the audit trail (decision 0021).
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.audit import Actie, vastleggen
from accounts.models import User
from accounts.permissions import is_coordinator
from gemeenten.models import Gemeente
from nulmeting.models import Vragenlijst
from rondes.models import Deelnemer, Ronde, Verzending, Verzendopdracht
from rondes.permissions import mag_herinneringen_pauzeren, mag_opnieuw_versturen
from rondes.tasks import verzendopdracht_task
from rondes.verzending import EERSTE_MAIL, Ontvanger, S, nog_niet_ingediend, ontvangers_van
from toolkit.datums import datum_tekst
from toolkit.wachtrij import na_commit_in_wachtrij

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
    vastgelegd_op: datetime.datetime | None = None,
) -> Ronde:
    """Create a round; its target group is every municipality existing on ``opent_op``, in
    ``provincies`` when given. A municipality is in at most one round per questionnaire.
    ``vastgelegd_op`` dates the round and its first version when it is known from before the
    product (the demo programme's 2009 round); default now."""
    _vereis_coordinator(door)
    ronde = Ronde(
        vragenlijst=vragenlijst,
        naam=naam.strip(),
        opent_op=opent_op,
        sluit_op=sluit_op,
        herinnering_na_dagen=herinnering_na_dagen,
        max_herinneringen=max_herinneringen,
        aangemaakt_door=door,
        aangemaakt_op=vastgelegd_op or timezone.now(),
    )
    if sluit_op and opent_op and sluit_op < opent_op:
        raise ValidationError({"sluit_op": "De ronde kan niet sluiten vóór ze opent."})
    ronde.full_clean()
    doelgroep = Gemeente.objects.bestaand_op(opent_op)
    if provincies:
        doelgroep = doelgroep.filter(provincie__in=provincies)
    _controleer_dubbel(vragenlijst, doelgroep)
    if vastgelegd_op is not None:
        ronde._history_date = vastgelegd_op
    _opslaan(ronde, door, f"open van {datum_tekst(opent_op)} tot en met {datum_tekst(sluit_op)}")
    ronde.provincies.set(provincies)
    Deelnemer.objects.bulk_create(
        Deelnemer(ronde=ronde, gemeente_id=gemeente_id, vragenlijst=vragenlijst)
        for gemeente_id in doelgroep.values_list("pk", flat=True)
    )
    return ronde


def _opslaan(ronde: Ronde, door: User, wat: str, velden: list[str] | None = None) -> None:
    """Save ``ronde`` and with it a version (its history): by ``door``, saying ``wat`` happened,
    which the audit trail records as its explanation."""
    ronde._history_user = door
    ronde._change_reason = wat
    ronde.save(update_fields=velden)


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
    _opslaan(ronde, door, "gesloten", ["gesloten_op"])
    ronde.verzendingen.filter(soort=Verzending.Soort.HERINNERING, status=S.WACHTEND).update(
        status=S.GEANNULEERD, reden="De ronde is gesloten."
    )
    return ronde


@transaction.atomic
def ronde_heropenen(*, ronde: Ronde, door: User, sluit_op: datetime.date) -> Ronde:
    """Open a closed round again until ``sluit_op``. Who was invited stays invited: the next bulk
    invitation only reaches addresses that this round never reached (new or failed ones)."""
    _vereis_coordinator(door)
    ronde = Ronde.objects.select_for_update().get(pk=ronde.pk)
    if sluit_op is None or sluit_op < timezone.localdate():
        raise ValidationError({"sluit_op": "Kies een sluitingsdatum vanaf vandaag."})
    if sluit_op < ronde.opent_op:
        raise ValidationError({"sluit_op": "De ronde kan niet sluiten vóór ze opent."})
    ronde.gesloten_op = None
    ronde.sluit_op = sluit_op
    _opslaan(ronde, door, f"heropend tot en met {datum_tekst(sluit_op)}", ["gesloten_op", "sluit_op"])
    return ronde


# The first mails that keep an address out of a later invitation: it was reached, it is about to
# be, or it may have been (only a coordinator's explicit resend sends an in-doubt mail again).
NIET_OPNIEUW = (S.WACHTEND, S.BEZIG, S.VERZONDEN, S.ONZEKER)


@transaction.atomic
def ronde_uitnodigen(*, ronde: Ronde, door: User, basis_url: str) -> Verzendopdracht:
    """Invite every municipality of the round that has no account yet (a personal link to each of
    its contacts) and tell those that do that the round is open. Addresses that were reached in
    this round, are waiting or are in doubt are left out, so running it again reaches only new
    contacts and the addresses whose invitation failed."""
    _vereis_coordinator(door)
    ronde = _open_ronde(ronde)
    al_gemaild = set(
        ronde.verzendingen.filter(soort__in=EERSTE_MAIL, status__in=NIET_OPNIEUW).values_list(
            "email", flat=True
        )
    )
    ontvangers = [o for o in ontvangers_van(list(nog_niet_ingediend(ronde))) if o.email not in al_gemaild]
    if not ontvangers:
        raise ValidationError(
            "Er is niemand (meer) om uit te nodigen: elke gemeente zonder ingediende meting is al "
            "gemaild of heeft geen contactpersoon. Voeg contactpersonen toe en probeer het opnieuw."
        )
    opdracht = Verzendopdracht.objects.create(
        ronde=ronde, soort="uitnodiging", basis_url=basis_url, aangevraagd_door=door
    )
    _eerste_mails_klaarzetten(ronde, opdracht, ontvangers)
    _in_wachtrij(opdracht)
    vastleggen(
        Actie.AANGEMAAKT, gebruiker=door, object=opdracht, toelichting=f"uitnodigingen voor ronde #{ronde.pk}"
    )
    return opdracht


def _open_ronde(ronde: Ronde) -> Ronde:
    """The round, locked, when it is open to invitations."""
    ronde = Ronde.objects.select_for_update().get(pk=ronde.pk)
    if ronde.is_gesloten:
        raise ValidationError("Deze ronde is gesloten; heropen haar eerst.")
    if ronde.opent_op > timezone.localdate():
        raise ValidationError(f"Deze ronde opent pas op {datum_tekst(ronde.opent_op)}.")
    return ronde


def _eerste_mails_klaarzetten(ronde: Ronde, opdracht: Verzendopdracht, ontvangers: list[Ontvanger]) -> None:
    """Put an invitation or announcement to each of ``ontvangers`` in ``opdracht``: a new row, or
    the address's failed (or in-doubt) row of this round back in the queue."""
    vandaag = timezone.localdate()
    eerder = {
        v.email: v
        for v in ronde.verzendingen.filter(soort__in=EERSTE_MAIL, status__in=(S.MISLUKT, S.ONZEKER))
    }
    nieuw, opnieuw = [], []
    for o in ontvangers:
        rij = eerder.get(o.email) or Verzending(ronde=ronde, email=o.email)
        waarden = {
            "deelnemer_id": o.deelnemer_id,
            "opdracht": opdracht,
            "naam": o.naam,
            "heeft_account": o.heeft_account,
            "soort": Verzending.Soort.AANKONDIGING if o.heeft_account else Verzending.Soort.UITNODIGING,
            "status": S.WACHTEND,
            "reden": "",
            "dag": vandaag,
            "verzonden_op": None,
            "uitnodiging": None,
        }
        for veld, waarde in waarden.items():
            setattr(rij, veld, waarde)
        (opnieuw if rij.pk else nieuw).append(rij)
    velden = ["deelnemer", "opdracht", "naam", "heeft_account", "soort", "status", "reden", "dag"]
    Verzending.objects.bulk_update(opnieuw, [*velden, "verzonden_op", "uitnodiging"])
    # ignore_conflicts: a second click at the same moment adds nobody twice
    Verzending.objects.bulk_create(nieuw, ignore_conflicts=True)


@transaction.atomic
def uitnodigingen_opnieuw_versturen(
    *, ronde: Ronde, door: User, basis_url: str, deelnemers=None, ook_onzeker: bool = False
) -> Verzendopdracht:
    """Send the round's failed invitations and announcements again, for ``deelnemers`` (all when
    None), in one new run; the in-doubt ones only with ``ook_onzeker`` (they may arrive twice).

    Each goes to the municipality's recipients as they are now: a failed address corrected on the
    contact gets the invitation at its new address, and the old row is cancelled. Mails known to
    have arrived are never sent again."""
    if not mag_opnieuw_versturen(door):
        raise PermissionDenied
    ronde = _open_ronde(ronde)
    statussen = [S.MISLUKT, S.ONZEKER] if ook_onzeker else [S.MISLUKT]
    rijen = ronde.verzendingen.filter(soort__in=EERSTE_MAIL, status__in=statussen)
    if deelnemers is not None:
        rijen = rijen.filter(deelnemer__in=deelnemers)
    rijen = list(rijen.filter(deelnemer__in=nog_niet_ingediend(ronde)))
    if not rijen:
        raise ValidationError(_niets_opnieuw(ronde, ook_onzeker))
    al_gemaild = set(
        ronde.verzendingen.filter(soort__in=EERSTE_MAIL, status__in=NIET_OPNIEUW).values_list(
            "email", flat=True
        )
    )
    opnieuw = {r.email for r in rijen}
    ontvangers = [
        o
        for o in ontvangers_van(list(Deelnemer.objects.filter(pk__in={r.deelnemer_id for r in rijen})))
        if o.email in opnieuw or o.email not in al_gemaild
    ]
    if not ontvangers:
        raise ValidationError(
            "Deze gemeenten hebben geen contactpersoon of account meer om te mailen. "
            "Voeg een contactpersoon toe en probeer het opnieuw."
        )
    huidige = {o.email for o in ontvangers}
    Verzending.objects.filter(pk__in=[r.pk for r in rijen if r.email not in huidige]).update(
        status=S.GEANNULEERD, reden=ADRES_VERVANGEN
    )
    opdracht = Verzendopdracht.objects.create(
        ronde=ronde, soort="uitnodiging", basis_url=basis_url, aangevraagd_door=door
    )
    _eerste_mails_klaarzetten(ronde, opdracht, ontvangers)
    _in_wachtrij(opdracht)
    vastleggen(
        Actie.AANGEMAAKT,
        gebruiker=door,
        object=opdracht,
        toelichting=f"uitnodigingen opnieuw versturen voor ronde #{ronde.pk}",
    )
    return opdracht


ADRES_VERVANGEN = (
    "Dit adres hoort niet meer bij de gemeente; de uitnodiging is opnieuw verstuurd aan de "
    "huidige contactpersonen."
)


def _niets_opnieuw(ronde: Ronde, ook_onzeker: bool) -> str:
    if not ook_onzeker and ronde.verzendingen.filter(soort__in=EERSTE_MAIL, status=S.ONZEKER).exists():
        return (
            "Er is geen mislukte uitnodiging om opnieuw te versturen. Onzekere uitnodigingen gaan "
            "alleen opnieuw als u aanvinkt dat ze twee keer mogen aankomen."
        )
    return "Er is geen mislukte of onzekere uitnodiging om opnieuw te versturen."


def _in_wachtrij(opdracht: Verzendopdracht) -> None:
    na_commit_in_wachtrij(verzendopdracht_task, opdracht.pk)


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
    vastleggen(
        Actie.GEWIJZIGD,
        gebruiker=door,
        object=deelnemer,
        toelichting="herinneringen gepauzeerd" if pauzeren else "herinneringen weer aan",
    )
    return deelnemer
