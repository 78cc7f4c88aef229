"""The part a report 'met latere correcties' ends with: what changed since the peildatum in what it
counts, and by how much, beside the numbers as they were known on the peildatum."""

from dataclasses import dataclass

from rapportage import selectors as s
from rapportage.bouwstenen import Deel, Stand, Tabel, aantal, nl_datum, werkwoord
from toolkit.getallen import nl_getal


@dataclass
class Correcties(Deel):
    stand: Stand
    verschil: s.Correcties

    @classmethod
    def bereken(cls, stand: Stand) -> "Correcties":
        return cls(stand, s.correcties(stand.peildatum, stand.afbakening))

    def alineas(self) -> list[str]:
        v = self.verschil
        gebeurd = [
            (n, tekst)
            for n, tekst in (
                (v.verwijderd, f"{aantal(v.verwijderd, 'gesprek', 'gesprekken')} verwijderd"),
                (v.gewijzigd, f"{aantal(v.gewijzigd, 'gesprek', 'gesprekken')} gewijzigd"),
                (
                    v.buiten_periode,
                    f"{aantal(v.buiten_periode, 'gesprek', 'gesprekken')} buiten de periode of het gebied gezet",
                ),
                (
                    v.later_vastgelegd,
                    f"{aantal(v.later_vastgelegd, 'gesprek', 'gesprekken')} later vastgelegd of hersteld",
                ),
                (v.heropend, f"{aantal(v.heropend, 'nulmeting', 'nulmetingen')} heropend"),
                (
                    v.metingen_later,
                    f"{aantal(v.metingen_later, 'nulmeting', 'nulmetingen')} later ingevoerd",
                ),
            )
            if n
        ]
        sinds = f"Sinds {nl_datum(self.stand.peildatum)}"
        if not gebeurd:
            return [f"{sinds} is niets veranderd aan wat dit rapport telt."]
        teksten = [tekst for _, tekst in gebeurd]
        opsomming = ", ".join(teksten[:-1]) + (" en " if len(teksten) > 1 else "") + teksten[-1]
        # one thing that happened once takes 'is'; more than one, or several things, 'zijn'
        hoeveel = gebeurd[0][0] if len(gebeurd) == 1 else len(gebeurd)
        return [
            f"{sinds} {werkwoord(hoeveel)} {opsomming}. Gesprekken in totaal: {nl_getal(v.gesprekken[0])} → "
            f"{nl_getal(v.gesprekken[1])}; ingediende nulmetingen: {nl_getal(v.metingen[0])} → "
            f"{nl_getal(v.metingen[1])}."
        ]

    def onderdelen(self) -> list[Tabel]:
        v = self.verschil
        rijen = [
            ["Adviesgesprekken gehouden tot en met de peildatum", *v.gesprekken],
            ["Uren van die gesprekken", *v.uren],
            ["Nulmetingen ingediend tot en met de peildatum", *v.metingen],
        ]
        return [
            Tabel(
                "C.1",
                "Wat sinds de peildatum veranderde",
                [
                    "Telling",
                    f"Zoals bekend op {nl_datum(self.stand.peildatum)}",
                    self.stand.lezing_kort,
                    "Verschil",
                ],
                [[naam, toen, nu, nu - toen] for naam, toen, nu in rijen],
                self.stand.basis(None, "alle gesprekken en nulmetingen die het rapport telt"),
                soort="Correcties",
            )
        ]

    def cijfers(self) -> dict:
        v = self.verschil
        return {
            "correcties": {
                "gesprekken": {"zoals_bekend": v.gesprekken[0], "met_correcties": v.gesprekken[1]},
                "uren": {"zoals_bekend": v.uren[0], "met_correcties": v.uren[1]},
                "metingen": {"zoals_bekend": v.metingen[0], "met_correcties": v.metingen[1]},
                "verwijderd": v.verwijderd,
                "gewijzigd": v.gewijzigd,
                "buiten_periode": v.buiten_periode,
                "later_vastgelegd": v.later_vastgelegd,
                "heropend": v.heropend,
                "metingen_later": v.metingen_later,
            }
        }
