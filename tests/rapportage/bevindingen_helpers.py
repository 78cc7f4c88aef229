"""Reading the eindrapportage's findings back: every number a sentence states is a value of the
report's JSON at the keys the sentence names."""

import re

from rapportage.bevindingen import waarde_op
from toolkit.getallen import nl_getal

MAANDEN = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
DATUM = re.compile(rf"\b\d{{1,2}} (?:{MAANDEN}) \d{{4}}\b")
VERWIJZING = re.compile(r"\b(?:figuur|tabel|kaart) \d+(?:\.\d+)?[a-z]?\b", re.IGNORECASE)
GETAL = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+")


def getallen_in(tekst: str) -> list[str]:
    """The numbers a sentence states, in Dutch notation; dates and references to a figure or
    table are no statements of a number."""
    return GETAL.findall(VERWIJZING.sub("", DATUM.sub("", tekst)))


def onherleidbare_getallen(cijfers: dict) -> list[str]:
    """Every finding whose sources differ from the JSON, or that states a number none of its sources
    holds; an empty list when each sentence is traceable."""
    fouten = []
    for bevinding in cijfers["bevindingen"]:
        bronnen = {tuple(pad.split(".")): w for pad, w in bevinding["bronnen"].items()}
        for pad, waarde in bronnen.items():
            if waarde_op(cijfers, pad) != waarde:
                fouten.append(
                    f"{'.'.join(pad)}: {waarde!r} in de zin, {waarde_op(cijfers, pad)!r} in de JSON"
                )
        toegestaan = {nl_getal(w) for w in bronnen.values()}
        fouten += [
            f"{g} in '{bevinding['tekst']}'" for g in getallen_in(bevinding["tekst"]) if g not in toegestaan
        ]
    return fouten
