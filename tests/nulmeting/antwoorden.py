"""Answers to a questionnaire, worked out from its definition: all good, a wanted number of points
per basisfunctie, or exactly the basisfuncties that must be 'goed voor elkaar'; and the scores of a
submitted meting."""

import itertools
from collections.abc import Iterator

from nulmeting.definitie import DEFINITIES_DIR, BasisfunctieDef, VraagDef, VragenlijstDef, lees
from nulmeting.models import Meting, Vragenlijst


def alles_goed(vragenlijst: Vragenlijst) -> dict[str, str]:
    """Answers that give every question its maximum points."""
    antwoorden = {}
    for vraag in vragenlijst.opbouw.vragen:
        if vraag.type == "getal":
            antwoorden[vraag.code] = str(vraag.schijven[-1].vanaf)
        elif vraag.opties:
            antwoorden[vraag.code] = max(vraag.opties, key=lambda o: o.punten).waarde
    return antwoorden


# --- The definition as a user of the repository reads it (no database) ------------------------


def definitie_2009() -> VragenlijstDef:
    return lees(DEFINITIES_DIR / "nulmeting_2009.yaml")


def keuzes(vraag: VraagDef) -> list[tuple[str, int]]:
    """Every answer a user can give to ``vraag`` that scores differently, with its points according to
    the definition: the options, or for a number the lower bound of each band (schijf)."""
    if vraag.type == "getal":
        return [(str(s.vanaf), s.punten) for s in vraag.schijven]
    return [(o.waarde, o.punten) for o in vraag.opties]


def combinaties(basisfunctie: BasisfunctieDef) -> Iterator[dict[str, tuple[str, int]]]:
    """All ways to answer the scored questions of ``basisfunctie``: code → (value, points)."""
    vragen = [v for v in basisfunctie.vragen if v.telt_mee]
    for gekozen in itertools.product(*(keuzes(v) for v in vragen)):
        yield {v.code: keuze for v, keuze in zip(vragen, gekozen, strict=True)}


def antwoorden_met_punten(basisfunctie: BasisfunctieDef, punten: int) -> dict[str, str]:
    """Answers to ``basisfunctie`` whose points, as the definition lists them, add up to ``punten``."""
    for combinatie in combinaties(basisfunctie):
        if sum(p for _, p in combinatie.values()) == punten:
            return {code: waarde for code, (waarde, _) in combinatie.items()}
    raise AssertionError(f"{basisfunctie.code}: {punten} punten zijn niet te halen")


def antwoorden_voor(opbouw: VragenlijstDef, punten: dict[str, int]) -> dict[str, str]:
    """Answers for a whole questionnaire: basisfunctie code → wanted points (0 when not listed)."""
    antwoorden: dict[str, str] = {}
    for b in opbouw.basisfuncties:
        antwoorden.update(antwoorden_met_punten(b, punten.get(b.code, 0)))
    return antwoorden


def goed_of_niet(opbouw: VragenlijstDef, goed: set[str]) -> dict[str, str]:
    """Answers that make exactly the basisfuncties in ``goed`` 'goed voor elkaar' (at the threshold)
    and the others miss it by one point."""
    return antwoorden_voor(
        opbouw, {b.code: b.drempel if b.code in goed else b.drempel - 1 for b in opbouw.basisfuncties}
    )


def scores_van(meting: Meting) -> dict[str, tuple[int, bool]]:
    return {
        s.basisfunctie.code: (s.punten, s.goed_voor_elkaar)
        for s in meting.scores.select_related("basisfunctie")
    }
