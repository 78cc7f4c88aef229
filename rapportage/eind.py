"""The eindrapportage's parts, each computed once: participation (table 2.0), the basisfuncties
(tables 2.1–2.2), the adviser pool, the sessions over time (figure 2.1), their onderwerp
(figure 2.2), the themes (tables 2.3–2.4), chapter 4's key figures and spread, and maps 1–3."""

import datetime
from dataclasses import dataclass

from django.conf import settings

from advies import kaarten as advies_kaarten
from nulmeting import kaarten as nulmeting_kaarten
from rapportage import selectors as s
from rapportage.bouwstenen import (
    Deel,
    Figuur,
    Stand,
    Tabel,
    cmo_rijen,
    geheel,
    kaart_figuur,
    nl_datum,
    onderwerp_rijen,
    onderwerp_tabel,
    provincie_rijen,
)
from toolkit import figuren, kaarten
from toolkit.getallen import nl_getal

# One table per domain: domain → table number.
BASISFUNCTIE_TABELLEN = {"vrijwilligerswerk": "2.1", "mantelzorg": "2.2"}
THEMA_TABELLEN = {"vrijwilligerswerk": "2.3", "mantelzorg": "2.4"}


def aandeel_in_woorden(procent: int | None) -> str:
    """A share as the evaluation wrote it ("circa de helft"), from the computed percentage."""
    if procent is None:
        return "geen"
    for grens, woorden in [(10, "een enkele"), (20, "circa een zesde"), (30, "circa een kwart"), (40, "circa een derde"),
                           (60, "circa de helft"), (70, "circa twee derde"), (85, "circa driekwart"), (100, "vrijwel alle")]:  # fmt: skip
        if procent < grens or grens == 100:
            return woorden
    return "alle"


def _sleutel(nummer: str) -> str:
    return nummer.replace(".", "_")


@dataclass(frozen=True)
class Nulmetingperiode:
    """The nulmeting's filling-in period; its year's municipalities are the first base."""

    van: datetime.date
    tot: datetime.date

    @classmethod
    def huidige(cls) -> "Nulmetingperiode":
        lijst = s.nulmeting()
        opbouw = lijst.opbouw if lijst else None
        tot = opbouw.periode_tot if opbouw and opbouw.periode_tot else datetime.date(2009, 12, 31)
        van = opbouw.periode_van if opbouw and opbouw.periode_van else datetime.date(tot.year, 1, 1)
        return cls(van, tot)

    @property
    def indeling(self) -> datetime.date:
        return datetime.date(self.tot.year, 1, 1)


@dataclass(frozen=True)
class Deelname(Deel):
    """Participation per province at the end of the nulmeting's period, and as of the peildatum
    with merged municipalities counted in their successors (table 2.0)."""

    stand: Stand
    periode: Nulmetingperiode
    per_provincie: list[list]  # province, then (municipalities, participants, %) at the start and now
    start: dict
    nu: dict

    @classmethod
    def bereken(cls, stand: Stand, periode: Nulmetingperiode) -> "Deelname":
        bij_start = s.deelname(
            stand.peildatum, stand.afbakening, indeling=periode.indeling, ingediend_tot=periode.tot
        )
        nu = s.deelname(stand.peildatum, stand.afbakening)
        per_provincie = [
            [r.provincie, *_deelname_cellen(r), *_deelname_cellen(n)]
            for r, n in zip(bij_start.itertuples(), nu.itertuples(), strict=False)
        ]
        return cls(stand, periode, per_provincie, s.totaal(bij_start), s.totaal(nu))

    def alineas(self) -> list[str]:
        start, nu, periode, peil = self.start, self.nu, self.periode, nl_datum(self.stand.peildatum)
        return [
            f"Op {nl_datum(periode.indeling)} telde {self.stand.gebied_in_zin} {nl_getal(start['gemeenten'])} gemeenten. "
            f"Van {nl_datum(periode.van)} tot en met {nl_datum(periode.tot)} dienden {nl_getal(start['deelnemers'])} gemeenten "
            f"({nl_getal(start['procent'])}%) de nulmeting in. Per {peil} deden, herindelingen meegerekend, "
            f"{nl_getal(nu['deelnemers'])} van de {nl_getal(nu['gemeenten'])} gemeenten mee ({nl_getal(nu['procent'])}%).",
        ]

    def onderdelen(self) -> list[Tabel | Figuur]:
        indeling, tot, peil = (
            nl_datum(d) for d in (self.periode.indeling, self.periode.tot, self.stand.peildatum)
        )
        return [
            Tabel(
                "2.0",
                "Deelname aan de nulmeting per provincie",
                [
                    "Provincie",
                    f"Gemeenten {indeling}",
                    f"Deelnemers t/m {tot}",
                    "%",
                    f"Gemeenten {peil}",
                    "Deelnemers (incl. herindelingen)",
                    "% ",
                ],
                [*self.per_provincie, ["Totaal", *_deelname_totaal(self.start), *_deelname_totaal(self.nu)]],
                f"Basis: de gemeenten zoals ze bestonden op {indeling} en op {peil}. Een gemeente doet mee als zij "
                "of een gemeente die in haar is opgegaan de nulmeting indiende.",
                frozenset({3, 6}),
            )
        ]

    def cijfers(self) -> dict:
        start, nu = self.start, self.nu
        periode = [self.periode.van.isoformat(), self.periode.tot.isoformat()]
        return {
            "deelname": {
                "gemeenten_2009": start["gemeenten"],
                "nulmeting_2009_deelnemers": start["deelnemers"],
                "nulmeting_2009_procent": start["procent"],
                "nulmeting_2009_periode": periode,
                "gemeenten_per_2012_01_01": nu["gemeenten"],
                "nulmeting_totaal_deelnemers": nu["deelnemers"],
                "nulmeting_totaal_procent": nu["procent"],
            }
        }


def _deelname_cellen(rij) -> list:
    return [int(rij.gemeenten), int(rij.deelnemers), geheel(rij.procent)]


def _deelname_totaal(totaal: dict) -> list:
    return [totaal["gemeenten"], totaal["deelnemers"], totaal["procent"]]


@dataclass(frozen=True)
class Basisfuncties(Deel):
    """Per basisfunctie, how many municipalities have it 'goed voor elkaar' (tables 2.1–2.2)."""

    stand: Stand
    per_domein: dict[str, list[tuple[str, int, int | None]]]  # (basisfunctie, goed, %)
    metingen: int  # the submitted nulmetingen: the N
    deelnemers: int  # the municipalities they come to on the peildatum's borders

    @classmethod
    def bereken(cls, stand: Stand, deelnemers: int) -> "Basisfuncties":
        goed = s.goed_per_basisfunctie(stand.peildatum, stand.afbakening)
        per_domein = {
            domein: [
                (r.basisfunctie, int(r.goed), geheel(r.procent))
                for r in goed[goed["domein"] == domein].itertuples()
            ]
            for domein in BASISFUNCTIE_TABELLEN
        }
        return cls(stand, per_domein, int(goed["n"].max()) if len(goed) else 0, deelnemers)

    def basis(self) -> str:
        """What the percentages rest on: submitted metingen, and the municipalities they come to."""
        basis = self.stand.basis(
            self.metingen, "ingediende nulmetingen, elk van een gemeente zoals die bestond toen zij indiende"
        )
        if self.deelnemers == self.metingen:
            return basis
        return (
            f"{basis} Herindelingen meegerekend komen die neer op {nl_getal(self.deelnemers)} deelnemende "
            f"gemeenten in de indeling van {nl_datum(self.stand.peildatum)}; het percentage is dat van de "
            "nulmetingen, zoals de evaluatie het telde."
        )

    def onderdelen(self) -> list[Tabel | Figuur]:
        basis = self.basis()
        return [
            Tabel(
                nummer,
                f"Basisfuncties {domein}: in hoeveel nulmetingen 'goed voor elkaar'",
                [
                    f"Basisfunctie ({domein})",
                    "Nulmetingen 'goed voor elkaar'",
                    "Percentage van de nulmetingen",
                ],
                [list(rij) for rij in self.per_domein[domein]],
                basis,
                frozenset({2}),
            )
            for domein, nummer in BASISFUNCTIE_TABELLEN.items()
        ]

    def cijfers(self) -> dict:
        return {
            f"tabel_{_sleutel(nummer)}_{domein}_goed_voor_elkaar_procent": {
                naam: procent for naam, _, procent in self.per_domein[domein]
            }
            for domein, nummer in BASISFUNCTIE_TABELLEN.items()
        }


@dataclass(frozen=True)
class Adviseurspool(Deel):
    """The advisers: in all, at most in the nulmeting's year, active per CMO on the peildatum."""

    stand: Stand
    jaar: int
    adviseurs: int
    cmos: int
    hoogstens: int
    actief: int
    actief_per_cmo: dict[str, int]
    gesprekken: int  # sessions logged by the peildatum, the paragraph's last sentence

    @classmethod
    def bereken(cls, stand: Stand, jaar: int, gesprekken: int) -> "Adviseurspool":
        perioden = s.pool(stand.peildatum, stand.afbakening)
        per_cmo = s.pool_per_cmo(perioden, stand.peildatum)
        return cls(
            stand,
            jaar,
            adviseurs=int(perioden["user_id"].nunique()) if len(perioden) else 0,
            cmos=int(perioden["cmo"].nunique()) if len(perioden) else 0,
            hoogstens=_pool_max(perioden, jaar),
            actief=s.pool_grootte(perioden, stand.peildatum),
            actief_per_cmo=dict(per_cmo.itertuples(index=False, name=None)),
            gesprekken=gesprekken,
        )

    def alineas(self) -> list[str]:
        een = self.gesprekken == 1
        return [
            f"Er werkten in totaal {nl_getal(self.adviseurs)} adviseurs bij {nl_getal(self.cmos)} CMO's; de pool "
            f"telde hoogstens {nl_getal(self.hoogstens)} adviseurs in {self.jaar} en {nl_getal(self.actief)} op "
            f"{nl_datum(self.stand.peildatum)}. Tot en met de peildatum {'is' if een else 'zijn'} "
            f"{nl_getal(self.gesprekken)} adviesgesprek{'' if een else 'ken'} vastgelegd."
        ]

    def cijfers(self) -> dict:
        return {
            "adviseurspool": {
                "adviseurs_totaal": self.adviseurs,
                "cmo_organisaties": self.cmos,
                "pool_max_2009": self.hoogstens,
                "pool_oktober_2012": self.actief,
            }
        }


def _pool_max(perioden, jaar: int) -> int:
    """The largest pool in ``jaar``: on its first day or on any day an adviser came or went."""
    if perioden.empty:
        return 0
    kandidaten = {datetime.date(jaar, 1, 1)} | {
        d for d in list(perioden["actief_van"]) + list(perioden["actief_tot"].dropna()) if d.year == jaar
    }
    return max(s.pool_grootte(perioden, d) for d in kandidaten)


@dataclass(frozen=True)
class Gespreksverloop(Deel):
    """Sessions per month and cumulative, counted at each year's end and the peildatum (figure 2.1)."""

    stand: Stand
    maanden: list[datetime.date]
    per_maand: list[int]
    cumulatief: list[int]
    markeringen: dict[datetime.date, int]

    @classmethod
    def bereken(cls, stand: Stand) -> "Gespreksverloop":
        peildatum = stand.peildatum
        per_maand = s.gesprekken_per_maand(peildatum, stand.afbakening)
        jaargrenzen = [datetime.date(j, 12, 31) for j in range(2009, peildatum.year)]
        markeringen = s.cumulatief_op(per_maand, [d for d in jaargrenzen if d < peildatum] + [peildatum])
        maanden = [m.date() for m in per_maand["maand"]]
        return cls(
            stand, maanden, per_maand["aantal"].tolist(), per_maand["cumulatief"].tolist(), markeringen
        )

    def onderdelen(self) -> list[Tabel | Figuur]:
        svg = figuren.maandverloop(
            self.maanden,
            self.per_maand,
            self.cumulatief,
            self.markeringen,
            titel="Adviesgesprekken, cumulatief en per maand",
            namen=("Gesprekken (cumulatief)", "Gesprekken per maand"),
            ylabel="Aantal gesprekken",
            leeg="Nog geen gesprekken",
        )
        wat = "adviesgesprekken die op de peildatum waren vastgelegd, geteld naar de datum van het gesprek"
        return [
            Figuur("2.1", "Adviesgesprekken na de eerste nulmetingen", svg),
            Tabel(
                "2.1a",
                "Adviesgesprekken cumulatief (de cijfers bij figuur 2.1)",
                ["Datum", "Gesprekken (cumulatief)"],
                [[nl_datum(d), n] for d, n in self.markeringen.items()],
                self.stand.basis(None, wat),
            ),
        ]

    def cijfers(self) -> dict:
        return {
            "figuur_2_1_adviesgesprekken_cumulatief": {d.isoformat(): n for d, n in self.markeringen.items()}
        }


@dataclass(frozen=True)
class Onderwerpen(Deel):
    """The sessions' onderwerp: vrijwilligerswerk, mantelzorg or both (figure 2.2)."""

    stand: Stand
    rijen: list[tuple[str, int, int | None]]  # (onderwerp, sessions, %)
    gesprekken: int

    @classmethod
    def bereken(cls, stand: Stand, gesprekken: int) -> "Onderwerpen":
        return cls(stand, onderwerp_rijen(s.onderwerpen(stand.peildatum, stand.afbakening)), gesprekken)

    def onderdelen(self) -> list[Tabel | Figuur]:
        svg = figuren.aandelen_staaf(
            [aantal for _, aantal, _ in self.rijen],
            [f"{onderwerp}\n{procent}%" for onderwerp, _, procent in self.rijen],
            titel="Onderwerp van de adviesgesprekken",
            aslabel="% van de gesprekken",
        )
        return [
            Figuur("2.2", "Verhouding vrijwilligerswerk en mantelzorg in adviesgesprekken", svg),
            onderwerp_tabel(
                "2.2a",
                "Onderwerp van de adviesgesprekken (de cijfers bij figuur 2.2)",
                self.rijen,
                self.stand.basis(self.gesprekken, "vastgelegde adviesgesprekken"),
            ),
        ]

    def cijfers(self) -> dict:
        return {"figuur_2_2_onderwerp_procent": {onderwerp: procent for onderwerp, _, procent in self.rijen}}


@dataclass(frozen=True)
class Themas(Deel):
    """How often each theme was ticked, per domain (tables 2.3–2.4)."""

    stand: Stand
    per_domein: dict[str, list[tuple[str, int]]]  # (theme, times ticked), most ticked first
    gesprekken: int

    @classmethod
    def bereken(cls, stand: Stand, gesprekken: int) -> "Themas":
        themas = s.themas(stand.peildatum, stand.afbakening)
        per_domein = {
            domein: [(r.naam, int(r.aantal)) for r in themas[themas["domein"] == domein].itertuples()]
            for domein in THEMA_TABELLEN
        }
        return cls(stand, per_domein, gesprekken)

    def onderdelen(self) -> list[Tabel | Figuur]:
        basis = self.stand.basis(
            self.gesprekken, "vastgelegde adviesgesprekken; een gesprek kan meer thema's hebben"
        )
        return [
            Tabel(
                nummer,
                f"Thema's in adviesgesprekken per {nl_datum(self.stand.peildatum)} ({domein})",
                [f"Thema's {domein}", "Aantal keer aangekruist"],
                [list(rij) for rij in self.per_domein[domein]],
                basis,
            )
            for domein, nummer in THEMA_TABELLEN.items()
        ]

    def cijfers(self) -> dict:
        return {
            f"tabel_{_sleutel(nummer)}_thema_{domein}_aangekruist": dict(self.per_domein[domein])
            for domein, nummer in THEMA_TABELLEN.items()
        }


VOOR_EN_NA_TABELLEN = {"vrijwilligerswerk": "2.5", "mantelzorg": "2.6"}
VOOR_EN_NA_FIGUREN = {"vrijwilligerswerk": "2.3", "mantelzorg": "2.4"}


@dataclass(frozen=True)
class VoorEnNa(Deel):
    """Nulmeting against eenmeting per basisfunctie, over the same municipalities: those that
    submitted both by the peildatum (tables 2.5–2.6, figures 2.3–2.4). Shown only when at least
    ``SPIEGEL_MINIMUM_N`` did, so that no municipality's change can be read from it."""

    stand: Stand
    eenmeting: str  # the eenmeting's name; "" when none has been submitted yet
    n: int  # the panel: municipalities with both metingen
    per_domein: dict[str, list[tuple[str, int, int | None, int, int | None]]]  # (bf, goed, %, goed, %)

    @classmethod
    def bereken(cls, stand: Stand) -> "VoorEnNa":
        # The newest eenmeting with a panel; older ones are read only when a newer has none.
        for eenmeting in reversed(s.eenmetingen()):
            frame = s.voor_en_na(stand.peildatum, stand.afbakening, eenmeting)
            if len(frame) and frame["n"].iloc[0]:
                break
        else:
            return cls(stand, "", 0, {})
        n = int(frame["n"].iloc[0])
        per_domein = {
            domein: [
                (
                    r.basisfunctie,
                    int(r.goed_nul),
                    s.procent(r.goed_nul, n),
                    int(r.goed_een),
                    s.procent(r.goed_een, n),
                )
                for r in frame[frame["domein"] == domein].itertuples()
            ]
            for domein in VOOR_EN_NA_TABELLEN
        }
        return cls(stand, eenmeting.naam, n, per_domein)

    @property
    def eenmeting_in_zin(self) -> str:
        """'de eenmeting 2012' for 'Eenmeting 2012'."""
        return f"de {self.eenmeting[:1].lower()}{self.eenmeting[1:]}"

    @property
    def te_tonen(self) -> bool:
        return self.n >= settings.SPIEGEL_MINIMUM_N

    def alineas(self) -> list[str]:
        peil = nl_datum(self.stand.peildatum)
        if not self.n:
            return [
                f"Tot en met {peil} diende nog geen gemeente die de nulmeting invulde, ook een eenmeting in. "
                "Zodra dat gebeurt, vergelijkt dit hoofdstuk per basisfunctie de uitkomst van beide metingen."
            ]
        wie = "gemeente" if self.n == 1 else "gemeenten"
        eerste = (
            f"Tot en met {peil} {'diende' if self.n == 1 else 'dienden'} {nl_getal(self.n)} {wie} zowel de "
            f"nulmeting als {self.eenmeting_in_zin} in."
        )
        if not self.te_tonen:
            return [
                f"{eerste} Dat zijn er te weinig om per basisfunctie te vergelijken: daarvoor zijn er minstens "
                f"{settings.SPIEGEL_MINIMUM_N} nodig, anders is de uitkomst van één gemeente erin te herkennen."
            ]
        return [
            f"{eerste} De tabellen en figuren zetten per basisfunctie naast elkaar hoeveel van deze "
            "gemeenten die 'goed voor elkaar' hadden, eerst in de nulmeting en daarna in de eenmeting. Alleen "
            "gemeenten met beide metingen tellen mee, zodat een verschil geen verschil in deelnemers is."
        ]

    def onderdelen(self) -> list[Tabel | Figuur]:
        if not self.te_tonen:
            return []
        basis = self.stand.basis(
            self.n, f"gemeenten die zowel de nulmeting als {self.eenmeting_in_zin} indienden"
        )
        onderdelen: list[Tabel | Figuur] = []
        for domein, nummer in VOOR_EN_NA_TABELLEN.items():
            rijen = self.per_domein[domein]
            onderdelen += [
                Tabel(
                    nummer,
                    f"Basisfuncties {domein}: 'goed voor elkaar' in de nulmeting en in de eenmeting",
                    [
                        f"Basisfunctie ({domein})",
                        "Nulmeting: gemeenten",
                        "Nulmeting: percentage",
                        "Eenmeting: gemeenten",
                        "Eenmeting: percentage",
                        "Verschil in procentpunten",
                    ],
                    [[*rij, _verschil(rij[2], rij[4])] for rij in rijen],
                    basis,
                    frozenset({2, 4}),
                ),
                Figuur(
                    VOOR_EN_NA_FIGUREN[domein],
                    f"Basisfuncties {domein} 'goed voor elkaar' in de nulmeting en in de eenmeting",
                    figuren.percentage_staven(
                        [rij[0] for rij in rijen],
                        {"Nulmeting": [rij[2] for rij in rijen], "Eenmeting": [rij[4] for rij in rijen]},
                        f"Dezelfde {nl_getal(self.n)} gemeenten, voor en na",
                    ),
                    basis,
                ),
            ]
        return onderdelen

    def cijfers(self) -> dict:
        if not self.te_tonen:
            return {"voor_en_na": {"eenmeting": self.eenmeting, "gemeenten": self.n}}
        return {
            "voor_en_na": {
                "eenmeting": self.eenmeting,
                "gemeenten": self.n,
                **{
                    f"tabel_{_sleutel(nummer)}_{domein}_procent": {
                        naam: {"nulmeting": nul, "eenmeting": een}
                        for naam, _, nul, _, een in self.per_domein[domein]
                    }
                    for domein, nummer in VOOR_EN_NA_TABELLEN.items()
                },
            }
        }


def _verschil(voor: int | None, na: int | None) -> int | None:
    return None if voor is None or na is None else na - voor


@dataclass(frozen=True)
class Kerncijfers(Deel):
    """Chapter 4's key figures (table 4.1): reach, sessions, hours and advisers."""

    stand: Stand
    deelname: dict  # participation as of the peildatum (``selectors.totaal``)
    bereik: dict  # ``selectors.bereik``
    pool: Adviseurspool
    advies_procent: int | None  # municipalities with a session, of those taking part
    per_gemeente: float  # sessions per municipality with a session
    deelnemers_met_advies: int  # participants with a session, both on the peildatum's borders

    @classmethod
    def bereken(
        cls, stand: Stand, deelname: dict, bereik: dict, pool: Adviseurspool, deelnemers_met_advies: int
    ) -> "Kerncijfers":
        """``deelnemers_met_advies``: ``selectors.bereik_per_provincie``'s ``nulmeting_en_gesprek``."""
        advies_procent = s.procent(bereik["gemeenten_met_advies"], deelname["deelnemers"])
        per_gemeente = bereik["gesprekken_per_gemeente"] or 0
        return cls(stand, deelname, bereik, pool, advies_procent, per_gemeente, deelnemers_met_advies)

    @property
    def deelnemers_met_advies_procent(self) -> int | None:
        return s.procent(self.deelnemers_met_advies, self.deelname["deelnemers"])

    def alineas(self) -> list[str]:
        return [
            f"In totaal hadden {nl_getal(self.bereik['gemeenten_met_advies'])} gemeenten ten minste één adviesgesprek: "
            f"{nl_getal(self.advies_procent)}% van de deelnemende gemeenten, met gemiddeld "
            f"{nl_getal(round(self.per_gemeente, 1))} gesprekken per gemeente.",
        ]

    def onderdelen(self) -> list[Tabel | Figuur]:
        bereik = self.bereik
        rijen = [
            ["Gemeenten die de nulmeting indienden (incl. herindelingen)", self.deelname["deelnemers"]],
            ["Respons nulmeting (%)", self.deelname["procent"]],
            ["Adviesgesprekken vastgelegd", bereik["gesprekken"]],
            ["Gemeenten met ten minste één adviesgesprek", bereik["gemeenten_met_advies"]],
            ["Aandeel van de deelnemende gemeenten met advies (%)", self.advies_procent],
            ["Deelnemende gemeenten met ten minste één adviesgesprek", self.deelnemers_met_advies],
            ["Idem, als aandeel van de deelnemende gemeenten (%)", self.deelnemers_met_advies_procent],
            ["Gesprekken per geadviseerde gemeente (gemiddeld)", round(self.per_gemeente, 1)],
            ["Uren advies", bereik["uren"]],
            ["Adviseurs in de pool (totaal)", self.pool.adviseurs],
            [f"Actieve adviseurs op {nl_datum(self.stand.peildatum)}", self.pool.actief],
        ]
        basis = (
            self.stand.basis(None, "alle gegevens in Goed voor Elkaar")
            + " Deelnemende gemeenten in de indeling van de peildatum, herindelingen meegerekend;"
            " gemeenten met een adviesgesprek zoals zij bestonden toen het gesprek werd gehouden,"
            " ook als zij geen nulmeting indienden. Het aandeel zet die twee tegen elkaar af, zoals de"
            " evaluatie het publiceerde. De twee regels daaronder tellen beide in de indeling van de"
            " peildatum: deelnemende gemeenten met een gesprek met henzelf of met een gemeente die"
            " erin is opgegaan."
        )
        return [Tabel("4.1", "Kerncijfers van het programma", ["Kerncijfer", "Waarde"], rijen, basis)]

    def cijfers(self) -> dict:
        bereik, procent = self.bereik, self.advies_procent
        return {
            "hoofdstuk_4_kengetallen": {
                "gemeenten_met_advies_aandeel": f"{aandeel_in_woorden(procent)} van de deelnemende gemeenten",
                "gemeenten_met_advies": bereik["gemeenten_met_advies"],
                "gemeenten_met_advies_procent_van_deelnemers": procent,
                "deelnemers_met_advies": self.deelnemers_met_advies,
                "deelnemers_met_advies_procent": self.deelnemers_met_advies_procent,
                "adviesgesprekken_totaal": bereik["gesprekken"],
                "adviesgesprekken_totaal_circa": int(round(bereik["gesprekken"], -2)),
                "gesprekken_per_gemeente_gemiddeld": round(self.per_gemeente, 2),
                "gesprekken_per_gemeente_gemiddeld_circa": int(round(self.per_gemeente)),
                "uren": bereik["uren"],
            }
        }


@dataclass(frozen=True)
class Spreiding(Deel):
    """Sessions per province (table 4.2) and sessions, hours and active advisers per CMO (4.3)."""

    stand: Stand
    per_provincie: list[list]  # province, sessions, municipalities
    per_cmo: list[list]  # CMO, sessions, hours, active advisers
    gesprekken: int

    @classmethod
    def bereken(cls, stand: Stand, pool: Adviseurspool, gesprekken: int) -> "Spreiding":
        per_provincie = s.gesprekken_per_provincie(stand.peildatum, stand.afbakening)
        per_cmo = [
            [*rij, int(pool.actief_per_cmo.get(rij[0], 0))]
            for rij in cmo_rijen(s.gesprekken_per_cmo(stand.peildatum, stand.afbakening))
        ]
        return cls(stand, provincie_rijen(per_provincie), per_cmo, gesprekken)

    def onderdelen(self) -> list[Tabel | Figuur]:
        gezamenlijk = "; een gezamenlijk gesprek telt in elke provincie die aan tafel zat"
        return [
            Tabel(
                "4.2",
                "Adviesgesprekken en geadviseerde gemeenten per provincie",
                ["Provincie", "Gesprekken", "Gemeenten met advies"],
                self.per_provincie,
                self.stand.basis(self.gesprekken, "vastgelegde adviesgesprekken" + gezamenlijk),
            ),
            Tabel(
                "4.3",
                "Adviesgesprekken en uren per CMO",
                ["CMO", "Gesprekken", "Uren", f"Actieve adviseurs {nl_datum(self.stand.peildatum)}"],
                self.per_cmo,
                self.stand.basis(self.gesprekken, "vastgelegde adviesgesprekken"),
            ),
        ]


@dataclass(frozen=True)
class Kaarten(Deel):
    """Maps 1–3: participation on the borders of the nulmeting's year, participation and sessions
    as of the peildatum on the later borders (merged municipalities within their successors)."""

    stand: Stand
    periode: Nulmetingperiode
    indeling: datetime.date  # the municipalities of maps 2 and 3: those of the peildatum's borders
    deelname_start: kaarten.Kaart
    deelname_nu: kaarten.Kaart
    gesprekken: kaarten.Kaart

    @classmethod
    def bereken(cls, stand: Stand, periode: Nulmetingperiode) -> "Kaarten":
        peildatum, afbakening, zoom = stand.peildatum, stand.afbakening, stand.zoom()
        indeling_peil = kaarten.indelingsdatum(peildatum)
        start = nulmeting_kaarten.deelname_kaart(
            s.deelname_per_gemeente(
                peildatum, afbakening, indeling=periode.indeling, ingediend_tot=periode.tot
            ),
            titel=f"Deelname aan de nulmeting per gemeente tot en met {nl_datum(periode.tot)}",
            stand=periode.tot,
            jaar=kaarten.grensjaar(periode.indeling),
            provincies=zoom,
        )
        nu = nulmeting_kaarten.deelname_kaart(
            s.deelname_per_gemeente(peildatum, afbakening, indeling=indeling_peil),
            titel=f"Deelname aan de nulmeting per gemeente per {nl_datum(peildatum)}, herindelingen meegeteld",
            stand=peildatum,
            jaar=kaarten.grensjaar(peildatum),
            provincies=zoom,
        )
        gesprekken = advies_kaarten.gesprekken_kaart(
            s.gesprekken_per_gemeente(peildatum, afbakening, indeling_peil),
            titel=f"Adviesgesprekken per gemeente tot en met {nl_datum(peildatum)}",
            stand=peildatum,
            provincies=zoom,
        )
        return cls(stand, periode, indeling_peil, start, nu, gesprekken)

    def alineas(self) -> list[str]:
        return [
            "De kaarten tonen per gemeente wat de tabellen hierboven per provincie samenvatten. Een gemeente "
            "die is opgegaan in een andere staat op de latere kaarten binnen die gemeente. Onder elke kaart "
            "staan dezelfde cijfers in een tabel.",
        ]

    def onderdelen(self) -> list[Tabel | Figuur]:
        peil, indeling, tot = (
            nl_datum(d) for d in (self.stand.peildatum, self.periode.indeling, self.periode.tot)
        )
        grenzen = (
            f"de gemeenten van {nl_datum(self.indeling)}, op de grenzen van 1 januari {self.deelname_nu.jaar}"
        )
        return [
            kaart_figuur(
                "1",
                self.deelname_start,
                f"Gemeenten zoals ze bestonden op {indeling}; per provincie in tabel 2.0.",
                f"Basis: de gemeenten van {indeling}; ingediend tot en met {tot}, vastgelegd op {peil}.",
            ),
            kaart_figuur(
                "2",
                self.deelname_nu,
                "Een gemeente doet mee als zij of een gemeente die in haar is opgegaan de nulmeting indiende; "
                f"{grenzen}.",
                f"Basis: {grenzen}; stand per {peil}.",
            ),
            kaart_figuur(
                "3",
                self.gesprekken,
                "Een gezamenlijk gesprek telt bij elke gemeente die aan tafel zat; een gesprek met een gemeente "
                "die later is opgegaan in een andere telt bij die andere gemeente.",
                self.stand.basis(None, f"vastgelegde adviesgesprekken; {grenzen}"),
            ),
        ]
