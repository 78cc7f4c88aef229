"""The reach part of every report (issue 19): which municipalities the programme touched by the
end of the peildatum — through a nulmeting, an advice session or a meeting — per province, and the
meetings held. Self-contained: its own section (``Bereik.sectie``), table and JSON key ``bereik``,
rendered by the report's generic section loop."""

import datetime
from dataclasses import dataclass

import pandas as pd

from rapportage import selectors as s
from rapportage.bouwstenen import Deel, Sectie, Stand, Tabel, aantal, hoofdletter, nl_datum, werkwoord
from toolkit.getallen import nl_getal

KOLOMMEN = ["Provincie", "Gemeenten", "Nulmeting", "Adviesgesprek", "Bijeenkomst", "Bereikt", "Bereikt (%)"]


@dataclass(frozen=True)
class Bereik(Deel):
    stand: Stand
    per_provincie: list[list]  # province, municipalities, nulmeting, session, meeting, reached, %
    totaal: list
    bijeenkomsten: dict  # ``selectors.bijeenkomsten_in`` for the report's period
    periode: str  # "in deze periode" or "" (from the start)

    @classmethod
    def bereken(
        cls,
        stand: Stand,
        van: datetime.date | None = None,
        periode: str = "",
        tabel: pd.DataFrame | None = None,
    ) -> "Bereik":
        """``tabel``: ``selectors.bereik_per_provincie`` for the stand, when the report has it already."""
        if tabel is None:
            tabel = s.bereik_per_provincie(stand.peildatum, stand.afbakening)
        rijen = [
            [
                r.provincie,
                r.gemeenten,
                r.nulmeting,
                r.gesprek,
                r.bijeenkomst,
                r.bereikt,
                s.procent(r.bereikt, r.gemeenten),
            ]
            for r in tabel.itertuples()
        ]
        som = [sum(r[i] for r in rijen) for i in range(1, 6)]
        totaal = ["Totaal", *som, s.procent(som[4], som[0])]
        return cls(stand, rijen, totaal, s.bijeenkomsten_in(van, stand.peildatum, stand.afbakening), periode)

    def sectie(self) -> Sectie:
        return Sectie.uit("Bereik", "bereik", self)

    def alineas(self) -> list[str]:
        gemeenten, bereikt, procent = self.totaal[1], self.totaal[5], self.totaal[6]
        gehouden = self.bijeenkomsten["aantal"]
        aandeel = f" ({nl_getal(procent)}%)" if procent is not None else ""
        periode = self.periode or "tot dan toe"
        deelnemers = self.bijeenkomsten["deelnemers"]
        return [
            f"Tot en met {nl_datum(self.stand.peildatum)} bereikte het programma {nl_getal(bereikt)} van de "
            f"{nl_getal(gemeenten)} gemeenten{aandeel}: met een ingediende nulmeting, een adviesgesprek of een "
            "bijeenkomst waar de gemeente bij was. Een gemeente die in een andere is opgegaan, telt mee bij die gemeente.",
            f"{hoofdletter(periode)} {werkwoord(gehouden, 'werd', 'werden')} "
            f"{aantal(gehouden, 'bijeenkomst', 'bijeenkomsten')} gehouden (regionaal, voor adviseurs of "
            f"intervisie), met in totaal {aantal(deelnemers, 'deelnemer', 'deelnemers')}.",
        ]

    def onderdelen(self) -> list[Tabel]:
        return [
            Tabel(
                "B",
                "Bereik per provincie: gemeenten met een nulmeting, een adviesgesprek of een bijeenkomst",
                KOLOMMEN,
                [*self.per_provincie, self.totaal],
                self.stand.basis(self.totaal[1], "gemeenten die op de peildatum bestonden"),
                frozenset({6}),
            )
        ]

    def cijfers(self) -> dict:
        sleutels = ["gemeenten", "nulmeting", "adviesgesprek", "bijeenkomst", "bereikt", "procent"]
        return {
            "bereik": {
                "per_provincie": [
                    {"provincie": r[0], **dict(zip(sleutels, r[1:], strict=True))} for r in self.per_provincie
                ],
                "totaal": dict(zip(sleutels, self.totaal[1:], strict=True)),
                "bijeenkomsten": self.bijeenkomsten,
            }
        }
