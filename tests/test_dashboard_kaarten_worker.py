"""With a real worker, the dashboard shows the previous drawing of the maps while a worker draws
the new interval's (decision 0010): the request path does not draw them.

The clock of this test is frozen and moved to the next interval, so the test never waits for the
wall clock. The worker, a process of its own, keeps the real clock; that does not matter, for the
dashboard (in this process) decides which interval is due and the worker draws the interval it is
asked to draw."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from gemeenten.models import Gemeente
from portaal.kaarten import dashboard_sleutel
from tests.advies.factories import AdviesgesprekFactory
from tests.kaart_helpers import kaarten_op, tabel, titels
from tests.tweede_factor import geverifieerd_inloggen
from tests.worker_helpers import wacht_op

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("themas_en_basisfuncties"),
]

# Long enough for the cache (which counts real seconds) to keep a drawing while the worker draws;
# short enough that the page promises the maps within 1 minute.
SECONDEN = 30
BEGIN = datetime.datetime(2012, 10, 1, 10, 0, 1, tzinfo=ZoneInfo("Europe/Amsterdam"))  # 1 s into an interval


def leeuwarden(client) -> tuple[str, str, str]:
    """Leeuwarden's sessions on the map and in its table, and when the maps were drawn."""
    pagina = client.get("/overzicht/").content.decode()
    svg, details = next(k for k in kaarten_op(pagina) if "Adviesgesprekken" in k[0])
    getekend = re.search(r"De kaarten zijn getekend om (\d\d:\d\d); .* binnen 1 minuut op", pagina)
    assert getekend, "the page says when the maps were drawn"
    return titels(svg)["GM0080"].split(": ")[1], tabel(details)["Leeuwarden"][0], getekend.group(1)


def tijdvak() -> int:
    return int(timezone.now().timestamp() // SECONDEN)


def gesprek_met_leeuwarden(adviseur, datum: datetime.date) -> None:
    AdviesgesprekFactory(adviseur=adviseur, datum=datum, gemeenten=Gemeente.objects.filter(cbs_code="GM0080"))


def test_a_worker_draws_the_next_interval_while_the_dashboard_shows_the_previous(
    settings, client, coordinator, adviseur_friesland, celery_worker
):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("needs Redis and a real worker (CI runs it)")
    settings.DASHBOARD_KAARTEN_SECONDEN = SECONDEN
    geverifieerd_inloggen(client, coordinator)
    with time_machine.travel(BEGIN, tick=False) as klok:
        vandaag, eerste = timezone.localdate(), tijdvak()
        volgende = eerste + 1
        # Another run of this test may have left its drawings in Redis.
        cache.delete_many(
            [
                dashboard_sleutel(coordinator, vandaag, deel)
                for deel in ("laatst", eerste, volgende, f"{eerste}-gevraagd", f"{volgende}-gevraagd")
            ]
        )
        gesprek_met_leeuwarden(adviseur_friesland, datetime.date(2012, 3, 1))
        assert leeuwarden(client) == ("1", "1", "10:00")  # nothing drawn before: drawn here
        gesprek_met_leeuwarden(adviseur_friesland, datetime.date(2012, 3, 2))

        klok.shift(SECONDEN)
        assert tijdvak() == volgende
        assert leeuwarden(client) == ("1", "1", "10:00")  # the previous drawing, while the worker draws

        getekend = wacht_op(lambda: cache.get(dashboard_sleutel(coordinator, vandaag, volgende)), seconden=60)
        svg, _ = kaarten_op(
            f'<figure class="kaart">{getekend["kaart_gesprekken"].svg}</figure><details></details>'
        )[0]
        assert titels(svg)["GM0080"].endswith(": 2")
        assert leeuwarden(client)[:2] == ("2", "2")  # the worker's drawing, in the same interval
