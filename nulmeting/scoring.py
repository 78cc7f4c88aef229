"""Scoring a meting: answers in, a score per basisfunctie out. Pure: no ORM, no request.

Per question: ``janee`` and ``meerkeuze`` give the points of the chosen option, ``getal`` the
points of the highest band (``schijf``) whose lower bound the number reaches, ``toelichting``
nothing. An unanswered question gives 0. A basisfunctie is 'goed voor elkaar' when its points
reach its threshold (``drempel``). See docs/scoring.md.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from nulmeting.definitie import BasisfunctieDef, VraagDef


@dataclass(frozen=True)
class Uitslag:
    basisfunctie: str
    punten: int
    maximum: int
    drempel: int

    @property
    def goed_voor_elkaar(self) -> bool:
        return self.punten >= self.drempel


def punten_voor(vraag: VraagDef, waarde: str | None) -> int:
    if waarde in (None, "") or not vraag.telt_mee:
        return 0
    if vraag.type == "getal":
        try:
            getal = Decimal(str(waarde))
        except InvalidOperation:
            return 0
        behaald = [s.punten for s in vraag.schijven if getal >= s.vanaf]
        return behaald[-1] if behaald else 0
    return next((o.punten for o in vraag.opties if o.waarde == waarde), 0)


def score(basisfuncties: Iterable[BasisfunctieDef], antwoorden: Mapping[str, str]) -> list[Uitslag]:
    """The score of every basisfunctie for ``antwoorden`` (question code → stored value)."""
    return [
        Uitslag(
            basisfunctie=b.code,
            punten=sum(punten_voor(v, antwoorden.get(v.code)) for v in b.vragen),
            maximum=b.max_punten,
            drempel=b.drempel,
        )
        for b in basisfuncties
    ]
