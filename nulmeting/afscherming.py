"""What anyone but a coordinator may see of the results of a group of municipalities — a province,
the country, or the panel of an eenmeting (the municipalities with both metingen) — so that no
municipality's result can be worked out from them (decision 0022).

``groepscijfers`` is the one function every page, map, PDF and API that shows such figures asks;
``aandeel`` is the rule for one figure. The rule, in short:

1. **Fixed snapshots.** Figures stand as the metingen were known at the monthly cut-off (midnight
   at the start of the month, ``peilmoment``), read with the as-of rule of
   ``ingediende_metingen(..., bekend_op=...)``: a meting submitted or reopened today changes
   nothing until the next cut-off. A cut-off reads only the versions stored when its figures
   were first worked out (``Peilstand``), so a meting imported later with an earlier date of
   submission counts from the next cut-off on, not in one already shown.
2. **No figure differs a little from another.** A group's figure moves to a newer snapshot only
   when that snapshot differs from *every* figure shown before of the same questionnaire and
   basisfunctie (any group, any month, panels included) in at least ``SPIEGEL_MINIMUM_N``
   municipalities (joined, left, or changed their result), or equals one; otherwise the group
   keeps its previous figure. Subtracting two figures never isolates fewer than that many.
3. **Both sides.** A share is shown only when at least ``SPIEGEL_MINIMUM_N`` municipalities have
   the basisfunctie 'goed voor elkaar' and at least as many do not; otherwise a band
   ("bij minder dan 5 gemeenten", "bij alle op minder dan 5 na"): a 0% or 100% never shows.
4. **Rounded.** The share in steps of ``AFRONDING`` percentage points, the number of metingen to
   a multiple of ``AFRONDING``.

A coordinator (``accounts.permissions.mag_exacte_groepscijfers_zien``) sees every result anyway:
exact, live figures. The own municipality's result is never a group figure: always exact.
"""

import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from accounts.permissions import mag_exacte_groepscijfers_zien
from gemeenten.models import Gemeente
from nulmeting.models import Meting, Peilstand, Score, Vragenlijst
from nulmeting.selectors import ingediende_metingen, procent, scores_van
from toolkit.figuren import in_cache, uit_cache
from toolkit.geschiedenis import bekend_voor

AFRONDING = 5
# Published figures are fixed per cut-off: worked out once (a few seconds over four years of
# history) and kept until the next cut-off.
CACHE_SECONDEN = 32 * 24 * 60 * 60
LAND = "NL"  # the key of the whole country among the province codes
NOG_NIET = "nog niet te tonen"  # a group whose only figures so far are held back (rule, point 2)


def afgerond(aantal: int) -> int:
    """``aantal`` to the nearest multiple of ``AFRONDING``, half up."""
    return AFRONDING * ((2 * aantal + AFRONDING) // (2 * AFRONDING))


@dataclass(frozen=True)
class Aandeel:
    """The % 'goed voor elkaar' of a group as the viewer may see it: never the exact counts
    unless ``exact``. ``bron`` names the questionnaire when it is not the page's own (the
    nulmeting's figure standing in for an eenmeting's)."""

    procent: int | None  # None: no share (see ``band``)
    n: int  # the number of metingen, rounded unless exact; 0: none or too few to say
    band: str = ""  # instead of a share: which band, or why none
    exact: bool = False
    stand: datetime.datetime | None = None  # the cut-off the figure stands at; None: live
    bron: str = ""

    @property
    def tekst(self) -> str:
        """'35% (N≈25)', '37% (N=27)', 'bij minder dan 5 gemeenten (N≈25)' or '–'."""
        aantal = f"N={self.n}" if self.exact else f"N≈{self.n}"
        if self.procent is not None:
            return f"{self.procent}% ({aantal})"
        if self.band:
            return f"{self.band} ({aantal})" if self.n else self.band
        return "–"


def aandeel(goed: int, n: int, *, exact: bool, stand: datetime.datetime | None = None) -> Aandeel:
    """The rule for one figure: ``goed`` of ``n`` metingen 'goed voor elkaar' (points 3 and 4 of
    the module's rule; 1 and 2 decide which ``goed`` and ``n`` are asked)."""
    minimum = settings.SPIEGEL_MINIMUM_N
    if n == 0:
        return Aandeel(None, 0, exact=exact, stand=stand)
    if exact:
        return Aandeel(procent(goed, n), n, exact=True, stand=stand)
    if n < minimum:
        return Aandeel(None, 0, f"minder dan {minimum} metingen", stand=stand)
    if goed < minimum:
        return Aandeel(None, afgerond(n), f"bij minder dan {minimum} gemeenten", stand=stand)
    if n - goed < minimum:
        return Aandeel(None, afgerond(n), f"bij alle op minder dan {minimum} na", stand=stand)
    stappen = (200 * goed + AFRONDING * n) // (2 * AFRONDING * n)  # half up, in steps
    return Aandeel(AFRONDING * stappen, afgerond(n), stand=stand)


@dataclass(frozen=True)
class Verandering:
    """A group's share in the nulmeting and in the eenmeting, over the same municipalities."""

    nul: Aandeel
    een: Aandeel

    @property
    def punten(self) -> int | None:
        """The change in percentage points, when both shares may be shown."""
        if self.nul.procent is None or self.een.procent is None:
            return None
        return self.een.procent - self.nul.procent

    @property
    def tekst(self) -> str:
        if self.punten is None:
            return "niet te tonen"
        return f"{self.punten:+d} procentpunt" if self.punten else "gelijk"


@dataclass(frozen=True)
class Groepscijfers:
    """Per group (``LAND`` or a province's CBS code) and basisfunctie id: the figures of one
    questionnaire; with an eenmeting also the change over its panel (``panel``)."""

    vragenlijst: Vragenlijst
    exact: bool
    peilmoment: datetime.datetime | None  # None: live (exact)
    groepen: dict[str, dict[int, Aandeel]]
    panel: dict[str, dict[int, Verandering]] = field(default_factory=dict)

    def van(self, groep: str, basisfunctie_id: int) -> Aandeel:
        return self.groepen.get(groep, {}).get(basisfunctie_id) or Aandeel(None, 0, exact=self.exact)

    def verandering(self, groep: str, basisfunctie_id: int) -> Verandering | None:
        return self.panel.get(groep, {}).get(basisfunctie_id)


def peilmoment(moment: datetime.datetime | None = None) -> datetime.datetime:
    """The monthly cut-off at or before ``moment`` (default now): midnight, local time, on the
    first of its month."""
    lokaal = timezone.localtime(moment or timezone.now())
    return lokaal.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _volgend_peilmoment(moment: datetime.datetime) -> datetime.datetime:
    begin = peilmoment(moment)
    jaar, maand = (begin.year + 1, 1) if begin.month == 12 else (begin.year, begin.month + 1)
    return timezone.make_aware(datetime.datetime(jaar, maand, 1), timezone.get_current_timezone())


def groepscijfers(vragenlijst: Vragenlijst, kijker, moment: datetime.datetime | None = None) -> Groepscijfers:
    """The figures of ``vragenlijst`` per province and for the country that ``kijker`` (a user, or
    an anonymous visitor of an open API) may see at ``moment`` (default now), per basisfunctie,
    under the module's rule. For an eenmeting, a group with fewer than ``SPIEGEL_MINIMUM_N`` of its
    metingen shows the nulmeting's figure instead (``Aandeel.bron`` names it), and ``panel``
    holds the change over the municipalities with both metingen. The name is stable: the open
    API asks it too."""
    familie = _familie(vragenlijst)
    if mag_exacte_groepscijfers_zien(kijker):
        gepubliceerd = _publiceren(familie, [(None, None)], exact=True)
        return _groepscijfers(vragenlijst, familie, gepubliceerd, exact=True, peil=None)
    peil = peilmoment(moment)
    sleutel = _cachesleutel(vragenlijst, familie, peil)
    cijfers = uit_cache(sleutel)
    if cijfers is None:
        gepubliceerd = _publiceren(familie, _peilmomenten(familie, peil), exact=False)
        cijfers = _groepscijfers(vragenlijst, familie, gepubliceerd, exact=False, peil=peil)
        in_cache(sleutel, cijfers, CACHE_SECONDEN)
    return cijfers


def _cachesleutel(vragenlijst: Vragenlijst, familie: list[Vragenlijst], peil: datetime.datetime) -> str:
    """The published figures at ``peil`` follow from the versions stored before it, which are only
    ever added to: their number and last id say whether anything before ``peil`` changed (a
    meting imported with an earlier date of submission, say) since they were worked out."""
    versies = [
        bekend_voor(model.history.filter(**{pad: familie}), peil).aggregate(n=Count("pk"), laatste=Max("pk"))
        for model, pad in ((Meting, "vragenlijst__in"), (Score, "meting__vragenlijst__in"))
    ]
    stand = "-".join(f"{v['n']}.{v['laatste']}" for v in versies)
    leden = ".".join(str(v.pk) for v in familie)
    return f"groepscijfers:{vragenlijst.pk}:{leden}:{peil.isoformat()}:{settings.SPIEGEL_MINIMUM_N}:{stand}"


# --- the snapshots and which of them may be shown (points 1 and 2) ----------------------------

# A group's state for one basisfunctie: municipality id → 'goed voor elkaar'.
Stand = dict[int, bool]


def _familie(vragenlijst: Vragenlijst) -> list[Vragenlijst]:
    """The nulmeting and every questionnaire that follows it: their figures are published
    together, as a panel's figures are other cuts of the same metingen."""
    wortel = vragenlijst
    while wortel.basis_id is not None:
        wortel = wortel.basis
    volgers = Vragenlijst.objects.filter(basis=wortel).order_by("aangemaakt_op", "pk")
    return [wortel, *volgers]


def _peilmomenten(
    familie: list[Vragenlijst], tot: datetime.datetime
) -> list[tuple[datetime.datetime, Peilstand]]:
    """The cut-offs up to ``tot`` at which what was known of the metingen of ``familie`` had
    changed since the one before (only there can a snapshot differ), each with its
    ``Peilstand``: the versions stored when it was first worked out, the only ones it reads."""
    versies = list(
        bekend_voor(Meting.history.filter(vragenlijst__in=familie), tot).values_list(
            "history_date", "history_id"
        )
    )
    if not versies:
        return []
    maanden = [_volgend_peilmoment(min(op for op, _ in versies))]
    while maanden[-1] < tot:
        maanden.append(_volgend_peilmoment(maanden[-1]))
    standen = _peilstanden(maanden)
    gewijzigd, bekend = [], frozenset()
    for peil in maanden:
        grens = standen[peil].laatste_metingversie
        nu_bekend = frozenset(versie for op, versie in versies if op < peil and versie <= grens)
        if nu_bekend != bekend:
            gewijzigd.append((peil, standen[peil]))
            bekend = nu_bekend
    return gewijzigd


def _peilstanden(maanden: list[datetime.datetime]) -> dict[datetime.datetime, Peilstand]:
    """The ``Peilstand`` of each cut-off; a cut-off worked out for the first time is fixed now, at
    the versions stored so far."""
    standen = {p.peilmoment: p for p in Peilstand.objects.filter(peilmoment__in=maanden)}
    if len(standen) < len(maanden):
        laatste = {
            veld: model.history.aggregate(laatste=Max("history_id"))["laatste"] or 0
            for veld, model in (("laatste_metingversie", Meting), ("laatste_scoreversie", Score))
        }
        Peilstand.objects.bulk_create(
            [Peilstand(peilmoment=m, **laatste) for m in maanden if m not in standen], ignore_conflicts=True
        )
        standen = {p.peilmoment: p for p in Peilstand.objects.filter(peilmoment__in=maanden)}
    return standen


def _uitslagen(vragenlijst: Vragenlijst, peil: datetime.datetime | None, stand: Peilstand | None) -> dict:
    """Municipality id → basisfunctie id → 'goed voor elkaar', over the metingen of
    ``vragenlijst`` submitted as known at ``peil`` (None: now) from the versions of ``stand``."""
    metingen: QuerySet = ingediende_metingen(
        vragenlijst, bekend_op=peil, tot_versie=stand and stand.laatste_metingversie
    )
    gemeente_van = dict(metingen.values_list("id", "gemeente_id"))
    uitslagen: dict[int, dict[int, bool]] = {g: {} for g in gemeente_van.values()}
    for meting_id, basisfunctie_id, goed in scores_van(
        metingen, peil, tot_versie=stand and stand.laatste_scoreversie
    ).values_list("meting_id", "basisfunctie_id", "goed_voor_elkaar"):
        uitslagen[gemeente_van[meting_id]][basisfunctie_id] = goed
    return uitslagen


def _per_groep(uitslagen: dict[int, dict[int, bool]], provincie_van: dict[int, str]) -> dict:
    """(group, basisfunctie id) → ``Stand``: the country and each province."""
    standen: dict[tuple[str, int], Stand] = {}
    for gemeente_id, per_basisfunctie in uitslagen.items():
        for groep in (LAND, provincie_van[gemeente_id]):
            for basisfunctie_id, goed in per_basisfunctie.items():
                standen.setdefault((groep, basisfunctie_id), {})[gemeente_id] = goed
    return standen


def _verschil_klein(a: Stand, b: Stand) -> bool:
    """Do ``a`` and ``b`` differ in at least one but fewer than ``SPIEGEL_MINIMUM_N``
    municipalities (one in either only, or with another result)? Stops counting at the minimum."""
    minimum = settings.SPIEGEL_MINIMUM_N
    verschil = 0
    for gemeente_id, goed in a.items():
        if b.get(gemeente_id, not goed) != goed:  # absent from ``b`` counts as differing
            verschil += 1
            if verschil >= minimum:
                return False
    verschil += sum(1 for gemeente_id in b if gemeente_id not in a)
    return 0 < verschil < minimum


@dataclass
class _Publicatie:
    """What has been shown so far: per (questionnaire, basisfunctie) every distinct state shown
    of any group, by its number of municipalities, and per figure its current state and cut-off."""

    getoond: dict[tuple[int, int], dict[int, list[Stand]]] = field(default_factory=dict)
    figuren: dict[tuple, tuple[Stand, datetime.datetime | None]] = field(default_factory=dict)
    achtergehouden: set[tuple] = field(default_factory=set)  # offered, never shown yet

    def aanbieden(self, sleutel: tuple, maat: tuple[int, int], stand: Stand, peil, exact: bool) -> None:
        """Show ``stand`` for the figure ``sleutel`` (of questionnaire and basisfunctie ``maat``)
        unless it differs a little from something shown before (rule, point 2). A state of
        fewer than ``SPIEGEL_MINIMUM_N`` metingen shows as "too few" and tells nothing of any
        result: shown, but nothing to compare later figures with."""
        minimum = settings.SPIEGEL_MINIMUM_N
        huidig = self.figuren.get(sleutel)
        if exact or len(stand) < minimum or (huidig and huidig[0] == stand):
            self.figuren[sleutel] = (stand, peil)
            return
        per_grootte = self.getoond.setdefault(maat, {})
        # only states within ``minimum`` of its size can differ from it in fewer municipalities
        dichtbij = [
            e for n in range(len(stand) - minimum + 1, len(stand) + minimum) for e in per_grootte.get(n, [])
        ]
        if stand in dichtbij or not any(_verschil_klein(stand, e) for e in dichtbij):
            self.figuren[sleutel] = (stand, peil)
            if stand not in dichtbij:
                per_grootte.setdefault(len(stand), []).append(stand)
        elif huidig is None:
            self.achtergehouden.add(sleutel)


def _publiceren(familie: list[Vragenlijst], peilmomenten: Iterable, *, exact: bool) -> _Publicatie:
    """Walk the cut-offs in order and offer each snapshot's figures: first every questionnaire's
    country and provinces, then each follower's panel (nulmeting side, then its own)."""
    publicatie = _Publicatie()
    provincie_van = dict(Gemeente.objects.values_list("pk", "provincie__cbs_code"))
    wortel, volgers = familie[0], familie[1:]
    for peil, peilstand in peilmomenten:
        uitslagen = {v.pk: _uitslagen(v, peil, peilstand) for v in familie}
        for v in familie:
            for (groep, b), stand in sorted(_per_groep(uitslagen[v.pk], provincie_van).items()):
                publicatie.aanbieden((v.pk, groep, b), (v.pk, b), stand, peil, exact)
        for v in volgers:
            panel = uitslagen[v.pk].keys() & uitslagen[wortel.pk].keys()
            for zijde in (wortel, v):
                binnen = {g: uitslagen[zijde.pk][g] for g in panel}
                for (groep, b), stand in sorted(_per_groep(binnen, provincie_van).items()):
                    publicatie.aanbieden(
                        ("panel", v.pk, zijde.pk, groep, b), (zijde.pk, b), stand, peil, exact
                    )
    return publicatie


# --- from published states to what is shown (points 3 and 4, and the fallback) ----------------


def _aandeel_van(publicatie: _Publicatie, sleutel: tuple, exact: bool) -> Aandeel | None:
    if sleutel not in publicatie.figuren:
        return Aandeel(None, 0, NOG_NIET) if sleutel in publicatie.achtergehouden else None
    stand, peil = publicatie.figuren[sleutel]
    return aandeel(sum(stand.values()), len(stand), exact=exact, stand=peil)


def _groepscijfers(vragenlijst, familie, publicatie: _Publicatie, *, exact: bool, peil) -> Groepscijfers:
    wortel = familie[0]
    groepen: dict[str, dict[int, Aandeel]] = {}
    panel: dict[str, dict[int, Verandering]] = {}
    for sleutel in [*publicatie.figuren, *publicatie.achtergehouden]:
        if sleutel[0] == vragenlijst.pk:
            _, groep, b = sleutel
            groepen.setdefault(groep, {})[b] = _aandeel_van(publicatie, sleutel, exact)
        elif sleutel[:2] == ("panel", vragenlijst.pk) and sleutel[2] == wortel.pk:
            _, _, _, groep, b = sleutel
            nul = _aandeel_van(publicatie, sleutel, exact)
            een = _aandeel_van(publicatie, ("panel", vragenlijst.pk, vragenlijst.pk, groep, b), exact)
            panel.setdefault(groep, {})[b] = Verandering(nul, een)
    if vragenlijst != wortel:
        _terugvallen(groepen, publicatie, vragenlijst, wortel, exact)
    return Groepscijfers(vragenlijst, exact, peil, groepen, panel)


def _terugvallen(
    groepen: dict, publicatie: _Publicatie, vragenlijst: Vragenlijst, wortel: Vragenlijst, exact: bool
) -> None:
    """Where the eenmeting's figure of a group covers fewer than ``SPIEGEL_MINIMUM_N`` metingen
    (or there is none), the nulmeting's figure of that group, labelled with its name."""
    minimum = settings.SPIEGEL_MINIMUM_N
    for sleutel in publicatie.figuren:
        if sleutel[0] != wortel.pk:
            continue
        _, groep, b = sleutel
        eigen = publicatie.figuren.get((vragenlijst.pk, groep, b))
        if eigen is None or len(eigen[0]) < minimum:
            nul = _aandeel_van(publicatie, sleutel, exact)
            groepen.setdefault(groep, {})[b] = dataclasses.replace(nul, bron=str(wortel))
