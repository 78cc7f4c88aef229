"""The OpenAPI document: valid, with the ADR's contact, and committed, so a change of the API shows
in review. Regenerate it with
``manage.py spectacular --format openapi-json --file docs/api/openapi.json --validate``."""

import json
from pathlib import Path

from django.conf import settings
from drf_spectacular.validation import validate_schema

from api.documentatie import openapi_document

VASTGELEGD = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.json"


def schema_nu() -> dict:
    openapi_document.cache_clear()
    return openapi_document()


def test_the_schema_validates_against_the_openapi_3_specification():
    validate_schema(schema_nu())  # raises on an invalid document


def test_the_committed_schema_is_the_one_the_code_generates():
    assert json.loads(VASTGELEGD.read_text()) == schema_nu(), (
        "docs/api/openapi.json is out of date: regenerate it (see this module's docstring)"
    )


def test_the_served_document_names_a_contact_and_the_version(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    info = response.json()["info"]
    assert info["contact"]["email"] and info["contact"]["name"]
    assert info["version"] == settings.API_VERSIE == response["API-Version"]
    assert all(pad.startswith("/api/v1/") for pad in response.json()["paths"])


def test_every_list_is_paged_and_every_token_endpoint_says_how_to_authenticate():
    schema = schema_nu()
    lijsten = [pad for pad, item in schema["paths"].items() if "page" in str(item["get"].get("parameters"))]
    assert {"/api/v1/gemeenten/", "/api/v1/metingen/", "/api/v1/rondes/", "/api/v1/rapporten/"} <= set(
        lijsten
    )
    assert schema["components"]["securitySchemes"]["apiSleutel"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "Een API-sleutel, te krijgen van een coördinator (zie /api/koppelen/).",
    }
    open_cijfers = schema["paths"]["/api/v1/cijfers/"]["get"]["security"]
    assert {} in open_cijfers  # readable without a token
    assert {} not in schema["paths"]["/api/v1/metingen/"]["get"]["security"]


def test_the_documentation_page_shows_every_endpoint_its_parameters_and_objects(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200 and response["API-Version"] == settings.API_VERSIE
    html = response.content.decode()
    schema = schema_nu()
    for pad, item in schema["paths"].items():
        for methode, operatie in item.items():
            assert f"{methode.upper()} {pad}" in html
            for parameter in operatie.get("parameters", []):
                assert f"<code>{parameter['name']}</code>" in html, (pad, parameter["name"])
    for naam in schema["components"]["schemas"]:
        assert f'id="object-{naam}"' in html
    assert "<script>" not in html  # nothing inline: the site's Content-Security-Policy holds
