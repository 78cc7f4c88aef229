"""Each list endpoint answers in a number of queries that does not grow with the data: every row
is served from the same few queries (select_related / prefetch_related)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeenten.models import Gemeente, Provincie
from nulmeting.services import eenmeting_openen
from rondes.services import ronde_openen
from tests.api.conftest import metingen_indienen
from tests.rapportage.factories import RapportFactory


def aantal_queries(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries), response.json()["count"]


def meer_gegevens(nulmeting, coordinator, stap: int) -> None:
    """More of everything the lists show: metingen, rounds, reports."""
    codes = (
        Gemeente.objects.bestaand_op(datetime.date(2012, 1, 1))
        .order_by("cbs_code")
        .values_list("cbs_code", flat=True)[stap * 10 : stap * 10 + 10]
    )
    metingen_indienen(nulmeting, [(c, "2010-05-01", True) for c in codes])
    for i in range(3):
        ronde_openen(
            vragenlijst=nulmeting,
            naam=f"Ronde {stap}-{i}",
            opent_op=datetime.date.today(),
            sluit_op=datetime.date.today() + datetime.timedelta(days=30),
            provincies=[Provincie.objects.order_by("cbs_code")[stap * 3 + i]],
            door=coordinator,
        )
        RapportFactory(aangevraagd_door=coordinator)
    if stap == 0:
        eenmeting_openen(basis=nulmeting, code="eenmeting-2012", naam="Eenmeting 2012", door=coordinator)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/gemeenten/",
        "/api/v1/gemeenten/?provincie=PV21&bestaand_op=2011-06-01",
        "/api/v1/metingen/",
        "/api/v1/rondes/",
        "/api/v1/rapporten/",
        "/api/v1/provincies/",
        "/api/v1/organisaties/",
    ],
)
def test_a_list_costs_the_same_queries_for_more_rows(
    url, referentiedata, nulmeting, coordinator, sleutel_voor
):
    api = sleutel_voor(coordinator)
    meer_gegevens(nulmeting, coordinator, 0)
    weinig, rijen_weinig = aantal_queries(api, url)
    meer_gegevens(nulmeting, coordinator, 1)
    veel, rijen_veel = aantal_queries(api, url)
    assert weinig == veel, f"{url}: {weinig} queries for {rijen_weinig} rows, {veel} for {rijen_veel}"
    assert weinig <= 8
