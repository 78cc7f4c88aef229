"""When the dashboard's maps are drawn: once per ``DASHBOARD_KAARTEN_SECONDEN`` per scope, by a
Celery worker while the page shows the previous drawing (decision 0010)."""

import datetime
import logging
import math

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from portaal.kaarten import dashboard_kaarten_opslaan, dashboard_sleutel, getekende_kaarten
from portaal.tasks import dashboardkaarten_tekenen
from toolkit import figuren

logger = logging.getLogger(__name__)


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
        return getekende_kaarten(user, datum)
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


def _op_de_achtergrond(user, datum: datetime.date, tijdvak: int, seconden: int) -> bool:
    """Ask a worker to draw interval ``tijdvak`` (once per scope and interval). False when there is
    no worker (tasks run in-process) or the cache or broker cannot be reached: draw here then."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return False
    try:
        if cache.add(dashboard_sleutel(user, datum, f"{tijdvak}-gevraagd"), True, seconden):
            dashboardkaarten_tekenen.delay(user.pk, datum.isoformat(), tijdvak, seconden)
    except Exception:  # noqa: BLE001 - the maps are drawn on the request path instead
        logger.warning("Dashboardkaarten niet op de achtergrond getekend", exc_info=True)
        return False
    return True
