"""The audit trail (BIO2 8.15.01, decision 0021): an entry of each kind, append-only in the app
and (on PostgreSQL) in the database, retention, never a password or token, the coordinator's
search and export, and the access review (BIO2 5.18.02)."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential
from openpyxl import load_workbook

from accounts.audit import audit_opschonen, vastleggen
from accounts.models import AuditNietWijzigbaar, Auditregel
from accounts.services import uitnodiging_maken
from advies.services import adviesgesprek_herstellen, adviesgesprek_verwijderen
from gemeenten.models import Gemeente
from gemeenten.services import contactpersoon_opslaan, contactpersoon_verwijderen
from tests.accounts.factories import WACHTWOORD, CoordinatorFactory, GemeenteAccountFactory
from tests.advies.factories import AdviesgesprekFactory
from tests.nulmeting.factories import MetingFactory
from tests.tweede_factor import app_van, geverifieerd_inloggen

Actie = Auditregel.Actie
FOUT_WACHTWOORD = "Geheim-fout-wachtwoord-77"


def regels(actie: str):
    return Auditregel.objects.filter(actie=actie)


def test_a_failed_login_names_the_account_and_address_but_never_the_password(client, coordinator):
    client.post("/account/inloggen/", {"username": coordinator.email, "password": FOUT_WACHTWOORD})
    regel = regels(Actie.INLOGGEN_MISLUKT).get()
    assert (regel.gebruiker, regel.rol, regel.adres, regel.resultaat) == (
        coordinator,
        "coordinator",
        "127.0.0.1",
        "mislukt",
    )
    alles = " ".join(str(v) for v in Auditregel.objects.values_list())
    assert FOUT_WACHTWOORD not in alles and WACHTWOORD not in alles


def test_login_logout_and_lockout_are_recorded(client, coordinator):
    client.post("/account/inloggen/", {"username": coordinator.email, "password": WACHTWOORD})
    client.post("/account/uitloggen/")
    for _ in range(5):
        client.post("/account/inloggen/", {"username": coordinator.email, "password": FOUT_WACHTWOORD})
    assert regels(Actie.INLOGGEN).get().gebruiker == coordinator
    assert regels(Actie.UITLOGGEN).get().gebruiker == coordinator
    geblokkeerd = regels(Actie.GEBLOKKEERD).get()
    assert (geblokkeerd.gebruiker, geblokkeerd.resultaat) == (coordinator, "geweigerd")


def test_viewing_a_result_and_a_contact_list_is_recorded(client, ambtenaar_sudwest, nulmeting):
    meting = MetingFactory(gemeente=ambtenaar_sudwest.gemeente, vragenlijst=nulmeting, ingediend=True)
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    assert client.get("/nulmeting/GM1900/nulmeting-2009/uitslag/").status_code == 200
    assert client.get("/gemeenten/GM1900/").status_code == 200
    uitslag, pagina = regels(Actie.BEKEKEN).order_by("pk")
    assert (uitslag.object_soort, uitslag.object_id) == ("nulmeting.meting", str(meting.pk))
    assert (pagina.object_soort, pagina.object_id) == (
        "gemeenten.gemeente",
        str(ambtenaar_sudwest.gemeente.pk),
    )
    assert pagina.gebruiker == ambtenaar_sudwest


def test_every_download_is_recorded(client, adviseur_friesland):
    geverifieerd_inloggen(client, adviseur_friesland)
    assert client.get("/advies/gesprekken/export.csv").status_code == 200
    regel = regels(Actie.EXPORT).get()
    assert regel.gebruiker == adviseur_friesland
    assert regel.toelichting.startswith("advies:export adviesgesprekken-")


def test_create_change_delete_and_restore_are_recorded(coordinator, adviseur_friesland, rf):
    sudwest = Gemeente.objects.get(cbs_code="GM1900")
    contact = contactpersoon_opslaan(
        gemeente=sudwest, naam="Anna", email="anna@sudwest.example.nl", door=coordinator
    )
    contactpersoon_opslaan(
        gemeente=sudwest,
        naam="Anna B.",
        email="anna@sudwest.example.nl",
        door=coordinator,
        contactpersoon=contact,
    )
    contactpersoon_verwijderen(contactpersoon=contact, door=coordinator)
    soorten = list(
        Auditregel.objects.filter(object_soort="gemeenten.contactpersoon")
        .order_by("pk")
        .values_list("actie", flat=True)
    )
    assert soorten == [Actie.AANGEMAAKT, Actie.GEWIJZIGD, Actie.VERWIJDERD]
    assert "anna@" not in " ".join(Auditregel.objects.values_list("object_omschrijving", flat=True))

    gesprek = AdviesgesprekFactory(adviseur=adviseur_friesland)
    tot_nu = Auditregel.objects.order_by("pk").last().pk
    adviesgesprek_verwijderen(gesprek=gesprek, door=adviseur_friesland)
    adviesgesprek_herstellen(gesprek=gesprek, door=coordinator)
    laatste = Auditregel.objects.filter(object_soort="advies.adviesgesprek", pk__gt=tot_nu).order_by("pk")
    assert [r.actie for r in laatste] == [Actie.VERWIJDERD, Actie.HERSTELD]
    assert laatste.last().gebruiker == coordinator


def test_a_refused_page_is_recorded_by_its_name(client, ambtenaar_sudwest):
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    assert client.get("/account/audit/").status_code == 403
    regel = regels(Actie.GEWEIGERD).get()
    assert (regel.gebruiker, regel.toelichting, regel.resultaat) == (
        ambtenaar_sudwest,
        "GET accounts:audit",
        "geweigerd",
    )


def test_using_an_invitation_link_is_recorded_without_the_token(client, referentiedata, coordinator):
    _, token = uitnodiging_maken(
        email="nieuw@sudwest.example.nl",
        gemeente=Gemeente.objects.get(cbs_code="GM1900"),
        door=coordinator,
        basis_url="http://testserver/",
    )
    client.get("/account/uitnodiging/bestaat-niet/")
    client.post(
        f"/account/uitnodiging/{token}/",
        {"naam": "Nieuw", "wachtwoord1": WACHTWOORD, "wachtwoord2": WACHTWOORD},
    )
    mislukt, gelukt = regels(Actie.TOKEN_GEBRUIKT).order_by("pk")
    assert (mislukt.resultaat, gelukt.resultaat) == ("mislukt", "gelukt")
    assert gelukt.gebruiker.email == "nieuw@sudwest.example.nl"
    alles = " ".join(str(v) for v in Auditregel.objects.values_list())
    assert token not in alles and "bestaat-niet" not in alles


def test_using_a_password_link_is_recorded(client, coordinator):
    client.post("/account/wachtwoord-vergeten/", {"email": coordinator.email})
    link = re.search(r"http://testserver(/account/wachtwoord/\S+/)", mail.outbox[0].body).group(1)
    formulier = client.get(link, follow=True)
    nieuw = "Een-heel-nieuw-wachtwoord-2012"
    client.post(formulier.redirect_chain[-1][0], {"new_password1": nieuw, "new_password2": nieuw})
    regel = regels(Actie.TOKEN_GEBRUIKT).get()
    assert regel.gebruiker == coordinator
    assert link.split("/")[-2] not in " ".join(str(v) for v in Auditregel.objects.values_list())


def test_entries_cannot_be_changed_or_deleted_through_the_app(coordinator):
    regel = vastleggen(Actie.INLOGGEN, gebruiker=coordinator)
    regel.toelichting = "anders"
    for poging in (regel.save, regel.delete, Auditregel.objects.all().delete):
        with pytest.raises(AuditNietWijzigbaar):
            poging()
    with pytest.raises(AuditNietWijzigbaar):
        Auditregel.objects.update(toelichting="anders")
    assert Auditregel.objects.get().toelichting == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_update_and_delete_in_the_database(coordinator):
    vastleggen(Actie.INLOGGEN, gebruiker=coordinator)
    for sql in ("UPDATE accounts_auditregel SET toelichting = 'x'", "DELETE FROM accounts_auditregel"):
        with (
            pytest.raises(DatabaseError, match="alleen worden aangevuld"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert Auditregel.objects.count() == 1


def test_entries_older_than_the_retention_are_pruned(coordinator, settings):
    settings.AUDIT_BEWAARTERMIJN_DAGEN = 3 * 365
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3 * 365 + 2)):
        vastleggen(Actie.INLOGGEN, gebruiker=coordinator, toelichting="oud")
    with time_machine.travel(timezone.now() - datetime.timedelta(days=3 * 365 - 2)):
        vastleggen(Actie.INLOGGEN, gebruiker=coordinator, toelichting="net binnen")
    assert audit_opschonen() == 1
    assert list(Auditregel.objects.values_list("toelichting", flat=True)) == ["net binnen"]
    call_command("audit_opschonen", stdout=io.StringIO())
    assert Auditregel.objects.count() == 1


def test_the_coordinator_searches_the_trail(client, coordinator, django_assert_max_num_queries):
    anderen = CoordinatorFactory.create_batch(3)
    for user in anderen:
        vastleggen(Actie.EXPORT, gebruiker=user, toelichting="bestand")
    geverifieerd_inloggen(client, coordinator)
    with django_assert_max_num_queries(7):  # session, user, device, count, page (+ the entry itself)
        response = client.get("/account/audit/", {"actie": "export"})
    tekst = response.content.decode()
    assert all(u.email in tekst for u in anderen)
    assert response.context["pagina"].paginator.count == 3
    fout = client.get("/account/audit/", {"van": "geen datum", "adres": "geen adres"})
    assert fout.status_code == 200
    assert "Voer een geldige datum in" in fout.content.decode()


def test_the_trail_is_exported_as_csv_and_xlsx(client, coordinator):
    vastleggen(Actie.EXPORT, gebruiker=coordinator, toelichting="eerder")
    geverifieerd_inloggen(client, coordinator)
    csv = client.get("/account/audit/export.csv", {"actie": "export"}).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("tijdstip;account;rol")
    assert "eerder" in csv
    xlsx = client.get("/account/audit/export.xlsx")
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    assert blad["A1"].value == "tijdstip" and blad.max_row >= 2


def test_the_access_review_lists_every_account(
    client, coordinator, referentiedata, django_assert_max_num_queries
):
    app_van(coordinator)
    zonder = GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code="GM1900"))
    uitnodiging, token = uitnodiging_maken(
        email="later@sudwest.example.nl",
        gemeente=zonder.gemeente,
        door=coordinator,
        basis_url="http://testserver/",
    )
    client.post(
        f"/account/uitnodiging/{token}/",
        {"naam": "Later", "wachtwoord1": WACHTWOORD, "wachtwoord2": WACHTWOORD},
    )
    client.post("/account/uitloggen/")
    met_passkey = GemeenteAccountFactory(gemeente=zonder.gemeente)
    WebAuthnCredential.objects.create(
        user=met_passkey, name="passkey", confirmed=True, credential_id=b"een", public_key=b"x"
    )
    geverifieerd_inloggen(client, coordinator)
    with django_assert_max_num_queries(6):  # session, user, device, count, page
        pagina = client.get("/account/toegangsoverzicht/").content.decode()
    assert zonder.email in pagina and "niet ingesteld" in pagina
    csv = client.get("/account/toegangsoverzicht/export.csv").content.decode("utf-8-sig")
    kop, *rijen = csv.splitlines()
    assert kop.split(";")[:4] == ["e-mailadres", "naam", "rol", "bereik"]
    later = next(r.split(";") for r in rijen if r.startswith("later@"))
    assert later[3] == "Súdwest-Fryslân" and later[7] == "nee" and later[8] == coordinator.email
    eigen = next(r.split(";") for r in rijen if r.startswith(coordinator.email))
    assert eigen[7] == "app" and eigen[6] != ""
    assert next(r.split(";") for r in rijen if r.startswith(met_passkey.email))[7] == "passkey"
