"""With a real worker, the dashboard shows the previous drawing of the maps while a worker draws
the new interval's (decision 0010): the request path does not draw them."""

import datetime
import re
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from portaal.kaarten import dashboard_sleutel
from tests.kaart_helpers import kaarten_op, tabel, titels
from tests.test_dashboard_kaarten import gesprek
from tests.worker_helpers import wacht_op

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("themas_en_basisfuncties"),
]

SECONDEN = 10


def leeuwarden(client) -> tuple[str, str]:
    pagina = client.get("/overzicht/").content.decode()
    svg, details = next(k for k in kaarten_op(pagina) if "Adviesgesprekken" in k[0])
    assert re.search(r"De kaarten zijn getekend om \d\d:\d\d; .* binnen 1 minuut op", pagina)
    return titels(svg)["GM0080"].split(": ")[1], tabel(details)["Leeuwarden"][0]


def tijdvak() -> int:
    return int(timezone.now().timestamp() // SECONDEN)


def test_a_worker_draws_the_next_interval_while_the_dashboard_shows_the_previous(
    settings, client, coordinator, adviseur_friesland, celery_worker
):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("needs Redis and a real worker (CI runs it)")
    settings.DASHBOARD_KAARTEN_SECONDEN = SECONDEN
    vandaag = timezone.localdate()
    cache.delete(dashboard_sleutel(coordinator, vandaag, "laatst"))
    gesprek(adviseur_friesland, datetime.date(2012, 3, 1), "GM0080")
    client.force_login(coordinator)

    while timezone.now().timestamp() % SECONDEN > 2:  # start early in an interval
        time.sleep(0.2)
    eerste = tijdvak()
    assert leeuwarden(client) == ("1", "1")  # nothing drawn before: drawn here
    gesprek(adviseur_friesland, datetime.date(2012, 3, 2), "GM0080")
    while tijdvak() == eerste:
        time.sleep(0.2)
    volgende = tijdvak()
    assert leeuwarden(client) == ("1", "1")  # the previous drawing, while the worker draws

    getekend = wacht_op(lambda: cache.get(dashboard_sleutel(coordinator, vandaag, volgende)), seconden=60)
    svg, _ = kaarten_op(
        f'<figure class="kaart">{getekend["kaart_gesprekken"].svg}</figure><details></details>'
    )[0]
    assert titels(svg)["GM0080"].endswith(": 2")
    if tijdvak() == volgende:
        assert leeuwarden(client) == ("2", "2")
