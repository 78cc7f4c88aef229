import datetime
import io

import pytest
from django.test import Client

from api.services import api_sleutel_maken
from gemeenten.models import Gemeente
from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from toolkit.export import csv_bytes


@pytest.fixture
def sleutel_voor(coordinator):
    """A client that sends a fresh token of ``gebruiker`` (made by a coordinator) with every request."""

    def _client(gebruiker, dagen: int = 30) -> Client:
        _, sleutel = api_sleutel_maken(
            gebruiker=gebruiker,
            naam="test",
            verloopt_op=datetime.date.today() + datetime.timedelta(days=dagen),
            door=coordinator,
        )
        return Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")

    return _client


def metingen_indienen(nulmeting, rijen: list[tuple[str, str, bool]]) -> None:
    """Submit a nulmeting for each (cbs_code, date, every yes/no question answered yes) through the
    import (scored as a submission is)."""
    kolommen = antwoorden_kolommen(nulmeting)
    soorten = {v.code: v.type for v in nulmeting.opbouw.vragen}
    regels = [
        [code, datum] + ["ja" if ja and soorten.get(k) == "janee" else "" for k in kolommen[2:]]
        for code, datum, ja in rijen
    ]
    metingen_importeren(io.BytesIO(csv_bytes(kolommen, regels)), vragenlijst=nulmeting, door=None)


@pytest.fixture
def friese_metingen(referentiedata, nulmeting):
    """Nulmetingen of six Frisian municipalities of 2012, submitted in 2009/2010, and one in Utrecht."""
    codes = list(
        Gemeente.objects.filter(provincie__cbs_code="PV21")
        .bestaand_op(datetime.date(2012, 10, 1))
        .order_by("cbs_code")
        .values_list("cbs_code", flat=True)[:6]
    )
    metingen_indienen(
        nulmeting,
        [(c, "2010-03-01", i % 2 == 0) for i, c in enumerate(codes)] + [("GM0344", "2010-03-01", True)],
    )
    return codes
