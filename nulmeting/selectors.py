"""Reads of the nulmeting for pages, exports and reports; aggregation happens in the database."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When

from accounts.models import Uitnodiging
from gemeenten.models import Gemeente, Herindeling
from gemeenten.selectors import indeling_voor, voorganger_ids, voortgezet_in
from nulmeting.models import Antwoord, Basisfunctie, Meting, Score, Vragenlijst
from toolkit.geschiedenis import stand_op


def procent(deel: int, geheel: int) -> int | None:
    """Rounded half up to a whole percent, as the evaluation printed them; None without a base."""
    if not geheel:
        return None
    return (200 * deel + geheel) // (2 * geheel)


def ingediende_metingen(
    vragenlijst: Vragenlijst,
    moment: datetime.datetime | None = None,
    bekend_op: datetime.datetime | None = None,
    tot_versie: int | None = None,
) -> QuerySet:
    """The metingen of ``vragenlijst`` submitted before ``moment`` (``None``: so far), each with
    ``gemeente_id`` and ``ingediend_op``: as they stand now, or as known at ``bekend_op`` (their
    versions stored by then, so a meting reopened since still counts as it then stood; with
    ``tot_versie``, only the versions up to that id). The one query for "submitted at a moment";
    ``ingediend_door_zelf_of_voorganger`` is built on it."""
    metingen = Meting.objects.all() if bekend_op is None else stand_op(_tot(Meting, tot_versie), bekend_op)
    metingen = metingen.filter(vragenlijst=vragenlijst, status=Meting.Status.INGEDIEND)
    return metingen if moment is None else metingen.filter(ingediend_op__lt=moment)


def ingediend_door(gemeente) -> QuerySet[Meting]:
    """The metingen ``gemeente`` (an instance, an id or ``OuterRef("pk")``) submitted, of any
    questionnaire, newest first: ``[:1]`` is "its latest submitted meting", as a row or as a
    subquery per municipality."""
    return _nieuwste_eerst(Meting.objects.filter(gemeente=gemeente))


def _nieuwste_eerst(metingen: QuerySet[Meting]) -> QuerySet[Meting]:
    return metingen.ingediend().order_by("-ingediend_op", "-pk")


def laatste_meting_voor(gemeente: Gemeente, voorgangers: set[int]) -> Meting | None:
    """The latest submitted meting that speaks for ``gemeente``: its own, or else the newest of
    those of ``voorgangers``, the municipalities merged into it (``gemeenten.selectors.voorganger_ids``,
    which the caller has at hand); its ``gemeente`` says whose."""
    eigen = ingediend_door(gemeente).select_related("gemeente").first()
    if eigen is not None:
        return eigen
    return (
        _nieuwste_eerst(Meting.objects.filter(gemeente_id__in=voorgangers)).select_related("gemeente").first()
    )


def scores_van(
    metingen: QuerySet, bekend_op: datetime.datetime | None = None, tot_versie: int | None = None
) -> QuerySet:
    """The scores of ``metingen`` (from ``ingediende_metingen`` with the same ``bekend_op``), with
    ``tot_versie`` only from the versions of scores up to that id."""
    if bekend_op is None:
        return Score.objects.filter(meting__in=metingen)
    return stand_op(_tot(Score, tot_versie), bekend_op).filter(meting_id__in=metingen.values("id"))


def _tot(model, tot_versie: int | None) -> QuerySet:
    versies = model.history.all()
    return versies if tot_versie is None else versies.filter(history_id__lte=tot_versie)


def actuele_nulmeting() -> Vragenlijst | None:
    return Vragenlijst.objects.filter(soort=Vragenlijst.Soort.NULMETING).order_by("-aangemaakt_op").first()


def gekozen_vragenlijst(code: str | None) -> Vragenlijst | None:
    """The questionnaire a page was asked for by ``code`` (None if there is none by that code),
    or without a code the current nulmeting."""
    if code:
        return Vragenlijst.objects.filter(code=code).first()
    return actuele_nulmeting()


def open_vragenlijsten() -> QuerySet[Vragenlijst]:
    return Vragenlijst.objects.filter(is_open=True).order_by("aangemaakt_op")


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


def ingediende_antwoorden(vragenlijst: Vragenlijst, gemeenten: QuerySet) -> dict[int, dict[str, str]]:
    """The submitted answers to ``vragenlijst`` per municipality among ``gemeenten``: gemeente id →
    question code → value."""
    antwoorden: dict[int, dict[str, str]] = {}
    for gemeente_id, code, waarde in Antwoord.objects.filter(
        meting__vragenlijst=vragenlijst,
        meting__status=Meting.Status.INGEDIEND,
        meting__gemeente__in=gemeenten.values("pk"),
    ).values_list("meting__gemeente_id", "vraag__code", "waarde"):
        antwoorden.setdefault(gemeente_id, {})[code] = waarde
    return antwoorden


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


def eerst_ingediend_door_zelf_of_voorganger(
    vragenlijst: Vragenlijst,
    moment: datetime.datetime | None,
    indeling: datetime.date,
    bekend_op: datetime.datetime | None = None,
) -> dict[int, datetime.datetime]:
    """``ingediend_door_zelf_of_voorganger``, each municipality with the first moment it or one of
    its predecessors submitted (for the submissions per week of a round)."""
    metingen = list(ingediende_metingen(vragenlijst, moment, bekend_op).select_related("gemeente"))
    voortgezet = voortgezet_in([m.gemeente for m in metingen], indeling)
    eerst: dict[int, datetime.datetime] = {}
    for meting in metingen:
        for gemeente_id in voortgezet[meting.gemeente_id]:
            if gemeente_id not in eerst or meting.ingediend_op < eerst[gemeente_id]:
                eerst[gemeente_id] = meting.ingediend_op
    return eerst


def ingediend_door_zelf_of_voorganger(
    vragenlijst: Vragenlijst,
    moment: datetime.datetime | None,
    indeling: datetime.date,
    bekend_op: datetime.datetime | None = None,
) -> set[int]:
    """Ids of the municipalities existing on ``indeling`` that — themselves or a municipality that
    merged into them by ``indeling``, following chains and splits (``gemeenten.selectors
    .voortgezet_in``) — had submitted ``vragenlijst`` before ``moment`` (``None``: so far), as
    the metingen stand now or as known at ``bekend_op`` (``ingediende_metingen``).

    The one rule for "this municipality has taken part": every page, dashboard, map and round asks
    it (a queryset gets it as a column through ``als_kolom``). Two queries, whatever the number
    of municipalities or metingen."""
    return set(eerst_ingediend_door_zelf_of_voorganger(vragenlijst, moment, indeling, bekend_op))


def als_kolom(ids, veld: str = "pk") -> Case:
    """A boolean column for a queryset: is the row's ``veld`` one of ``ids`` (a set, or a subquery
    of values). False for every row when ``ids`` is empty."""
    return Case(
        When(**{f"{veld}__in": ids}, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


@dataclass(frozen=True)
class MetingVanVoorganger:
    """A submitted meting of a municipality that has since merged into another, shown on the
    successor's pages as the predecessor's own."""

    vragenlijst: Vragenlijst
    gemeente: Gemeente  # the predecessor
    ingediend_op: datetime.datetime
    stappen: tuple[Herindeling, ...]  # what it went into (the first step of a chain)

    @property
    def label(self) -> str:
        """'Nulmeting 2009 van Sneek (opgegaan in Súdwest-Fryslân op 1-1-2011)'; after a change of
        name only: 'Nulmeting 2009 van Menaldumadeel (sinds 1-1-2011 Menameradiel)'."""
        opvolgers = " en ".join(str(h.opvolger) for h in self.stappen)
        datum = self.stappen[0].datum
        dag = f"{datum.day}-{datum.month}-{datum.year}"
        if all(h.soort == Herindeling.Soort.NAAMSWIJZIGING for h in self.stappen):
            return f"{self.vragenlijst} van {self.gemeente} (sinds {dag} {opvolgers})"
        return f"{self.vragenlijst} van {self.gemeente} (opgegaan in {opvolgers} op {dag})"


def metingen_van_voorgangers(
    vragenlijsten, moment: datetime.datetime | None, indeling: datetime.date, gemeente_ids=None
) -> dict[int, list[MetingVanVoorganger]]:
    """Per municipality existing on ``indeling`` (those of ``gemeente_ids``, or all): the metingen of
    ``vragenlijsten`` that its predecessors (by chain) had submitted before ``moment`` (``None``: so
    far). A municipality is in ``ingediend_door_zelf_of_voorganger`` exactly when it submitted
    itself or has an entry here. One query per questionnaire and two more."""
    voorgangers = {
        opvolger_id: ids
        for opvolger_id, ids in voorganger_ids(indeling).items()
        if gemeente_ids is None or opvolger_id in gemeente_ids
    }
    alle = set().union(*voorgangers.values())
    if not alle:
        return {}
    ingediend = [
        (vragenlijst, gemeente_id, ingediend_op)
        for vragenlijst in vragenlijsten
        for gemeente_id, ingediend_op in ingediende_metingen(vragenlijst, moment)
        .filter(gemeente_id__in=alle)
        .values_list("gemeente_id", "ingediend_op")
    ]
    if not ingediend:
        return {}
    stappen: dict[int, list[Herindeling]] = {}
    for h in (
        Herindeling.objects.filter(opgeheven__in={g for _, g, _ in ingediend})
        .select_related("opgeheven", "opvolger")
        .order_by("opvolger__naam")
    ):
        stappen.setdefault(h.opgeheven_id, []).append(h)
    resultaat: dict[int, list[MetingVanVoorganger]] = {}
    for opvolger_id, ids in voorgangers.items():
        metingen = [
            MetingVanVoorganger(vragenlijst, stappen[g][0].opgeheven, op, tuple(stappen[g]))
            for vragenlijst, g, op in ingediend
            if g in ids
        ]
        if metingen:
            resultaat[opvolger_id] = sorted(
                metingen, key=lambda m: (m.vragenlijst.aangemaakt_op, m.vragenlijst.pk, m.gemeente.naam)
            )
    return resultaat


@dataclass(frozen=True)
class StandVanVragenlijst:
    """Where one municipality stands with one questionnaire: its own meting (or None), whether it
    has taken part (``ingediend_door_zelf_of_voorganger``), and its predecessors' submitted
    metingen (``metingen_van_voorgangers``)."""

    vragenlijst: Vragenlijst
    meting: Meting | None
    ingediend: bool
    voorganger_metingen: list[MetingVanVoorganger]

    @property
    def door_voorgangers(self) -> bool:
        """Taken part through its predecessors only."""
        return self.ingediend and not (self.meting and self.meting.is_ingediend)


def stand_per_vragenlijst(
    gemeente: Gemeente, datum: datetime.date, vragenlijsten=None
) -> list[StandVanVragenlijst]:
    """``gemeente``'s stand with each questionnaire (default: all, oldest first) as of now, on the
    borders of ``datum`` (or of its last day, when it was dissolved before: ``indeling_voor``);
    for the municipality page and the official's questionnaires."""
    vragenlijsten = list(
        vragenlijsten if vragenlijsten is not None else Vragenlijst.objects.order_by("aangemaakt_op")
    )
    indeling = indeling_voor(gemeente, datum)
    eigen = {m.vragenlijst_id: m for m in metingen_van_gemeente(gemeente)}
    voorgangers = metingen_van_voorgangers(vragenlijsten, None, indeling, {gemeente.pk}).get(gemeente.pk, [])
    return [
        StandVanVragenlijst(
            vragenlijst=v,
            meting=eigen.get(v.pk),
            ingediend=gemeente.pk in ingediend_door_zelf_of_voorganger(v, None, indeling),
            voorganger_metingen=[m for m in voorgangers if m.vragenlijst.pk == v.pk],
        )
        for v in vragenlijsten
    ]


def _met_status(
    gemeenten: QuerySet[Gemeente],
    vragenlijst: Vragenlijst,
    datum: datetime.date,
    moment: datetime.datetime | None = None,
):
    metingen = Meting.objects.filter(gemeente=OuterRef("pk"), vragenlijst=vragenlijst)
    return gemeenten.bestaand_op(datum).annotate(
        uitgenodigd=Exists(Uitnodiging.objects.filter(gemeente=OuterRef("pk"))),
        heeft_concept=Exists(metingen.filter(status=Meting.Status.CONCEPT)),
        heeft_ingediend=als_kolom(ingediend_door_zelf_of_voorganger(vragenlijst, moment, datum)),
    )


def overzicht_gemeenten(
    gemeenten: QuerySet[Gemeente],
    vragenlijst: Vragenlijst,
    datum: datetime.date,
    moment: datetime.datetime | None = None,
) -> list[Gemeente]:
    """The municipalities existing on ``datum`` with the status of their meting at ``moment``
    (``None``: now) and their count of basisfuncties 'goed voor elkaar', for the advisers' and
    coordinators' overview; each with ``voorganger_metingen``, its predecessors' submitted metingen
    (``metingen_van_voorgangers``), when it took part through them."""
    return met_voorganger_metingen(
        list(overzicht_queryset(gemeenten, vragenlijst, datum, moment)), vragenlijst, datum, moment
    )


def overzicht_queryset(
    gemeenten: QuerySet[Gemeente],
    vragenlijst: Vragenlijst,
    datum: datetime.date,
    moment: datetime.datetime | None = None,
) -> QuerySet[Gemeente]:
    """``overzicht_gemeenten`` as a queryset, to filter and page before the rows are read
    (annotated with ``uitgenodigd``, ``heeft_concept``, ``heeft_ingediend``, ``heeft_eigen`` and
    ``aantal_goed``); ``met_voorganger_metingen`` completes a page of it."""
    return (
        _met_status(gemeenten, vragenlijst, datum, moment)
        .select_related("provincie")
        .annotate(
            heeft_eigen=als_kolom(ingediende_metingen(vragenlijst, moment).values("gemeente_id")),
            aantal_goed=Count(
                "metingen__scores",
                filter=Q(metingen__vragenlijst=vragenlijst, metingen__scores__goed_voor_elkaar=True),
            ),
        )
        .order_by("provincie__naam", "naam")
    )


def met_voorganger_metingen(
    rijen: list[Gemeente],
    vragenlijst: Vragenlijst,
    datum: datetime.date,
    moment: datetime.datetime | None = None,
) -> list[Gemeente]:
    """Give each of ``rijen`` its ``voorganger_metingen`` (one query for them all)."""
    voorgangers = metingen_van_voorgangers([vragenlijst], moment, datum, {g.pk for g in rijen})
    for g in rijen:
        g.voorganger_metingen = voorgangers.get(g.pk, [])
    return rijen


def met_status_filter(gemeenten: QuerySet[Gemeente], status: str) -> QuerySet[Gemeente]:
    """The rows of ``overzicht_queryset`` whose status (a key of ``STATUSSEN``) is ``status``:
    the most advanced state wins, as in ``status_per_gemeente``."""
    nog_niet = Q(heeft_ingediend=False)
    return gemeenten.filter(
        {
            "ingediend": Q(heeft_ingediend=True),
            "concept": nog_niet & Q(heeft_concept=True),
            "uitgenodigd": nog_niet & Q(heeft_concept=False, uitgenodigd=True),
            "niet_uitgenodigd": nog_niet & Q(heeft_concept=False, uitgenodigd=False),
        }[status]
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
    gemeenten: QuerySet[Gemeente],
    vragenlijst: Vragenlijst,
    datum: datetime.date,
    moment: datetime.datetime | None = None,
) -> dict[str, str]:
    """CBS code → status at ``moment`` (``None``: now; a key of ``STATUSSEN``) for the
    municipalities existing on ``datum``; submitted as ``ingediend_door_zelf_of_voorganger`` says."""
    rijen = _met_status(gemeenten, vragenlijst, datum, moment).values_list(
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


def deelname_per_provincie(
    gemeenten: QuerySet[Gemeente],
    vragenlijst: Vragenlijst,
    datum: datetime.date,
    moment: datetime.datetime | None = None,
) -> list[dict]:
    """Per province: municipalities existing on ``datum``, invited, concept, and submitted at
    ``moment`` (``None``: now; itself or a predecessor, as the overview per municipality and the
    maps say) with % submitted."""
    rijen = (
        _met_status(gemeenten, vragenlijst, datum, moment)
        .values("provincie__naam")
        .annotate(
            gemeenten=Count("id"),
            uitgenodigd=Count("id", filter=Q(uitgenodigd=True)),
            concept=Count("id", filter=Q(heeft_concept=True)),
            ingediend=Count("id", filter=Q(heeft_ingediend=True)),
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


def metingen_voor_export(vragenlijst: Vragenlijst, gemeenten: QuerySet[Gemeente]) -> QuerySet[Meting]:
    """The metingen of ``vragenlijst`` by ``gemeenten`` with their answers and scores, for the
    export of the overview (``uitwisseling.export_rijen``)."""
    return (
        Meting.objects.filter(vragenlijst=vragenlijst, gemeente__in=gemeenten)
        .select_related("gemeente__provincie")
        .prefetch_related(
            Prefetch("antwoorden", queryset=Antwoord.objects.select_related("vraag")),
            Prefetch("scores", queryset=Score.objects.select_related("basisfunctie")),
        )
        .order_by("gemeente__naam")
    )
