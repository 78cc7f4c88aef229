"""The programme's maps: which numbers each map shows, how it names and colours them, and who may
open which municipality from it.

The numbers come from the selectors (nulmeting, advies, rapportage), the scope from
``accounts.permissions``, the drawing from ``goedvoorelkaar.kaarten``. A map never holds a value
the viewer could not read in a table: it is drawn from the same scoped selectors as the pages, and
every map is shown with a table of the same numbers.
"""

import datetime
import logging
import math
from collections.abc import Collection, Mapping

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import provincies_van, zichtbare_gemeenten, zichtbare_gesprekken, zichtbare_rondes
from advies import selectors as advies_selectors
from goedvoorelkaar import figuren, kaarten
from goedvoorelkaar.figuren import BLAUW, ORANJE
from goedvoorelkaar.kaarten import Categorie, Kaart
from nulmeting import selectors as nulmeting_selectors
from nulmeting.models import Meting, Vragenlijst

logger = logging.getLogger(__name__)

# Okabe–Ito colours, from light to dark in the order a municipality moves through them, so the
# order also reads in grey print; 'concept' is hatched as well. The legend and the table name them.
STATUS_KLEUREN = {
    "niet_uitgenodigd": ("#e9ecef", ""),
    "uitgenodigd": ("#56B4E9", ""),
    "concept": (ORANJE, "\\\\\\\\"),
    "ingediend": (BLAUW, ""),
}
STATUS_CATEGORIEEN = [
    Categorie(sleutel, label, *STATUS_KLEUREN[sleutel])
    for sleutel, label in nulmeting_selectors.STATUSSEN.items()
]
DEELNAME_CATEGORIEEN = [Categorie("nee", "Nee", "#e9ecef"), Categorie("ja", "Ja", BLAUW)]


def indelingsdatum(datum: datetime.date) -> datetime.date:
    """The date whose municipalities a map 'as of ``datum``' shows: the date itself, or 1 January
    2012 for a date in 2010–2011 (drawn on the 2012 borders, merged municipalities within their
    successors)."""
    return max(datum, kaarten.grensdatum(kaarten.grensjaar(datum)))


def gemeente_links(user, datum: datetime.date) -> dict[str, str]:
    """CBS code → municipality page, for the municipalities existing on ``datum`` that ``user``
    may open."""
    voorbeeld = reverse("gemeenten:detail", args=["GM0000"])
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


def _lopende_ronde(user, datum: datetime.date):
    """The newest round open on ``datum`` that ``user`` sees, whose status the dashboard maps."""
    from rondes.models import Ronde

    return (
        zichtbare_rondes(user)
        .filter(pk__in=Ronde.objects.open_op(datum))
        .order_by("-opent_op", "-pk")
        .first()
    )


def ronde_kaart(ronde, user, stand: datetime.date) -> Kaart | None:
    """A round's status per municipality, on the borders of its opening date: the municipalities
    of the round that ``user`` may see, zoomed to the round's or the adviser's provinces."""
    from rondes.selectors import status_per_gemeente

    provincies = set(ronde.provincies.values_list("cbs_code", flat=True))
    if not user.is_coordinator:
        eigen = set(provincies_van(user).values_list("cbs_code", flat=True))
        provincies = (provincies & eigen) if provincies else eigen
    if not provincies and not user.is_coordinator:
        return None
    return status_kaart(
        status_per_gemeente(ronde, zichtbare_gemeenten(user)),
        titel=f"{ronde}: stand per gemeente",
        stand=stand,
        grenzen=ronde.opent_op,
        links=gemeente_links(user, ronde.opent_op),
        provincies=sorted(provincies) or None,
    )


def gesprekken_kaart(aantallen: Mapping[str, int], *, titel: str, stand: datetime.date, **opties) -> Kaart:
    """Advice sessions per municipality (or per province, ``niveau="provincie"``)."""
    return kaarten.kaart(aantallen, jaar=kaarten.grensjaar(stand), titel=titel, stand=stand,
                         eenheid="Adviesgesprekken", **opties)  # fmt: skip


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


def dashboard_kaarten(user, datum: datetime.date) -> dict:
    """The coordinator's (the whole country) or the adviser's (the provinces of their CMO, zoomed)
    maps: the nulmeting's status and the advice sessions per municipality, and when they were
    drawn (``kaarten_getekend_op``).

    Every logged session changes the sessions map, and drawing 441 municipalities takes a quarter
    of a second of CPU; so the maps of one scope (all coordinators; the advisers of one CMO) are
    drawn once per ``DASHBOARD_KAARTEN_SECONDEN`` and shared, the map and its table always from
    the same drawing. When an interval's drawing is not there yet, a Celery worker draws it while
    the page shows the previous one, if that is at most two intervals old (decision 0010)."""
    seconden = settings.DASHBOARD_KAARTEN_SECONDEN
    if not seconden:
        return _getekend(user, datum)
    tijdvak = int(timezone.now().timestamp() // seconden)
    getekend = figuren.uit_cache(dashboard_sleutel(user, datum, tijdvak))
    if getekend is None:
        vorige = figuren.uit_cache(dashboard_sleutel(user, datum, "laatst"))
        recent = vorige and timezone.now() - vorige["kaarten_getekend_op"] <= datetime.timedelta(
            seconds=2 * seconden
        )
        if recent and _op_de_achtergrond(user, datum, tijdvak, seconden):
            getekend = vorige
        else:
            getekend = dashboard_kaarten_opslaan(user, datum, tijdvak, seconden)
    return {**getekend, "kaarten_uiterlijk_minuten": math.ceil(2 * seconden / 60)}


def dashboard_kaarten_opslaan(user, datum: datetime.date, tijdvak: int, seconden: int) -> dict:
    """Draw the dashboard maps of ``user``'s scope and keep them for interval ``tijdvak`` and as
    the scope's latest drawing."""
    getekend = _getekend(user, datum)
    figuren.in_cache(dashboard_sleutel(user, datum, tijdvak), getekend, seconden)
    figuren.in_cache(dashboard_sleutel(user, datum, "laatst"), getekend, 3 * seconden)
    return getekend


def dashboard_sleutel(user, datum: datetime.date, deel) -> str:
    bereik = "landelijk" if user.is_coordinator else f"cmo-{user.organisatie_id}"
    return f"dashboardkaarten:{figuren.VERSIE}:{kaarten.VERSIE}:{bereik}:{datum}:{deel}"


def _getekend(user, datum: datetime.date) -> dict:
    return {**_dashboard_kaarten(user, datum), "kaarten_getekend_op": timezone.now()}


def _op_de_achtergrond(user, datum: datetime.date, tijdvak: int, seconden: int) -> bool:
    """Ask a worker to draw interval ``tijdvak`` (once per scope and interval). False when there is
    no worker (tasks run in-process) or the cache or broker cannot be reached: draw here then."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return False
    from django.core.cache import cache

    from rapportage.tasks import dashboardkaarten_tekenen

    try:
        if cache.add(dashboard_sleutel(user, datum, f"{tijdvak}-gevraagd"), True, seconden):
            dashboardkaarten_tekenen.delay(user.pk, datum.isoformat(), tijdvak, seconden)
    except Exception:  # noqa: BLE001 - the maps are drawn on the request path instead
        logger.warning("Dashboardkaarten niet op de achtergrond getekend", exc_info=True)
        return False
    return True


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
    if ronde := _lopende_ronde(user, datum):
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


def spiegel_kaart(meting: Meting, basisfunctie, stand: datetime.date) -> Kaart:
    """The spiegel's map: % of submitted metingen 'goed voor elkaar' on ``basisfunctie`` per
    province, the own municipality outlined. Provinces only, never a municipality's result."""
    vragenlijst = meting.vragenlijst
    per_provincie = nulmeting_selectors.goed_per_provincie(vragenlijst, basisfunctie)
    waarden = {
        code: nulmeting_selectors.procent(goed, n) if n >= settings.SPIEGEL_MINIMUM_N else None
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
