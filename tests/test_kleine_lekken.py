"""Three small leaks (issue 16): what a user is told never reveals anything outside their scope —
where else an address is a contact, whether an address has an account, how a national round's
mailing went outside an adviser's provinces."""

import datetime
import json

import pytest
import time_machine
from django.test import Client

from accounts.models import Uitnodiging
from gemeenten.models import Contactpersoon, Gemeente
from rondes.models import Verzending
from rondes.services import ronde_openen, ronde_uitnodigen
from tests.accounts.factories import GemeenteAccountFactory
from tests.rondes.ronde_helpers import START, contact, om
from tests.tweede_factor import geverifieerd_inloggen

pytestmark = pytest.mark.django_db

ELDERS = "Dit adres kan hier niet als contactpersoon worden vastgelegd."


def contact_toevoegen(client, cbs_code: str, email: str):
    return client.post(
        f"/gemeenten/{cbs_code}/contactpersonen/nieuw/", {"naam": "Piet Jansen", "email": email}
    )


def test_an_official_does_not_learn_where_else_an_address_is_a_contact(login, ambtenaar_sudwest):
    contact("GM0080", "piet@example.nl")  # Leeuwarden: Friesland too, but not the official's
    html = contact_toevoegen(login(ambtenaar_sudwest), "GM1900", "piet@example.nl").content.decode()
    assert ELDERS in html
    assert "Leeuwarden" not in html and "al contactpersoon" not in html
    assert Contactpersoon.objects.count() == 1


def test_an_adviser_hears_where_an_address_is_a_contact_only_within_their_provinces(
    login, adviseur_friesland
):
    contact("GM0080", "piet@example.nl")  # Leeuwarden, Friesland
    contact("GM0344", "jan@example.nl")  # Utrecht
    client = login(adviseur_friesland)
    binnen = contact_toevoegen(client, "GM1900", "piet@example.nl").content.decode()
    buiten = contact_toevoegen(client, "GM1900", "jan@example.nl").content.decode()
    assert "Dit adres is al contactpersoon van Leeuwarden." in binnen
    assert ELDERS in buiten and "Utrecht" not in buiten.split("<main")[-1].split("Provincie")[0]
    assert Contactpersoon.objects.count() == 2


def uitnodigen(client, email: str, cbs_code: str = "GM1900"):
    gemeente = Gemeente.objects.get(cbs_code=cbs_code)
    return client.post("/account/uitnodigen/", {"email": email, "gemeente": gemeente.pk}, follow=True)


def test_an_adviser_does_not_learn_whether_an_address_outside_their_scope_has_an_account(
    login, adviseur_friesland, ambtenaar_utrecht, django_capture_on_commit_callbacks
):
    client = login(adviseur_friesland)
    with django_capture_on_commit_callbacks(execute=True):
        onbekend = uitnodigen(client, "niemand@example.nl")
        bekend = uitnodigen(client, ambtenaar_utrecht.email)
    for response, adres in ((onbekend, "niemand@example.nl"), (bekend, ambtenaar_utrecht.email)):
        assert response.redirect_chain == [("/account/uitnodigen/", 302)]
        assert f"is verstuurd naar {adres}" in response.content.decode()
        assert "bestaat al een account" not in response.content.decode()
    assert Uitnodiging.objects.count() == 2
    # The account's holder, following the link, is told to log in; no second account is made.
    token = Uitnodiging.objects.get(email=ambtenaar_utrecht.email)
    assert token.account is None


def test_an_adviser_hears_of_an_existing_account_within_their_provinces(login, adviseur_friesland):
    collega = GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code="GM0080"))
    response = uitnodigen(login(adviseur_friesland), collega.email)
    assert response.context["form"].errors["email"] == ["Voor dit e-mailadres bestaat al een account."]
    assert not Uitnodiging.objects.exists()


@pytest.fixture
def landelijke_ronde(referentiedata, nulmeting, coordinator):
    with time_machine.travel(om(START), tick=False):
        ronde = ronde_openen(
            vragenlijst=nulmeting,
            naam="Eenmeting landelijk",
            opent_op=START,
            sluit_op=START + datetime.timedelta(weeks=8),
            provincies=[],
            door=coordinator,
        )
        for cbs_code in ("GM0080", "GM1900", "GM0344", "GM0363"):  # two in Friesland, two elsewhere
            contact(cbs_code)
        opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://testserver/")
    return ronde, opdracht


def test_an_adviser_sees_a_national_rounds_mailing_counts_of_their_provinces_only(
    adviseur_friesland, coordinator, landelijke_ronde
):
    ronde, opdracht = landelijke_ronde
    assert Verzending.objects.filter(opdracht=opdracht).count() == 4
    status = f"/rondes/{ronde.pk}/verzending/{opdracht.pk}/status/"
    for wie, totaal in ((adviseur_friesland, 2), (coordinator, 4)):
        client = Client()
        geverifieerd_inloggen(client, wie, backend="django.contrib.auth.backends.ModelBackend")
        tellingen = json.loads(client.get(status).content)
        assert tellingen["totaal"] == totaal and tellingen["label"].startswith(f"0 van {totaal} verwerkt")
        html = client.get(f"/rondes/{ronde.pk}/").content.decode()
        assert f"0 van {totaal} verwerkt" in html
