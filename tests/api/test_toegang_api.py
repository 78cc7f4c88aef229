"""The access matrix once more for the API, with tokens: each role's token gets what the matrix
declares for that role when logged in (a token sees exactly what its user sees), and a stranger
without a token what a stranger gets. What each role's token is shown is the same as the session."""

import datetime

import pytest
from django.test import Client

from api.services import api_sleutel_maken
from tests.test_access_matrix import uitkomst
from tests.toegangsmatrix import (
    MATRIX,
    ROLLEN,
    client_voor,
    kwargs_voor,
    objecten_maken,
    rapport_nodig,
    uitkomsten_voor,
    url_voor,
)

API = sorted(
    naam
    for naam in MATRIX
    if naam.startswith("api:") and naam not in ("api:sleutels", "api:sleutel_intrekken", "api:koppelen")
)


@pytest.fixture
def objecten(referentiedata, django_capture_on_commit_callbacks, request):
    met_rapport = rapport_nodig(request.node.name)
    return objecten_maken(capture_on_commit=django_capture_on_commit_callbacks, met_rapport=met_rapport)


def sleutel_client(rol: str, objecten: dict) -> Client:
    if rol == "anoniem":
        return Client()
    _, sleutel = api_sleutel_maken(
        gebruiker=objecten[rol],
        naam=rol,
        verloopt_op=datetime.date.today() + datetime.timedelta(days=1),
        door=objecten["coordinator"],
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")


def test_every_api_url_is_in_this_test():
    assert len(API) >= 13


@pytest.mark.parametrize("naam", API)
def test_each_roles_token_gets_the_declared_outcome_and_what_the_session_gets(naam, objecten):
    methode, verwacht = MATRIX[naam]
    clients = {rol: sleutel_client(rol, objecten) for rol in ROLLEN}
    afwijkingen = []
    for argumenten in kwargs_voor(naam, objecten):
        url = url_voor(naam, argumenten)
        for rol, teken in zip(ROLLEN, uitkomsten_voor(argumenten, verwacht), strict=True):
            met_sleutel = clients[rol].get(url)
            if (gekregen := uitkomst(met_sleutel)) != teken:
                afwijkingen.append(
                    f"{rol} {url}: verwacht {teken}, kreeg {gekregen} ({met_sleutel.status_code})"
                )
            if met_sleutel.status_code == 200 and met_sleutel["Content-Type"] == "application/json":
                ingelogd = client_voor(rol, objecten).get(url)
                if ingelogd.json() != met_sleutel.json():
                    afwijkingen.append(f"{rol} {url}: the token is shown otherwise than the session")
    assert afwijkingen == [], "\n".join(afwijkingen)


def test_another_municipalitys_scores_never_show_up(objecten):
    """Utrecht's official and the Utrecht adviser see nothing of scope A (Súdwest-Fryslân) by any filter."""
    for rol in ("gemeente_b", "adviseur_y"):
        api = sleutel_client(rol, objecten)
        for url in (
            "/api/v1/metingen/?gemeente=GM1900",
            "/api/v1/metingen/?provincie=PV21",
            "/api/v1/gemeenten/?gemeente=GM1900",
            "/api/v1/rondes/?provincie=PV21",
        ):
            assert api.get(url).json()["count"] == 0, (rol, url)
