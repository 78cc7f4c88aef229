"""Reads about rounds: response per province, submissions per week, who has not responded,
the progress of a mailing, and the mail a municipality was sent. Aggregation happens in SQL."""

import datetime
from collections.abc import Iterable

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import User
from gemeenten.models import Contactpersoon, Gemeente
from nulmeting.models import Meting
from nulmeting.selectors import (
    aantal_ingevuld,
    als_kolom,
    eerst_ingediend_door_zelf_of_voorganger,
    procent,
)
from rondes.models import Deelnemer, Ronde, Verzending, Verzendopdracht
from toolkit import geschiedenis

EERSTE_MAIL = (Verzending.Soort.UITNODIGING, Verzending.Soort.AANKONDIGING)
S = Verzending.Status
NIET_AANGEKOMEN = (S.MISLUKT, S.ONZEKER)
STATUSSEN = ("niet uitgenodigd", "uitgenodigd", "gestart", "ingediend")


def rondes_bekend_op(moment: datetime.datetime) -> QuerySet:
    """The rounds as they were known at ``moment``, each with the dates it then had (versions:
    a round opened later, even with an earlier opening date, or reopened later, is not seen)."""
    return geschiedenis.stand_op(Ronde.history.all(), moment)


def deelnemers_van(ronde_ids: Iterable[int]) -> dict[int, set[int]]:
    """Per round: the municipalities invited (fixed when the round was opened)."""
    uitgenodigd: dict[int, set[int]] = {}
    rijen = Deelnemer.objects.filter(ronde_id__in=list(ronde_ids)).values_list("ronde_id", "gemeente_id")
    for ronde_id, gemeente_id in rijen:
        uitgenodigd.setdefault(ronde_id, set()).add(gemeente_id)
    return uitgenodigd


def ingediend_in_ronde(ronde: Ronde, *, vers: bool = False) -> dict[int, datetime.datetime]:
    """The municipalities of the round's borders (its opening date) that have submitted its
    questionnaire, themselves or through a municipality that merged into them, each with the
    first moment one of them did (``nulmeting.selectors.eerst_ingediend_door_zelf_of_voorganger``,
    so far).

    Asked once per round object, as a page asks it for its table, list, map and chart; ``vers``
    asks again (sending, which runs for minutes while municipalities submit)."""
    if vers or "_ingediend" not in ronde.__dict__:
        ronde.__dict__["_ingediend"] = eerst_ingediend_door_zelf_of_voorganger(
            ronde.vragenlijst, None, ronde.opent_op
        )
    return ronde.__dict__["_ingediend"]


def deelnemers_met_status(ronde: Ronde, gemeenten: QuerySet[Gemeente]) -> QuerySet[Deelnemer]:
    """The round's municipalities within ``gemeenten``, each annotated with how far it got.

    Invited means that a mail of this round reached it, or that it started (then it was reached
    somehow), so target ≥ invited ≥ started ≥ submitted always holds. Submitted as
    ``ingediend_in_ronde`` says.
    """
    meting = Meting.objects.filter(gemeente=OuterRef("gemeente"), vragenlijst=OuterRef("vragenlijst"))
    return ronde.deelnemers.filter(gemeente__in=gemeenten).annotate(
        is_ingediend=als_kolom(set(ingediend_in_ronde(ronde)), "gemeente_id"),
        is_gestart=Exists(meting.filter(antwoorden__isnull=False)),
        is_gemaild=Exists(
            Verzending.objects.filter(
                deelnemer=OuterRef("pk"), soort__in=EERSTE_MAIL, status=Verzending.Status.VERZONDEN
            )
        ),
    )


UITGENODIGD = Q(is_gemaild=True) | Q(is_gestart=True) | Q(is_ingediend=True)
GESTART = Q(is_gestart=True) | Q(is_ingediend=True)


def status_van(deelnemer: Deelnemer) -> str:
    if deelnemer.is_ingediend:
        return "ingediend"
    if deelnemer.is_gestart:
        return "gestart"
    if deelnemer.is_gemaild:
        return "uitgenodigd"
    return "niet uitgenodigd"


def voortgang(ronde: Ronde, gemeenten: QuerySet[Gemeente]) -> list[dict]:
    """Per province, and a total: target, invited, started, submitted and % response."""
    rijen = (
        deelnemers_met_status(ronde, gemeenten)
        .values("gemeente__provincie__naam")
        .annotate(
            doel=Count("id"),
            uitgenodigd=Count("id", filter=UITGENODIGD),
            gestart=Count("id", filter=GESTART),
            ingediend=Count("id", filter=Q(is_ingediend=True)),
        )
        .order_by("gemeente__provincie__naam")
    )
    resultaat = [{"provincie": r["gemeente__provincie__naam"], **_tellingen(r)} for r in rijen]
    totaal = {k: sum(r[k] for r in resultaat) for k in ("doel", "uitgenodigd", "gestart", "ingediend")}
    return [*resultaat, {"provincie": "Totaal", **_tellingen(totaal)}] if resultaat else []


def _tellingen(rij: dict) -> dict:
    keys = ("doel", "uitgenodigd", "gestart", "ingediend")
    return {**{k: rij[k] for k in keys}, "procent": procent(rij["ingediend"], rij["doel"])}


# The status in a round as the maps name them (``nulmeting.selectors.STATUSSEN``).
KAART_STATUS = {
    "niet uitgenodigd": "niet_uitgenodigd",
    "uitgenodigd": "uitgenodigd",
    "gestart": "concept",
    "ingediend": "ingediend",
}


def status_per_gemeente(ronde: Ronde, gemeenten: QuerySet[Gemeente]) -> dict[str, str]:
    """CBS code → status in the round (a key of ``nulmeting.selectors.STATUSSEN``), for a map."""
    deelnemers = deelnemers_met_status(ronde, gemeenten).select_related("gemeente")
    return {d.gemeente.cbs_code: KAART_STATUS[status_van(d)] for d in deelnemers}


def ingediend_per_periode(ronde: Ronde, gemeenten: QuerySet[Gemeente]) -> tuple[str, list[dict]]:
    """Submissions per week from the round's opening to its end (or today), with the running
    total; per month instead when that spans more than half a year. Submissions from before the
    opening count in the first period; a municipality counts once, when it or the first of its
    predecessors submitted (as ``deelnemers_met_status`` counts it). Returns the unit ("week" or
    "maand") and the periods."""
    deelnemers = set(ronde.deelnemers.filter(gemeente__in=gemeenten).values_list("gemeente_id", flat=True))
    per_dag: dict[datetime.date, int] = {}
    for gemeente_id, ingediend_op in ingediend_in_ronde(ronde).items():
        if gemeente_id in deelnemers:
            dag = timezone.localdate(ingediend_op)
            per_dag[dag] = per_dag.get(dag, 0) + 1
    einde = max([min(ronde.sluit_op, timezone.localdate()), *per_dag])
    eenheid = "maand" if (einde - ronde.opent_op).days > 26 * 7 else "week"

    def periode_van(dag: datetime.date) -> datetime.date:
        return dag.replace(day=1) if eenheid == "maand" else dag - datetime.timedelta(days=dag.weekday())

    def volgende(periode: datetime.date) -> datetime.date:
        if eenheid == "week":
            return periode + datetime.timedelta(days=7)
        return (periode + datetime.timedelta(days=32)).replace(day=1)

    begin = periode_van(ronde.opent_op)
    per_periode: dict[datetime.date, int] = {}
    for dag, aantal in per_dag.items():
        periode = max(periode_van(dag), begin)
        per_periode[periode] = per_periode.get(periode, 0) + aantal
    perioden, periode, cumulatief = [], begin, 0
    while periode <= einde:
        cumulatief += per_periode.get(periode, 0)
        perioden.append({"periode": periode, "nieuw": per_periode.get(periode, 0), "cumulatief": cumulatief})
        periode = volgende(periode)
    return eenheid, perioden


def niet_gereageerd(ronde: Ronde, gemeenten: QuerySet[Gemeente]) -> QuerySet[Deelnemer]:
    """The municipalities that have not submitted, with their contacts and accounts (to call
    them) and the last mail that reached them; pass a page of them through ``met_stand``."""
    return (
        deelnemers_met_status(ronde, gemeenten)
        .filter(is_ingediend=False)
        .select_related("gemeente__provincie", "gepauzeerd_door")
        .prefetch_related(
            Prefetch("gemeente__contactpersonen", queryset=Contactpersoon.objects.order_by("naam")),
            Prefetch(
                "gemeente__accounts",
                queryset=User.objects.filter(rol=User.Rol.GEMEENTE, is_active=True).order_by("naam"),
                to_attr="actieve_accounts",
            ),
        )
        .annotate(
            laatste_mail=Max("verzendingen__dag", filter=Q(verzendingen__status=S.VERZONDEN)),
            mails=Count("verzendingen", filter=Q(verzendingen__status=S.VERZONDEN)),
            **{
                f"mails_{naam}": Count(
                    "verzendingen",
                    filter=Q(verzendingen__soort__in=EERSTE_MAIL, verzendingen__status__in=statussen),
                )
                for naam, statussen in (
                    ("wachtend", (S.WACHTEND, S.BEZIG)),
                    ("onzeker", (S.ONZEKER,)),
                    ("mislukt", (S.MISLUKT,)),
                )
            },
        )
        .order_by("gemeente__provincie__naam", "gemeente__naam")
    )


def mailstand_van(deelnemer: Deelnemer) -> str:
    """Where the round's mail to a municipality stands, in words: reached once any mail of the round
    was accepted by the mail server; otherwise waiting, in doubt, failed, or not mailed."""
    if deelnemer.mails:
        return "bereikt"
    if deelnemer.mails_wachtend:
        return "wacht"
    if deelnemer.mails_onzeker:
        return "onzeker"
    if deelnemer.mails_mislukt:
        return "mislukt"
    return "niet gemaild"


def niet_aangekomen(ronde: Ronde, gemeenten: QuerySet[Gemeente]) -> list[Verzending]:
    """The round's invitations and announcements that failed or are in doubt, to municipalities
    within ``gemeenten`` that have not submitted: what a coordinator may send again. Each with the
    contact the address belongs to (``contactpersoon_id``), to correct a refused address."""
    contact = Contactpersoon.objects.filter(gemeente=OuterRef("deelnemer__gemeente"), email=OuterRef("email"))
    return list(
        _niet_aangekomen(ronde, gemeenten)
        .annotate(contactpersoon_id=Subquery(contact.values("pk")[:1]))
        .select_related("deelnemer__gemeente")
        .order_by("deelnemer__gemeente__naam", "email")
    )


def aantal_niet_aangekomen(ronde: Ronde, gemeenten: QuerySet[Gemeente]) -> int:
    """How many of ``niet_aangekomen``'s mails there are (a start page's count)."""
    return _niet_aangekomen(ronde, gemeenten).count()


def _niet_aangekomen(ronde: Ronde, gemeenten: QuerySet[Gemeente]) -> QuerySet[Verzending]:
    return ronde.verzendingen.filter(
        soort__in=EERSTE_MAIL, status__in=NIET_AANGEKOMEN, deelnemer__gemeente__in=gemeenten
    ).exclude(deelnemer__gemeente__in=set(ingediend_in_ronde(ronde)))


def met_stand(ronde: Ronde, deelnemers) -> list[Deelnemer]:
    """``deelnemers`` with their status and how many basisfuncties they have filled in (one query)."""
    deelnemers = list(deelnemers)
    ingevuld = aantal_ingevuld([ronde.vragenlijst], [d.gemeente_id for d in deelnemers if d.is_gestart])
    for d in deelnemers:
        d.status = status_van(d)
        d.mailstand = mailstand_van(d)
        d.ingevuld = ingevuld.get((ronde.vragenlijst_id, d.gemeente_id), 0)
    return deelnemers


def opdrachten_met_tellingen(ronde: Ronde, scope: QuerySet[Gemeente]) -> list[Verzendopdracht]:
    """The round's mailings, newest first, each with its count of mails per status — of the mails
    about the municipalities of ``scope`` only."""
    opdrachten = list(ronde.opdrachten.select_related("aangevraagd_door")[:20])
    tellingen: dict[int, dict[str, int]] = {}
    for r in (
        Verzending.objects.filter(opdracht__in=opdrachten, deelnemer__gemeente__in=scope)
        .values("opdracht", "status")
        .annotate(n=Count("id"))
    ):
        tellingen.setdefault(r["opdracht"], {})[r["status"]] = r["n"]
    for o in opdrachten:
        o.tellingen = opdracht_tellingen_uit(tellingen.get(o.pk, {}))
    return opdrachten


def opdracht_tellingen_uit(per_status: dict[str, int]) -> dict[str, int]:
    tellingen = {status: per_status.get(status, 0) for status in Verzending.Status.values}
    tellingen["totaal"] = sum(per_status.values())
    tellingen["verwerkt"] = tellingen["totaal"] - tellingen["wachtend"] - tellingen["bezig"]
    return tellingen


def opdracht_tellingen(opdracht: Verzendopdracht, scope: QuerySet[Gemeente]) -> dict[str, int]:
    """A mailing's count of mails per status, of the mails about the municipalities of ``scope``."""
    verzendingen = opdracht.verzendingen.filter(deelnemer__gemeente__in=scope)
    return opdracht_tellingen_uit(
        dict(verzendingen.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    )


def verzendingen_van_gemeente(gemeente: Gemeente, aantal: int = 50) -> list[Verzending]:
    """Every mail of a round sent (or attempted) about this municipality, newest first."""
    return list(
        Verzending.objects.filter(deelnemer__gemeente=gemeente)
        .exclude(status__in=[Verzending.Status.WACHTEND, Verzending.Status.BEZIG])
        .select_related("ronde", "uitnodiging")
        .order_by("-dag", "-pk")[:aantal]
    )


def deelnames_van_gemeente(gemeente: Gemeente) -> list[Deelnemer]:
    """The open rounds a municipality is in, with how far it is (for the official's dashboard and
    the municipality page); ``is_ingediend`` as ``ingediend_in_ronde`` says."""
    vandaag = timezone.localdate()
    deelnames = list(
        Deelnemer.objects.filter(gemeente=gemeente, ronde__in=Ronde.objects.open_op(vandaag))
        .select_related("ronde__vragenlijst")
        .order_by("ronde__sluit_op")
    )
    ingevuld = aantal_ingevuld([d.ronde.vragenlijst for d in deelnames], [gemeente.pk])
    for d in deelnames:
        d.ingevuld = ingevuld.get((d.ronde.vragenlijst_id, gemeente.pk), 0)
        d.aantal = len(d.ronde.vragenlijst.opbouw.basisfuncties)
        d.is_ingediend = gemeente.pk in ingediend_in_ronde(d.ronde)
    return deelnames


def rondes_van_gemeente(gemeente: Gemeente) -> dict[int, Ronde]:
    """Questionnaire id → the round in which it was put to this municipality."""
    return {
        d.vragenlijst_id: d.ronde for d in Deelnemer.objects.filter(gemeente=gemeente).select_related("ronde")
    }


def rondes_met_voortgang(
    rondes: QuerySet[Ronde], gemeenten: QuerySet[Gemeente], aantal: int = 5
) -> list[Ronde]:
    """The newest rounds, each with its total response within ``gemeenten`` (dashboards, list)."""
    gekozen = list(rondes.select_related("vragenlijst").order_by("-opent_op")[:aantal])
    for ronde in gekozen:
        rijen = voortgang(ronde, gemeenten)
        ronde.totaal = rijen[-1] if rijen else None
    return gekozen
