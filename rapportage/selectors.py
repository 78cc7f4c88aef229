"""The aggregation layer: the programme's numbers as of a peildatum, as pandas DataFrames.

Everything aggregates in the database; pandas only shapes the (small) results. A report counts
what happened by the end of the peildatum (sessions held, metingen submitted) in one of two
readings: *as known on the peildatum* (the default: the versions stored by the end of that day,
so a session deleted or a meting reopened later still counts as it then stood, and a report
regenerated later gives the same numbers) or *with later corrections* up to a later moment
(``Afbakening.bekend_op``). A ``Afbakening`` also narrows everything to one province or one CMO
(its provinces and its sessions).
"""

import datetime
from dataclasses import dataclass, field, replace

import pandas as pd
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.permissions import gemeenten_van_organisatie
from advies import selectors as advies_selectors
from advies.models import Adviseur, Thema, is_actief
from advies.permissions import gesprekken_van_organisatie
from gemeenten.models import Gemeente, Organisatie, Provincie
from gemeenten.selectors import voortgezet_in
from nulmeting.models import Basisfunctie, Vragenlijst
from nulmeting.selectors import (
    eerst_ingediend_door_zelf_of_voorganger,
    ingediend_door_zelf_of_voorganger,
    ingediende_metingen,
    scores_van,
)
from nulmeting.selectors import procent as afgerond_procent
from rondes.selectors import deelnemers_van, rondes_bekend_op
from toolkit.datums import begin_van, einde_van
from toolkit.geschiedenis import stand_op


@dataclass(frozen=True)
class Afbakening:
    """All of the Netherlands, one province, or one CMO."""

    provincie_id: int | None = None
    organisatie_id: int | None = None
    provincie_ids: frozenset[int] = field(default_factory=frozenset)
    bekend_op: datetime.datetime | None = None  # None: as known at the end of the peildatum
    # When the report was asked for: a peildatum that had not ended then is read as known at that
    # moment, so the report does not grow until midnight when it is built again.
    uiterlijk: datetime.datetime | None = None

    @classmethod
    def maak(
        cls,
        provincie: Provincie | None = None,
        organisatie: Organisatie | None = None,
        bekend_op: datetime.datetime | None = None,
        uiterlijk: datetime.datetime | None = None,
    ) -> "Afbakening":
        lezing = {"bekend_op": bekend_op, "uiterlijk": uiterlijk}
        if provincie:
            return cls(provincie_id=provincie.pk, provincie_ids=frozenset({provincie.pk}), **lezing)
        if organisatie:
            return cls(
                organisatie_id=organisatie.pk,
                provincie_ids=frozenset(organisatie.provincies.values_list("pk", flat=True)),
                **lezing,
            )
        return cls(**lezing)

    def moment(self, peildatum: datetime.date) -> datetime.datetime:
        """The moment whose knowledge the numbers about ``peildatum`` show."""
        if self.bekend_op:
            return self.bekend_op
        return self.afgekapt_op(peildatum) or einde_van(peildatum)

    def afgekapt_op(self, peildatum: datetime.date) -> datetime.datetime | None:
        """The request moment, when ``peildatum`` had not ended by then (else ``None``)."""
        if self.uiterlijk is not None and self.uiterlijk < einde_van(peildatum):
            return self.uiterlijk
        return None

    @property
    def landelijk(self) -> bool:
        return not self.provincie_ids

    def gemeenten(self):
        if self.organisatie_id:
            return gemeenten_van_organisatie(self.organisatie_id)
        if self.provincie_ids:
            return Gemeente.objects.filter(provincie_id__in=self.provincie_ids)
        return Gemeente.objects.all()

    def gesprekken(self, peildatum: datetime.date):
        """The sessions held by ``peildatum``, as known at ``moment(peildatum)`` (versions)."""
        gesprekken = advies_selectors.gesprekken_bekend_op(self.moment(peildatum)).filter(
            datum__lte=peildatum
        )
        if self.organisatie_id:
            return gesprekken_van_organisatie(self.organisatie_id, gesprekken)
        if self.provincie_ids:
            in_provincies = advies_selectors.gemeenten_van_versies(gesprekken).filter(
                gemeente__provincie_id__in=self.provincie_ids
            )
            return gesprekken.filter(history_id__in=in_provincies.values("history_id"))
        return gesprekken


def procent(deel, geheel):
    """``nulmeting.selectors.procent`` (rounded half up), applied per row to Series."""
    if not isinstance(deel, pd.Series):
        return afgerond_procent(deel, geheel)
    noemer = geheel if isinstance(geheel, pd.Series) else pd.Series(geheel, index=deel.index)
    rijen = zip(deel.tolist(), noemer.tolist(), strict=True)
    return pd.Series([afgerond_procent(d, n) for d, n in rijen], index=deel.index, dtype="Int64")


def nulmeting() -> Vragenlijst | None:
    return Vragenlijst.objects.filter(soort=Vragenlijst.Soort.NULMETING).order_by("aangemaakt_op").first()


def _ingediend(vragenlijst, peildatum: datetime.date, afbakening: Afbakening):
    """The metingen of ``vragenlijst`` submitted by the end of ``peildatum`` (versions)."""
    return ingediende_metingen(vragenlijst, einde_van(peildatum), afbakening.moment(peildatum)).filter(
        gemeente__in=afbakening.gemeenten()
    )


def deelname(
    peildatum: datetime.date,
    afbakening: Afbakening,
    *,
    indeling: datetime.date | None = None,
    ingediend_tot: datetime.date | None = None,
) -> pd.DataFrame:
    """Participation in the nulmeting per province: municipalities existing on ``indeling``
    (default: the peildatum), and how many took part — a municipality takes part if it or any
    municipality that merged into it submitted by ``ingediend_tot`` (default: the peildatum)."""
    frame = _deelnemers(peildatum, afbakening, indeling or peildatum, ingediend_tot)
    tabel = (
        frame.groupby("provincie")
        .agg(gemeenten=("gemeente_id", "size"), deelnemers=("deelnemer", "sum"))
        .reset_index()
    )
    tabel["deelnemers"] = tabel["deelnemers"].astype(int)
    tabel["procent"] = procent(tabel["deelnemers"], tabel["gemeenten"])
    return tabel


def deelname_per_gemeente(
    peildatum: datetime.date,
    afbakening: Afbakening,
    *,
    indeling: datetime.date | None = None,
    ingediend_tot: datetime.date | None = None,
) -> dict[str, bool]:
    """CBS code → took part, for the municipalities that ``deelname`` counts (same arguments)."""
    frame = _deelnemers(peildatum, afbakening, indeling or peildatum, ingediend_tot)
    return dict(zip(frame["cbs_code"], frame["deelnemer"].astype(bool), strict=True))


def _deelnemers(
    peildatum: datetime.date,
    afbakening: Afbakening,
    indeling: datetime.date,
    ingediend_tot: datetime.date | None,
) -> pd.DataFrame:
    """One row per municipality existing on ``indeling``: whether it or one that merged into it
    submitted the nulmeting by ``ingediend_tot`` (default: the peildatum)."""
    lijst = nulmeting()
    tot = min(ingediend_tot or peildatum, peildatum)
    deelnemend = (
        ingediend_door_zelf_of_voorganger(lijst, einde_van(tot), indeling, bekend_op=afbakening.moment(tot))
        if lijst
        else set()
    )
    rijen = list(
        afbakening.gemeenten().bestaand_op(indeling).values_list("pk", "cbs_code", "provincie__naam")
    )
    frame = pd.DataFrame(rijen, columns=["gemeente_id", "cbs_code", "provincie"])
    frame["deelnemer"] = frame["gemeente_id"].isin(deelnemend)
    return frame


def totaal(
    tabel: pd.DataFrame, label: str = "Totaal", som: tuple[str, ...] = ("gemeenten", "deelnemers")
) -> dict:
    rij = {kolom: int(tabel[kolom].sum()) if len(tabel) else 0 for kolom in som}
    rij[tabel.columns[0] if len(tabel.columns) else "naam"] = label
    rij["procent"] = procent(rij[som[1]], rij[som[0]])
    return rij


def goed_per_basisfunctie(peildatum: datetime.date, afbakening: Afbakening) -> pd.DataFrame:
    """% 'goed voor elkaar' per basisfunctie over the nulmetingen submitted by the peildatum."""
    lijst = nulmeting()
    scores = (
        (
            scores_van(_ingediend(lijst, peildatum, afbakening), afbakening.moment(peildatum))
            .values("basisfunctie__naam", "basisfunctie__domein", "basisfunctie__volgorde")
            .annotate(n=Count("id"), goed=Count("id", filter=Q(goed_voor_elkaar=True)))
            .order_by("basisfunctie__volgorde")
        )
        if lijst
        else []
    )
    frame = pd.DataFrame(
        list(scores),
        columns=["basisfunctie__naam", "basisfunctie__domein", "basisfunctie__volgorde", "n", "goed"],
    )
    frame = frame.rename(
        columns={
            "basisfunctie__naam": "basisfunctie",
            "basisfunctie__domein": "domein",
            "basisfunctie__volgorde": "volgorde",
        }
    )
    frame["procent"] = procent(frame["goed"], frame["n"])
    return frame


def gesprekken_per_maand(
    peildatum: datetime.date, afbakening: Afbakening, *, vanaf: datetime.date | None = None
) -> pd.DataFrame:
    """Sessions held per month (and cumulative), counting only those logged by the peildatum."""
    gesprekken = afbakening.gesprekken(peildatum)
    rijen = (
        gesprekken.annotate(maand=TruncMonth("datum"))
        .values("maand")
        .annotate(aantal=Count("id"))
        .order_by("maand")
    )
    frame = pd.DataFrame(list(rijen), columns=["maand", "aantal"])
    if frame.empty:
        return pd.DataFrame(
            {
                "maand": pd.Series(dtype="datetime64[ns]"),
                "aantal": pd.Series(dtype=int),
                "cumulatief": pd.Series(dtype=int),
            }
        )
    frame["maand"] = pd.to_datetime(frame["maand"])
    start = pd.Timestamp(vanaf or frame["maand"].min()).to_period("M").to_timestamp()
    alle = pd.DataFrame(
        {"maand": pd.date_range(start, pd.Timestamp(peildatum).to_period("M").to_timestamp(), freq="MS")}
    )
    frame = alle.merge(frame, on="maand", how="left").fillna({"aantal": 0})
    frame["aantal"] = frame["aantal"].astype(int)
    frame["cumulatief"] = frame["aantal"].cumsum()
    return frame


def cumulatief_op(per_maand: pd.DataFrame, data: list[datetime.date]) -> dict[datetime.date, int]:
    """The cumulative number of sessions at each date (end of its month or the date itself)."""
    uitkomst = {}
    for datum in data:
        tot = per_maand[per_maand["maand"] <= pd.Timestamp(datum)]
        uitkomst[datum] = int(tot["cumulatief"].iloc[-1]) if len(tot) else 0
    return uitkomst


def _gesprekken_tot(peildatum: datetime.date, afbakening: Afbakening, vanaf: datetime.date | None = None):
    gesprekken = afbakening.gesprekken(peildatum)
    return gesprekken.filter(datum__gte=vanaf) if vanaf else gesprekken


def onderwerpen(
    peildatum: datetime.date, afbakening: Afbakening, vanaf: datetime.date | None = None
) -> pd.DataFrame:
    rijen = _gesprekken_tot(peildatum, afbakening, vanaf).values("onderwerp").annotate(aantal=Count("id"))
    frame = pd.DataFrame(list(rijen), columns=["onderwerp", "aantal"])
    frame = (
        pd.DataFrame({"onderwerp": ["vrijwilligerswerk", "mantelzorg", "beide"]})
        .merge(frame, how="left")
        .fillna({"aantal": 0})
    )
    frame["aantal"] = frame["aantal"].astype(int)
    frame["procent"] = procent(frame["aantal"], int(frame["aantal"].sum()))
    return frame


def themas(
    peildatum: datetime.date, afbakening: Afbakening, vanaf: datetime.date | None = None
) -> pd.DataFrame:
    """How often each theme was ticked (tables 2.3 and 2.4), most ticked first per domain."""
    gesprekken = _gesprekken_tot(peildatum, afbakening, vanaf)
    aangevinkt = dict(
        advies_selectors.themas_van_versies(gesprekken)
        .values("thema_id")
        .annotate(aantal=Count("m2m_history_id"))
        .values_list("thema_id", "aantal")
    )
    rijen = [
        {
            "naam": t["naam"],
            "domein": t["domein"],
            "volgorde": t["volgorde"],
            "aantal": aangevinkt.get(t["pk"], 0),
        }
        for t in Thema.objects.values("pk", "naam", "domein", "volgorde")
    ]
    frame = pd.DataFrame(rijen, columns=["naam", "domein", "volgorde", "aantal"])
    return frame.sort_values(["domein", "aantal", "volgorde"], ascending=[False, False, True]).reset_index(
        drop=True
    )


def pool(peildatum: datetime.date, afbakening: Afbakening) -> pd.DataFrame:
    """Every adviser period that had started by the peildatum (person, CMO, from, to)."""
    frame = pd.DataFrame(
        list(
            _adviseursperioden(peildatum, afbakening).values(
                "user_id", "organisatie__naam", "actief_van", "actief_tot"
            )
        ),
        columns=["user_id", "organisatie__naam", "actief_van", "actief_tot"],
    )
    return frame.rename(columns={"organisatie__naam": "cmo"})


def _adviseursperioden(peildatum: datetime.date, afbakening: Afbakening):
    """The adviser periods begun by the peildatum as the reading knows them (versions), of the
    afbakening's CMO or of the CMOs of its provinces."""
    perioden = stand_op(Adviseur.history.all(), afbakening.moment(peildatum)).filter(
        actief_van__lte=peildatum
    )
    if afbakening.organisatie_id:
        return perioden.filter(organisatie_id=afbakening.organisatie_id)
    if afbakening.provincie_ids:
        return perioden.filter(organisatie__provincies__in=afbakening.provincie_ids).distinct()
    return perioden


def _actief_op(perioden: pd.DataFrame, datum: datetime.date) -> pd.Series:
    """Per period of ``pool``: active on ``datum``, by the one rule ``advies.models.is_actief``.
    The frame is asked about many dates (``eind._pool_max``), so the rule is applied to its rows
    rather than asked of the database once per date."""
    tot = perioden["actief_tot"].astype(object).where(perioden["actief_tot"].notna(), None)
    rijen = zip(perioden["actief_van"].tolist(), tot.tolist(), strict=True)
    return pd.Series([is_actief(van, t, datum) for van, t in rijen], index=perioden.index, dtype=bool)


def pool_grootte(perioden: pd.DataFrame, datum: datetime.date) -> int:
    if perioden.empty:
        return 0
    return int(perioden.loc[_actief_op(perioden, datum), "user_id"].nunique())


def pool_per_cmo(perioden: pd.DataFrame, datum: datetime.date) -> pd.DataFrame:
    if perioden.empty:
        return pd.DataFrame(columns=["cmo", "actief"])
    actief = perioden[_actief_op(perioden, datum)]
    return actief.groupby("cmo")["user_id"].nunique().rename("actief").reset_index()


def bereik(peildatum: datetime.date, afbakening: Afbakening, vanaf: datetime.date | None = None) -> dict:
    """Municipalities with at least one session, sessions per such municipality, and hours."""
    gesprekken = _gesprekken_tot(peildatum, afbakening, vanaf)
    koppelingen = advies_selectors.gemeenten_van_versies(gesprekken)
    if afbakening.provincie_ids:
        koppelingen = koppelingen.filter(gemeente__provincie_id__in=afbakening.provincie_ids)
    telling = koppelingen.aggregate(
        paren=Count("m2m_history_id"), gemeenten=Count("gemeente_id", distinct=True)
    )
    samen = gesprekken.aggregate(aantal=Count("id"), uren=Sum("uren"))
    return {
        "gesprekken": samen["aantal"],
        "uren": float(samen["uren"] or 0),
        "gemeenten_met_advies": telling["gemeenten"],
        "gesprekken_per_gemeente": (telling["paren"] / telling["gemeenten"])
        if telling["gemeenten"]
        else None,
    }


def gesprekken_per_provincie(
    peildatum: datetime.date, afbakening: Afbakening, vanaf: datetime.date | None = None
) -> pd.DataFrame:
    """Sessions per province (a joint session counts once in each province it touched)."""
    gesprekken = _gesprekken_tot(peildatum, afbakening, vanaf)
    rijen = (
        advies_selectors.gemeenten_van_versies(gesprekken)
        .values("gemeente__provincie__naam")
        .annotate(
            gesprekken=Count("adviesgesprek_id", distinct=True), gemeenten=Count("gemeente_id", distinct=True)
        )
        .order_by("gemeente__provincie__naam")
    )
    return pd.DataFrame(list(rijen), columns=["gemeente__provincie__naam", "gesprekken", "gemeenten"]).rename(
        columns={"gemeente__provincie__naam": "provincie"}
    )


def gesprekken_per_gemeente(
    peildatum: datetime.date, afbakening: Afbakening, indeling: datetime.date
) -> dict[str, int]:
    """CBS code → sessions logged by the peildatum, for the municipalities existing on ``indeling``;
    one that merged into another counts within its successor (advies.selectors)."""
    return advies_selectors.gesprekken_per_gemeente(
        _gesprekken_tot(peildatum, afbakening), afbakening.gemeenten(), indeling
    )


def provincie_codes(afbakening: Afbakening) -> dict[str, str]:
    """Province name → CBS code, for the provinces of the afbakening (all twelve for the country)."""
    provincies = Provincie.objects.all()
    if afbakening.provincie_ids:
        provincies = provincies.filter(pk__in=afbakening.provincie_ids)
    return dict(provincies.values_list("naam", "cbs_code"))


def gesprekken_per_cmo(
    peildatum: datetime.date, afbakening: Afbakening, vanaf: datetime.date | None = None
) -> pd.DataFrame:
    rijen = (
        _gesprekken_tot(peildatum, afbakening, vanaf)
        .values("organisatie__naam")
        .annotate(gesprekken=Count("id"), uren=Sum("uren"))
        .order_by("organisatie__naam")
    )
    frame = pd.DataFrame(list(rijen), columns=["organisatie__naam", "gesprekken", "uren"]).rename(
        columns={"organisatie__naam": "cmo"}
    )
    frame["uren"] = frame["uren"].astype(float)
    return frame


def nieuwe_metingen(van: datetime.date, tot: datetime.date, afbakening: Afbakening) -> int:
    lijst = nulmeting()
    if not lijst:
        return 0
    return _ingediend(lijst, tot, afbakening).filter(ingediend_op__gte=begin_van(van)).count()


def metingen_per_maand(peildatum: datetime.date, afbakening: Afbakening) -> pd.DataFrame:
    lijst = nulmeting()
    if not lijst:
        return pd.DataFrame({"maand": pd.Series(dtype="datetime64[ns]"), "nulmetingen": pd.Series(dtype=int)})
    rijen = (
        _ingediend(lijst, peildatum, afbakening)
        .annotate(maand=TruncMonth("ingediend_op"))
        .values("maand")
        .annotate(nulmetingen=Count("id"))
        .order_by("maand")
    )
    frame = pd.DataFrame(list(rijen), columns=["maand", "nulmetingen"])
    frame["maand"] = (
        pd.to_datetime(frame["maand"]).dt.tz_localize(None) if len(frame) else pd.to_datetime(frame["maand"])
    )
    return frame


def eenmetingen() -> list[Vragenlijst]:
    """The eenmetingen that follow the nulmeting, oldest first."""
    lijst = nulmeting()
    if not lijst:
        return []
    return list(
        Vragenlijst.objects.filter(soort=Vragenlijst.Soort.EENMETING, basis=lijst).order_by("aangemaakt_op")
    )


def _goed_per_gemeente(
    vragenlijst: Vragenlijst, peildatum: datetime.date, afbakening: Afbakening
) -> dict[int, dict[int, bool]]:
    """Per municipality that submitted ``vragenlijst`` by the peildatum: basisfunctie id → 'goed'."""
    scores = scores_van(_ingediend(vragenlijst, peildatum, afbakening), afbakening.moment(peildatum))
    uitslagen: dict[int, dict[int, bool]] = {}
    for gemeente_id, basisfunctie_id, goed in scores.values_list(
        "meting__gemeente_id", "basisfunctie_id", "goed_voor_elkaar"
    ):
        uitslagen.setdefault(gemeente_id, {})[basisfunctie_id] = goed
    return uitslagen


def voor_en_na(peildatum: datetime.date, afbakening: Afbakening, eenmeting: Vragenlijst) -> pd.DataFrame:
    """Per basisfunctie, over the panel of ``eenmeting`` — the municipalities that submitted both
    it and the nulmeting by the peildatum — how many had it 'goed voor elkaar' in each: columns
    basisfunctie, domein, n, goed_nul, goed_een."""
    nul = _goed_per_gemeente(eenmeting.basis, peildatum, afbakening)
    een = _goed_per_gemeente(eenmeting, peildatum, afbakening)
    panel = nul.keys() & een.keys()
    rijen = [
        {
            "basisfunctie": b.naam,
            "domein": b.domein,
            "n": len(panel),
            "goed_nul": sum(nul[g].get(b.pk, False) for g in panel),
            "goed_een": sum(een[g].get(b.pk, False) for g in panel),
        }
        for b in Basisfunctie.objects.order_by("volgorde")
    ]
    return pd.DataFrame(rijen, columns=["basisfunctie", "domein", "n", "goed_nul", "goed_een"])


@dataclass(frozen=True)
class Correcties:
    """How the numbers about a peildatum changed between as known then and ``bekend_op``: each total
    as (as known then, with corrections), and how many records of each kind changed since."""

    gesprekken: tuple[int, int]  # sessions held by the peildatum
    uren: tuple[float, float]
    verwijderd: int  # counted then, deleted since
    buiten_periode: int  # counted then, since moved out of the period or area (date or place corrected)
    gewijzigd: int  # counted both times, changed since
    later_vastgelegd: int  # held by the peildatum, logged (or restored) after it
    metingen: tuple[int, int]  # nulmetingen submitted by the peildatum
    heropend: int  # counted then, reopened since (a new submission dates from after the peildatum)
    metingen_later: int  # submitted by the peildatum, known only later (an import)
    eenmetingen: tuple[int, int] = (0, 0)  # eenmetingen submitted by the peildatum, as the nulmetingen
    eenmetingen_heropend: int = 0
    eenmetingen_later: int = 0
    adviseurs: tuple[int, int] = (0, 0)  # the pool on the peildatum
    perioden_gewijzigd: int = 0  # adviser periods counted then, ended (a move ends one) or changed since
    perioden_later: int = 0  # begun by the peildatum, recorded after it (a move dated back)
    bijeenkomsten: tuple[int, int] = (0, 0)  # meetings held by the peildatum
    deelnemers: tuple[int, int] = (0, 0)  # their participants
    bijeenkomsten_gewijzigd: int = 0  # counted both times, changed since in what the reports read
    bijeenkomsten_buiten_periode: int = 0  # counted then, since moved out of the period or area
    bijeenkomsten_later: int = 0  # held by the peildatum, logged after it
    bereikt: tuple[int, int] = (0, 0)  # municipalities reached (table B's total)
    trajecten: tuple[int, int] = (0, 0)  # adviestrajecten begun by the peildatum
    begroot: tuple[float, float] = (0.0, 0.0)  # their budgeted hours
    trajecten_gewijzigd: int = 0  # counted both times, changed since in what the reports read
    trajecten_buiten_gebied: int = 0  # counted then, since out of the area (municipalities changed)
    trajecten_later: int = 0  # begun by the peildatum, known only later


def correcties(peildatum: datetime.date, afbakening: Afbakening) -> Correcties:
    """What changed since the peildatum in what a report counts — sessions, nulmetingen and
    eenmetingen, the pool, meetings, reach and trajecten — between the reading as known then and
    ``afbakening.bekend_op``."""
    toen = replace(afbakening, bekend_op=None)
    return Correcties(
        **_gesprekken_correcties(peildatum, toen, afbakening),
        **_metingen_correcties(peildatum, toen, afbakening),
        **_pool_correcties(peildatum, toen, afbakening),
        **_bijeenkomsten_correcties(peildatum, toen, afbakening),
        **_trajecten_correcties(peildatum, toen, afbakening),
        bereikt=tuple(int(bereik_per_provincie(peildatum, a)["bereikt"].sum()) for a in (toen, afbakening)),
    )


def _wijzigingen(toen: dict, nu: dict) -> tuple[int, int, int]:
    """Of records (id → what the reports read of them, or the version counted) in two readings:
    how many are counted then only, in both but changed, and now only."""
    gewijzigd = sum(1 for pk in toen.keys() & nu.keys() if toen[pk] != nu[pk])
    return len(toen.keys() - nu.keys()), gewijzigd, len(nu.keys() - toen.keys())


def _gesprekken_correcties(peildatum: datetime.date, toen: Afbakening, nu: Afbakening) -> dict:
    gesprekken_toen = dict(toen.gesprekken(peildatum).values_list("id", "history_id"))
    gesprekken_nu = dict(nu.gesprekken(peildatum).values_list("id", "history_id"))
    weg, gewijzigd, later = _wijzigingen(gesprekken_toen, gesprekken_nu)
    nog_bekend = (
        advies_selectors.gesprekken_bekend_op(nu.moment(peildatum))
        .filter(id__in=gesprekken_toen.keys() - gesprekken_nu.keys())
        .count()
    )
    return {
        "gesprekken": (len(gesprekken_toen), len(gesprekken_nu)),
        "uren": (_uren(toen.gesprekken(peildatum)), _uren(nu.gesprekken(peildatum))),
        "verwijderd": weg - nog_bekend,
        "buiten_periode": nog_bekend,
        "gewijzigd": gewijzigd,
        "later_vastgelegd": later,
    }


def _uren(gesprekken) -> float:
    return float(gesprekken.aggregate(uren=Sum("uren"))["uren"] or 0)


def _metingen_correcties(peildatum: datetime.date, toen: Afbakening, nu: Afbakening) -> dict:
    """The nulmetingen and the eenmetingen: a meting submitted then and no longer was reopened (a
    new submission dates from after the peildatum); one submitted only now was entered later."""
    lijst = nulmeting()
    uitkomst = {}
    for naam, lijsten in (("metingen", [lijst] if lijst else []), ("eenmetingen", eenmetingen())):
        metingen_toen, metingen_nu = _ingediende_versies(lijsten, peildatum, toen, nu)
        heropend, _, later = _wijzigingen(metingen_toen, metingen_nu)
        uitkomst[naam] = (len(metingen_toen), len(metingen_nu))
        uitkomst["heropend" if naam == "metingen" else "eenmetingen_heropend"] = heropend
        uitkomst[f"{naam}_later"] = later
    return uitkomst


def _ingediende_versies(lijsten: list[Vragenlijst], peildatum: datetime.date, *afbakeningen: Afbakening):
    """Per afbakening (reading): meting id → the version counted, over the metingen of ``lijsten``."""
    return [
        {
            pk: versie
            for lijst in lijsten
            for pk, versie in _ingediend(lijst, peildatum, a).values_list("id", "history_id")
        }
        for a in afbakeningen
    ]


def _pool_correcties(peildatum: datetime.date, toen: Afbakening, nu: Afbakening) -> dict:
    velden = ("id", "user_id", "organisatie_id", "actief_van", "actief_tot")
    perioden_toen, perioden_nu = (
        {rij[0]: rij[1:] for rij in _adviseursperioden(peildatum, a).values_list(*velden)} for a in (toen, nu)
    )
    weg, gewijzigd, later = _wijzigingen(perioden_toen, perioden_nu)
    return {
        "adviseurs": (
            pool_grootte(pool(peildatum, toen), peildatum),
            pool_grootte(pool(peildatum, nu), peildatum),
        ),
        "perioden_gewijzigd": weg + gewijzigd,
        "perioden_later": later,
    }


def _bijeenkomsten_correcties(peildatum: datetime.date, toen: Afbakening, nu: Afbakening) -> dict:
    bijeenkomsten_toen, bijeenkomsten_nu = (_bijeenkomsten_gelezen(peildatum, a) for a in (toen, nu))
    weg, gewijzigd, later = _wijzigingen(bijeenkomsten_toen, bijeenkomsten_nu)
    return {
        "bijeenkomsten": (len(bijeenkomsten_toen), len(bijeenkomsten_nu)),
        "deelnemers": tuple(
            sum(b[2] for b in gelezen.values()) for gelezen in (bijeenkomsten_toen, bijeenkomsten_nu)
        ),
        "bijeenkomsten_gewijzigd": gewijzigd,
        "bijeenkomsten_buiten_periode": weg,
        "bijeenkomsten_later": later,
    }


def _bijeenkomsten_gelezen(peildatum: datetime.date, afbakening: Afbakening) -> dict[int, tuple]:
    """Meeting id → what the reports read of it (date, CMO, participants, provinces, municipalities)."""
    versies = _bijeenkomsten(peildatum, afbakening)
    provincies = _per_versie(
        advies_selectors.bijeenkomst_provincies(versies).values_list("history_id", "provincie_id")
    )
    gemeenten = _per_versie(
        advies_selectors.bijeenkomst_gemeenten(versies).values_list("history_id", "gemeente_id")
    )
    return {
        pk: (
            datum,
            organisatie_id,
            deelnemers,
            provincies.get(versie, frozenset()),
            gemeenten.get(versie, frozenset()),
        )
        for versie, pk, datum, organisatie_id, deelnemers in versies.values_list(
            "history_id", "id", "datum", "organisatie_id", "deelnemers"
        )
    }


def _trajecten_correcties(peildatum: datetime.date, toen: Afbakening, nu: Afbakening) -> dict:
    trajecten_toen, trajecten_nu = (_trajecten_gelezen(peildatum, a) for a in (toen, nu))
    weg, gewijzigd, later = _wijzigingen(trajecten_toen, trajecten_nu)
    return {
        "trajecten": (len(trajecten_toen), len(trajecten_nu)),
        "begroot": tuple(
            float(sum(t[2] for t in gelezen.values())) for gelezen in (trajecten_toen, trajecten_nu)
        ),
        "trajecten_gewijzigd": gewijzigd,
        "trajecten_buiten_gebied": weg,
        "trajecten_later": later,
    }


def _trajecten_gelezen(peildatum: datetime.date, afbakening: Afbakening) -> dict[int, tuple]:
    """Traject id → what the reports read of it (title, CMO, budget, municipalities)."""
    versies = _trajecten(peildatum, afbakening)
    gemeenten = _per_versie(
        advies_selectors.traject_gemeenten(versies).values_list("history_id", "gemeente_id")
    )
    return {
        pk: (titel, organisatie_id, inzet_uren, gemeenten.get(versie, frozenset()))
        for versie, pk, titel, organisatie_id, inzet_uren in versies.values_list(
            "history_id", "id", "titel", "organisatie_id", "inzet_uren"
        )
    }


def _per_versie(paren) -> dict[int, frozenset[int]]:
    """(version, linked id) pairs grouped: version → the ids it links to."""
    groepen: dict[int, set[int]] = {}
    for versie, gekoppeld in paren:
        groepen.setdefault(versie, set()).add(gekoppeld)
    return {versie: frozenset(ids) for versie, ids in groepen.items()}


def bereik_per_provincie(peildatum: datetime.date, afbakening: Afbakening) -> pd.DataFrame:
    """Per province, the municipalities existing on the peildatum and how many the programme
    reached by its end: through a submitted nulmeting, a session or a meeting they attended (each
    as logged by then; a municipality that merged counts within its successor). Columns
    ``provincie``, ``gemeenten``, ``nulmeting``, ``gesprek``, ``bijeenkomst``, ``bereikt``, and
    ``nulmeting_en_gesprek``: the participants with a session, both counted on these borders
    (table 4.1 sets it beside the published share, which takes municipalities as they then were)."""
    lijst = nulmeting()
    gemeten = (
        ingediend_door_zelf_of_voorganger(
            lijst, einde_van(peildatum), peildatum, bekend_op=afbakening.moment(peildatum)
        )
        if lijst
        else set()
    )
    gesproken = set(
        advies_selectors.gemeentekoppelingen(_gesprekken_tot(peildatum, afbakening)).values_list(
            "gemeente_id", flat=True
        )
    )
    ontmoet = set(
        advies_selectors.bijeenkomst_gemeenten(
            advies_selectors.bijeenkomsten_bekend_op(afbakening.moment(peildatum), peildatum)
        ).values_list("gemeente_id", flat=True)
    )
    voortgezet = voortgezet_in(Gemeente.objects.filter(pk__in=gesproken | ontmoet), peildatum)
    bereikt = {
        "nulmeting": gemeten,
        "gesprek": set().union(*(voortgezet[i] for i in gesproken)),
        "bijeenkomst": set().union(*(voortgezet[i] for i in ontmoet)),
    }
    rijen = list(afbakening.gemeenten().bestaand_op(peildatum).values_list("pk", "provincie__naam"))
    frame = pd.DataFrame(rijen, columns=["gemeente_id", "provincie"])
    for soort, ids in bereikt.items():
        frame[soort] = frame["gemeente_id"].isin(ids)
    frame["bereikt"] = frame["nulmeting"] | frame["gesprek"] | frame["bijeenkomst"]
    frame["nulmeting_en_gesprek"] = frame["nulmeting"] & frame["gesprek"]
    soorten = ["nulmeting", "gesprek", "bijeenkomst", "bereikt", "nulmeting_en_gesprek"]
    tabel = (
        frame.groupby("provincie")
        .agg(gemeenten=("gemeente_id", "size"), **{s: (s, "sum") for s in soorten})
        .reset_index()
    )
    return tabel.astype({s: int for s in ["gemeenten", *soorten]})


def bijeenkomsten_in(van: datetime.date | None, peildatum: datetime.date, afbakening: Afbakening) -> dict:
    """The meetings held from ``van`` (or ever) to the peildatum, as logged by then, for the
    afbakening (meetings for its provinces or organised by its CMO): how many, with how many
    participants."""
    bijeenkomsten = _bijeenkomsten(peildatum, afbakening)
    if van:
        bijeenkomsten = bijeenkomsten.filter(datum__gte=van)
    telling = bijeenkomsten.aggregate(aantal=Count("history_id"), deelnemers=Sum("deelnemers"))
    return {"aantal": telling["aantal"], "deelnemers": int(telling["deelnemers"] or 0)}


def _bijeenkomsten(peildatum: datetime.date, afbakening: Afbakening):
    """The meetings held by the peildatum as the reading knows them (versions), for the afbakening:
    those for its provinces, or organised by its CMO."""
    bijeenkomsten = advies_selectors.bijeenkomsten_bekend_op(afbakening.moment(peildatum), peildatum)
    voor_provincies = Q(
        history_id__in=advies_selectors.bijeenkomst_provincies(bijeenkomsten)
        .filter(provincie_id__in=afbakening.provincie_ids)
        .values("history_id")
    )
    if afbakening.organisatie_id:
        return bijeenkomsten.filter(Q(organisatie_id=afbakening.organisatie_id) | voor_provincies)
    if afbakening.provincie_ids:
        return bijeenkomsten.filter(voor_provincies)
    return bijeenkomsten


# --- The coordinator's questions in the monthly and quarterly reports ---------------------------

LAAT_VASTGELEGD_DAGEN = 30  # a session logged later than this after it was held counts as late


def deelname_per_gemeente_met_naam(peildatum: datetime.date, afbakening: Afbakening) -> pd.DataFrame:
    """One row per municipality of the peildatum's borders: name, province, and whether it (or
    one that merged into it) had submitted the nulmeting by the peildatum (``_deelnemers``)."""
    frame = _deelnemers(peildatum, afbakening, peildatum, None)
    namen = dict(Gemeente.objects.filter(pk__in=frame["gemeente_id"].tolist()).values_list("pk", "naam"))
    frame["naam"] = frame["gemeente_id"].map(namen)
    return frame.sort_values(["provincie", "naam"]).reset_index(drop=True)


def gesprekken_per_adviseur(
    peildatum: datetime.date, afbakening: Afbakening, vanaf: datetime.date | None = None
) -> dict[tuple[str, str], int]:
    """(adviser, CMO) → sessions held from ``vanaf`` to the peildatum, as the reading knows them."""
    rijen = (
        _gesprekken_tot(peildatum, afbakening, vanaf)
        .values("adviseur__naam", "adviseur__email", "organisatie__naam")
        .annotate(aantal=Count("id"))
    )
    return {(r["adviseur__naam"] or r["adviseur__email"], r["organisatie__naam"]): r["aantal"] for r in rijen}


def laat_vastgelegd(
    peildatum: datetime.date, afbakening: Afbakening, vastgelegd_vanaf: datetime.date | None = None
) -> dict[str, int]:
    """CMO → sessions logged from ``vastgelegd_vanaf`` to the peildatum more than
    ``LAAT_VASTGELEGD_DAGEN`` days after they were held."""
    gesprekken = afbakening.gesprekken(peildatum)
    if vastgelegd_vanaf:
        gesprekken = gesprekken.filter(gerapporteerd_op__gte=begin_van(vastgelegd_vanaf))
    grens = datetime.timedelta(days=LAAT_VASTGELEGD_DAGEN)
    uitkomst: dict[str, int] = {}
    for datum, vastgelegd, cmo in gesprekken.values_list("datum", "gerapporteerd_op", "organisatie__naam"):
        if timezone.localdate(vastgelegd) - datum > grens:
            uitkomst[cmo] = uitkomst.get(cmo, 0) + 1
    return uitkomst


def trajecten_uren(peildatum: datetime.date, afbakening: Afbakening, vanaf: datetime.date) -> list[dict]:
    """Every adviestraject of the afbakening begun by the peildatum: its budget in hours, and the
    hours of its sessions from ``vanaf`` and in all, as the reading knows them."""
    trajecten = _trajecten(peildatum, afbakening)
    gesprekken = afbakening.gesprekken(peildatum).filter(traject_id__isnull=False)
    totaal = dict(gesprekken.values("traject_id").annotate(u=Sum("uren")).values_list("traject_id", "u"))
    periode = dict(
        gesprekken.filter(datum__gte=vanaf)
        .values("traject_id")
        .annotate(u=Sum("uren"))
        .values_list("traject_id", "u")
    )
    return [
        {
            "traject": t.titel,
            "cmo": t.organisatie.naam,
            "budget": float(t.inzet_uren),
            "periode": float(periode.get(t.id) or 0),
            "totaal": float(totaal.get(t.id) or 0),
        }
        for t in trajecten.select_related("organisatie").order_by("organisatie__naam", "titel")
    ]


def _trajecten(peildatum: datetime.date, afbakening: Afbakening):
    """The adviestrajecten begun by the peildatum as the reading knows them (versions: a budget
    changed later counts as it then stood), for the afbakening: those of its CMO, or with a
    municipality in its provinces."""
    trajecten = advies_selectors.trajecten_bekend_op(afbakening.moment(peildatum)).filter(
        aangemaakt_op__lt=einde_van(peildatum)
    )
    if afbakening.organisatie_id:
        return trajecten.filter(organisatie_id=afbakening.organisatie_id)
    if afbakening.provincie_ids:
        in_provincies = advies_selectors.traject_gemeenten(trajecten).filter(
            gemeente__provincie_id__in=afbakening.provincie_ids
        )
        return trajecten.filter(history_id__in=in_provincies.values("history_id"))
    return trajecten


def rondes_respons(van: datetime.date, tot: datetime.date, afbakening: Afbakening) -> list[dict]:
    """The rounds open at some time in the period: invited municipalities of the afbakening, and
    how many had submitted before the period, in it, and by its end (as known at the report's
    moment, like every other number)."""
    rondes = rondes_bekend_op(afbakening.moment(tot)).filter(opent_op__lte=tot, sluit_op__gte=van)
    rondes = list(rondes.select_related("vragenlijst").order_by("opent_op", "id"))
    deelnemers = deelnemers_van(r.id for r in rondes)
    gemeente_ids = set(afbakening.gemeenten().values_list("pk", flat=True))
    uitkomst = []
    for ronde in rondes:
        uitgenodigd = deelnemers.get(ronde.id, set()) & gemeente_ids
        ingediend = {
            g: timezone.localdate(moment)
            for g, moment in eerst_ingediend_door_zelf_of_voorganger(
                ronde.vragenlijst, einde_van(tot), ronde.opent_op, bekend_op=afbakening.moment(tot)
            ).items()
            if g in uitgenodigd
        }
        uitkomst.append(
            {
                "ronde": ronde.naam,
                "uitgenodigd": len(uitgenodigd),
                "voor": sum(1 for d in ingediend.values() if d < van),
                "periode": sum(1 for d in ingediend.values() if van <= d <= tot),
                "totaal": sum(1 for d in ingediend.values() if d <= tot),
            }
        )
    return uitkomst


def zwak_zonder_gesprek(peildatum: datetime.date, afbakening: Afbakening) -> pd.DataFrame:
    """Per basisfunctie: the municipalities whose nulmeting (submitted by the peildatum) did not
    have it 'goed voor elkaar', and how many of them had no session on it by the peildatum (a
    session whose theme links to the basisfunctie, with the municipality or its successor)."""
    lijst = nulmeting()
    kolommen = ["basisfunctie", "domein", "zwak", "zonder_gesprek"]
    if not lijst:
        return pd.DataFrame(columns=kolommen)
    zwak = list(
        scores_van(_ingediend(lijst, peildatum, afbakening), afbakening.moment(peildatum))
        .filter(goed_voor_elkaar=False)
        .values_list("meting__gemeente_id", "basisfunctie_id", "basisfunctie__naam", "basisfunctie__domein")
        .order_by("basisfunctie__volgorde")
    )
    besproken = _besproken_basisfuncties(peildatum, afbakening)
    voortgezet = voortgezet_in(Gemeente.objects.filter(pk__in={g for g, *_ in zwak}), peildatum)
    rijen: dict[str, list] = {}
    for gemeente_id, basisfunctie_id, naam, domein in zwak:
        rij = rijen.setdefault(naam, [naam, domein, 0, 0])
        rij[2] += 1
        wie = {gemeente_id} | voortgezet[gemeente_id]
        if not any((g, basisfunctie_id) in besproken for g in wie):
            rij[3] += 1
    return pd.DataFrame(list(rijen.values()), columns=kolommen)


def _besproken_basisfuncties(peildatum: datetime.date, afbakening: Afbakening) -> set[tuple[int, int]]:
    """(municipality, basisfunctie) pairs of the sessions held by the peildatum."""
    gesprekken = afbakening.gesprekken(peildatum)
    basisfunctie_van = dict(
        Thema.objects.filter(basisfunctie__isnull=False).values_list("pk", "basisfunctie_id")
    )
    themas: dict[int, set[int]] = {}
    for history_id, thema_id in advies_selectors.themas_van_versies(gesprekken).values_list(
        "history_id", "thema_id"
    ):
        if thema_id in basisfunctie_van:
            themas.setdefault(history_id, set()).add(basisfunctie_van[thema_id])
    paren = set()
    for history_id, gemeente_id in advies_selectors.gemeenten_van_versies(gesprekken).values_list(
        "history_id", "gemeente_id"
    ):
        paren |= {(gemeente_id, b) for b in themas.get(history_id, ())}
    return paren
