"""The part a report 'met latere correcties' ends with: what changed since the peildatum in what it
counts, and by how much, beside the numbers as they were known on the peildatum."""

from dataclasses import dataclass

from rapportage import selectors as s
from rapportage.bouwstenen import Deel, Stand, Tabel, nl_datum
from toolkit.getallen import nl_getal


def _aantal(n: int, enkel: str, meer: str) -> str:
    return f"{nl_getal(n)} {enkel if n == 1 else meer}"


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
            tekst
            for n, tekst in (
                (v.verwijderd, f"{_aantal(v.verwijderd, 'gesprek', 'gesprekken')} verwijderd"),
                (v.gewijzigd, f"{_aantal(v.gewijzigd, 'gesprek', 'gesprekken')} gewijzigd"),
                (
                    v.buiten_periode,
                    f"{_aantal(v.buiten_periode, 'gesprek', 'gesprekken')} buiten de periode of het gebied gezet",
                ),
                (
                    v.later_vastgelegd,
                    f"{_aantal(v.later_vastgelegd, 'gesprek', 'gesprekken')} later vastgelegd of hersteld",
                ),
                (v.heropend, f"{_aantal(v.heropend, 'nulmeting', 'nulmetingen')} heropend"),
                (
                    v.metingen_later,
                    f"{_aantal(v.metingen_later, 'nulmeting', 'nulmetingen')} later ingevoerd",
                ),
            )
            if n
        ]
        sinds = f"Sinds {nl_datum(self.stand.peildatum)}"
        if not gebeurd:
            return [f"{sinds} is niets veranderd aan wat dit rapport telt."]
        opsomming = ", ".join(gebeurd[:-1]) + (" en " if len(gebeurd) > 1 else "") + gebeurd[-1]
        return [
            f"{sinds} zijn {opsomming}. Gesprekken in totaal: {nl_getal(v.gesprekken[0])} → "
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
