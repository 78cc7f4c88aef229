"""The nulmeting's maps: the status of a questionnaire per municipality, participation, and the
spiegel per province; and which municipalities the viewer may open from a map.

The numbers come from ``nulmeting.selectors``, the scope from ``accounts.permissions``, the drawing
from ``toolkit.kaarten``. A map never holds a value the viewer could not read in a table: every map
is shown with a table of the same numbers.
"""

import datetime
from collections.abc import Collection, Mapping

from django.conf import settings
from django.urls import reverse

from accounts.permissions import zichtbare_gemeenten
from nulmeting import selectors
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


def spiegel_kaart(meting: Meting, basisfunctie, stand: datetime.date) -> Kaart:
    """The spiegel's map: % of submitted metingen 'goed voor elkaar' on ``basisfunctie`` per
    province, the own municipality outlined. Provinces only, never a municipality's result."""
    vragenlijst = meting.vragenlijst
    per_provincie = selectors.goed_per_provincie(vragenlijst, basisfunctie)
    waarden = {
        code: selectors.procent(goed, n) if n >= settings.SPIEGEL_MINIMUM_N else None
        for code, (goed, n) in per_provincie.items()
    }
    periode_tot = vragenlijst.opbouw.periode_tot if vragenlijst.soort == Vragenlijst.Soort.NULMETING else None
    return kaarten.kaart(
        waarden,
        jaar=kaarten.grensjaar(periode_tot or stand),
        titel=f"{basisfunctie.naam}: percentage gemeenten 'goed voor elkaar' per provincie",
        eenheid="% 'goed voor elkaar'",
        stand=stand,
        procent=True,
        niveau="provincie",
        toelichting={
            code: f"N = {n}" for code, (_, n) in per_provincie.items() if n >= settings.SPIEGEL_MINIMUM_N
        },
        omlijnd=meting.gemeente.cbs_code,
        geen_gegevens=f"minder dan {settings.SPIEGEL_MINIMUM_N} metingen",
    )
