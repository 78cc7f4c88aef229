"""Privacy (AVG, docs/privacy.md): a coordinator exports and erases one person's data, the audit
trail keeps a pseudonymised record, and contacts go a set time after the programme ends."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.audit import Actie, vastleggen
from accounts.models import Auditregel, Uitnodiging, User
from gemeenten.models import Contactpersoon, Gemeente
from gemeenten.services import contactpersonen_opschonen
from tests.accounts.factories import WACHTWOORD
from tests.gemeenten.factories import ContactpersoonFactory
from tests.tweede_factor import app_van, geverifieerd_inloggen

PAGINA = "/persoonsgegevens/"


@pytest.fixture
def persoon(ambtenaar_sudwest):
    """An official who is also a contact of their municipality, with some history in the trail."""
    contact = ContactpersoonFactory(
        gemeente=ambtenaar_sudwest.gemeente, email=ambtenaar_sudwest.email, naam="Sietske"
    )
    app_van(ambtenaar_sudwest)
    Auditregel.objects.create(gebruiker=ambtenaar_sudwest, rol="gemeente", actie="inloggen", adres="10.0.0.7")
    # entries about the person as an object: their second factor, an invitation, the contact
    vastleggen(Actie.TWEEDE_FACTOR_INGESTELD, gebruiker=ambtenaar_sudwest, object=ambtenaar_sudwest)
    uitnodiging = Uitnodiging.objects.create(
        email=ambtenaar_sudwest.email,
        gemeente=ambtenaar_sudwest.gemeente,
        token_hash="x" * 64,
        verloopt_op=timezone.now(),
    )
    vastleggen(Actie.TOKEN_GEBRUIKT, object=uitnodiging)
    vastleggen(Actie.BEKEKEN, object=contact)
    return ambtenaar_sudwest


def test_the_coordinator_finds_and_downloads_everything_about_a_person(client, coordinator, persoon):
    geverifieerd_inloggen(client, coordinator)
    pagina = client.get(PAGINA, {"email": persoon.email}).content.decode()
    assert "Contactpersoon bij: Súdwest-Fryslân" in pagina
    gegevens = json.loads(client.get("/persoonsgegevens/export", {"email": persoon.email}).content)
    assert gegevens["account"]["gemeente"] == "Súdwest-Fryslân"
    assert gegevens["contactpersoon"][0]["naam"] == "Sietske"
    assert gegevens["auditlog"][0]["ip-adres"] == "10.0.0.7"


def test_an_unknown_address_holds_nothing(client, coordinator, referentiedata):
    geverifieerd_inloggen(client, coordinator)
    assert "niets bewaard" in client.get(PAGINA, {"email": "niemand@example.nl"}).content.decode()


def test_erasure_keeps_the_audit_trail_under_the_accounts_number_only(client, coordinator, persoon):
    email, pk = persoon.email, persoon.pk
    geverifieerd_inloggen(client, coordinator)
    zonder_vinkje = client.post("/persoonsgegevens/wissen", {"email": email})
    assert "Vink aan dat u de gegevens echt wilt wissen." in zonder_vinkje.content.decode()
    assert User.objects.get(pk=pk).email == email  # nothing erased

    client.post("/persoonsgegevens/wissen", {"email": email, "bevestigen": "on"})

    gewist = User.objects.get(pk=pk)
    assert gewist.is_gewist and gewist.naam == "" and not gewist.is_active
    assert not gewist.has_usable_password()
    assert not Contactpersoon.objects.filter(email=email).exists()
    assert not Contactpersoon.history.filter(email=email).exists()
    assert Auditregel.objects.filter(gebruiker_id=pk, adres="10.0.0.7").exists()  # the trail keeps it
    spoor = " ".join(str(v) for v in Auditregel.objects.values_list())
    assert email not in spoor and "Sietske" not in spoor and persoon.naam not in spoor
    assert Auditregel.objects.filter(actie="persoonsgegevens_gewist", gebruiker=coordinator).exists()
    client.post("/account/uitloggen/")
    response = client.post("/account/inloggen/", {"username": email, "password": WACHTWOORD})
    assert response.status_code == 200  # can no longer log in
    geverifieerd_inloggen(client, coordinator)
    assert f"account #{pk}" in client.get("/account/audit/").content.decode()


def test_a_coordinator_cannot_erase_their_own_account(client, coordinator):
    geverifieerd_inloggen(client, coordinator)
    response = client.post("/persoonsgegevens/wissen", {"email": coordinator.email, "bevestigen": "on"})
    assert "Uw eigen account kunt u hier niet wissen" in response.content.decode()
    assert User.objects.get(pk=coordinator.pk).email == coordinator.email


def test_contacts_are_removed_the_configured_time_after_the_programme(referentiedata, settings):
    ContactpersoonFactory.create_batch(3, gemeente=Gemeente.objects.get(cbs_code="GM1900"))
    settings.PROGRAMMA_EINDE = ""
    assert contactpersonen_opschonen(vandaag=datetime.date(2040, 1, 1)) == 0  # no end date: kept
    settings.PROGRAMMA_EINDE, settings.CONTACTEN_BEWAREN_DAGEN = "2012-12-31", 365
    assert contactpersonen_opschonen(vandaag=datetime.date(2013, 12, 30)) == 0
    assert Contactpersoon.objects.count() == 3
    assert contactpersonen_opschonen(vandaag=datetime.date(2013, 12, 31)) == 3
    assert not Contactpersoon.objects.exists() and not Contactpersoon.history.exists()
    uit = io.StringIO()
    call_command("contactpersonen_opschonen", stdout=uit)
    assert "0 contactpersonen verwijderd" in uit.getvalue()
