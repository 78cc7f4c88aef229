"""The advice sessions' map: sessions per municipality or per province, drawn by ``toolkit.kaarten``."""

import datetime
from collections.abc import Mapping

from toolkit import kaarten
from toolkit.kaarten import Kaart


def gesprekken_kaart(aantallen: Mapping[str, int], *, titel: str, stand: datetime.date, **opties) -> Kaart:
    """Advice sessions per municipality (or per province, ``niveau="provincie"``)."""
    return kaarten.kaart(aantallen, jaar=kaarten.grensjaar(stand), titel=titel, stand=stand,
                         eenheid="Adviesgesprekken", **opties)  # fmt: skip
