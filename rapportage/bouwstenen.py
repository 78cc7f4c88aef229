"""What reports are made of: parts that compute a section's numbers once, the numbered tables and
figures they yield, sections, the report, and the wording both kinds of report share.

A ``Deel`` holds one section's numbers; its sentences, its tables and figures (the HTML, the PDF
and the XLSX sheets) and its JSON keys are all read from those numbers, so the formats cannot
disagree.
"""

import datetime
from dataclasses import dataclass, field

import pandas as pd
from django.utils import timezone
from django.utils.formats import date_format

from gemeenten.models import Organisatie, Provincie
from rapportage import selectors as s
from toolkit import kaarten
from toolkit.getallen import GEEN, nl_getal

KORTE_TABEL_RIJEN = 25
ONDERWERP_LABEL = {"vrijwilligerswerk": "Vrijwilligerswerk", "mantelzorg": "Mantelzorg", "beide": "Beide"}


def hoofdletter(tekst: str) -> str:
    """The first letter upper case and the rest as it is ("Heel Nederland", not "Heel nederland")."""
    return tekst[:1].upper() + tekst[1:]


def nl_datum(datum: datetime.date) -> str:
    return date_format(datum, "DATE_FORMAT")


def aantal(n: int, enkel: str, meer: str) -> str:
    """'1 gesprek', '2 gesprekken': the number and the noun that agrees with it."""
    return f"{nl_getal(n)} {enkel if n == 1 else meer}"


def werkwoord(n: int, enkel: str = "is", meer: str = "zijn") -> str:
    """The verb that agrees with ``n`` of something: 'is' or 'zijn', 'werd' or 'werden'."""
    return enkel if n == 1 else meer


def geheel(waarde) -> int | None:
    """A whole number, or None for a missing one (None, NaN, pandas' NA)."""
    return None if waarde is None or pd.isna(waarde) else int(waarde)


def _is_getal(waarde) -> bool:
    return isinstance(waarde, int | float) and not isinstance(waarde, bool)


def _cel(waarde, procent: bool) -> str:
    if not _is_getal(waarde):
        return GEEN if waarde is None else str(waarde)
    tekst = nl_getal(waarde)
    return tekst + "%" if procent and tekst != GEEN else tekst


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
    def kort(self) -> bool:
        """Short enough to keep on one page with its caption and basis."""
        return len(self.rijen) <= KORTE_TABEL_RIJEN

    @property
    def blad(self) -> str:
        return f"{self.soort} {self.nummer}"[:31]

    def weergave(self) -> list[list[str]]:
        """The rows as text for HTML: Dutch number format, a percent sign where it belongs."""
        return [[_cel(w, i in self.procent_kolommen) for i, w in enumerate(rij)] for rij in self.rijen]

    def numeriek(self) -> list[bool]:
        return [any(_is_getal(r[i]) for r in self.rijen) for i in range(len(self.kolommen))]

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


class Deel:
    """One section's numbers, computed once; what it says, shows and exports is read from them."""

    def alineas(self) -> list[str]:
        return []

    def onderdelen(self) -> list[Tabel | Figuur]:
        return []

    def cijfers(self) -> dict:
        """The part's keys of the report's JSON."""
        return {}


@dataclass
class Sectie:
    titel: str
    anker: str
    alineas: list[str] = field(default_factory=list)
    onderdelen: list[Tabel | Figuur] = field(default_factory=list)
    cijfers: dict = field(default_factory=dict)

    @classmethod
    def uit(cls, titel: str, anker: str, *delen: Deel) -> "Sectie":
        """The section made of ``delen``, in order; their figures are drawn here, once."""
        return cls(
            titel,
            anker,
            [alinea for deel in delen for alinea in deel.alineas()],
            [onderdeel for deel in delen for onderdeel in deel.onderdelen()],
            {sleutel: waarde for deel in delen for sleutel, waarde in deel.cijfers().items()},
        )


@dataclass
class RapportInhoud:
    titel: str
    ondertitel: str
    peildatum: datetime.date
    secties: list[Sectie]
    kop: dict  # the JSON's first keys: what the report covers
    leeg: bool
    # A document (the eindrapportage): a cover stating these (label, value) pairs, then a table of
    # contents with page numbers. Empty for the shorter monthly and quarterly reports.
    omslag: list[tuple[str, str]] = field(default_factory=list)

    @property
    def cijfers(self) -> dict:
        """The report's numbers as JSON: ``kop``, then each section's keys in order."""
        return {**self.kop, **{k: v for sectie in self.secties for k, v in sectie.cijfers.items()}}

    @property
    def tabellen(self) -> list[Tabel]:
        return [
            t
            for sectie in self.secties
            for o in sectie.onderdelen
            for t in ([o] if isinstance(o, Tabel) else [o.tabel] if o.tabel else [])
        ]


@dataclass(frozen=True)
class Stand:
    """What a report covers: an afbakening, named once, as of a date."""

    peildatum: datetime.date
    afbakening: s.Afbakening
    gebied: str  # "heel Nederland", "provincie Friesland" or a CMO's name

    @classmethod
    def van(cls, peildatum: datetime.date, afbakening: s.Afbakening) -> "Stand":
        if afbakening.provincie_id:
            gebied = f"provincie {Provincie.objects.get(pk=afbakening.provincie_id)}"
        elif afbakening.organisatie_id:
            gebied = str(Organisatie.objects.get(pk=afbakening.organisatie_id))
        else:
            gebied = "heel Nederland"
        return cls(peildatum, afbakening, gebied)

    @property
    def gebied_in_zin(self) -> str:
        """The area inside a sentence: 'heel Nederland', 'de provincie Friesland', 'het werkgebied
        van Partoer'."""
        if self.afbakening.provincie_id:
            return f"de {self.gebied}"
        if self.afbakening.organisatie_id:
            return f"het werkgebied van {self.gebied}"
        return self.gebied

    @property
    def met_correcties(self) -> bool:
        return self.afbakening.bekend_op is not None

    @property
    def lezing_kort(self) -> str:
        """Which reading the numbers are in, as a column heading or a subtitle's end."""
        if not self.met_correcties:
            if afgekapt := self.afbakening.afgekapt_op(self.peildatum):
                return (
                    f"zoals bekend op {nl_datum(self.peildatum)} om {timezone.localtime(afgekapt):%H:%M} uur"
                )
            return f"zoals bekend op {nl_datum(self.peildatum)}"
        return f"met latere correcties tot en met {nl_datum(timezone.localdate(self.afbakening.bekend_op))}"

    def lezing_cijfers(self) -> dict:
        """The reading in the report's JSON."""
        if not self.met_correcties:
            if afgekapt := self.afbakening.afgekapt_op(self.peildatum):
                return {"lezing": "zoals_bekend", "bekend_op": timezone.localtime(afgekapt).isoformat()}
            return {"lezing": "zoals_bekend"}
        return {"lezing": "met_correcties", "bekend_op": self.afbakening.bekend_op.isoformat()}

    def basis(self, n: int | None, wat: str) -> str:
        """What a table rests on: ``wat``, with N when given, as of the peildatum."""
        aantal = f" (N = {nl_getal(n)})" if n is not None else ""
        return f"Basis: {wat}{aantal}; stand per {nl_datum(self.peildatum)}."

    def zoom(self) -> list[str] | None:
        """The provinces a map of the afbakening shows (None: the whole country)."""
        return None if self.afbakening.landelijk else sorted(s.provincie_codes(self.afbakening).values())


def kaart_figuur(nummer: str, kaart: kaarten.Kaart, toelichting: str, basis: str) -> Figuur:
    """A map as a numbered figure of the report, with its numbers as a table under it."""
    gemeenten = kaart.niveau == "gemeente"
    tabel = Tabel(
        nummer,
        f"De cijfers bij kaart {nummer}: {kaart.titel}",
        [kaart.gebied_label, *(["Provincie"] if gemeenten else []), kaart.eenheid],
        [
            [r.naam, *([r.provincie] if gemeenten else []), r.waarde if r.getal is None else geheel(r.getal)]
            for r in kaart.rijen
        ],
        basis,
        soort="Kaart",
    )
    return Figuur(nummer, kaart.titel, kaart.svg, toelichting, soort="Kaart", kaart=kaart, tabel=tabel)


def onderwerp_rijen(onderwerpen: pd.DataFrame) -> list[tuple[str, int, int | None]]:
    """(onderwerp, sessions, percentage) per onderwerp, from ``selectors.onderwerpen``."""
    return [(r.onderwerp, int(r.aantal), geheel(r.procent)) for r in onderwerpen.itertuples()]


def onderwerp_tabel(nummer: str, titel: str, rijen: list[tuple[str, int, int | None]], basis: str) -> Tabel:
    return Tabel(
        nummer,
        titel,
        ["Onderwerp", "Gesprekken", "Percentage"],
        [[ONDERWERP_LABEL[onderwerp], aantal, procent] for onderwerp, aantal, procent in rijen],
        basis,
        frozenset({2}),
    )


def provincie_rijen(per_provincie: pd.DataFrame) -> list[list]:
    """[province, sessions, municipalities] per province, from ``selectors.gesprekken_per_provincie``."""
    return [[r.provincie, int(r.gesprekken), int(r.gemeenten)] for r in per_provincie.itertuples()]


def cmo_rijen(per_cmo: pd.DataFrame) -> list[list]:
    """[CMO, sessions, hours] per CMO, from ``selectors.gesprekken_per_cmo``."""
    return [[r.cmo, int(r.gesprekken), float(r.uren)] for r in per_cmo.itertuples()]
