"""The aggregation layer: the programme's numbers as of a peildatum, as pandas DataFrames.

Everything aggregates in the database; pandas only shapes the (small) results. "As of" a date
counts only what had been logged by the end of that day (``gerapporteerd_op``, ``ingediend_op``)
and the municipalities that existed on it, so a report regenerated later gives the same numbers.
A ``Afbakening`` narrows everything to one province or one CMO (its provinces and its sessions).
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pandas as pd
from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from accounts.permissions import gemeenten_van_organisatie
from advies import selectors as advies_selectors
from advies.models import Adviesgesprek, Adviseur, Thema
from advies.permissions import gesprekken_van_organisatie
from gemeenten.models import Gemeente, Organisatie, Provincie
from gemeenten.selectors import opvolger_ids_op
from nulmeting.models import Meting, Score, Vragenlijst
from nulmeting.selectors import procent as afgerond_procent


@dataclass(frozen=True)
class Afbakening:
    """All of the Netherlands, one province, or one CMO."""

    provincie_id: int | None = None
    organisatie_id: int | None = None
    provincie_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def maak(cls, provincie: Provincie | None = None, organisatie: Organisatie | None = None) -> "Afbakening":
        if provincie:
            return cls(provincie_id=provincie.pk, provincie_ids=frozenset({provincie.pk}))
        if organisatie:
            return cls(
                organisatie_id=organisatie.pk,
                provincie_ids=frozenset(organisatie.provincies.values_list("pk", flat=True)),
            )
        return cls()

    @property
    def landelijk(self) -> bool:
        return not self.provincie_ids

    def gemeenten(self):
        if self.organisatie_id:
            return gemeenten_van_organisatie(self.organisatie_id)
        if self.provincie_ids:
            return Gemeente.objects.filter(provincie_id__in=self.provincie_ids)
        return Gemeente.objects.all()

    def gesprekken(self):
        if self.organisatie_id:
            return gesprekken_van_organisatie(self.organisatie_id).actief()
        gesprekken = Adviesgesprek.objects.actief()
        if self.provincie_ids:
            return gesprekken.filter(
                pk__in=Adviesgesprek.gemeenten.through.objects.filter(
                    gemeente__provincie_id__in=self.provincie_ids
                ).values("adviesgesprek_id")
            )
        return gesprekken


def einde_van(datum: datetime.date) -> datetime.datetime:
    """The first moment after ``datum`` in the programme's time zone: 'logged by D' means before it."""
    return datetime.datetime.combine(
        datum + datetime.timedelta(days=1), datetime.time(), tzinfo=ZoneInfo(settings.TIME_ZONE)
    )


def procent(deel, geheel):
    """``nulmeting.selectors.procent`` (rounded half up), applied per row to Series."""
    if not isinstance(deel, pd.Series):
        return afgerond_procent(deel, geheel)
    noemer = geheel if isinstance(geheel, pd.Series) else pd.Series(geheel, index=deel.index)
    rijen = zip(deel.tolist(), noemer.tolist(), strict=True)
    return pd.Series([afgerond_procent(d, n) for d, n in rijen], index=deel.index, dtype="Int64")


def nulmeting() -> Vragenlijst | None:
    return Vragenlijst.objects.filter(soort=Vragenlijst.Soort.NULMETING).order_by("aangemaakt_op").first()


def _ingediend(vragenlijst, tot: datetime.datetime, afbakening: Afbakening):
    return Meting.objects.filter(
        vragenlijst=vragenlijst,
        status=Meting.Status.INGEDIEND,
        ingediend_op__lt=tot,
        gemeente__in=afbakening.gemeenten(),
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
    ingediend_ids = (
        set(
            _ingediend(
                lijst, einde_van(min(ingediend_tot or peildatum, peildatum)), Afbakening()
            ).values_list("gemeente_id", flat=True)
        )
        if lijst
        else set()
    )
    opvolgers = opvolger_ids_op(indeling)
    deelnemend = set(ingediend_ids)
    for gemeente_id in ingediend_ids:
        deelnemend |= opvolgers.get(gemeente_id, set())
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
            Score.objects.filter(meting__in=_ingediend(lijst, einde_van(peildatum), afbakening))
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
    gesprekken = afbakening.gesprekken().filter(
        gerapporteerd_op__lt=einde_van(peildatum), datum__lte=peildatum
    )
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
    gesprekken = afbakening.gesprekken().filter(
        gerapporteerd_op__lt=einde_van(peildatum), datum__lte=peildatum
    )
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
    rijen = Thema.objects.annotate(aantal=Count("gesprekken", filter=Q(gesprekken__in=gesprekken))).values(
        "naam", "domein", "volgorde", "aantal"
    )
    frame = pd.DataFrame(list(rijen), columns=["naam", "domein", "volgorde", "aantal"])
    return frame.sort_values(["domein", "aantal", "volgorde"], ascending=[False, False, True]).reset_index(
        drop=True
    )


def pool(peildatum: datetime.date, afbakening: Afbakening) -> pd.DataFrame:
    """Every adviser period that had started by the peildatum (person, CMO, from, to)."""
    perioden = Adviseur.objects.filter(actief_van__lte=peildatum)
    if afbakening.organisatie_id:
        perioden = perioden.filter(organisatie_id=afbakening.organisatie_id)
    elif afbakening.provincie_ids:
        perioden = perioden.filter(organisatie__provincies__in=afbakening.provincie_ids).distinct()
    frame = pd.DataFrame(
        list(perioden.values("user_id", "organisatie__naam", "actief_van", "actief_tot")),
        columns=["user_id", "organisatie__naam", "actief_van", "actief_tot"],
    )
    return frame.rename(columns={"organisatie__naam": "cmo"})


def pool_grootte(perioden: pd.DataFrame, datum: datetime.date) -> int:
    if perioden.empty:
        return 0
    actief = (perioden["actief_van"] <= datum) & (
        perioden["actief_tot"].isna() | (perioden["actief_tot"] > datum)
    )
    return int(perioden.loc[actief, "user_id"].nunique())


def pool_per_cmo(perioden: pd.DataFrame, datum: datetime.date) -> pd.DataFrame:
    if perioden.empty:
        return pd.DataFrame(columns=["cmo", "actief"])
    actief = (perioden["actief_van"] <= datum) & (
        perioden["actief_tot"].isna() | (perioden["actief_tot"] > datum)
    )
    return perioden[actief].groupby("cmo")["user_id"].nunique().rename("actief").reset_index()


def bereik(peildatum: datetime.date, afbakening: Afbakening, vanaf: datetime.date | None = None) -> dict:
    """Municipalities with at least one session, sessions per such municipality, and hours."""
    gesprekken = _gesprekken_tot(peildatum, afbakening, vanaf)
    koppelingen = Adviesgesprek.gemeenten.through.objects.filter(adviesgesprek__in=gesprekken)
    if afbakening.provincie_ids:
        koppelingen = koppelingen.filter(gemeente__provincie_id__in=afbakening.provincie_ids)
    telling = koppelingen.aggregate(paren=Count("id"), gemeenten=Count("gemeente_id", distinct=True))
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
        Adviesgesprek.gemeenten.through.objects.filter(adviesgesprek__in=gesprekken)
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
    return (
        _ingediend(lijst, einde_van(tot), afbakening)
        .filter(ingediend_op__gte=einde_van(van - datetime.timedelta(days=1)))
        .count()
    )


def metingen_per_maand(peildatum: datetime.date, afbakening: Afbakening) -> pd.DataFrame:
    lijst = nulmeting()
    if not lijst:
        return pd.DataFrame({"maand": pd.Series(dtype="datetime64[ns]"), "nulmetingen": pd.Series(dtype=int)})
    rijen = (
        _ingediend(lijst, einde_van(peildatum), afbakening)
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
