"""Every refusal is in the audit trail (issue 16, decision 0021), also where a page answers 404 so
as not to show that something exists, where Django's CSRF check refuses a post, and where the API
refuses a key: by URL name and method, with who and from where. A typo in an address by someone
not logged in is no refusal and is not recorded."""

import datetime

import pytest
from django.test import Client

from accounts.models import Auditregel
from api.services import api_sleutel_maken
from importen.models import Importrun
from tests.tweede_factor import geverifieerd_inloggen

pytestmark = pytest.mark.django_db

Actie = Auditregel.Actie


def weigeringen() -> list[tuple]:
    return list(
        Auditregel.objects.filter(actie=Actie.GEWEIGERD)
        .order_by("pk")
        .values_list("gebruiker", "toelichting", "resultaat", "adres")
    )


def test_an_import_run_of_someone_else_is_a_404_that_is_recorded(client, coordinator, ambtenaar_utrecht):
    run = Importrun.objects.create(
        door=coordinator, titel="Adviesgesprekken importeren", bestandsnaam="groot.csv", inhoud=b"datum"
    )
    geverifieerd_inloggen(client, ambtenaar_utrecht)
    assert client.get(f"/importen/{run.pk}/").status_code == 404
    assert weigeringen() == [
        (
            ambtenaar_utrecht.pk,
            "GET importen:importrun (niet gevonden of niet toegankelijk)",
            "geweigerd",
            "127.0.0.1",
        )
    ]


def test_the_technical_admin_refused_to_a_user_without_staff_rights_is_recorded(client, coordinator):
    geverifieerd_inloggen(client, coordinator)
    assert client.get("/beheer/").status_code == 404
    assert weigeringen() == [
        (coordinator.pk, "GET admin:index (niet gevonden of niet toegankelijk)", "geweigerd", "127.0.0.1")
    ]


def test_a_post_without_a_valid_csrf_token_is_refused_in_dutch_and_recorded(coordinator):
    client = Client(enforce_csrf_checks=True)
    geverifieerd_inloggen(client, coordinator)
    response = client.post("/rapportage/", {"soort": "eind", "peildatum": "1-10-2012"})
    assert response.status_code == 403
    assert "Het formulier is niet verstuurd" in response.content.decode()
    assert weigeringen() == [
        (coordinator.pk, "POST rapportage:lijst (geen geldig CSRF-token)", "geweigerd", "127.0.0.1")
    ]


def test_an_api_key_asking_outside_its_scope_is_recorded(coordinator, ambtenaar_utrecht):
    _, sleutel = api_sleutel_maken(
        gebruiker=ambtenaar_utrecht,
        naam="test",
        verloopt_op=datetime.date.today() + datetime.timedelta(days=30),
        door=coordinator,
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    assert client.get("/api/v1/gemeenten/GM1900/").status_code == 403
    assert weigeringen() == [
        (ambtenaar_utrecht.pk, "GET api:gemeente (API)", "geweigerd", "127.0.0.1"),
    ]


def test_a_typo_by_someone_not_logged_in_is_not_a_refusal(client, referentiedata):
    assert client.get("/bestaat-niet/").status_code == 404
    assert client.get("/importen/1/").status_code in (302, 404)
    assert weigeringen() == []
