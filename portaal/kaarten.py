"""The dashboard's maps, drawn for one scope (all coordinators; the advisers of one CMO): the status
of the running round (or of the current nulmeting) and the advice sessions per municipality.

``portaal.dashboard`` decides when they are drawn; this module draws and keeps them.
"""

import datetime

from django.utils import timezone

from accounts.permissions import provincies_van, zichtbare_gemeenten
from advies import selectors as advies_selectors
from advies.kaarten import gesprekken_kaart
from advies.permissions import zichtbare_gesprekken
from nulmeting import selectors as nulmeting_selectors
from nulmeting.kaarten import gemeente_links, status_kaart
from rondes.kaarten import lopende_ronde, ronde_kaart
from toolkit import figuren, kaarten
from toolkit.kaarten import Kaart, indelingsdatum


def dashboard_kaarten_opslaan(user, datum: datetime.date, tijdvak: int, seconden: int) -> dict:
    """Draw the dashboard maps of ``user``'s scope and keep them for interval ``tijdvak`` and as
    the scope's latest drawing."""
    getekend = getekende_kaarten(user, datum)
    figuren.in_cache(dashboard_sleutel(user, datum, tijdvak), getekend, seconden)
    figuren.in_cache(dashboard_sleutel(user, datum, "laatst"), getekend, 3 * seconden)
    return getekend


def dashboard_sleutel(user, datum: datetime.date, deel) -> str:
    bereik = "landelijk" if user.is_coordinator else f"cmo-{user.organisatie_id}"
    return f"dashboardkaarten:{figuren.VERSIE}:{kaarten.VERSIE}:{bereik}:{datum}:{deel}"


def getekende_kaarten(user, datum: datetime.date) -> dict:
    return {**_dashboard_kaarten(user, datum), "kaarten_getekend_op": timezone.now()}


def _dashboard_kaarten(user, datum: datetime.date) -> dict[str, Kaart]:
    peil = indelingsdatum(datum)
    gemeenten = zichtbare_gemeenten(user)
    links = gemeente_links(user, peil)
    provincies = (
        None if user.is_coordinator else list(provincies_van(user).values_list("cbs_code", flat=True))
    )
    if provincies == []:
        return {}  # nothing in scope: no map rather than one of the whole country
    resultaat = {}
    if ronde := lopende_ronde(user, datum):
        resultaat["kaart_status"] = ronde_kaart(ronde, user, datum)
        resultaat["kaart_status_ronde"] = ronde
    elif vragenlijst := nulmeting_selectors.actuele_nulmeting():
        resultaat["kaart_status"] = status_kaart(
            nulmeting_selectors.status_per_gemeente(gemeenten, vragenlijst, peil),
            titel=f"{vragenlijst}: stand per gemeente",
            stand=datum,
            links=links,
            provincies=provincies,
        )
    resultaat["kaart_gesprekken"] = gesprekken_kaart(
        advies_selectors.gesprekken_per_gemeente(zichtbare_gesprekken(user).actief(), gemeenten, peil),
        titel="Adviesgesprekken per gemeente",
        stand=datum,
        links=links,
        provincies=provincies,
    )
    return resultaat
