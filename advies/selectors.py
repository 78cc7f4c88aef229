"""Reads of advice sessions, trajecten, the pool, advice requests, the nine-step plan and meetings,
scoped by ``accounts.permissions`` and ``advies.permissions``."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from accounts.permissions import zichtbare_gemeenten
from advies import beleidsplan
from advies.models import (
    Adviesaanvraag,
    Adviesgesprek,
    Adviestraject,
    Adviseur,
    Beleidsstap,
    Bijeenkomst,
    Thema,
    actief_op_filter,
)
from advies.permissions import (
    aanvragen_om_te_beantwoorden,
    mag_verwijderde_gesprekken_zien,
    zichtbare_aanvragen,
    zichtbare_bijeenkomsten,
    zichtbare_gesprekken,
    zichtbare_trajecten,
)
from gemeenten.models import Gemeente, Organisatie, Provincie
from gemeenten.selectors import voorganger_ids
from nulmeting.models import Basisfunctie, Meting, Score
from nulmeting.selectors import ingediend_door, laatste_meting_voor
from toolkit import geschiedenis
from toolkit.getallen import zonder_nullen


def gesprekken_bekend_op(moment: datetime.datetime) -> QuerySet:
    """The sessions as they were known at ``moment``: logged by then, each in the state it then had
    (later edits, deletes and restores not seen), without those deleted by then. Versions
    (``Adviesgesprek.history``) with the session's fields; their municipalities and themes are in
    ``gemeenten_van_versies`` and ``themas_van_versies``."""
    return geschiedenis.stand_op(Adviesgesprek.history.all(), moment).filter(verwijderd_op__isnull=True)


def gemeenten_van_versies(versies: QuerySet) -> QuerySet:
    """The (session, municipality) pairs of the given versions: ``adviesgesprek_id``, ``gemeente``."""
    return Adviesgesprek.history.model.gemeenten.model.objects.filter(
        history__in=versies.values("history_id")
    )


def themas_van_versies(versies: QuerySet) -> QuerySet:
    """The (session, theme) pairs of the given versions: ``adviesgesprek_id``, ``thema``."""
    return Adviesgesprek.history.model.themas.model.objects.filter(history__in=versies.values("history_id"))


def gemeentekoppelingen(gesprekken: QuerySet) -> QuerySet:
    """The (session, municipality) pairs of sessions (``Adviesgesprek``) or of versions of them
    (``gesprekken_bekend_op``), each with ``adviesgesprek_id`` and ``gemeente``."""
    if gesprekken.model is Adviesgesprek:
        return Adviesgesprek.gemeenten.through.objects.filter(adviesgesprek__in=gesprekken)
    return gemeenten_van_versies(gesprekken)


def versies_van(gesprek: Adviesgesprek) -> list:
    """Every version of a session, oldest first, with who made it: its history page."""
    return list(gesprek.history.select_related("history_user").order_by("history_date", "history_id"))


@dataclass
class GesprekFilter:
    """What every reader of sessions lists needs beyond the user's scope; the list page's own
    filters are ``advies.filters.GesprekkenFilter``."""

    adviseur_id: int | None = None
    gemeente_id: int | None = None
    alleen_verwijderd: bool = False
    met_verwijderde: bool = False  # deleted and current ones (as far as the user may see deleted)


def gesprekken_voor_lijst(user: User, filter_: GesprekFilter) -> QuerySet[Adviesgesprek]:
    """The sessions ``user`` may see, filtered, with everything the list and export show."""
    gesprekken = zichtbare_gesprekken(user)
    if not mag_verwijderde_gesprekken_zien(user):
        gesprekken = gesprekken.actief()
    elif filter_.alleen_verwijderd:
        gesprekken = gesprekken.filter(verwijderd_op__isnull=False)
    elif not filter_.met_verwijderde:
        gesprekken = gesprekken.actief()
    if filter_.adviseur_id:
        gesprekken = gesprekken.filter(adviseur_id=filter_.adviseur_id)
    if filter_.gemeente_id:
        gesprekken = met_gemeenten(gesprekken, Q(gemeente_id=filter_.gemeente_id))
    return (
        gesprekken.select_related("adviseur", "organisatie", "traject")
        .prefetch_related(
            Prefetch("gemeenten", queryset=Gemeente.objects.select_related("provincie").order_by("naam")),
            Prefetch("themas", queryset=Thema.objects.order_by("volgorde")),
        )
        .order_by("-datum", "-gerapporteerd_op", "-pk")
    )


def met_gemeenten(gesprekken: QuerySet, koppeling: Q) -> QuerySet:
    """The sessions with a municipality that matches ``koppeling`` (a condition on the link table,
    e.g. ``Q(gemeente__provincie=p)``), through a subquery so a session is listed once."""
    return gesprekken.filter(
        pk__in=Adviesgesprek.gemeenten.through.objects.filter(koppeling).values("adviesgesprek_id")
    )


EXPORT_KOLOMMEN = [
    "id",
    "datum",
    "gerapporteerd_op",
    "adviseur",
    "adviseur_email",
    "cmo",
    "gemeenten",
    "cbs_codes",
    "provincies",
    "onderwerp",
    "themas",
    "uren",
    "traject",
    "verslag",
    "vervolgafspraken",
]


def export_rijen(gesprekken) -> list[list]:

    rijen = []
    for g in gesprekken:
        gemeenten = list(g.gemeenten.all())
        rijen.append(
            [
                g.pk,
                g.datum,
                timezone.localtime(g.gerapporteerd_op),
                str(g.adviseur),
                g.adviseur.email,
                g.organisatie.naam,
                "; ".join(x.naam for x in gemeenten),
                "; ".join(x.cbs_code for x in gemeenten),
                "; ".join(sorted({x.provincie.naam for x in gemeenten})),
                g.get_onderwerp_display(),
                "; ".join(t.naam for t in g.themas.all()),
                zonder_nullen(g.uren),
                str(g.traject) if g.traject else "",
                g.verslag,
                g.vervolgafspraken,
            ]
        )
    return rijen


def trajecten_voor_lijst(user: User) -> QuerySet[Adviestraject]:
    return (
        zichtbare_trajecten(user)
        .select_related("leider", "organisatie")
        .prefetch_related(Prefetch("gemeenten", queryset=Gemeente.objects.order_by("naam")))
        .annotate(
            uren_besteed=Coalesce(
                Sum("gesprekken__uren", filter=Q(gesprekken__verwijderd_op__isnull=True)), Decimal("0")
            )
        )
        .order_by("-aangemaakt_op")
    )


def pool_op(datum: datetime.date) -> list[dict]:
    """Active advisers per CMO on ``datum``."""
    return list(
        Organisatie.objects.annotate(
            actief=Count("adviseurs", filter=actief_op_filter(datum, via="adviseurs"))
        )
        .values("pk", "naam", "is_placeholder", "actief")
        .order_by("naam")
    )


def adviseurs_voor_lijst() -> QuerySet[Adviseur]:
    return Adviseur.objects.select_related("user", "organisatie").order_by(
        "organisatie__naam", "user__naam", "actief_van"
    )


def _besproken_met(gemeente_ids: set[int]) -> QuerySet:
    """Per basisfunctie (OuterRef), the sessions with any of ``gemeente_ids`` that ticked one of
    its themes. Starting from these municipalities' sessions keeps this cheap when the programme
    has many."""
    return (
        Adviesgesprek.objects.actief()
        .filter(gemeenten__in=gemeente_ids, themas__basisfunctie=OuterRef("basisfunctie"))
        .order_by()
        .values("themas__basisfunctie")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )


def gemeente_advies(user: User, gemeente: Gemeente) -> dict:
    """For a municipality page: its sessions, trajecten, advice requests and meetings (as far as
    ``user`` may see them), how far its nine-step plan got, and the basisfuncties its latest
    submitted nulmeting found weak, with how often each was discussed."""

    alle_gesprekken = gesprekken_voor_lijst(user, GesprekFilter(gemeente_id=gemeente.pk))
    gesprekken = list(alle_gesprekken[:50])
    trajecten = list(trajecten_voor_lijst(user).filter(gemeenten=gemeente))
    # A session with a municipality that merged into it counts as one with it (as on the start page).
    voorgangers = voorganger_ids(timezone.localdate()).get(gemeente.pk, set())
    meting = laatste_meting_voor(gemeente, voorgangers)
    zwak = list(
        Score.objects.filter(meting=meting, goed_voor_elkaar=False)
        .select_related("basisfunctie")
        .annotate(besproken=Coalesce(Subquery(_besproken_met({gemeente.pk} | voorgangers)), 0))
        .order_by("basisfunctie__volgorde")
        if meting
        else []
    )
    aantal = alle_gesprekken.count()
    return {
        "gesprekken": gesprekken,
        "aantal_gesprekken": aantal,
        "trajecten": trajecten,
        "zwakke_basisfuncties": zwak,
        "zwak_volgens": meting if meting and meting.gemeente_id != gemeente.pk else None,
        "besproken_met_voorgangers": bool(voorgangers),
        "aanvragen": list(zichtbare_aanvragen(user).filter(gemeente=gemeente).order_by("-ingediend_op")[:10]),
        "plan_voortgang": plan_voortgang([gemeente.pk]).get(gemeente.pk, GEEN_VOORTGANG),
        "bijeenkomsten": list(
            zichtbare_bijeenkomsten(user).filter(gemeenten=gemeente).order_by("-datum", "-pk")[:10]
        ),
    }


def gesprekken_per_gemeente(
    gesprekken: QuerySet, gemeenten: QuerySet[Gemeente], datum: datetime.date
) -> dict[str, int]:
    """CBS code → number of ``gesprekken`` (sessions or versions of them) held with each of ``gemeenten`` that exists on ``datum``
    (zero included), counting a municipality that merged into it by ``datum`` within its successor,
    as the reports count participation. A session with several of them counts once.

    Aggregates in the database: one count per municipality, and one conditional count per successor
    (there are a few dozen mergers, and no more as sessions grow)."""

    bestaand = gemeenten.bestaand_op(datum)
    codes = dict(bestaand.values_list("pk", "cbs_code"))
    koppelingen = gemeentekoppelingen(gesprekken)
    aantallen = dict(
        koppelingen.filter(gemeente__in=bestaand)
        .values("gemeente_id")
        .annotate(n=Count("adviesgesprek_id", distinct=True))
        .values_list("gemeente_id", "n")
    )
    samengesteld = {pk: ids | {pk} for pk, ids in voorganger_ids(datum).items() if pk in codes}
    if samengesteld:
        met_voorgangers = koppelingen.aggregate(
            **{
                f"g{pk}": Count("adviesgesprek_id", distinct=True, filter=Q(gemeente_id__in=ids))
                for pk, ids in samengesteld.items()
            }
        )
        aantallen.update({pk: met_voorgangers[f"g{pk}"] for pk in samengesteld})
    return {code: aantallen.get(pk, 0) for pk, code in codes.items()}


def aanvragen_voor_lijst(user: User) -> QuerySet[Adviesaanvraag]:
    """The advice requests ``user`` may see, open ones first, with what the list shows."""
    return (
        zichtbare_aanvragen(user)
        .select_related("gemeente__provincie", "organisatie", "ingediend_door", "aangenomen_door", "gesprek")
        .prefetch_related(Prefetch("basisfuncties", queryset=Basisfunctie.objects.order_by("volgorde")))
        .order_by("-afgesloten_op", "ingediend_op")
    )


def open_aanvragen(user: User) -> QuerySet[Adviesaanvraag]:
    """The requests not yet closed by a session, oldest first, for a start page (no session to join)."""
    return (
        zichtbare_aanvragen(user)
        .exclude(status=Adviesaanvraag.Status.AFGESLOTEN)
        .select_related("gemeente", "organisatie", "aangenomen_door")
        .prefetch_related(Prefetch("basisfuncties", queryset=Basisfunctie.objects.order_by("volgorde")))
        .order_by("ingediend_op")
    )


def wachtende_aanvragen_per_cmo(user: User, nu: datetime.datetime | None = None) -> list[dict]:
    """Per CMO the open requests ``user`` may see: how many, how many not yet taken on, and how
    many days the oldest has waited."""
    nu = nu or timezone.now()
    rijen = (
        zichtbare_aanvragen(user)
        .exclude(status=Adviesaanvraag.Status.AFGESLOTEN)
        .values("organisatie__naam")
        .annotate(
            open=Count("pk"),
            niet_aangenomen=Count("pk", filter=Q(status=Adviesaanvraag.Status.INGEDIEND)),
            oudste=Min("ingediend_op"),
        )
        .order_by("organisatie__naam")
    )
    return [{**r, "wacht_dagen": (nu - r["oudste"]).days} for r in rijen]


@dataclass(frozen=True)
class Voortgang:
    """How far a municipality got with the nine-step plan."""

    klaar: int = 0
    bezig: int = 0

    @property
    def aantal(self) -> int:
        return beleidsplan.AANTAL


GEEN_VOORTGANG = Voortgang()


def plan_voortgang(gemeente_ids) -> dict[int, Voortgang]:
    """Municipality id → the steps of its plan done and under way, in one query."""
    rijen = (
        Beleidsstap.objects.filter(gemeente_id__in=gemeente_ids)
        .values("gemeente_id")
        .annotate(
            klaar=Count("pk", filter=Q(status=Beleidsstap.Status.KLAAR)),
            bezig=Count("pk", filter=Q(status=Beleidsstap.Status.BEZIG)),
        )
        .order_by()
    )
    return {r["gemeente_id"]: Voortgang(r["klaar"], r["bezig"]) for r in rijen}


@dataclass
class PlanStap:
    stap: beleidsplan.Stap
    rij: Beleidsstap | None

    @property
    def status(self) -> str:
        return self.rij.status if self.rij else Beleidsstap.Status.NIET_BEGONNEN

    @property
    def status_label(self) -> str:
        return Beleidsstap.Status(self.status).label


def beleidsplan_van(gemeente: Gemeente) -> list[PlanStap]:
    """The nine steps of ``gemeente``'s plan, each with its stored row (None: not begun)."""
    rijen = {
        r.stap: r
        for r in gemeente.beleidsstappen.select_related("gewijzigd_door", "reactie_door").prefetch_related(
            Prefetch("gesprekken", queryset=Adviesgesprek.objects.actief().order_by("datum"))
        )
    }
    return [PlanStap(stap, rijen.get(stap.nummer)) for stap in beleidsplan.STAPPEN]


def plannen_voor_lijst(user: User, vandaag: datetime.date) -> QuerySet[Gemeente]:
    """The municipalities ``user`` may see that exist ``vandaag``, with their plan's progress."""
    return (
        zichtbare_gemeenten(user)
        .bestaand_op(vandaag)
        .select_related("provincie")
        .annotate(
            klaar=Count("beleidsstappen", filter=Q(beleidsstappen__status=Beleidsstap.Status.KLAAR)),
            bezig=Count("beleidsstappen", filter=Q(beleidsstappen__status=Beleidsstap.Status.BEZIG)),
        )
        .order_by("provincie__naam", "naam")
    )


def bijeenkomsten_voor_lijst(user: User) -> QuerySet[Bijeenkomst]:
    return (
        zichtbare_bijeenkomsten(user)
        .select_related("organisatie", "vastgelegd_door")
        .prefetch_related(
            Prefetch("provincies", queryset=Provincie.objects.order_by("naam")),
            Prefetch("themas", queryset=Thema.objects.order_by("volgorde")),
        )
        .annotate(aantal_gemeenten=Count("gemeenten", distinct=True))
        .order_by("-datum", "-gerapporteerd_op", "-pk")
    )


def bijeenkomsten_bekend_op(moment: datetime.datetime, tot: datetime.date) -> QuerySet:
    """The meetings held by ``tot`` as they were known at ``moment``: logged by then, each in the
    state it then had (later edits not seen). Versions (``Bijeenkomst.history``) with the meeting's
    fields; their provinces and municipalities are in ``bijeenkomst_provincies`` and
    ``bijeenkomst_gemeenten``."""
    return geschiedenis.stand_op(Bijeenkomst.history.all(), moment).filter(datum__lte=tot)


def bijeenkomst_gemeenten(bijeenkomsten: QuerySet) -> QuerySet:
    """The (meeting, municipality) pairs of the given versions of meetings (``bijeenkomsten_bekend_op``):
    ``history_id``, ``bijeenkomst_id``, ``gemeente``."""
    return Bijeenkomst.history.model.gemeenten.model.objects.filter(
        history__in=bijeenkomsten.values("history_id")
    )


def bijeenkomst_provincies(bijeenkomsten: QuerySet) -> QuerySet:
    """The (meeting, province) pairs of the given versions of meetings: ``history_id``,
    ``bijeenkomst_id``, ``provincie``."""
    return Bijeenkomst.history.model.provincies.model.objects.filter(
        history__in=bijeenkomsten.values("history_id")
    )


def trajecten_bekend_op(moment: datetime.datetime) -> QuerySet:
    """The trajecten as they were known at ``moment``, each in the state it then had (a budget
    changed later not seen). Versions (``Adviestraject.history``); their municipalities are in
    ``traject_gemeenten``."""
    return geschiedenis.stand_op(Adviestraject.history.all(), moment)


def traject_gemeenten(trajecten: QuerySet) -> QuerySet:
    """The (traject, municipality) pairs of the given versions of trajecten: ``history_id``,
    ``adviestraject_id``, ``gemeente``."""
    return Adviestraject.history.model.gemeenten.model.objects.filter(
        history__in=trajecten.values("history_id")
    )


def aanvragen_om_te_beantwoorden_van(adviseur: User) -> QuerySet[Adviesaanvraag]:
    return aanvragen_om_te_beantwoorden(adviseur).select_related("gemeente")


def themas_van_aanvraag(aanvraag: Adviesaanvraag) -> QuerySet[Thema]:
    """The session themes that are the request's basisfuncties."""
    return Thema.objects.filter(basisfunctie__in=aanvraag.basisfuncties.all()).order_by("volgorde")


def laatste_ingediende_meting(gemeente: Gemeente, vragenlijst_code: str = "") -> Meting | None:
    """The municipality's latest submitted meting (of the questionnaire ``vragenlijst_code`` when
    given), which an advice request refers to."""
    metingen = ingediend_door(gemeente)
    if vragenlijst_code:
        metingen = metingen.filter(vragenlijst__code=vragenlijst_code)
    return metingen.select_related("vragenlijst").first()


def basisfuncties_met_code(codes: list[str]) -> list[Basisfunctie]:
    return list(Basisfunctie.objects.filter(code__in=codes[:20]))


def plannen_van_traject(traject: Adviestraject) -> list[tuple[Gemeente, "Voortgang"]]:
    """The traject's municipalities, each with how far its nine-step plan got: the plan van
    aanpak builds on it."""
    gemeenten = list(traject.gemeenten.all())
    voortgang = plan_voortgang([g.pk for g in gemeenten])
    return [(g, voortgang.get(g.pk, GEEN_VOORTGANG)) for g in gemeenten]


def zwak_zonder_gesprek(gemeenten: QuerySet[Gemeente], datum: datetime.date) -> list[Gemeente]:
    """The municipalities of ``gemeenten`` existing on ``datum`` whose latest submitted meting found
    basisfuncties weak (``aantal_zwak``, most first) and with whom no session has been logged yet:
    where an adviser's next conversation is most needed (the adviser's start page).

    A municipality formed by a merger is taken with its predecessors (``voorganger_ids``): its own
    newest submitted meting counts or, when it has none, the newest one a predecessor submitted
    (the one its page shows as its predecessors'); a session with a predecessor counts as one with
    it. Two queries, however many municipalities."""
    voorgangers = voorganger_ids(datum)
    bestaand = gemeenten.bestaand_op(datum)
    rijen = {
        g.pk: g
        for g in _met_laatste_meting(
            Gemeente.objects.filter(
                Q(pk__in=bestaand.values("pk")) | Q(pk__in=set().union(*voorgangers.values()))
            )
        )
        .annotate(in_lijst=Exists(bestaand.filter(pk=OuterRef("pk"))))
        .select_related("provincie")
    }
    gevonden = []
    for g in rijen.values():
        eerdere = [rijen[v] for v in voorgangers.get(g.pk, ()) if v in rijen]
        if not g.in_lijst or g.besproken or any(v.besproken for v in eerdere):
            continue
        gemeten = _meting_spreekt_voor(g, eerdere)
        if gemeten is not None and gemeten.aantal_zwak:
            gevonden.append((g, gemeten.aantal_zwak))
    for g, aantal in gevonden:
        g.aantal_zwak = aantal
    return sorted((g for g, _ in gevonden), key=lambda g: (-g.aantal_zwak, g.naam))


def _meting_spreekt_voor(gemeente: Gemeente, voorgangers: list[Gemeente]) -> Gemeente | None:
    """Whose latest submitted meting speaks for ``gemeente``: its own, or else the newest of its
    ``voorgangers``' (None: none submitted one). ``nulmeting.selectors.laatste_meting_voor``'s rule
    on rows annotated by ``_met_laatste_meting``, for a whole list at once."""
    if gemeente.laatst_ingediend is not None:
        return gemeente
    gemeten = [v for v in voorgangers if v.laatst_ingediend is not None]
    # newest first as ``ingediend_door`` orders: by moment, then the later stored
    return max(gemeten, key=lambda v: (v.laatst_ingediend, v.laatste_meting), default=None)


def _met_laatste_meting(gemeenten: QuerySet[Gemeente]) -> QuerySet[Gemeente]:
    """``gemeenten``, each with when it last submitted a meting (``laatst_ingediend``, None: never),
    how many basisfuncties that meting found weak (``aantal_zwak``), and whether an active session
    was held with it (``besproken``)."""
    laatste = ingediend_door(OuterRef("pk"))
    zwak = (
        Score.objects.filter(meting_id=OuterRef("laatste_meting"), goed_voor_elkaar=False)
        .order_by()
        .values("meting_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    besproken = Adviesgesprek.objects.actief().filter(gemeenten=OuterRef("pk"))
    return gemeenten.annotate(
        laatste_meting=Subquery(laatste.values("pk")[:1]),
        laatst_ingediend=Subquery(laatste.values("ingediend_op")[:1]),
    ).annotate(aantal_zwak=Coalesce(Subquery(zwak), 0), besproken=Exists(besproken))


def open_trajecten_van(user: User) -> QuerySet[Adviestraject]:
    """The trajecten ``user`` leads that are not finished, with hours used (start page)."""
    return trajecten_voor_lijst(user).filter(leider=user).exclude(status=Adviestraject.Status.AFGEROND)
