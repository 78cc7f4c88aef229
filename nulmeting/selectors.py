"""Reads of the nulmeting for pages, exports and reports; aggregation happens in the database."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from accounts.models import Uitnodiging
from gemeenten.models import Gemeente
from nulmeting.models import Antwoord, Basisfunctie, Meting, Score, Vragenlijst


def procent(deel: int, geheel: int) -> int | None:
    """Rounded half up to a whole percent, as the evaluation printed them; None without a base."""
    if not geheel:
        return None
    return (200 * deel + geheel) // (2 * geheel)


def actuele_nulmeting() -> Vragenlijst | None:
    return Vragenlijst.objects.filter(soort=Vragenlijst.Soort.NULMETING).order_by("-aangemaakt_op").first()


def open_vragenlijsten() -> QuerySet[Vragenlijst]:
    return Vragenlijst.objects.filter(is_open=True).order_by("aangemaakt_op")


@dataclass(frozen=True)
class SpiegelRij:
    basisfunctie: Basisfunctie
    score: Score | None
    provincie_procent: int | None
    provincie_n: int
    land_procent: int | None
    land_n: int


def _zichtbaar_procent(goed: int, n: int) -> int | None:
    """A share for the spiegel, or None below ``SPIEGEL_MINIMUM_N`` metingen (see settings)."""
    return procent(goed, n) if n >= settings.SPIEGEL_MINIMUM_N else None


def spiegel(meting: Meting) -> list[SpiegelRij]:
    """Per basisfunctie: the municipality's own score next to % 'goed voor elkaar' in its province
    and in the country, over all submitted metingen of the same questionnaire; a share over fewer
    than ``SPIEGEL_MINIMUM_N`` metingen is left out, as it would give away other results."""
    provincie_id = meting.gemeente.provincie_id
    totalen = (
        Score.objects.filter(meting__vragenlijst=meting.vragenlijst, meting__status=Meting.Status.INGEDIEND)
        .values("basisfunctie")
        .annotate(
            land_n=Count("id"),
            land_goed=Count("id", filter=Q(goed_voor_elkaar=True)),
            prov_n=Count("id", filter=Q(meting__gemeente__provincie_id=provincie_id)),
            prov_goed=Count(
                "id", filter=Q(meting__gemeente__provincie_id=provincie_id, goed_voor_elkaar=True)
            ),
        )
    )
    per_basisfunctie = {t["basisfunctie"]: t for t in totalen}
    eigen = {s.basisfunctie_id: s for s in meting.scores.all()}
    basisfuncties = (
        Basisfunctie.objects.filter(vragen__vragenlijst=meting.vragenlijst).distinct().order_by("volgorde")
    )
    rijen = []
    for b in basisfuncties:
        t = per_basisfunctie.get(b.pk, {"land_n": 0, "land_goed": 0, "prov_n": 0, "prov_goed": 0})
        rijen.append(
            SpiegelRij(
                basisfunctie=b,
                score=eigen.get(b.pk),
                provincie_procent=_zichtbaar_procent(t["prov_goed"], t["prov_n"]),
                provincie_n=t["prov_n"],
                land_procent=_zichtbaar_procent(t["land_goed"], t["land_n"]),
                land_n=t["land_n"],
            )
        )
    return rijen


@dataclass(frozen=True)
class VergelijkingRij:
    basisfunctie: Basisfunctie
    nul: Score | None
    een: Score | None

    @property
    def ontwikkeling(self) -> str:
        if not self.nul or not self.een:
            return "onbekend"
        if self.een.goed_voor_elkaar != self.nul.goed_voor_elkaar:
            return "verbeterd" if self.een.goed_voor_elkaar else "achteruitgegaan"
        if self.een.punten > self.nul.punten:
            return "verbeterd"
        if self.een.punten < self.nul.punten:
            return "achteruitgegaan"
        return "gelijk gebleven"


def vergelijking(eenmeting: Meting) -> list[VergelijkingRij] | None:
    """Baseline against follow-up per basisfunctie, when ``eenmeting`` follows a submitted nulmeting."""
    basis = eenmeting.vragenlijst.basis
    if basis is None:
        return None
    nulmeting = Meting.objects.filter(gemeente=eenmeting.gemeente, vragenlijst=basis).ingediend().first()
    if nulmeting is None:
        return None
    nul = {s.basisfunctie_id: s for s in nulmeting.scores.select_related("basisfunctie")}
    een = {s.basisfunctie_id: s for s in eenmeting.scores.all()}
    return [VergelijkingRij(s.basisfunctie, s, een.get(bid)) for bid, s in nul.items()]


def open_vragen(basisfunctie, antwoorden: dict[str, str]) -> list:
    """The scored questions of ``basisfunctie`` (of a questionnaire's ``opbouw``) without an answer:
    the one rule for when a meting, or a step of it, is complete."""
    return [v for v in basisfunctie.vragen if v.telt_mee and not antwoorden.get(v.code)]


def ingevulde_basisfuncties(basisfuncties, antwoorden: dict[str, str]) -> list[bool]:
    """Per basisfunctie: is every scored question answered?"""
    return [not open_vragen(b, antwoorden) for b in basisfuncties]


def aantal_ingevuld(vragenlijsten: list[Vragenlijst], gemeente_ids) -> dict[tuple[int, int], int]:
    """How many basisfuncties each municipality has filled in completely so far, per questionnaire,
    in one query: (vragenlijst id, gemeente id) → count (for "u heeft 5 van de 13 ingevuld")."""
    antwoorden: dict[tuple[int, int], dict[str, str]] = {}
    for sleutel_v, sleutel_g, code, waarde in (
        Antwoord.objects.filter(meting__vragenlijst__in=vragenlijsten, meting__gemeente__in=gemeente_ids)
        .exclude(waarde="")
        .values_list("meting__vragenlijst_id", "meting__gemeente_id", "vraag__code", "waarde")
    ):
        antwoorden.setdefault((sleutel_v, sleutel_g), {})[code] = waarde
    opbouw = {v.pk: v.opbouw.basisfuncties for v in vragenlijsten}
    return {k: sum(ingevulde_basisfuncties(opbouw[k[0]], a)) for k, a in antwoorden.items()}


def metingen_van_gemeente(gemeente: Gemeente) -> QuerySet[Meting]:
    return gemeente.metingen.select_related("vragenlijst").order_by("vragenlijst__aangemaakt_op")


def _ingediend_door_zelf_of_voorganger(vragenlijst: Vragenlijst, datum: datetime.date):
    """A subquery: the municipality (OuterRef) or one that merged into it by ``datum`` submitted.
    The reports follow chains of mergers too (rapportage.selectors.deelname); between 2009 and
    2012 there are none, so one step is enough for these lists."""
    return Meting.objects.filter(vragenlijst=vragenlijst, status=Meting.Status.INGEDIEND).filter(
        Q(gemeente=OuterRef("pk"))
        | Q(gemeente__opgegaan_in__opvolger=OuterRef("pk"), gemeente__opgegaan_in__datum__lte=datum)
    )


def _met_status(gemeenten: QuerySet[Gemeente], vragenlijst: Vragenlijst, datum: datetime.date):
    metingen = Meting.objects.filter(gemeente=OuterRef("pk"), vragenlijst=vragenlijst)
    return gemeenten.bestaand_op(datum).annotate(
        uitgenodigd=Exists(Uitnodiging.objects.filter(gemeente=OuterRef("pk"))),
        heeft_concept=Exists(metingen.filter(status=Meting.Status.CONCEPT)),
        heeft_ingediend=Exists(_ingediend_door_zelf_of_voorganger(vragenlijst, datum)),
    )


def overzicht_gemeenten(gemeenten: QuerySet[Gemeente], vragenlijst: Vragenlijst, datum: datetime.date):
    """The municipalities existing on ``datum`` with the status of their meting and their count of
    basisfuncties 'goed voor elkaar', for the advisers' and coordinators' overview."""
    metingen = Meting.objects.filter(gemeente=OuterRef("pk"), vragenlijst=vragenlijst)
    return (
        _met_status(gemeenten, vragenlijst, datum)
        .select_related("provincie")
        .annotate(
            heeft_eigen=Exists(metingen.filter(status=Meting.Status.INGEDIEND)),
            aantal_goed=Count(
                "metingen__scores",
                filter=Q(metingen__vragenlijst=vragenlijst, metingen__scores__goed_voor_elkaar=True),
            ),
        )
        .order_by("provincie__naam", "naam")
    )


# The status of a municipality's meting, as the overview and the maps name it (most advanced first
# wins: a municipality with a submitted meting was invited too).
STATUSSEN = {
    "niet_uitgenodigd": "Niet uitgenodigd",
    "uitgenodigd": "Uitgenodigd",
    "concept": "Concept",
    "ingediend": "Ingediend",
}


def status_per_gemeente(
    gemeenten: QuerySet[Gemeente], vragenlijst: Vragenlijst, datum: datetime.date
) -> dict[str, str]:
    """CBS code → status (a key of ``STATUSSEN``) for the municipalities existing on ``datum``; a
    municipality counts as submitted when it or one that merged into it submitted."""
    rijen = _met_status(gemeenten, vragenlijst, datum).values_list(
        "cbs_code", "uitgenodigd", "heeft_concept", "heeft_ingediend"
    )
    return {
        code: "ingediend"
        if ingediend
        else "concept"
        if concept
        else "uitgenodigd"
        if uitgenodigd
        else "niet_uitgenodigd"
        for code, uitgenodigd, concept, ingediend in rijen
    }


def goed_per_provincie(vragenlijst: Vragenlijst, basisfunctie: Basisfunctie) -> dict[str, tuple[int, int]]:
    """Province CBS code → (metingen 'goed voor elkaar' on ``basisfunctie``, submitted metingen), over
    the submitted metingen of ``vragenlijst``, by the province of the submitting municipality (as
    ``spiegel`` counts them)."""
    rijen = (
        Score.objects.filter(
            meting__vragenlijst=vragenlijst, meting__status=Meting.Status.INGEDIEND, basisfunctie=basisfunctie
        )
        .values("meting__gemeente__provincie__cbs_code")
        .annotate(n=Count("id"), goed=Count("id", filter=Q(goed_voor_elkaar=True)))
        .values_list("meting__gemeente__provincie__cbs_code", "goed", "n")
    )
    return {code: (goed, n) for code, goed, n in rijen}


def deelname_per_provincie(
    gemeenten: QuerySet[Gemeente], vragenlijst: Vragenlijst, datum: datetime.date
) -> list[dict]:
    """Per province: municipalities existing on ``datum``, invited, concept, submitted and % submitted."""
    metingen = Meting.objects.filter(gemeente=OuterRef("pk"), vragenlijst=vragenlijst)
    rijen = (
        gemeenten.bestaand_op(datum)
        .annotate(
            is_uitgenodigd=Exists(Uitnodiging.objects.filter(gemeente=OuterRef("pk"))),
            is_concept=Exists(metingen.filter(status=Meting.Status.CONCEPT)),
            is_ingediend=Exists(_ingediend_door_zelf_of_voorganger(vragenlijst, datum)),
        )
        .values("provincie__naam")
        .annotate(
            gemeenten=Count("id"),
            uitgenodigd=Count("id", filter=Q(is_uitgenodigd=True)),
            concept=Count("id", filter=Q(is_concept=True)),
            ingediend=Count("id", filter=Q(is_ingediend=True)),
        )
        .order_by("provincie__naam")
    )
    resultaat = [dict(r, procent=procent(r["ingediend"], r["gemeenten"])) for r in rijen]
    if resultaat:
        totaal = {
            k: sum(r[k] for r in resultaat) for k in ("gemeenten", "uitgenodigd", "concept", "ingediend")
        }
        resultaat.append(
            {
                "provincie__naam": "Totaal",
                **totaal,
                "procent": procent(totaal["ingediend"], totaal["gemeenten"]),
            }
        )
    return resultaat
