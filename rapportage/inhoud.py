"""What a report says: its sections, numbered tables and figures, and its numbers as JSON.

One ``RapportInhoud`` feeds the HTML page, the PDF (same HTML), the XLSX (one sheet per table) and
the JSON, so the four formats cannot disagree.
"""

import datetime
from dataclasses import dataclass, field

import pandas as pd
from django.utils.formats import date_format

from advies import kaarten as advies_kaarten
from gemeenten.models import Organisatie, Provincie
from nulmeting import kaarten as nulmeting_kaarten
from rapportage import figuren
from rapportage import selectors as s
from toolkit import kaarten
from toolkit.getallen import nl_getal

ONDERWERP_LABEL = {"vrijwilligerswerk": "Vrijwilligerswerk", "mantelzorg": "Mantelzorg", "beide": "Beide"}


def hoofdletter(tekst: str) -> str:
    """The first letter upper case and the rest as it is ("Heel Nederland", not "Heel nederland")."""
    return tekst[:1].upper() + tekst[1:]


def nl_datum(datum: datetime.date) -> str:
    return date_format(datum, "j F Y")


@dataclass
class Tabel:
    nummer: str
    titel: str
    kolommen: list[str]
    rijen: list[list]
    basis: str
    procent_kolommen: frozenset[int] = frozenset()
    soort: str = "Tabel"

    @property
    def blad(self) -> str:
        return f"{self.soort} {self.nummer}"[:31]

    def weergave(self) -> list[list[str]]:
        """The rows as text for HTML: Dutch number format, a percent sign where it belongs."""
        return [
            [
                (
                    nl_getal(w)
                    + ("%" if i in self.procent_kolommen and w is not None and not pd.isna(w) else "")
                )
                if isinstance(w, int | float) and not isinstance(w, bool)
                else ("–" if w is None else str(w))
                for i, w in enumerate(rij)
            ]
            for rij in self.rijen
        ]

    def numeriek(self) -> list[bool]:
        return [
            any(isinstance(r[i], int | float) and not isinstance(r[i], bool) for r in self.rijen)
            for i in range(len(self.kolommen))
        ]

    def kop(self) -> list[tuple[str, bool]]:
        """The column headings, each with whether the column holds numbers (right-aligned)."""
        return list(zip(self.kolommen, self.numeriek(), strict=True))

    def cellen(self) -> list[list[tuple[str, bool]]]:
        """The rows of ``weergave``, each cell with whether its column holds numbers."""
        numeriek = self.numeriek()
        return [list(zip(rij, numeriek, strict=True)) for rij in self.weergave()]


@dataclass
class Figuur:
    nummer: str
    titel: str
    svg: str
    toelichting: str = ""
    soort: str = "Figuur"  # or "Kaart", numbered on its own
    kaart: kaarten.Kaart | None = None  # a map: its table is shown collapsed under it
    tabel: Tabel | None = None  # a map's numbers as a sheet of the XLSX


@dataclass
class Sectie:
    titel: str
    anker: str
    alineas: list[str] = field(default_factory=list)
    onderdelen: list[Tabel | Figuur] = field(default_factory=list)


@dataclass
class RapportInhoud:
    titel: str
    ondertitel: str
    peildatum: datetime.date
    secties: list[Sectie]
    cijfers: dict
    leeg: bool
    inhoudsopgave: bool = False

    @property
    def tabellen(self) -> list[Tabel]:
        return [
            t
            for sectie in self.secties
            for o in sectie.onderdelen
            for t in ([o] if isinstance(o, Tabel) else [o.tabel] if o.tabel else [])
        ]


def _int(waarde) -> int | None:
    return None if waarde is None or pd.isna(waarde) else int(waarde)


def _basis(n: int | None, peildatum: datetime.date, wat: str) -> str:
    return f"Basis: {wat}{f' (N = {nl_getal(n)})' if n is not None else ''}; stand per {nl_datum(peildatum)}."


def _afbakening_tekst(afbakening: s.Afbakening) -> str:

    if afbakening.provincie_id:
        return f"provincie {Provincie.objects.get(pk=afbakening.provincie_id)}"
    if afbakening.organisatie_id:
        return str(Organisatie.objects.get(pk=afbakening.organisatie_id))
    return "heel Nederland"


def aandeel_in_woorden(procent: int | None) -> str:
    """A share as the evaluation wrote it ("circa de helft"), from the computed percentage."""
    if procent is None:
        return "geen"
    for grens, woorden in [(10, "een enkele"), (20, "circa een zesde"), (30, "circa een kwart"), (40, "circa een derde"),
                           (60, "circa de helft"), (70, "circa twee derde"), (85, "circa driekwart"), (100, "vrijwel alle")]:  # fmt: skip
        if procent < grens or grens == 100:
            return woorden
    return "alle"


def kaart_figuur(nummer: str, kaart: kaarten.Kaart, toelichting: str, basis: str) -> Figuur:
    """A map as a numbered figure of the report, with its numbers as a table under it."""
    gemeenten = kaart.niveau == "gemeente"
    tabel = Tabel(
        nummer,
        f"De cijfers bij kaart {nummer}: {kaart.titel}",
        [kaart.gebied_label, *(["Provincie"] if gemeenten else []), kaart.eenheid],
        [
            [r.naam, *([r.provincie] if gemeenten else []), r.waarde if r.getal is None else _int(r.getal)]
            for r in kaart.rijen
        ],
        basis,
        soort="Kaart",
    )
    return Figuur(nummer, kaart.titel, kaart.svg, toelichting, soort="Kaart", kaart=kaart, tabel=tabel)


def _zoom(afbakening: s.Afbakening) -> list[str] | None:
    """The provinces a map of the afbakening shows (None: the whole country)."""
    return None if afbakening.landelijk else sorted(s.provincie_codes(afbakening).values())


def _pool_max(perioden: pd.DataFrame, jaar: int) -> int:
    if perioden.empty:
        return 0
    kandidaten = {datetime.date(jaar, 1, 1)} | {
        d for d in list(perioden["actief_van"]) + list(perioden["actief_tot"].dropna()) if d.year == jaar
    }
    return max(s.pool_grootte(perioden, d) for d in kandidaten)


def eindrapportage(peildatum: datetime.date, afbakening: s.Afbakening) -> RapportInhoud:
    lijst = s.nulmeting()
    opbouw = lijst.opbouw if lijst else None
    periode_tot = opbouw.periode_tot if opbouw and opbouw.periode_tot else datetime.date(2009, 12, 31)
    periode_van = (
        opbouw.periode_van if opbouw and opbouw.periode_van else datetime.date(periode_tot.year, 1, 1)
    )
    indeling_start = datetime.date(periode_tot.year, 1, 1)
    deelname_start = s.deelname(peildatum, afbakening, indeling=indeling_start, ingediend_tot=periode_tot)
    deelname_nu = s.deelname(peildatum, afbakening)
    start, nu = s.totaal(deelname_start), s.totaal(deelname_nu)
    goed = s.goed_per_basisfunctie(peildatum, afbakening)
    per_maand = s.gesprekken_per_maand(peildatum, afbakening)
    onderwerpen = s.onderwerpen(peildatum, afbakening)
    themas = s.themas(peildatum, afbakening)
    perioden = s.pool(peildatum, afbakening)
    bereik = s.bereik(peildatum, afbakening)
    per_provincie = s.gesprekken_per_provincie(peildatum, afbakening)
    per_cmo = s.gesprekken_per_cmo(peildatum, afbakening)

    jaargrenzen = [
        datetime.date(j, 12, 31) for j in range(2009, peildatum.year) if datetime.date(j, 12, 31) < peildatum
    ]
    markeringen = s.cumulatief_op(per_maand, jaargrenzen + [peildatum])
    n_metingen = int(goed["n"].max()) if len(goed) else 0
    pool_nu = s.pool_grootte(perioden, peildatum)
    pool_max = _pool_max(perioden, periode_tot.year)
    advies_procent = s.procent(bereik["gemeenten_met_advies"], nu["deelnemers"])

    def goed_tabel(nummer: str, domein: str, label: str) -> Tabel:
        deel = goed[goed["domein"] == domein]
        return Tabel(
            nummer,
            f"Basisfuncties {label} en het percentage gemeenten dat ze 'goed voor elkaar' heeft",
            [f"Basisfunctie ({label})", "Goed voor elkaar", "Percentage goed voor elkaar"],
            [[r.basisfunctie, int(r.goed), _int(r.procent)] for r in deel.itertuples()],
            _basis(n_metingen, peildatum, "ingediende nulmetingen"),
            frozenset({2}),
        )

    def thema_tabel(nummer: str, domein: str, label: str) -> Tabel:
        deel = themas[themas["domein"] == domein]
        return Tabel(
            nummer,
            f"Thema's in adviesgesprekken per {nl_datum(peildatum)} ({label})",
            [f"Thema's {label}", "Aantal keer aangekruist"],
            [[r.naam, int(r.aantal)] for r in deel.itertuples()],
            _basis(
                bereik["gesprekken"],
                peildatum,
                "vastgelegde adviesgesprekken; een gesprek kan meer thema's hebben",
            ),
        )

    deelname_tabel = Tabel(
        "2.0",
        "Deelname aan de nulmeting per provincie",
        [
            "Provincie",
            f"Gemeenten {nl_datum(indeling_start)}",
            f"Deelnemers t/m {nl_datum(periode_tot)}",
            "%",
            f"Gemeenten {nl_datum(peildatum)}",
            "Deelnemers (incl. herindelingen)",
            "% ",
        ],
        [
            [
                r.provincie,
                int(r.gemeenten),
                int(r.deelnemers),
                _int(r.procent),
                int(n.gemeenten),
                int(n.deelnemers),
                _int(n.procent),
            ]
            for r, n in zip(deelname_start.itertuples(), deelname_nu.itertuples(), strict=False)
        ]
        + [
            [
                "Totaal",
                start["gemeenten"],
                start["deelnemers"],
                start["procent"],
                nu["gemeenten"],
                nu["deelnemers"],
                nu["procent"],
            ]
        ],
        f"Basis: de gemeenten zoals ze bestonden op {nl_datum(indeling_start)} en op {nl_datum(peildatum)}. Een gemeente doet mee als zij of een gemeente die in haar is opgegaan de nulmeting indiende.",
        frozenset({3, 6}),
    )
    cumulatief_tabel = Tabel(
        "2.1a",
        "Adviesgesprekken cumulatief (de cijfers bij figuur 2.1)",
        ["Datum", "Gesprekken (cumulatief)"],
        [[nl_datum(d), n] for d, n in markeringen.items()],
        _basis(
            None,
            peildatum,
            "adviesgesprekken die op de peildatum waren vastgelegd, geteld naar de datum van het gesprek",
        ),
    )
    onderwerp_tabel = Tabel(
        "2.2a",
        "Onderwerp van de adviesgesprekken (de cijfers bij figuur 2.2)",
        ["Onderwerp", "Gesprekken", "Percentage"],
        [[ONDERWERP_LABEL[r.onderwerp], int(r.aantal), _int(r.procent)] for r in onderwerpen.itertuples()],
        _basis(bereik["gesprekken"], peildatum, "vastgelegde adviesgesprekken"),
        frozenset({2}),
    )
    kern_tabel = Tabel(
        "4.1",
        "Kerncijfers van het programma",
        ["Kerncijfer", "Waarde"],
        [
            ["Gemeenten die de nulmeting indienden (incl. herindelingen)", nu["deelnemers"]],
            ["Respons nulmeting (%)", nu["procent"]],
            ["Adviesgesprekken vastgelegd", bereik["gesprekken"]],
            ["Gemeenten met ten minste één adviesgesprek", bereik["gemeenten_met_advies"]],
            ["Aandeel van de deelnemende gemeenten met advies (%)", advies_procent],
            [
                "Gesprekken per geadviseerde gemeente (gemiddeld)",
                round(bereik["gesprekken_per_gemeente"] or 0, 1),
            ],
            ["Uren advies", bereik["uren"]],
            ["Adviseurs in de pool (totaal)", int(perioden["user_id"].nunique()) if len(perioden) else 0],
            [f"Actieve adviseurs op {nl_datum(peildatum)}", pool_nu],
        ],
        _basis(None, peildatum, "alle gegevens in Goed voor Elkaar"),
    )
    provincie_tabel = Tabel(
        "4.2",
        "Adviesgesprekken en geadviseerde gemeenten per provincie",
        ["Provincie", "Gesprekken", "Gemeenten met advies"],
        [[r.provincie, int(r.gesprekken), int(r.gemeenten)] for r in per_provincie.itertuples()],
        _basis(
            bereik["gesprekken"],
            peildatum,
            "vastgelegde adviesgesprekken; een gezamenlijk gesprek telt in elke provincie die aan tafel zat",
        ),
    )
    actief_per_cmo = dict(s.pool_per_cmo(perioden, peildatum).itertuples(index=False, name=None))
    cmo_tabel = Tabel(
        "4.3",
        "Adviesgesprekken en uren per CMO",
        ["CMO", "Gesprekken", "Uren", f"Actieve adviseurs {nl_datum(peildatum)}"],
        [
            [r.cmo, int(r.gesprekken), float(r.uren), int(actief_per_cmo.get(r.cmo, 0))]
            for r in per_cmo.itertuples()
        ],
        _basis(bereik["gesprekken"], peildatum, "vastgelegde adviesgesprekken"),
    )

    secties = [
        Sectie(
            "2.1 Nulmeting",
            "nulmeting",
            [
                f"Op {nl_datum(indeling_start)} telde {_afbakening_tekst(afbakening)} {nl_getal(start['gemeenten'])} gemeenten. "
                f"Van {nl_datum(periode_van)} tot en met {nl_datum(periode_tot)} dienden {nl_getal(start['deelnemers'])} gemeenten "
                f"({nl_getal(start['procent'])}%) de nulmeting in. Per {nl_datum(peildatum)} deden, herindelingen meegerekend, "
                f"{nl_getal(nu['deelnemers'])} van de {nl_getal(nu['gemeenten'])} gemeenten mee ({nl_getal(nu['procent'])}%).",
            ],
            [
                deelname_tabel,
                goed_tabel("2.1", "vrijwilligerswerk", "vrijwilligerswerk"),
                goed_tabel("2.2", "mantelzorg", "mantelzorg"),
            ],
        ),
        Sectie(
            "2.2 Adviesgesprekken",
            "adviesgesprekken",
            [
                f"Er werkten in totaal {nl_getal(int(perioden['user_id'].nunique()) if len(perioden) else 0)} adviseurs bij "
                f"{nl_getal(int(perioden['cmo'].nunique()) if len(perioden) else 0)} CMO's; de pool telde hoogstens {nl_getal(pool_max)} "
                f"adviseurs in {periode_tot.year} en {nl_getal(pool_nu)} op {nl_datum(peildatum)}. "
                f"Tot de peildatum {'is' if bereik['gesprekken'] == 1 else 'zijn'} {nl_getal(bereik['gesprekken'])} "
                f"adviesgesprek{'' if bereik['gesprekken'] == 1 else 'ken'} vastgelegd.",
            ],
            [
                Figuur(
                    "2.1",
                    "Adviesgesprekken na de eerste nulmetingen",
                    figuren.gesprekken_cumulatief(
                        per_maand, markeringen, "Adviesgesprekken, cumulatief en per maand"
                    ),
                ),
                cumulatief_tabel,
                Figuur(
                    "2.2",
                    "Verhouding vrijwilligerswerk en mantelzorg in adviesgesprekken",
                    figuren.onderwerp_verdeling(onderwerpen, "Onderwerp van de adviesgesprekken"),
                ),
                onderwerp_tabel,
                thema_tabel("2.3", "vrijwilligerswerk", "vrijwilligerswerk"),
                thema_tabel("2.4", "mantelzorg", "mantelzorg"),
            ],
        ),
        Sectie(
            "4 Kerncijfers",
            "kerncijfers",
            [
                f"{nl_getal(bereik['gemeenten_met_advies'])} gemeenten hadden ten minste één adviesgesprek: {nl_getal(advies_procent)}% "
                f"van de deelnemende gemeenten, met gemiddeld {nl_getal(round(bereik['gesprekken_per_gemeente'] or 0, 1))} gesprekken per gemeente.",
            ],
            [kern_tabel, provincie_tabel, cmo_tabel],
        ),
    ]
    cijfers = {
        "peildatum": peildatum.isoformat(),
        "afbakening": _afbakening_tekst(afbakening),
        "deelname": {
            "gemeenten_2009": start["gemeenten"],
            "nulmeting_2009_deelnemers": start["deelnemers"],
            "nulmeting_2009_procent": start["procent"],
            "nulmeting_2009_periode": [periode_van.isoformat(), periode_tot.isoformat()],
            "gemeenten_per_2012_01_01": nu["gemeenten"],
            "nulmeting_totaal_deelnemers": nu["deelnemers"],
            "nulmeting_totaal_procent": nu["procent"],
        },
        "tabel_2_1_vrijwilligerswerk_goed_voor_elkaar_procent": {
            r.basisfunctie: _int(r.procent) for r in goed[goed["domein"] == "vrijwilligerswerk"].itertuples()
        },
        "tabel_2_2_mantelzorg_goed_voor_elkaar_procent": {
            r.basisfunctie: _int(r.procent) for r in goed[goed["domein"] == "mantelzorg"].itertuples()
        },
        "adviseurspool": {
            "adviseurs_totaal": int(perioden["user_id"].nunique()) if len(perioden) else 0,
            "cmo_organisaties": int(perioden["cmo"].nunique()) if len(perioden) else 0,
            "pool_max_2009": pool_max,
            "pool_oktober_2012": pool_nu,
        },
        "figuur_2_1_adviesgesprekken_cumulatief": {d.isoformat(): n for d, n in markeringen.items()},
        "figuur_2_2_onderwerp_procent": {r.onderwerp: _int(r.procent) for r in onderwerpen.itertuples()},
        "tabel_2_3_thema_vrijwilligerswerk_aangekruist": {
            r.naam: int(r.aantal) for r in themas[themas["domein"] == "vrijwilligerswerk"].itertuples()
        },
        "tabel_2_4_thema_mantelzorg_aangekruist": {
            r.naam: int(r.aantal) for r in themas[themas["domein"] == "mantelzorg"].itertuples()
        },
        "hoofdstuk_4_kengetallen": {
            "gemeenten_met_advies_aandeel": f"{aandeel_in_woorden(advies_procent)} van de deelnemende gemeenten",
            "gemeenten_met_advies": bereik["gemeenten_met_advies"],
            "gemeenten_met_advies_procent_van_deelnemers": advies_procent,
            "adviesgesprekken_totaal": bereik["gesprekken"],
            "adviesgesprekken_totaal_circa": int(round(bereik["gesprekken"], -2)),
            "gesprekken_per_gemeente_gemiddeld": round(bereik["gesprekken_per_gemeente"] or 0, 2),
            "gesprekken_per_gemeente_gemiddeld_circa": int(round(bereik["gesprekken_per_gemeente"] or 0)),
            "uren": bereik["uren"],
        },
    }
    secties.append(_kaarten_eind(peildatum, afbakening, indeling_start, periode_tot))
    leeg = not n_metingen and not bereik["gesprekken"]
    return RapportInhoud(
        titel="Goed voor Elkaar — eindrapportage",
        ondertitel=f"Feiten en cijfers per {nl_datum(peildatum)}, {_afbakening_tekst(afbakening)}",
        peildatum=peildatum,
        secties=secties,
        cijfers=cijfers,
        leeg=leeg,
        inhoudsopgave=True,
    )


def _kaarten_eind(
    peildatum: datetime.date,
    afbakening: s.Afbakening,
    indeling_start: datetime.date,
    periode_tot: datetime.date,
) -> Sectie:
    """Maps 1–3: participation on the borders of the nulmeting's year, participation and sessions
    as of the peildatum on the later borders (merged municipalities within their successors)."""
    zoom = _zoom(afbakening)
    indeling_peil = kaarten.indelingsdatum(peildatum)
    deelname_start = nulmeting_kaarten.deelname_kaart(
        s.deelname_per_gemeente(peildatum, afbakening, indeling=indeling_start, ingediend_tot=periode_tot),
        titel=f"Deelname aan de nulmeting per gemeente tot en met {nl_datum(periode_tot)}",
        stand=periode_tot,
        jaar=kaarten.grensjaar(indeling_start),
        provincies=zoom,
    )
    deelname_nu = nulmeting_kaarten.deelname_kaart(
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
    grenzen_peil = (
        f"de gemeenten van {nl_datum(indeling_peil)}, op de grenzen van 1 januari {deelname_nu.jaar}"
    )
    return Sectie(
        "Kaarten",
        "kaarten",
        [
            "De kaarten tonen per gemeente wat de tabellen hierboven per provincie samenvatten. Een gemeente "
            "die is opgegaan in een andere staat op de latere kaarten binnen die gemeente. Onder elke kaart "
            "staan dezelfde cijfers in een tabel.",
        ],
        [
            kaart_figuur(
                "1",
                deelname_start,
                f"Gemeenten zoals ze bestonden op {nl_datum(indeling_start)}; per provincie in tabel 2.0.",
                f"Basis: de gemeenten van {nl_datum(indeling_start)}; ingediend tot en met {nl_datum(periode_tot)}, "
                f"vastgelegd op {nl_datum(peildatum)}.",
            ),
            kaart_figuur(
                "2",
                deelname_nu,
                f"Een gemeente doet mee als zij of een gemeente die in haar is opgegaan de nulmeting indiende; "
                f"{grenzen_peil}.",
                f"Basis: {grenzen_peil}; stand per {nl_datum(peildatum)}.",
            ),
            kaart_figuur(
                "3",
                gesprekken,
                "Een gezamenlijk gesprek telt bij elke gemeente die aan tafel zat; een gesprek met een gemeente "
                "die later is opgegaan in een andere telt bij die andere gemeente.",
                _basis(None, peildatum, f"vastgelegde adviesgesprekken; {grenzen_peil}"),
            ),
        ],
    )


def _periode_cijfers(van: datetime.date, tot: datetime.date, afbakening: s.Afbakening) -> dict:
    bereik = s.bereik(tot, afbakening, vanaf=van)
    return {
        "nieuwe_nulmetingen": s.nieuwe_metingen(van, tot, afbakening),
        "gesprekken": bereik["gesprekken"],
        "uren": bereik["uren"],
        "gemeenten_met_advies": bereik["gemeenten_met_advies"],
    }


def periode_rapportage(
    soort: str, van: datetime.date, tot: datetime.date, vorige_van: datetime.date, afbakening: s.Afbakening
) -> RapportInhoud:
    """A maand- or kwartaalrapportage: the period against the one before and cumulative."""
    label = "maand" if soort == "maand" else "kwartaal"
    periode_naam = (
        date_format(van, "F Y") if soort == "maand" else f"{(van.month - 1) // 3 + 1}e kwartaal {van.year}"
    )
    vorige_tot = van - datetime.timedelta(days=1)
    deze = _periode_cijfers(van, tot, afbakening)
    vorige = _periode_cijfers(vorige_van, vorige_tot, afbakening)
    cumulatief = _periode_cijfers(datetime.date(2000, 1, 1), tot, afbakening)
    perioden = s.pool(tot, afbakening)
    deelname_nu = s.totaal(s.deelname(tot, afbakening))
    themas = s.themas(tot, afbakening, vanaf=van)
    onderwerpen = s.onderwerpen(tot, afbakening, vanaf=van)
    per_provincie = s.gesprekken_per_provincie(tot, afbakening, vanaf=van)
    per_cmo = s.gesprekken_per_cmo(tot, afbakening, vanaf=van)

    overzicht = Tabel(
        "1",
        f"De {label} vergeleken met de {label} ervoor en cumulatief",
        ["", f"Deze {label}", f"Vorige {label}", "Verschil", "Cumulatief"],
        [
            [naam, deze[k], vorige[k], deze[k] - vorige[k], cumulatief[k]]
            for naam, k in [
                ("Nieuwe nulmetingen", "nieuwe_nulmetingen"),
                ("Adviesgesprekken", "gesprekken"),
                ("Uren advies", "uren"),
                ("Gemeenten met een gesprek", "gemeenten_met_advies"),
            ]
        ]
        + [
            [
                "Actieve adviseurs (einde periode)",
                s.pool_grootte(perioden, tot),
                s.pool_grootte(perioden, vorige_tot),
                s.pool_grootte(perioden, tot) - s.pool_grootte(perioden, vorige_tot),
                None,
            ]
        ],
        f"Basis: wat op {nl_datum(tot)} was vastgelegd; gesprekken geteld naar de datum waarop ze zijn gehouden.",
    )
    thema_tabel = Tabel(
        "2",
        f"Thema's in de adviesgesprekken van deze {label}",
        ["Thema", "Domein", "Aantal keer aangekruist"],
        [[r.naam, r.domein, int(r.aantal)] for r in themas.itertuples() if r.aantal],
        _basis(deze["gesprekken"], tot, f"adviesgesprekken van deze {label}"),
    )
    onderwerp_tabel = Tabel(
        "3",
        f"Onderwerp van de adviesgesprekken van deze {label}",
        ["Onderwerp", "Gesprekken", "Percentage"],
        [[ONDERWERP_LABEL[r.onderwerp], int(r.aantal), _int(r.procent)] for r in onderwerpen.itertuples()],
        _basis(deze["gesprekken"], tot, f"adviesgesprekken van deze {label}"),
        frozenset({2}),
    )
    provincie_tabel = Tabel(
        "4",
        f"Adviesgesprekken per provincie deze {label}",
        ["Provincie", "Gesprekken", "Gemeenten"],
        [[r.provincie, int(r.gesprekken), int(r.gemeenten)] for r in per_provincie.itertuples()],
        _basis(deze["gesprekken"], tot, f"adviesgesprekken van deze {label}"),
    )
    spreiding: list[Tabel | Figuur] = [provincie_tabel]
    if soort == "kwartaal":
        per_naam = dict(zip(per_provincie["provincie"], per_provincie["gesprekken"], strict=True))
        kaart = advies_kaarten.gesprekken_kaart(
            {code: int(per_naam.get(naam, 0)) for naam, code in s.provincie_codes(afbakening).items()},
            titel=f"Adviesgesprekken per provincie, {periode_naam}",
            stand=tot,
            provincies=_zoom(afbakening),
            niveau="provincie",
        )
        spreiding.append(
            kaart_figuur(
                "1",
                kaart,
                "Een gezamenlijk gesprek telt in elke provincie die aan tafel zat; de cijfers staan ook in tabel 4.",
                _basis(deze["gesprekken"], tot, f"adviesgesprekken van deze {label}"),
            )
        )
    cmo_tabel = Tabel(
        "5",
        f"Adviesgesprekken per CMO deze {label}",
        ["CMO", "Gesprekken", "Uren"],
        [[r.cmo, int(r.gesprekken), float(r.uren)] for r in per_cmo.itertuples()],
        _basis(deze["gesprekken"], tot, f"adviesgesprekken van deze {label}"),
    )
    secties = [
        Sectie(
            "Samenvatting",
            "samenvatting",
            [
                f"In {periode_naam} zijn {nl_getal(deze['gesprekken'])} adviesgesprekken gevoerd en vastgelegd "
                f"({nl_getal(vorige['gesprekken'])} in de {label} ervoor) en dienden {nl_getal(deze['nieuwe_nulmetingen'])} gemeenten de nulmeting in. "
                f"In totaal doen {nl_getal(deelname_nu['deelnemers'])} van de {nl_getal(deelname_nu['gemeenten'])} gemeenten mee ({nl_getal(deelname_nu['procent'])}%).",
            ],
            [overzicht],
        ),
        Sectie("Inhoud van de gesprekken", "inhoud", [], [thema_tabel, onderwerp_tabel]),
        Sectie("Spreiding", "spreiding", [], [*spreiding, cmo_tabel]),
    ]
    cijfers = {
        "soort": soort,
        "periode": [van.isoformat(), tot.isoformat()],
        "afbakening": _afbakening_tekst(afbakening),
        "deze_periode": deze,
        "vorige_periode": vorige,
        "cumulatief": cumulatief,
        "pool_einde_periode": s.pool_grootte(perioden, tot),
        "deelname": deelname_nu,
        "themas": {r.naam: int(r.aantal) for r in themas.itertuples()},
        "onderwerp": {r.onderwerp: int(r.aantal) for r in onderwerpen.itertuples()},
    }
    if soort == "kwartaal":
        trend = _kwartaal_trend(tot, afbakening)
        secties.append(
            Sectie(
                "Trend over alle kwartalen",
                "trend",
                [],
                [
                    Figuur(
                        "1",
                        "Adviesgesprekken per kwartaal",
                        figuren.staven_per_periode(
                            list(trend["kwartaal"]),
                            list(trend["gesprekken"]),
                            "Adviesgesprekken per kwartaal",
                            "Gesprekken",
                        ),
                    ),
                    Tabel(
                        "6",
                        "Adviesgesprekken en nieuwe nulmetingen per kwartaal",
                        ["Kwartaal", "Gesprekken", "Nieuwe nulmetingen"],
                        [[r.kwartaal, int(r.gesprekken), int(r.nulmetingen)] for r in trend.itertuples()],
                        _basis(None, tot, "alles wat op de einddatum was vastgelegd"),
                    ),
                ],
            )
        )
        cijfers["trend"] = {
            r.kwartaal: {"gesprekken": int(r.gesprekken), "nieuwe_nulmetingen": int(r.nulmetingen)}
            for r in trend.itertuples()
        }
    return RapportInhoud(
        titel=f"Goed voor Elkaar — {label}rapportage {periode_naam}",
        ondertitel=f"{hoofdletter(_afbakening_tekst(afbakening))}, stand per {nl_datum(tot)}",
        peildatum=tot,
        secties=secties,
        cijfers=cijfers,
        leeg=not cumulatief["gesprekken"] and not cumulatief["nieuwe_nulmetingen"],
    )


def _kwartaal_trend(tot: datetime.date, afbakening: s.Afbakening) -> pd.DataFrame:
    per_maand = s.gesprekken_per_maand(tot, afbakening)
    metingen = s.metingen_per_maand(tot, afbakening)
    samen = pd.merge(per_maand[["maand", "aantal"]], metingen, on="maand", how="outer").fillna(0)
    if samen.empty:
        return pd.DataFrame(columns=["kwartaal", "gesprekken", "nulmetingen"])
    samen["kwartaal"] = samen["maand"].dt.to_period("Q").astype(str).str.replace("Q", " K")
    trend = (
        samen.groupby("kwartaal", sort=True)
        .agg(gesprekken=("aantal", "sum"), nulmetingen=("nulmetingen", "sum"))
        .reset_index()
    )
    return trend
