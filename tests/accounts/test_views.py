"""Every page asks the permissions module; these check what each role gets to see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeenten.models import Provincie
from tests.accounts.factories import WACHTWOORD
from tests.tweede_factor import app_van, code_voor


def test_official_sees_their_own_municipality_page(ambtenaar_sudwest, login):
    response = login(ambtenaar_sudwest).get("/gemeenten/GM1900/")
    assert response.status_code == 200
    pagina = response.content.decode()
    assert '<h1 class="h3">Súdwest-Fryslân</h1>' in pagina
    assert "Bolsward" in pagina  # "voortgekomen uit"


def test_official_is_refused_another_municipality(ambtenaar_sudwest, ambtenaar_utrecht, login):
    response = login(ambtenaar_sudwest).get("/gemeenten/GM0344/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
    assert "Utrecht" not in response.content.decode()


def test_adviser_sees_friesland_but_is_refused_utrecht(adviseur_friesland, login):
    client = login(adviseur_friesland)
    assert client.get("/gemeenten/GM1900/").status_code == 200
    assert client.get("/gemeenten/GM0064/").status_code == 200  # dissolved Bolsward is still Friesland
    assert client.get("/gemeenten/GM0344/").status_code == 403


def test_unknown_municipality_is_404(coordinator, referentiedata, login):
    assert login(coordinator).get("/gemeenten/GM9999/").status_code == 404


def test_anonymous_municipality_page_redirects_to_login(referentiedata, client):
    response = client.get("/gemeenten/GM1900/")
    assert response.status_code == 302
    assert response.url == "/account/inloggen/?next=/gemeenten/GM1900/"


# --- the list of municipalities -------------------------------------------------------------------


def test_adviser_list_holds_only_their_provinces(adviseur_friesland, login):
    response = login(adviseur_friesland).get("/gemeenten/")

    assert response.status_code == 200
    pagina = response.context["pagina"]
    assert pagina.paginator.count == 27
    assert {g.provincie.naam for g in pagina.object_list} == {"Friesland"}
    assert "Súdwest-Fryslân" in response.content.decode()
    assert "Utrecht" not in response.content.decode()


def test_adviser_cannot_filter_on_another_province(adviseur_friesland, login):
    utrecht = Provincie.objects.get(naam="Utrecht")
    response = login(adviseur_friesland).get("/gemeenten/", {"provincie": utrecht.pk})
    assert response.context["form"].errors["provincie"]
    assert {g.provincie.naam for g in response.context["pagina"].object_list} == {"Friesland"}


def test_official_is_refused_the_list(ambtenaar_sudwest, login):
    assert login(ambtenaar_sudwest).get("/gemeenten/").status_code == 403


def test_anonymous_list_redirects_to_login(db, client):
    response = client.get("/gemeenten/")
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")


def test_list_is_paginated_and_searchable(coordinator, referentiedata, login):
    client = login(coordinator)

    eerste = client.get("/gemeenten/")
    assert eerste.context["pagina"].paginator.count == 415
    assert len(eerste.context["pagina"].object_list) == 50
    assert "Pagina 1 van 9" in eerste.content.decode()

    laatste = client.get("/gemeenten/", {"pagina": 9})
    assert len(laatste.context["pagina"].object_list) == 415 - 8 * 50

    gezocht = client.get("/gemeenten/", {"zoek": "gm0344"})
    assert [g.naam for g in gezocht.context["pagina"].object_list] == ["Utrecht"]


def aantal_queries(client, provincie: str) -> int:
    pk = Provincie.objects.get(naam=provincie).pk
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/gemeenten/", {"provincie": pk})
    assert response.status_code == 200
    return len(queries)


def test_list_uses_the_same_number_of_queries_for_a_small_and_a_large_province(
    coordinator, referentiedata, login, django_assert_max_num_queries
):
    client = login(coordinator)
    klein = aantal_queries(client, "Flevoland")  # 6 municipalities
    groot = aantal_queries(client, "Zuid-Holland")  # 72, over two pages
    assert klein == groot
    with django_assert_max_num_queries(6):  # session, user, verified device, count, provinces, page
        client.get("/gemeenten/")


# --- dashboards -----------------------------------------------------------------------------------


def test_anonymous_dashboard_redirects_to_login(db, client):
    response = client.get("/overzicht/")
    assert response.status_code == 302
    assert response.url == "/account/inloggen/?next=/overzicht/"


@pytest.mark.parametrize(
    ("wie", "kop", "sjabloon"),
    [
        ("coordinator", "Overzicht van het programma", "portaal/dashboard/coordinator.html"),
        ("adviseur_friesland", "Overzicht Partoer", "portaal/dashboard/adviseur.html"),
        ("ambtenaar_sudwest", "Súdwest-Fryslân", "portaal/dashboard/gemeente.html"),
    ],
)
def test_each_role_sees_its_own_dashboard(request, referentiedata, client, wie, kop, sjabloon):
    user = request.getfixturevalue(wie)
    apparaat = app_van(user)
    client.post("/account/inloggen/", {"username": user.email, "password": WACHTWOORD})
    response = client.post(
        "/account/tweede-stap/?next=/overzicht/", {"code": code_voor(apparaat)}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/overzicht/"
    assert f'<h1 class="h3">{kop}</h1>' in response.content.decode()
    assert sjabloon in [t.name for t in response.templates]


def test_adviser_dashboard_counts_only_their_provinces(adviseur_friesland, login):
    response = login(adviseur_friesland).get("/overzicht/")
    assert response.context["per_provincie"] == [{"provincie__naam": "Friesland", "aantal": 27}]


def test_coordinator_dashboard_counts_all_provinces(coordinator, referentiedata, login):
    response = login(coordinator).get("/overzicht/")
    per_provincie = response.context["per_provincie"]
    assert len(per_provincie) == 12
    assert sum(rij["aantal"] for rij in per_provincie) == 415
