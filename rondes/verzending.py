"""Sending a round's mails: who is written to, which reminders are due today, and the batches
that send them.

Every mail is a ``Verzending`` row before it is sent, and the rows are a ledger.
``verzendopdracht_uitvoeren`` (run by a Celery task) composes a batch, then sends it over one
connection, one mail at a time: it claims the row (``bezig``, committed), sends, and marks it
``verzonden`` in its own committed update as soon as the mail server accepted it. A worker that
dies leaves at most the one row it was sending ``bezig``; the next attempt marks that row
``onzeker`` (it may have arrived, so it is not sent again by itself) and sends the rows never
tried, which are still ``wachtend``. A coordinator can send failed and in-doubt mails again
(``rondes.services.uitnodigingen_opnieuw_versturen``).
"""

import datetime
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import uitnodiging_link, uitnodigingen_aanmaken
from gemeenten.models import Contactpersoon
from nulmeting.selectors import aantal_ingevuld
from rondes.models import Deelnemer, Ronde, Verzending, Verzendopdracht
from rondes.selectors import ingediend_in_ronde
from toolkit.mail import bericht

BATCH = 50
ONDERBROKEN = (
    "Het versturen werd onderbroken terwijl deze mail werd verstuurd. Of hij is aangekomen, is "
    "onbekend; om niemand twee keer te mailen is hij niet vanzelf opnieuw verstuurd."
)
S = Verzending.Status
EERSTE_MAIL = (Verzending.Soort.UITNODIGING, Verzending.Soort.AANKONDIGING)


@dataclass(frozen=True)
class Ontvanger:
    deelnemer_id: int
    email: str
    naam: str
    heeft_account: bool


def ontvangers_van(deelnemers: list[Deelnemer]) -> list[Ontvanger]:
    """Who to write to about each municipality: its officials with an account when it has any
    (they are the ones filling it in), otherwise its contacts (each with a personal link)."""
    gemeente_ids = [d.gemeente_id for d in deelnemers]
    accounts: dict[int, list[tuple[str, str]]] = {}
    for gemeente_id, email, naam in User.objects.filter(
        rol=User.Rol.GEMEENTE, is_active=True, gemeente__in=gemeente_ids
    ).values_list("gemeente_id", "email", "naam"):
        accounts.setdefault(gemeente_id, []).append((email, naam))
    met_account = set(
        User.objects.filter(
            email__in=Contactpersoon.objects.filter(gemeente__in=gemeente_ids).values("email")
        ).values_list("email", flat=True)
    )
    contacten: dict[int, list[tuple[str, str]]] = {}
    for gemeente_id, email, naam in Contactpersoon.objects.filter(gemeente__in=gemeente_ids).values_list(
        "gemeente_id", "email", "naam"
    ):
        if email not in met_account:
            contacten.setdefault(gemeente_id, []).append((email, naam))
    ontvangers = []
    for d in deelnemers:
        eigen = accounts.get(d.gemeente_id, [])
        ontvangers += [Ontvanger(d.pk, email, naam, True) for email, naam in eigen]
        if not eigen:
            ontvangers += [
                Ontvanger(d.pk, email, naam, False) for email, naam in contacten.get(d.gemeente_id, [])
            ]
    return ontvangers


def nog_niet_ingediend(ronde: Ronde):
    """The round's municipalities that have not submitted, themselves or through a predecessor
    (``rondes.selectors.ingediend_in_ronde``): whom invitations and reminders are for."""
    return ronde.deelnemers.exclude(gemeente__in=set(ingediend_in_ronde(ronde, vers=True)))


@transaction.atomic
def herinneringen_plannen(*, vandaag: datetime.date | None = None) -> list[Verzendopdracht]:
    """Plan today's reminders in every open round: one run per round, its rows waiting to be sent
    (``rondes.tasks.herinneringen_versturen`` queues them).

    A municipality is reminded when it has not submitted, its reminders are not paused, at least
    one mail of the round reached it, the last mail of the round went out ``herinnering_na_dagen``
    days ago or more, and it has had fewer than ``max_herinneringen`` reminders. One address gets at
    most one reminder a day, over all rounds.
    """
    vandaag = vandaag or timezone.localdate()
    vandaag_al = set(
        Verzending.objects.filter(soort=Verzending.Soort.HERINNERING, dag=vandaag).values_list(
            "email", flat=True
        )
    )
    opdrachten = []
    for ronde in Ronde.objects.open_op(vandaag).order_by("sluit_op", "pk"):  # the most urgent first
        aan_de_beurt = _aan_de_beurt(ronde, vandaag)
        ontvangers = [o for o in ontvangers_van(aan_de_beurt) if o.email not in vandaag_al]
        if not ontvangers:
            continue
        volgnummers = {d.pk: d.herinneringen + 1 for d in aan_de_beurt}
        opdracht = Verzendopdracht.objects.create(
            ronde=ronde, soort="herinnering", basis_url=settings.SITE_URL
        )
        Verzending.objects.bulk_create(
            [
                Verzending(
                    ronde=ronde,
                    deelnemer_id=o.deelnemer_id,
                    opdracht=opdracht,
                    soort=Verzending.Soort.HERINNERING,
                    volgnummer=volgnummers[o.deelnemer_id],
                    email=o.email,
                    naam=o.naam,
                    heeft_account=o.heeft_account,
                    dag=vandaag,
                )
                for o in ontvangers
            ],
            ignore_conflicts=True,
        )
        vandaag_al |= {o.email for o in ontvangers}
        opdrachten.append(opdracht)
    return opdrachten


def _aan_de_beurt(ronde: Ronde, vandaag: datetime.date) -> list[Deelnemer]:
    pogingen = ~Q(verzendingen__status=S.GEANNULEERD)
    deelnemers = (
        nog_niet_ingediend(ronde)
        .filter(herinneringen_gepauzeerd=False)
        .annotate(
            bereikt=Count("verzendingen", filter=Q(verzendingen__status=S.VERZONDEN)),
            laatste=Max("verzendingen__dag", filter=pogingen),
            herinneringen=Count(
                "verzendingen__volgnummer",
                filter=pogingen & Q(verzendingen__soort=Verzending.Soort.HERINNERING),
                distinct=True,
            ),
        )
        .filter(
            bereikt__gt=0,
            herinneringen__lt=ronde.max_herinneringen,
            laatste__lte=vandaag - datetime.timedelta(days=ronde.herinnering_na_dagen),
        )
    )
    return list(deelnemers)


class MailserverOnbereikbaar(Exception):
    """The mail server could not be reached or broke off; the unsent rows wait for a retry."""


def verzendopdracht_uitvoeren(opdracht_id: int, *, batch: int = BATCH) -> Verzendopdracht:
    """Send the waiting mails of a run, ``batch`` at a time. Returns at once when it is done.
    Raises ``MailserverOnbereikbaar`` when the server is down; what was not sent then waits."""
    with transaction.atomic():
        opdracht = (
            Verzendopdracht.objects.select_for_update(of=("self",))
            .select_related("ronde__vragenlijst", "aangevraagd_door")
            .get(pk=opdracht_id)
        )
        if opdracht.status == Verzendopdracht.Status.KLAAR:
            return opdracht
        # The row an attempt that died was sending: it may have gone out, so not again by itself.
        opdracht.verzendingen.filter(status=S.BEZIG).update(status=S.ONZEKER, reden=ONDERBROKEN)
        opdracht.status = Verzendopdracht.Status.BEZIG
        opdracht.gestart_op = opdracht.gestart_op or timezone.now()
        opdracht.bijgewerkt_op = timezone.now()
        opdracht.pogingen += 1
        opdracht.save(update_fields=["status", "gestart_op", "bijgewerkt_op", "pogingen"])
    while berichten := _batch_klaarzetten(opdracht, batch):
        _batch_versturen(berichten)
    opdracht.status = Verzendopdracht.Status.KLAAR
    opdracht.klaar_op = opdracht.bijgewerkt_op = timezone.now()
    opdracht.save(update_fields=["status", "klaar_op", "bijgewerkt_op"])
    return opdracht


def onderbroken_opdrachten(*, stil_sinds: datetime.timedelta = datetime.timedelta(hours=1)) -> list[int]:
    """The runs that stopped without finishing (a task that failed, a worker gone before
    redelivery), to be queued again; runs active within ``stil_sinds`` are left alone."""
    grens = timezone.now() - stil_sinds
    return list(
        Verzendopdracht.objects.exclude(status=Verzendopdracht.Status.KLAAR)
        .filter(Q(bijgewerkt_op__lt=grens) | Q(bijgewerkt_op__isnull=True, aangemaakt_op__lt=grens))
        .values_list("pk", flat=True)
    )


@transaction.atomic
def _batch_klaarzetten(opdracht: Verzendopdracht, batch: int) -> list[tuple[Verzending, object]]:
    """Compose the mails of the next ``batch`` waiting rows; they stay ``wachtend`` until each is
    claimed on its own (``_claimen``), so rows never tried are sent by a later attempt. Rows that
    should no longer go (round closed, reminders paused, meting submitted meanwhile) are cancelled
    with the reason."""
    rijen = list(
        opdracht.verzendingen.filter(status=S.WACHTEND)
        .select_related("deelnemer__gemeente")
        .order_by("pk")[:batch]
    )
    if not rijen:
        return []
    ronde = opdracht.ronde
    ingediend = ingediend_in_ronde(ronde, vers=True)
    te_versturen, geannuleerd = [], []
    for rij in rijen:
        rij.ronde = ronde
        if reden := _reden_om_niet_te_versturen(rij, ingediend):
            rij.status, rij.reden = S.GEANNULEERD, reden
            geannuleerd.append(rij)
        else:
            te_versturen.append(rij)
    for rij in geannuleerd:
        Verzending.objects.filter(pk=rij.pk, status=S.WACHTEND).update(status=rij.status, reden=rij.reden)
    links = _links(opdracht, te_versturen)
    ingevuld = aantal_ingevuld([ronde.vragenlijst], [r.deelnemer.gemeente_id for r in te_versturen])
    Verzendopdracht.objects.filter(pk=opdracht.pk).update(bijgewerkt_op=timezone.now())
    aantal = len(ronde.vragenlijst.opbouw.basisfuncties)
    return [
        (
            r,
            _bericht(
                r, links[r.pk], ingevuld.get((ronde.vragenlijst_id, r.deelnemer.gemeente_id), 0), aantal
            ),
        )
        for r in te_versturen
    ]


def _reden_om_niet_te_versturen(rij: Verzending, ingediend: set[int]) -> str:
    if rij.deelnemer.gemeente_id in ingediend:
        return "De gemeente had de vragenlijst intussen ingediend."
    if rij.soort == Verzending.Soort.HERINNERING:
        if not rij.ronde.is_open:
            return "De ronde is gesloten."
        if rij.deelnemer.herinneringen_gepauzeerd:
            return "Herinneringen gepauzeerd."
    return ""


def _links(opdracht: Verzendopdracht, rijen: list[Verzending]) -> dict[int, str]:
    """A fresh personal invitation link for every recipient without an account (an earlier link
    may have expired by the time of a reminder); the login page for those with one."""
    zonder = [r for r in rijen if not r.heeft_account]
    aangemaakt = uitnodigingen_aanmaken(
        [(r.email, r.deelnemer.gemeente) for r in zonder], door=opdracht.aangevraagd_door
    )
    links = {}
    for rij, (uitnodiging, token) in zip(zonder, aangemaakt, strict=True):
        rij.uitnodiging = uitnodiging
        links[rij.pk] = uitnodiging_link(opdracht.basis_url, token)
    inloggen = opdracht.basis_url.rstrip("/") + reverse("portaal:vragenlijsten")
    return {r.pk: links.get(r.pk, inloggen) for r in rijen}


def _bericht(rij: Verzending, link: str, ingevuld: int, aantal: int):
    ronde = rij.ronde
    gemeente = rij.deelnemer.gemeente
    context = {
        "naam": rij.naam,
        "gemeente": gemeente,
        "ronde": ronde,
        "vragenlijst": ronde.vragenlijst,
        "link": link,
        "heeft_account": rij.heeft_account,
        "ingevuld": ingevuld,
        "aantal": aantal,
        "dagen": settings.UITNODIGING_GELDIG_DAGEN,
    }
    onderwerpen = {
        Verzending.Soort.UITNODIGING: f"Uitnodiging: {ronde.vragenlijst} voor {gemeente}",
        Verzending.Soort.AANKONDIGING: f"{ronde.vragenlijst} staat voor u klaar ({gemeente})",
        Verzending.Soort.HERINNERING: f"Herinnering: {ronde.vragenlijst} voor {gemeente}",
    }
    return bericht(
        onderwerp=onderwerpen[rij.soort], template=f"rondes/email/{rij.soort}", context=context, aan=rij.email
    )


# Refusals of one message or recipient; anything else means the server is unreachable or broke off.
WEIGERINGEN = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


def _batch_versturen(berichten: list[tuple[Verzending, object]]) -> None:
    """Send one batch over one connection, keeping the ledger per mail: each row is claimed just
    before its mail is handed over and marked ``verzonden`` the moment the server accepts it. A
    refused recipient is marked ``mislukt`` with the server's reason and the batch goes on. When
    the server itself fails, the rows not yet tried stay ``wachtend`` and
    ``MailserverOnbereikbaar`` is raised."""
    verbinding = get_connection()
    try:
        verbinding.open()
    except (smtplib.SMTPException, OSError) as exc:  # nothing of this batch was sent
        raise MailserverOnbereikbaar(_fout(exc)) from exc
    try:
        for rij, mail in berichten:
            if _claimen(rij):
                _versturen(verbinding, rij, mail)
    finally:
        verbinding.close()


def _claimen(rij: Verzending) -> bool:
    """Mark one waiting row ``bezig`` (committed before its mail goes); False when another attempt
    took it first."""
    rij.status, rij.dag = S.BEZIG, timezone.localdate()
    return bool(
        Verzending.objects.filter(pk=rij.pk, status=S.WACHTEND).update(
            status=S.BEZIG, dag=rij.dag, uitnodiging=rij.uitnodiging
        )
    )


def _versturen(verbinding, rij: Verzending, mail) -> None:
    try:
        verbinding.send_messages([mail])
    except WEIGERINGEN as exc:
        _vastleggen(rij, S.MISLUKT, reden=_weigering(exc))
    except smtplib.SMTPResponseException as exc:  # the server answered no: the mail did not go
        _vastleggen(rij, S.WACHTEND)
        raise MailserverOnbereikbaar(_fout(exc)) from exc
    except (smtplib.SMTPException, OSError) as exc:  # cut off before the server's answer
        _vastleggen(rij, S.ONZEKER, reden=f"{ONDERBROKEN} ({_fout(exc)})")
        raise MailserverOnbereikbaar(_fout(exc)) from exc
    else:
        _vastleggen(rij, S.VERZONDEN, verzonden_op=timezone.now())


def _vastleggen(rij: Verzending, status: str, *, reden: str = "", verzonden_op=None) -> None:
    """One committed update per mail: the ledger is right even if the worker dies next."""
    rij.status, rij.reden, rij.verzonden_op = status, reden[:500], verzonden_op
    Verzending.objects.filter(pk=rij.pk).update(status=status, reden=rij.reden, verzonden_op=verzonden_op)


def _fout(exc: Exception) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:500]


def _weigering(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{code} {_tekst(melding)}" for code, melding in exc.recipients.values())[:500]
    return f"{exc.smtp_code} {_tekst(exc.smtp_error)}"[:500]


def _tekst(melding) -> str:
    return melding.decode(errors="replace") if isinstance(melding, bytes) else str(melding)
