"""The token life cycle: a coordinator makes one for an account on a page (shown once, stored
hashed), it sees what that account sees, every use is logged, and it stops working when revoked
or expired."""

import datetime

import pytest
import time_machine
from django.test import Client

from accounts.models import Auditregel
from accounts.permissions import gemeenten_met_zichtbare_uitslag, zichtbare_uitslagen
from api.models import ApiSleutel, SleutelGebruik
from api.services import sleutel_hash
from api.tasks import sleutelgebruik_opschonen_task
from gemeenten.models import Gemeente
from tests.api.conftest import metingen_indienen
from tests.tweede_factor import geverifieerd_inloggen


def maken(client, account, **velden):
    gegevens = {
        "gebruiker": account.pk,
        "naam": "Power BI Friesland",
        "verloopt_op": (datetime.date.today() + datetime.timedelta(days=30)).strftime("%d-%m-%Y"),
        **velden,
    }
    return client.post("/api/sleutels/", gegevens, follow=True)


def getoonde_sleutel(response) -> str:
    return response.context["nieuw"]["sleutel"]


def test_a_coordinator_makes_a_token_that_is_shown_once_and_stored_hashed(
    login, coordinator, ambtenaar_sudwest
):
    client = login(coordinator)
    response = maken(client, ambtenaar_sudwest)
    assert response.redirect_chain == [("/api/sleutels/", 302)]
    sleutel = getoonde_sleutel(response)
    assert sleutel.startswith("gve_") and sleutel in response.content.decode()
    rij = ApiSleutel.objects.get()
    assert rij.gebruiker == ambtenaar_sudwest and rij.aangemaakt_door == coordinator
    assert rij.sleutel_hash == sleutel_hash(sleutel) and sleutel not in str(vars(rij))
    assert rij.verloopt_op.date() == datetime.date.today() + datetime.timedelta(days=30)
    # shown once: the page, opened again, lists the token by its first characters only
    opnieuw = client.get("/api/sleutels/").content.decode()
    assert client.session.get("api_nieuwe_sleutel") is None
    assert sleutel not in opnieuw and rij.voorvoegsel in opnieuw


def test_a_token_sees_exactly_what_its_user_sees_and_every_use_is_logged(
    login, coordinator, ambtenaar_sudwest
):
    sleutel = getoonde_sleutel(maken(login(coordinator), ambtenaar_sudwest))
    api = Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}", REMOTE_ADDR="192.0.2.7")
    gemeenten = api.get("/api/v1/gemeenten/").json()
    assert [g["cbs_code"] for g in gemeenten["results"]] == ["GM1900"]
    assert api.get("/api/v1/gemeenten/GM0344/").status_code == 403
    assert api.get("/api/v1/gemeenten/GM0091/").status_code == 200  # Sneek merged into it
    assert api.get("/api/v1/metingen/?gemeente=GM0344").json()["count"] == 0
    gebruik = list(
        SleutelGebruik.objects.order_by("moment", "pk").values_list("pad", "ip_adres", "geweigerd")
    )
    assert gebruik == [
        ("/api/v1/gemeenten/", "192.0.2.7", ""),
        ("/api/v1/gemeenten/GM0344/", "192.0.2.7", ""),
        ("/api/v1/gemeenten/GM0091/", "192.0.2.7", ""),
        ("/api/v1/metingen/?gemeente=GM0344", "192.0.2.7", ""),
    ]


def test_a_revoked_token_is_refused_in_dutch_and_the_attempt_logged(login, coordinator, ambtenaar_sudwest):
    client = login(coordinator)
    sleutel = getoonde_sleutel(maken(client, ambtenaar_sudwest))
    rij = ApiSleutel.objects.get()
    response = client.post(f"/api/sleutels/{rij.pk}/intrekken/", follow=True)
    assert "is ingetrokken" in response.content.decode()
    rij.refresh_from_db()
    assert rij.ingetrokken_op is not None and rij.ingetrokken_door == coordinator
    geweigerd = Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}").get("/api/v1/gemeenten/")
    assert geweigerd.status_code == 401
    assert geweigerd["Content-Type"] == "application/problem+json"
    assert "ingetrokken" in geweigerd.json()["detail"]
    assert SleutelGebruik.objects.get().geweigerd == "ingetrokken"
    # a revoked token cannot read the open figures either: it is refused, not taken as anonymous
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
        .get("/api/v1/cijfers/?peildatum=2012-10-01")
        .status_code
        == 401
    )


def test_a_token_works_through_its_last_day_and_not_after(login, coordinator, ambtenaar_sudwest):
    sleutel = getoonde_sleutel(maken(login(coordinator), ambtenaar_sudwest))
    api = Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    laatste_dag = datetime.date.today() + datetime.timedelta(days=30)
    with time_machine.travel(
        datetime.datetime.combine(laatste_dag, datetime.time(23, 0)).astimezone(), tick=False
    ):
        assert api.get("/api/v1/gemeenten/").status_code == 200
    with time_machine.travel(laatste_dag + datetime.timedelta(days=1), tick=False):
        verlopen = api.get("/api/v1/gemeenten/")
    assert verlopen.status_code == 401 and "verlopen" in verlopen.json()["detail"]
    assert list(SleutelGebruik.objects.order_by("moment").values_list("geweigerd", flat=True)) == [
        "",
        "verlopen",
    ]


def test_the_token_of_an_account_that_was_switched_off_stops_working(sleutel_voor, ambtenaar_sudwest):
    api = sleutel_voor(ambtenaar_sudwest)
    ambtenaar_sudwest.is_active = False
    ambtenaar_sudwest.save()
    assert api.get("/api/v1/gemeenten/").status_code == 401


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"verloopt_op": "1-1-2012"}, "verloopt_op", "na vandaag"),
        ({"verloopt_op": "31-2-2030"}, "verloopt_op", "bestaat niet"),
        (
            {"verloopt_op": (datetime.date.today() + datetime.timedelta(days=400)).strftime("%d-%m-%Y")},
            "verloopt_op",
            "hoogstens",
        ),
        ({"naam": ""}, "naam", "waarvoor de sleutel dient"),
        ({"gebruiker": "99999999999999999999"}, "gebruiker", "mogelijkheden uit de lijst"),
    ],
)
def test_a_wrong_form_says_why_beside_the_field_keeps_the_input_and_stores_nothing(
    login, coordinator, ambtenaar_sudwest, velden, veld, melding
):
    response = maken(login(coordinator), ambtenaar_sudwest, **velden)
    assert response.status_code == 200
    form = response.context["form"]
    assert melding in " ".join(form.errors[veld]).lower(), form.errors
    assert form.data["naam"] == velden.get("naam", "Power BI Friesland")
    assert ApiSleutel.objects.count() == 0 and response.context["nieuw"] is None


def test_only_coordinators_manage_tokens(login, adviseur_friesland, ambtenaar_sudwest, coordinator):
    for gebruiker in (adviseur_friesland, ambtenaar_sudwest):
        client = login(gebruiker)
        assert client.get("/api/sleutels/").status_code == 403
        assert maken(client, gebruiker).status_code == 403
        client.logout()
    assert ApiSleutel.objects.count() == 0


def test_an_official_of_a_merged_municipality_gets_the_predecessors_metingen_as_on_the_pages(
    referentiedata, nulmeting, ambtenaar_sudwest, sleutel_voor, client
):
    """Súdwest-Fryslân (2011) shows Bolsward's and Sneek's nulmetingen on its pages; the API gives
    its official the same, and nothing of Leeuwarden."""
    metingen_indienen(
        nulmeting,
        [("GM0064", "2009-10-01", True), ("GM0091", "2009-11-01", False), ("GM0080", "2009-11-01", True)],
    )
    antwoord = sleutel_voor(ambtenaar_sudwest).get("/api/v1/metingen/").json()
    assert sorted(m["gemeente"] for m in antwoord["results"]) == ["GM0064", "GM0091"]
    assert all(len(m["scores"]) == 13 for m in antwoord["results"])
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    assert client.get("/nulmeting/GM0064/nulmeting-2009/uitslag/").status_code == 200
    assert client.get("/nulmeting/GM0080/nulmeting-2009/uitslag/").status_code == 403


def test_the_list_rule_and_the_page_rule_agree_on_every_municipality(
    referentiedata, ambtenaar_sudwest, adviseur_friesland
):
    for gebruiker in (ambtenaar_sudwest, adviseur_friesland):
        gemeenten = list(Gemeente.objects.all())
        lijst = set(gemeenten_met_zichtbare_uitslag(gebruiker).values_list("pk", flat=True))
        assert lijst == zichtbare_uitslagen(gebruiker, gemeenten), gebruiker


# --- the audit trail (decision 0021) -------------------------------------------------------------


def test_making_using_and_revoking_a_token_is_in_the_audit_trail_without_the_token(
    login, coordinator, ambtenaar_sudwest
):
    client = login(coordinator)
    sleutel = getoonde_sleutel(maken(client, ambtenaar_sudwest))
    rij = ApiSleutel.objects.get()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}", REMOTE_ADDR="192.0.2.7")
    assert api.get("/api/v1/gemeenten/").status_code == 200
    client.post(f"/api/sleutels/{rij.pk}/intrekken/")
    assert api.get("/api/v1/gemeenten/").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer gve_bestaat-niet").get("/api/v1/gemeenten/").status_code == 401

    Actie = Auditregel.Actie
    regels = Auditregel.objects.filter(
        actie__in=[Actie.AANGEMAAKT, Actie.TOKEN_GEBRUIKT, Actie.GEWIJZIGD]
    ).order_by("pk")
    assert [(r.actie, r.object_id, r.gebruiker, r.adres, r.resultaat, r.toelichting) for r in regels] == [
        (Actie.AANGEMAAKT, str(rij.pk), coordinator, "127.0.0.1", "gelukt", ""),
        (Actie.TOKEN_GEBRUIKT, str(rij.pk), ambtenaar_sudwest, "192.0.2.7", "gelukt", "API-sleutel"),
        (Actie.GEWIJZIGD, str(rij.pk), coordinator, "127.0.0.1", "gelukt", "ingetrokken"),
        (
            Actie.TOKEN_GEBRUIKT,
            str(rij.pk),
            ambtenaar_sudwest,
            "192.0.2.7",
            "geweigerd",
            "API-sleutel ingetrokken",
        ),
        (Actie.TOKEN_GEBRUIKT, "", None, "127.0.0.1", "mislukt", "API-sleutel onbekend"),
    ]
    assert {r.object_soort for r in regels[:4]} == {"api.apisleutel"}
    assert regels[0].object_omschrijving == f"API-sleutel #{rij.pk} van account #{ambtenaar_sudwest.pk}"
    alles = " ".join(str(v) for v in Auditregel.objects.values_list())
    assert sleutel not in alles and rij.voorvoegsel not in alles and "bestaat-niet" not in alles
    assert ambtenaar_sudwest.email not in alles


def test_the_request_log_is_kept_for_its_retention_and_then_removed(
    sleutel_voor, ambtenaar_sudwest, settings
):
    settings.API_GEBRUIK_BEWAREN_DAGEN = 90
    api = sleutel_voor(ambtenaar_sudwest, dagen=200)
    begin = datetime.datetime.now(tz=datetime.UTC)
    assert api.get("/api/v1/gemeenten/").status_code == 200
    with time_machine.travel(begin + datetime.timedelta(days=89)):
        assert api.get("/api/v1/gemeenten/").status_code == 200
        assert sleutelgebruik_opschonen_task() == 0  # the first request is 89 days old: kept
    with time_machine.travel(begin + datetime.timedelta(days=91)):
        assert sleutelgebruik_opschonen_task() == 1
    overgebleven = SleutelGebruik.objects.get()
    assert overgebleven.moment > begin + datetime.timedelta(days=88)
