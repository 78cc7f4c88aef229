"""The typetest (guide 2007, bijlage 2): 14 a/b questions give one of four municipality types.

Pure: the a-answers on the even questions decide the breadth of policy (4 or more: smal, else
breed), those on the odd questions the steering (4 or more: dirigent, else op afstand).
I = smal + dirigent, II = breed + dirigent, III = smal + op afstand, IV = breed + op afstand.
"""

from dataclasses import dataclass
from functools import cache

from nulmeting.definitie import DEFINITIES_DIR, lees_ruw

AANTAL_VRAGEN = 14
GRENS = 4
TYPEN = {
    ("smal", "dirigent"): "I",
    ("breed", "dirigent"): "II",
    ("smal", "op_afstand"): "III",
    ("breed", "op_afstand"): "IV",
}


@dataclass(frozen=True)
class TypetestResultaat:
    a_even: int
    a_oneven: int

    @property
    def beleid(self) -> str:
        return "smal" if self.a_even >= GRENS else "breed"

    @property
    def sturing(self) -> str:
        return "dirigent" if self.a_oneven >= GRENS else "op_afstand"

    @property
    def type(self) -> str:
        return TYPEN[(self.beleid, self.sturing)]


def bereken(antwoorden: dict[int, str]) -> TypetestResultaat:
    """``antwoorden`` maps every question number 1..14 to 'a' or 'b'."""
    if sorted(antwoorden) != list(range(1, AANTAL_VRAGEN + 1)) or set(antwoorden.values()) - {"a", "b"}:
        raise ValueError("De typetest heeft voor elk van de 14 vragen een antwoord a of b nodig.")
    return TypetestResultaat(
        a_even=sum(1 for n, a in antwoorden.items() if n % 2 == 0 and a == "a"),
        a_oneven=sum(1 for n, a in antwoorden.items() if n % 2 == 1 and a == "a"),
    )


@cache
def definitie() -> dict:
    """The wording of the typetest: questions, the four types and the discussion questions."""
    return lees_ruw(DEFINITIES_DIR / "typetest_2009.yaml")
