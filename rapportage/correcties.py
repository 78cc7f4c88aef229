"""The part a report 'met latere correcties' ends with: what changed since the peildatum in what it
counts, and by how much, beside the numbers as they were known on the peildatum."""

from dataclasses import dataclass

from rapportage import selectors as s
from rapportage.bouwstenen import Deel, Stand, Tabel, aantal, hoofdletter, nl_datum, werkwoord
from toolkit.getallen import nl_getal

# Each kind of change the part lists: (field of ``selectors.Correcties`` and key of the JSON, the
# record in the singular and the plural, what happened to it).
GEBEURTENISSEN = [
    ("verwijderd", "gesprek", "gesprekken", "verwijderd"),
    ("gewijzigd", "gesprek", "gesprekken", "gewijzigd"),
    ("buiten_periode", "gesprek", "gesprekken", "buiten de periode of het gebied gezet"),
    ("later_vastgelegd", "gesprek", "gesprekken", "later vastgelegd of hersteld"),
    ("heropend", "nulmeting", "nulmetingen", "heropend"),
    ("metingen_later", "nulmeting", "nulmetingen", "later ingevoerd"),
    ("eenmetingen_heropend", "eenmeting", "eenmetingen", "heropend"),
    ("eenmetingen_later", "eenmeting", "eenmetingen", "later ingevoerd"),
    ("perioden_gewijzigd", "adviseursperiode", "adviseursperioden", "beëindigd of gewijzigd"),
    ("perioden_later", "adviseursperiode", "adviseursperioden", "later vastgelegd"),
    ("bijeenkomsten_gewijzigd", "bijeenkomst", "bijeenkomsten", "gewijzigd"),
    ("bijeenkomsten_buiten_periode", "bijeenkomst", "bijeenkomsten", "buiten de periode of het gebied gezet"),
    ("bijeenkomsten_later", "bijeenkomst", "bijeenkomsten", "later vastgelegd"),
    ("trajecten_gewijzigd", "adviestraject", "adviestrajecten", "gewijzigd"),
    ("trajecten_buiten_gebied", "adviestraject", "adviestrajecten", "buiten het gebied gezet"),
    ("trajecten_later", "adviestraject", "adviestrajecten", "later vastgelegd"),
]

# Each total those changes move: (field and JSON key, row of table C.1, name in the paragraph).
TOTALEN = [
    ("gesprekken", "Adviesgesprekken gehouden tot en met de peildatum", "gesprekken in totaal"),
    ("uren", "Uren van die gesprekken", "uren van die gesprekken"),
    ("metingen", "Nulmetingen ingediend tot en met de peildatum", "ingediende nulmetingen"),
    ("eenmetingen", "Eenmetingen ingediend tot en met de peildatum", "ingediende eenmetingen"),
    ("adviseurs", "Adviseurs in de pool op de peildatum", "adviseurs in de pool"),
    ("bijeenkomsten", "Bijeenkomsten gehouden tot en met de peildatum", "bijeenkomsten"),
    ("deelnemers", "Deelnemers aan die bijeenkomsten", "deelnemers aan bijeenkomsten"),
    ("bereikt", "Gemeenten bereikt met een nulmeting, gesprek of bijeenkomst", "bereikte gemeenten"),
    ("trajecten", "Adviestrajecten begonnen tot en met de peildatum", "adviestrajecten"),
    ("begroot", "Begrote uren van die adviestrajecten", "begrote uren van de adviestrajecten"),
]
ALTIJD_GENOEMD = ("gesprekken", "metingen")  # the paragraph names these totals also when they did not move


@dataclass
class Correcties(Deel):
    stand: Stand
    verschil: s.Correcties

    @classmethod
    def bereken(cls, stand: Stand) -> "Correcties":
        return cls(stand, s.correcties(stand.peildatum, stand.afbakening))

    def gebeurd(self) -> list[tuple[int, str]]:
        """Each kind of change that happened: how many, and what in words ('2 gesprekken verwijderd')."""
        return [
            (n, f"{aantal(n, enkel, meer)} {wat}")
            for veld, enkel, meer, wat in GEBEURTENISSEN
            if (n := getattr(self.verschil, veld))
        ]

    def alineas(self) -> list[str]:
        gebeurd = self.gebeurd()
        sinds = f"Sinds {nl_datum(self.stand.peildatum)}"
        if not gebeurd:
            return [f"{sinds} is niets veranderd aan wat dit rapport telt."]
        teksten = [tekst for _, tekst in gebeurd]
        opsomming = ", ".join(teksten[:-1]) + (" en " if len(teksten) > 1 else "") + teksten[-1]
        # one thing that happened once takes 'is'; more than one, or several things, 'zijn'
        hoeveel = gebeurd[0][0] if len(gebeurd) == 1 else len(gebeurd)
        totalen = "; ".join(
            f"{naam}: {nl_getal(toen)} → {nl_getal(nu)}"
            for veld, _, naam in TOTALEN
            if (toen := getattr(self.verschil, veld)[0]) != (nu := getattr(self.verschil, veld)[1])
            or veld in ALTIJD_GENOEMD
        )
        return [f"{sinds} {werkwoord(hoeveel)} {opsomming}. {hoofdletter(totalen)}."]

    def onderdelen(self) -> list[Tabel]:
        v, peil = self.verschil, nl_datum(self.stand.peildatum)
        return [
            Tabel(
                "C.1",
                "Wat sinds de peildatum veranderde",
                ["Telling", f"Zoals bekend op {peil}", self.stand.lezing_kort, "Verschil"],
                [
                    [rij, *getattr(v, veld), getattr(v, veld)[1] - getattr(v, veld)[0]]
                    for veld, rij, _ in TOTALEN
                ],
                self.stand.basis(None, "alles wat het rapport telt"),
                soort="Correcties",
            ),
            Tabel(
                "C.2",
                "Wat er sinds de peildatum gebeurde",
                ["Wijziging", "Aantal"],
                [[f"{hoofdletter(meer)} {wat}", getattr(v, veld)] for veld, _, meer, wat in GEBEURTENISSEN],
                self.stand.basis(
                    None, "wat na de peildatum is vastgelegd of veranderd in wat het rapport telt"
                ),
                soort="Correcties",
            ),
        ]

    def cijfers(self) -> dict:
        v = self.verschil
        return {
            "correcties": {
                **{
                    veld: {"zoals_bekend": getattr(v, veld)[0], "met_correcties": getattr(v, veld)[1]}
                    for veld, _, _ in TOTALEN
                },
                **{veld: getattr(v, veld) for veld, *_ in GEBEURTENISSEN},
            }
        }
