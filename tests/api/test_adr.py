"""The API Design Rules the issue names: the version header on every response, CORS for the open
figures only, problem+json in Dutch naming the parameter, and never a 500 on bad input."""

import pytest
from django.test import Client


@pytest.fixture
def coordinator_client(sleutel_voor, coordinator, referentiedata):
    return sleutel_voor(coordinator)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/openapi.json",
        "/api/v1/docs/",
        "/api/v1/cijfers/?peildatum=2012-10-01",
        "/api/v1/gemeenten/",  # 401 for a stranger
        "/api/v1/bestaat-niet/",
        "/api/v1/cijfers/?peildatum=morgen",
    ],
)
def test_every_response_carries_the_api_version(url, referentiedata, nulmeting):
    response = Client().get(url)
    assert response["API-Version"] == "1.0.0", (url, response.status_code)


def test_the_open_figures_may_be_read_from_another_site(referentiedata, nulmeting):
    response = Client().get("/api/v1/cijfers/?peildatum=2012-10-01", HTTP_ORIGIN="https://portaal.example.nl")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "API-Version" in response["Access-Control-Expose-Headers"]
    voorvraag = Client().options(
        "/api/v1/cijfers/",
        HTTP_ORIGIN="https://portaal.example.nl",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert voorvraag["Access-Control-Allow-Origin"] == "*"


def test_nothing_else_may_be_read_from_another_site(coordinator_client):
    for url in ("/api/v1/gemeenten/", "/api/v1/metingen/", "/api/v1/openapi.json"):
        response = coordinator_client.get(url, HTTP_ORIGIN="https://portaal.example.nl")
        assert response.status_code == 200
        assert "Access-Control-Allow-Origin" not in response, url


def probleem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    inhoud = response.json()
    assert inhoud["status"] == status and inhoud["title"] and inhoud["detail"]
    return inhoud


def namen(inhoud: dict) -> set[str]:
    return {p["name"] for p in inhoud["invalid_params"]}


@pytest.mark.parametrize(
    ("url", "parameter", "reden"),
    [
        ("/api/v1/cijfers/?peildatum=1-10-2012x", "peildatum", "JJJJ-MM-DD"),
        ("/api/v1/cijfers/?peildatum=2012-02-31", "peildatum", "JJJJ-MM-DD"),
        ("/api/v1/cijfers/", "peildatum", "verplicht"),
        ("/api/v1/cijfers/?peildatum=2008-12-31", "peildatum", "vanaf 1-1-2009"),
        ("/api/v1/cijfers/?peildatum=2999-01-01", "peildatum", "toekomst"),
        ("/api/v1/cijfers/?peildatum=2012-10-01&vanaf=2012-11-01", "vanaf", "na de peildatum"),
        ("/api/v1/cijfers/?peildatum=2012-10-01&provincie=PV99", "provincie", "PV99"),
        ("/api/v1/cijfers/?peildatum=2012-10-01&lezing=gisteren", "lezing", "zoals_bekend"),
        ("/api/v1/cijfers/?peildatum=2012-10-01&gemeente=GM1900", "gemeente", "Onbekende parameter"),
        ("/api/v1/cijfers/export.csv?peildatum=2012-10-01&provnicie=PV21", "provnicie", "Onbekende"),
        ("/api/v1/gemeenten/?bestaand_op=31-2-2012", "bestaand_op", "bestaat niet"),
        ("/api/v1/gemeenten/?bestaand_op=2001-01-01", "bestaand_op", "te ver terug"),
        ("/api/v1/gemeenten/?provincie=PV21&gemeent=GM1900", "gemeent", "Onbekende parameter"),
        ("/api/v1/metingen/?status=klaar", "status", "klaar"),
        ("/api/v1/metingen/?ingediend_vanaf=gisteren", "ingediend_vanaf", "datum"),
        ("/api/v1/metingen/?page=0", "page", "bestaat niet"),
        ("/api/v1/metingen/?page=abc", "page", "bestaat niet"),
        ("/api/v1/rondes/?open_op=2012-13-01", "open_op", "bestaat niet"),
        ("/api/v1/rapporten/?soort=week", "soort", "week"),
        ("/api/v1/gemeenten/GM1900/?peildatum=2012-10-01", "peildatum", "Hier horen geen parameters bij"),
    ],
)
def test_bad_input_is_a_400_in_dutch_that_names_the_parameter(coordinator_client, url, parameter, reden):
    inhoud = probleem(coordinator_client.get(url), 400)
    assert parameter in namen(inhoud)
    redenen = " ".join(p["reason"] for p in inhoud["invalid_params"] if p["name"] == parameter)
    assert reden.lower() in redenen.lower(), redenen


@pytest.mark.parametrize(
    ("methode", "url", "status"),
    [
        ("get", "/api/v1/bestaat-niet/", 404),
        ("get", "/api/v1/gemeenten/GM9999/", 404),
        ("get", "/api/v1/rondes/99999999999999999999999/respons/", 404),
        ("get", "/api/v1/cijfers/export.pdf?peildatum=2012-10-01", 404),
        ("post", "/api/v1/gemeenten/", 405),
        ("delete", "/api/v1/metingen/", 405),
    ],
)
def test_other_errors_are_problems_too(coordinator_client, methode, url, status):
    inhoud = probleem(getattr(coordinator_client, methode)(url), status)
    assert inhoud["instance"] == url


def test_a_stranger_is_told_to_bring_a_token(referentiedata):
    response = Client().get("/api/v1/metingen/")
    inhoud = probleem(response, 401)
    assert "Authorization: Bearer" in inhoud["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")
