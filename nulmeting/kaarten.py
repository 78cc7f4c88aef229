"""The nulmeting's maps: the status of a questionnaire per municipality, participation, and the
spiegel per province; and which municipalities the viewer may open from a map.

The numbers come from ``nulmeting.selectors``, the scope from ``accounts.permissions``, the drawing
from ``toolkit.kaarten``. A map never holds a value the viewer could not read in a table: every map
is shown with a table of the same numbers.
"""

import datetime
from collections.abc import Collection, Mapping

from django.urls import reverse

from accounts.permissions import zichtbare_gemeenten
from nulmeting import afscherming, selectors
from nulmeting.afscherming import Groepscijfers
from nulmeting.models import Meting, Vragenlijst
from toolkit import kaarten
from toolkit.figuren import BLAUW, ORANJE
from toolkit.kaarten import Categorie, Kaart

# Okabe–Ito colours, from light to dark in the order a municipality moves through them, so the
# order also reads in grey print; 'concept' is hatched as well. The legend and the table name them.
STATUS_KLEUREN = {
    "niet_uitgenodigd": ("#e9ecef", ""),
    "uitgenodigd": ("#56B4E9", ""),
    "concept": (ORANJE, "\\\\\\\\"),
    "ingediend": (BLAUW, ""),
}
STATUS_CATEGORIEEN = [
    Categorie(sleutel, label, *STATUS_KLEUREN[sleutel]) for sleutel, label in selectors.STATUSSEN.items()
]
DEELNAME_CATEGORIEEN = [Categorie("nee", "Nee", "#e9ecef"), Categorie("ja", "Ja", BLAUW)]


def gemeente_links(user, datum: datetime.date) -> dict[str, str]:
    """CBS code → municipality page, for the municipalities existing on ``datum`` that ``user``
    may open."""
    voorbeeld = reverse("portaal:gemeente", args=["GM0000"])
    codes = zichtbare_gemeenten(user).bestaand_op(datum).values_list("cbs_code", flat=True)
    return {code: voorbeeld.replace("GM0000", code) for code in codes}


def status_kaart(
    statussen: Mapping[str, str],
    *,
    titel: str,
    stand: datetime.date,
    grenzen: datetime.date | None = None,
    **opties,
) -> Kaart:
    """A map of ``{cbs_code: status}`` (keys of ``nulmeting.selectors.STATUSSEN``), for a
    questionnaire or one round of it, on the borders of ``grenzen`` (default: ``stand``);
    ``opties`` as ``kaarten.kaart`` (``links``, ``provincies``)."""
    return kaarten.kaart(statussen, jaar=kaarten.grensjaar(grenzen or stand), titel=titel, stand=stand,
                         eenheid="Stand van de meting", categorieen=STATUS_CATEGORIEEN, **opties)  # fmt: skip


def deelname_kaart(
    deelname: Mapping[str, bool],
    *,
    titel: str,
    stand: datetime.date,
    jaar: int,
    provincies: Collection[str] | None = None,
) -> Kaart:
    return kaarten.kaart(
        {code: "ja" if deelnemer else "nee" for code, deelnemer in deelname.items()},
        jaar=jaar,
        titel=titel,
        eenheid="Deelgenomen aan de nulmeting",
        stand=stand,
        categorieen=DEELNAME_CATEGORIEEN,
        provincies=provincies,
    )


def spiegel_kaart(meting: Meting, basisfunctie, stand: datetime.date, cijfers: Groepscijfers) -> Kaart:
    """The spiegel's map: % 'goed voor elkaar' on ``basisfunctie`` per province, from the same
    ``cijfers`` (``afscherming.groepscijfers``) as the spiegel's table, the own municipality
    outlined. Provinces only, never a municipality's result."""
    vragenlijst = meting.vragenlijst
    per_provincie = {
        code: cijfers.van(code, basisfunctie.pk) for code in cijfers.groepen if code != afscherming.LAND
    }
    periode_tot = vragenlijst.opbouw.periode_tot if vragenlijst.soort == Vragenlijst.Soort.NULMETING else None
    return kaarten.kaart(
        {code: a.procent for code, a in per_provincie.items()},
        jaar=kaarten.grensjaar(periode_tot or stand),
        titel=f"{basisfunctie.naam}: percentage gemeenten 'goed voor elkaar' per provincie",
        eenheid="% 'goed voor elkaar'",
        stand=stand,
        procent=True,
        niveau="provincie",
        toelichting={code: _toelichting(a) for code, a in per_provincie.items() if a.n or a.band},
        omlijnd=meting.gemeente.cbs_code,
        geen_gegevens="geen cijfer",
    )


def _toelichting(a: afscherming.Aandeel) -> str:
    """What the map adds to a province's share: the N, or the band standing in for a share, and
    the questionnaire the figure comes from when it is not the map's own."""
    delen = [a.band, f"N{'=' if a.exact else '≈'}{a.n}" if a.n else "", a.bron and f"uit de {a.bron}"]
    return "; ".join(d for d in delen if d)
