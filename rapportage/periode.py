"""The maand- and kwartaalrapportage's parts, each computed once: the period against the one before
and cumulative, what the sessions were about, their spread, and (quarters only) the trend."""

import datetime
from dataclasses import dataclass

import pandas as pd
from django.utils.formats import date_format

from advies import kaarten as advies_kaarten
from rapportage import selectors as s
from rapportage.bouwstenen import (
    Deel,
    Figuur,
    Stand,
    Tabel,
    aantal,
    cmo_rijen,
    hoofdletter,
    kaart_figuur,
    nl_datum,
    onderwerp_rijen,
    onderwerp_tabel,
    provincie_rijen,
    werkwoord,
)
from rapportage.models import kwartaal_naam
from toolkit import figuren, kaarten
from toolkit.getallen import nl_getal

# The rows of table 1 that compare the period's counts: (row, key of ``_tellingen``).
TELLINGEN = [
    ("Ingediende nulmetingen", "nieuwe_nulmetingen"),
    ("Adviesgesprekken", "gesprekken"),
    ("Uren advies", "uren"),
    ("Gemeenten met een gesprek", "gemeenten_met_advies"),
]


@dataclass(frozen=True)
class Periode:
    """A month or quarter (``van`` to ``stand.peildatum``) and the one before it."""

    soort: str  # "maand" or "kwartaal"
    van: datetime.date
    vorige_van: datetime.date
    stand: Stand

    @property
    def tot(self) -> datetime.date:
        return self.stand.peildatum

    @property
    def vorige_tot(self) -> datetime.date:
        return self.van - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        return "maand" if self.soort == "maand" else "kwartaal"

    @property
    def deze(self) -> str:
        """'deze maand', 'dit kwartaal' (kwartaal is a het-word)."""
        return "deze maand" if self.soort == "maand" else "dit kwartaal"

    @property
    def de(self) -> str:
        return "de maand" if self.soort == "maand" else "het kwartaal"

    @property
    def in_de_periode(self) -> str:
        """'In oktober 2010', 'In het tweede kwartaal 2011'."""
        return f"In {self.naam}" if self.soort == "maand" else f"In het {self.naam}"

    @property
    def naam(self) -> str:
        """The period as the report names it: oktober 2010, tweede kwartaal 2011."""
        if self.soort == "maand":
            return date_format(self.van, "F Y")
        return kwartaal_naam(self.van)

    def basis(self, gesprekken: int) -> str:
        return self.stand.basis(gesprekken, f"adviesgesprekken van {self.deze}")


def _tellingen(van: datetime.date, tot: datetime.date, afbakening: s.Afbakening) -> dict:
    bereik = s.bereik(tot, afbakening, vanaf=van)
    return {
        "nieuwe_nulmetingen": s.nieuwe_metingen(van, tot, afbakening),
        "gesprekken": bereik["gesprekken"],
        "uren": bereik["uren"],
        "gemeenten_met_advies": bereik["gemeenten_met_advies"],
    }


@dataclass(frozen=True)
class Overzicht(Deel):
    """The period's counts against the period before and cumulative (table 1), and participation."""

    periode: Periode
    deze: dict
    vorige: dict
    cumulatief: dict
    pool: tuple[int, int]  # active advisers at the end of this period and of the one before
    deelname: dict  # ``selectors.totaal`` of the participation as of the period's end

    @classmethod
    def bereken(cls, periode: Periode) -> "Overzicht":
        afbakening, tot = periode.stand.afbakening, periode.tot
        perioden = s.pool(tot, afbakening)
        return cls(
            periode,
            deze=_tellingen(periode.van, tot, afbakening),
            vorige=_tellingen(periode.vorige_van, periode.vorige_tot, afbakening),
            cumulatief=_tellingen(datetime.date(2000, 1, 1), tot, afbakening),
            pool=(s.pool_grootte(perioden, tot), s.pool_grootte(perioden, periode.vorige_tot)),
            deelname=s.totaal(s.deelname(tot, afbakening)),
        )

    def alineas(self) -> list[str]:
        deze, deelname, periode = self.deze, self.deelname, self.periode
        metingen, tot = self.cumulatief["nieuwe_nulmetingen"], nl_datum(periode.tot)
        samengevoegd = (
            " Dat zijn minder gemeenten dan nulmetingen, omdat gemeenten die elk een nulmeting indienden "
            "sindsdien zijn samengevoegd: de nieuwe gemeente telt één keer."
            if deelname["deelnemers"] < metingen
            else ""
        )
        return [
            f"{periode.in_de_periode} {werkwoord(deze['gesprekken'])} "
            f"{aantal(deze['gesprekken'], 'adviesgesprek', 'adviesgesprekken')} gevoerd en vastgelegd "
            f"({nl_getal(self.vorige['gesprekken'])} in {periode.de} ervoor) en {werkwoord(deze['nieuwe_nulmetingen'])} "
            f"{aantal(deze['nieuwe_nulmetingen'], 'nulmeting', 'nulmetingen')} ingediend.",
            f"Tot en met {tot} {werkwoord(metingen)} in totaal {aantal(metingen, 'nulmeting', 'nulmetingen')} "
            "ingediend, elk door een gemeente "
            f"zoals die toen bestond. Herindelingen meegerekend doen daarmee {nl_getal(deelname['deelnemers'])} "
            f"van de {nl_getal(deelname['gemeenten'])} gemeenten in de indeling van {tot} mee "
            f"({nl_getal(deelname['procent'])}%).{samengevoegd}",
        ]

    def onderdelen(self) -> list[Tabel | Figuur]:
        periode, (nu, ervoor) = self.periode, self.pool
        rijen = [
            [naam, self.deze[k], self.vorige[k], self.deze[k] - self.vorige[k], self.cumulatief[k]]
            for naam, k in TELLINGEN
        ]
        return [
            Tabel(
                "1",
                f"{hoofdletter(periode.de)} vergeleken met {periode.de} ervoor en cumulatief",
                [
                    "",
                    hoofdletter(periode.deze),
                    f"Vorig{'e' if periode.soort == 'maand' else ''} {periode.label}",
                    "Verschil",
                    "Cumulatief",
                ],
                [*rijen, ["Actieve adviseurs (einde periode)", nu, ervoor, nu - ervoor, None]],
                f"Basis: wat op {nl_datum(periode.tot)} was vastgelegd ({periode.stand.lezing_kort}); gesprekken "
                "geteld naar de datum waarop ze zijn gehouden; nulmetingen als ingediende metingen, elk van een "
                "gemeente in de indeling van het moment van indienen.",
            )
        ]

    def cijfers(self) -> dict:
        return {
            "deze_periode": self.deze,
            "vorige_periode": self.vorige,
            "cumulatief": self.cumulatief,
            "pool_einde_periode": self.pool[0],
            "deelname": self.deelname,
        }


@dataclass(frozen=True)
class Gespreksinhoud(Deel):
    """The themes ticked (table 2) and the onderwerp (table 3) of the period's sessions."""

    periode: Periode
    themas: list[tuple[str, str, int]]  # (theme, domain, times ticked), every theme
    onderwerpen: list[tuple[str, int, int | None]]  # (onderwerp, sessions, %)
    gesprekken: int

    @classmethod
    def bereken(cls, periode: Periode, gesprekken: int) -> "Gespreksinhoud":
        tot, afbakening, van = periode.tot, periode.stand.afbakening, periode.van
        themas = [
            (r.naam, r.domein, int(r.aantal)) for r in s.themas(tot, afbakening, vanaf=van).itertuples()
        ]
        return cls(periode, themas, onderwerp_rijen(s.onderwerpen(tot, afbakening, vanaf=van)), gesprekken)

    def onderdelen(self) -> list[Tabel | Figuur]:
        deze, basis = self.periode.deze, self.periode.basis(self.gesprekken)
        return [
            Tabel(
                "2",
                f"Thema's in de adviesgesprekken van {deze}",
                ["Thema", "Domein", "Aantal keer aangekruist"],
                [list(thema) for thema in self.themas if thema[2]],
                basis,
            ),
            onderwerp_tabel("3", f"Onderwerp van de adviesgesprekken van {deze}", self.onderwerpen, basis),
        ]

    def cijfers(self) -> dict:
        return {
            "themas": {naam: aantal for naam, _, aantal in self.themas},
            "onderwerp": {onderwerp: aantal for onderwerp, aantal, _ in self.onderwerpen},
        }


@dataclass(frozen=True)
class Spreiding(Deel):
    """The period's sessions per province (table 4, and a map for a quarter) and per CMO (table 5)."""

    periode: Periode
    per_provincie: list[list]  # province, sessions, municipalities
    per_cmo: list[list]  # CMO, sessions, hours
    gesprekken: int
    kaart: kaarten.Kaart | None  # a quarter's map of table 4

    @classmethod
    def bereken(cls, periode: Periode, gesprekken: int) -> "Spreiding":
        tot, afbakening, van = periode.tot, periode.stand.afbakening, periode.van
        per_provincie = provincie_rijen(s.gesprekken_per_provincie(tot, afbakening, vanaf=van))
        per_cmo = cmo_rijen(s.gesprekken_per_cmo(tot, afbakening, vanaf=van))
        kaart = _provinciekaart(periode, per_provincie) if periode.soort == "kwartaal" else None
        return cls(periode, per_provincie, per_cmo, gesprekken, kaart)

    def onderdelen(self) -> list[Tabel | Figuur]:
        deze, basis = self.periode.deze, self.periode.basis(self.gesprekken)
        toelichting = "Een gezamenlijk gesprek telt in elke provincie die aan tafel zat; de cijfers staan ook in tabel 4."
        kaart = [kaart_figuur("1", self.kaart, toelichting, basis)] if self.kaart else []
        return [
            Tabel(
                "4",
                f"Adviesgesprekken per provincie {deze}",
                ["Provincie", "Gesprekken", "Gemeenten"],
                self.per_provincie,
                basis,
            ),
            *kaart,
            Tabel(
                "5",
                f"Adviesgesprekken per CMO {deze}",
                ["CMO", "Gesprekken", "Uren"],
                self.per_cmo,
                basis,
            ),
        ]


def _provinciekaart(periode: Periode, per_provincie: list[list]) -> kaarten.Kaart:
    """Table 4 on the provinces of the afbakening."""
    stand, per_naam = periode.stand, {rij[0]: rij[1] for rij in per_provincie}
    return advies_kaarten.gesprekken_kaart(
        {code: per_naam.get(naam, 0) for naam, code in s.provincie_codes(stand.afbakening).items()},
        titel=f"Adviesgesprekken per provincie, {periode.naam}",
        stand=stand.peildatum,
        provincies=stand.zoom(),
        niveau="provincie",
    )


@dataclass(frozen=True)
class Trend(Deel):
    """Sessions and new nulmetingen per quarter, from the first to the period's end (figure 1, table 6)."""

    periode: Periode
    per_kwartaal: list[tuple[str, int, int]]  # (quarter, sessions, new nulmetingen)

    @classmethod
    def bereken(cls, periode: Periode) -> "Trend":
        trend = _kwartaal_trend(periode.tot, periode.stand.afbakening)
        rijen = [(r.kwartaal, int(r.gesprekken), int(r.nulmetingen)) for r in trend.itertuples()]
        return cls(periode, rijen)

    def onderdelen(self) -> list[Tabel | Figuur]:
        svg = figuren.staven(
            [kwartaal for kwartaal, _, _ in self.per_kwartaal],
            [gesprekken for _, gesprekken, _ in self.per_kwartaal],
            "Adviesgesprekken per kwartaal",
            "Gesprekken",
        )
        return [
            Figuur("1", "Adviesgesprekken per kwartaal", svg),
            Tabel(
                "6",
                "Adviesgesprekken en nieuwe nulmetingen per kwartaal",
                ["Kwartaal", "Gesprekken", "Ingediende nulmetingen"],
                [list(rij) for rij in self.per_kwartaal],
                self.periode.stand.basis(None, "alles wat op de einddatum was vastgelegd"),
            ),
        ]

    def cijfers(self) -> dict:
        return {
            "trend": {
                kwartaal: {"gesprekken": gesprekken, "nieuwe_nulmetingen": nulmetingen}
                for kwartaal, gesprekken, nulmetingen in self.per_kwartaal
            }
        }


def _kwartaal_trend(tot: datetime.date, afbakening: s.Afbakening) -> pd.DataFrame:
    per_maand = s.gesprekken_per_maand(tot, afbakening)
    metingen = s.metingen_per_maand(tot, afbakening)
    samen = pd.merge(per_maand[["maand", "aantal"]], metingen, on="maand", how="outer").fillna(0)
    if samen.empty:
        return pd.DataFrame(columns=["kwartaal", "gesprekken", "nulmetingen"])
    samen["kwartaal"] = samen["maand"].dt.to_period("Q").astype(str).str.replace("Q", " K")
    return (
        samen.groupby("kwartaal", sort=True)
        .agg(gesprekken=("aantal", "sum"), nulmetingen=("nulmetingen", "sum"))
        .reset_index()
    )
