"""The maps on the coordinator's and the adviser's dashboard: scope, links, the table beside each
map, the successor rule, and a query count that does not grow with the data."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeenten.models import Gemeente, Organisatie
from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from tests.accounts.factories import AdviseurFactory, CoordinatorFactory
from tests.advies.factories import AdviesgesprekFactory
from tests.kaart_helpers import kaarten_op, links, tabel, titels
from tests.tweede_factor import geverifieerd_inloggen
from toolkit.export import csv_bytes

# 16, for an adviser their CMO's open advice requests with their basisfuncties, the session's
# verified second-factor device, and the next step on the start page (decision 0023)
MAX_QUERIES = 21


pytestmark = pytest.mark.usefixtures("lege_cache")


@pytest.fixture
def collega_partoer(referentiedata):
    return AdviseurFactory(
        email="collega@partoer.example.nl", organisatie=Organisatie.objects.get(naam="Partoer")
    )


@pytest.fixture
def adviseur_utrecht(referentiedata):
    return AdviseurFactory(
        email="adviseur@alleato.example.nl", organisatie=Organisatie.objects.get(naam="Alleato")
    )


def svg_links(svg: str) -> set[str]:
    return set(links(svg).values())


def importeren(nulmeting, *rijen: tuple[str, str]):
    kolommen = antwoorden_kolommen(nulmeting)
    data = [[code, datum] + [""] * (len(kolommen) - 2) for code, datum in rijen]
    metingen_importeren(io.BytesIO(csv_bytes(kolommen, data)), vragenlijst=nulmeting, door=None)


def gesprek(adviseur, datum, *codes):
    AdviesgesprekFactory(
        adviseur=adviseur, datum=datum, gemeenten=Gemeente.objects.filter(cbs_code__in=codes)
    )


def test_the_coordinator_sees_every_municipality_with_links(
    client, coordinator, nulmeting, adviseur_friesland
):
    importeren(nulmeting, ("GM0091", "2009-10-01"), ("GM0344", "2009-11-01"))  # Sneek, Utrecht
    gesprek(adviseur_friesland, datetime.date(2010, 6, 1), "GM0091", "GM0064")
    geverifieerd_inloggen(client, coordinator)
    pagina = client.get("/overzicht/").content.decode()
    (status_svg, status_tabel), (gesprekken_svg, gesprekken_tabel) = kaarten_op(pagina)

    status = titels(status_svg)
    assert len(status) == 415
    assert status["GM1900"] == "Súdwest-Fryslân\nStand van de meting: Ingediend"  # Sneek's meting
    assert status["GM0344"].endswith(": Ingediend") and status["GM0080"].endswith(": Niet uitgenodigd")
    assert titels(gesprekken_svg)["GM1900"] == "Súdwest-Fryslân\nAdviesgesprekken: 1"
    assert len(svg_links(status_svg)) == 415 and "/gemeenten/GM1900/" in svg_links(status_svg)
    assert "Ingediend (2)" in status_svg and "Niet uitgenodigd (413)" in status_svg

    for svg, details in ((status_svg, status_tabel), (gesprekken_svg, gesprekken_tabel)):
        rijen = tabel(details)
        assert len(rijen) == 415
        assert {naam: waarde for naam, (waarde, _) in rijen.items()} == {
            t.split("\n")[0]: t.split(": ", 1)[1] for t in titels(svg).values()
        }
        assert {link for _, link in rijen.values()} == svg_links(svg)


def test_the_adviser_sees_the_provinces_of_their_cmo_only(
    client, adviseur_friesland, adviseur_utrecht, nulmeting
):
    importeren(nulmeting, ("GM0080", "2009-10-01"), ("GM0344", "2009-11-01"))
    gesprek(adviseur_friesland, datetime.date(2012, 3, 1), "GM0080")
    gesprek(adviseur_utrecht, datetime.date(2012, 3, 1), "GM0344")
    geverifieerd_inloggen(client, adviseur_friesland)
    pagina = client.get("/overzicht/").content.decode()
    friesland = set(
        Gemeente.objects.bestaand_op(datetime.date(2012, 1, 1))
        .filter(provincie__naam="Friesland")
        .values_list("cbs_code", flat=True)
    )
    kaarten = kaarten_op(pagina)
    assert len(kaarten) == 2
    for svg, details in kaarten:
        assert set(titels(svg)) == friesland
        assert svg_links(svg) == {f"/gemeenten/{c}/" for c in friesland}
        assert len(tabel(details)) == 27
        assert "Utrecht" not in details and "GM0344" not in svg
    assert titels(kaarten[0][0])["GM0080"].endswith(": Ingediend")
    assert titels(kaarten[1][0])["GM0080"] == "Leeuwarden\nAdviesgesprekken: 1"


def test_an_official_has_no_national_map(client, ambtenaar_sudwest, nulmeting):
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    pagina = client.get("/overzicht/").content.decode()
    assert '<figure class="kaart' not in pagina and "GM0080" not in pagina


def test_an_adviser_sees_only_their_cmos_sessions_on_the_map(
    client, adviseur_friesland, collega_partoer, nulmeting
):
    gesprek(collega_partoer, datetime.date(2012, 3, 1), "GM0080")
    gesprek(adviseur_friesland, datetime.date(2012, 3, 2), "GM0080")
    geverifieerd_inloggen(client, adviseur_friesland)
    svg, details = kaarten_op(client.get("/overzicht/").content.decode())[1]
    assert titels(svg)["GM0080"] == "Leeuwarden\nAdviesgesprekken: 2"  # all sessions of the CMO
    assert tabel(details)["Leeuwarden"][0] == "2"


def _queries(client, user) -> int:
    geverifieerd_inloggen(client, user)
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get("/overzicht/").status_code == 200
    return len(vastgelegd.captured_queries)


def test_dashboard_queries_do_not_grow_with_the_data(
    lege_cache, client, coordinator, adviseur_friesland, nulmeting, django_assert_max_num_queries
):
    codes = list(
        Gemeente.objects.bestaand_op(datetime.date(2012, 1, 1))
        .filter(provincie__naam="Friesland")
        .values_list("cbs_code", flat=True)
    )

    alle = list(
        Gemeente.objects.bestaand_op(datetime.date(2012, 1, 1))
        .order_by("?")
        .values_list("cbs_code", flat=True)
    )

    def aanvullen(vanaf: int, tot: int):
        importeren(nulmeting, *[(code, "2012-02-01") for code in alle[vanaf:tot]])
        for i in range(vanaf, tot):
            gesprek(
                adviseur_friesland,
                datetime.date(2012, 1, 2) + datetime.timedelta(days=i),
                codes[i % 27],
                codes[(i + 1) % 27],
            )

    aanvullen(0, 3)
    for user in (coordinator, adviseur_friesland):
        _queries(client, user)  # warm up
    weinig = {user.pk: _queries(client, user) for user in (coordinator, adviseur_friesland)}
    aanvullen(3, 40)
    lege_cache()  # new data, new maps: the count must hold when they are drawn again
    veel = {user.pk: _queries(client, user) for user in (coordinator, adviseur_friesland)}
    assert veel == weinig
    for user in (coordinator, adviseur_friesland):
        geverifieerd_inloggen(client, user)
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get("/overzicht/")


def test_with_the_production_lag_a_scope_draws_its_maps_once_per_interval(
    settings, client, coordinator, adviseur_friesland, adviseur_utrecht, nulmeting
):
    """Sessions logged meanwhile appear on the maps within the interval, never later; map and
    table come from the same drawing; coordinators share one drawing, advisers their CMO's."""

    settings.DASHBOARD_KAARTEN_SECONDEN = 60
    settings.CELERY_TASK_ALWAYS_EAGER = True  # no worker: a new interval is drawn on the request path
    amsterdam = ZoneInfo("Europe/Amsterdam")
    gesprek(adviseur_friesland, datetime.date(2012, 3, 1), "GM0080")

    def leeuwarden(user) -> tuple[str, str, str]:
        geverifieerd_inloggen(client, user)
        pagina = client.get("/overzicht/").content.decode()
        svg, details = kaarten_op(pagina)[1]
        getekend = re.search(r"De kaarten zijn getekend om (\d\d:\d\d)", pagina).group(1)
        return titels(svg)["GM0080"].split(": ")[1], tabel(details)["Leeuwarden"][0], getekend

    with time_machine.travel(datetime.datetime(2012, 10, 1, 10, 0, 5, tzinfo=amsterdam), tick=False) as klok:
        assert leeuwarden(coordinator) == ("1", "1", "10:00")
        assert leeuwarden(adviseur_friesland) == ("1", "1", "10:00")
        gesprek(adviseur_friesland, datetime.date(2012, 3, 2), "GM0080")
        klok.move_to(datetime.datetime(2012, 10, 1, 10, 0, 50, tzinfo=amsterdam))
        assert leeuwarden(CoordinatorFactory()) == ("1", "1", "10:00")  # the shared drawing
        with CaptureQueriesContext(connection) as vastgelegd:
            client.get("/overzicht/")
        assert not [q for q in vastgelegd.captured_queries if "advies_adviesgesprek" in q["sql"]]
        klok.move_to(datetime.datetime(2012, 10, 1, 10, 1, 0, tzinfo=amsterdam))
        assert leeuwarden(coordinator) == ("2", "2", "10:01")
        assert leeuwarden(adviseur_friesland) == ("2", "2", "10:01")
        geverifieerd_inloggen(client, adviseur_utrecht)  # another CMO: its own maps, without Leeuwarden
        assert "Leeuwarden" not in client.get("/overzicht/").content.decode()
