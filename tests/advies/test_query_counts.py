"""The session list and the municipality page use a number of queries that does not grow with the
number of sessions (with 1,400 sessions, or a hundred times that, the pages stay as cheap)."""

import datetime
import itertools
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advies import services
from advies.uitwisseling import GESPREK_KOLOMMEN, gesprekken_importeren
from gemeenten.models import Provincie
from tests.advies.advies_helpers import csv_bestand, gemeenten
from tests.advies.factories import AdviesgesprekFactory
from tests.gemeenten.factories import ContactpersoonFactory
from tests.rondes.factories import RondeFactory

pytestmark = pytest.mark.django_db

# Fixed upper bounds, so a change that adds a query per page is noticed even when it stays constant.
# Both include the session's verified second-factor device (decision 0020).
MAX_LIJST = 15
# includes counting all sessions for the caption, and the contacts, rounds and mails; and whether the
# municipality took part, itself or through its predecessors, per questionnaire and per open round
# (nulmeting.selectors.ingediend_door_zelf_of_voorganger, two queries each) with the predecessors'
# results behind it; its advice requests, the progress of its nine-step plan and its meetings;
# the meting its weak basisfuncties come from (its own, else a predecessor's:
# nulmeting.selectors.laatste_meting_voor), the municipalities that merged into it (whose sessions
# count as its own for those basisfuncties) and the audit entry for viewing its contacts (decision 0021)
MAX_GEMEENTE = 35

THEMA_COMBINATIES = ["Vertalen", "Verbinden; Versterken", "Respijtzorg; Informatie", "Visie en beleid"]


def _gesprekken(adviseurs, aantal: int, start: int = 0) -> None:
    """Bulk-create ``aantal`` sessions with Súdwest-Fryslân (some joint with Leeuwarden) via the import."""
    rijen = []
    for i, adviseur in zip(range(start, start + aantal), itertools.cycle(adviseurs), strict=False):
        thema = THEMA_COMBINATIES[i % len(THEMA_COMBINATIES)]
        onderwerp = (
            "beide"
            if i % 3
            else ("mantelzorg" if "Respijtzorg" in thema or "Visie" in thema else "vrijwilligerswerk")
        )
        rijen.append(
            [
                (datetime.date(2011, 1, 3) + datetime.timedelta(days=i)).isoformat(),
                "",
                adviseur.email,
                "GM1900;GM0080" if i % 2 else "GM1900",
                onderwerp,
                thema,
                "1,5",
                f"Gesprek {i}",
            ]
        )
    assert gesprekken_importeren(csv_bestand(GESPREK_KOLOMMEN, rijen)) == aantal


def _aantal_queries(client, url: str, rijen: int) -> int:
    """The queries of one page view; ``rijen`` sessions must be on it, or the count proves nothing."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(set(re.findall(r'href="/advies/gesprekken/(\d+)/"', response.content.decode()))) == rijen
    return len(queries)


@pytest.fixture
def adviseurs(adviseur_friesland, collega_partoer):
    return [adviseur_friesland, collega_partoer]


@pytest.mark.parametrize("wie", ["adviseur_friesland", "coordinator"])
@pytest.mark.parametrize("gefilterd", [False, True])
def test_the_session_list_uses_the_same_queries_for_5_and_60_sessions(
    als, adviseurs, request, wie, gefilterd, django_assert_max_num_queries
):
    url = "/advies/gesprekken/"
    if gefilterd:
        friesland = Provincie.objects.get(naam="Friesland").pk
        sudwest = gemeenten("GM1900")[0].pk
        url += f"?van=2011-01-01&tot=2012-12-31&provincie={friesland}&gemeente={sudwest}"
    client = als(request.getfixturevalue(wie))
    _gesprekken(adviseurs, 5)
    client.get(url)  # warm up the session and caches
    weinig = _aantal_queries(client, url, rijen=5)
    _gesprekken(adviseurs, 55, start=5)
    veel = _aantal_queries(client, url, rijen=25)
    assert veel == weinig
    with django_assert_max_num_queries(MAX_LIJST):
        assert client.get(url).status_code == 200


def test_the_second_page_of_the_list_costs_the_same_as_the_first(als, adviseur_friesland, adviseurs):
    client = als(adviseur_friesland)
    _gesprekken(adviseurs, 60)
    client.get("/advies/gesprekken/")
    assert _aantal_queries(client, "/advies/gesprekken/?pagina=3", rijen=10) == _aantal_queries(
        client, "/advies/gesprekken/", rijen=25
    )


def _open_ronde_met_contact() -> None:
    """Every section of the municipality page filled: an open round it is in, and a contact."""
    RondeFactory(opent_op=timezone.localdate(), gemeenten=gemeenten("GM1900"))
    ContactpersoonFactory(gemeente=gemeenten("GM1900")[0])


@pytest.mark.parametrize("wie", ["adviseur_friesland", "ambtenaar_sudwest"])
def test_the_municipality_page_uses_the_same_queries_for_5_and_60_sessions(
    als,
    adviseurs,
    adviseur_friesland,
    coordinator,
    nulmeting_indienen,
    request,
    wie,
    django_assert_max_num_queries,
):
    nulmeting_indienen("GM1900", zwak={"MZ-RESPIJT", "VW-VERBINDEN", "MZ-INFORMATIE"})
    _open_ronde_met_contact()
    traject = services.adviestraject_opslaan(
        door=adviseur_friesland,
        gemeenten=gemeenten("GM1900", "GM0080"),
        titel="Samen",
        onderwerp="beide",
        status="lopend",
        doel="d",
        werkwijze="w",
        inzet_uren=Decimal("40"),
        tijdspad="t",
        verwachte_opbrengst="v",
        borging="b",
    )
    for code in ("GM1900", "GM0080"):
        AdviesgesprekFactory(adviseur=adviseur_friesland, gemeenten=gemeenten(code), traject=traject)
    client = als(request.getfixturevalue(wie))
    _gesprekken(adviseurs, 4)  # with the traject session: 5 with Súdwest-Fryslân
    client.get("/gemeenten/GM1900/")
    weinig = _aantal_queries(client, "/gemeenten/GM1900/", rijen=5)
    _gesprekken(adviseurs, 55, start=5)
    veel = _aantal_queries(client, "/gemeenten/GM1900/", rijen=50)
    assert veel == weinig
    with django_assert_max_num_queries(MAX_GEMEENTE):
        assert client.get("/gemeenten/GM1900/").status_code == 200


def test_a_session_import_uses_the_same_queries_for_10_and_50_rows(adviseurs):
    """The rows are checked without a query each and stored with one insert per table."""

    def queries(aantal: int, start: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            _gesprekken(adviseurs, aantal, start)
        return len(queries)

    assert queries(10, 0) == queries(50, 100)
