"""Two-factor login (BIO2 5.17.01, decision 0020): the code after the password, recovery codes,
setting the app up, a coordinator's reset, the admin only with a verified second factor, and the
demo accounts' fixed secret."""

import binascii
import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Auditregel
from accounts.services import DEMO_TOTP_SLEUTEL, demo_accounts_maken
from accounts.tweefactor import heeft_tweede_factor, herstelcodes_maken
from tests.accounts.factories import WACHTWOORD, AdviseurFactory, CoordinatorFactory
from tests.tweede_factor import app_van, code_voor, geverifieerd_inloggen

STAP = "/account/tweede-stap/"
INSTELLEN = "/account/tweede-stap/instellen/"
Actie = Auditregel.Actie


@pytest.fixture
def coby(db):
    user = CoordinatorFactory(email="coby@movisie.example.nl")
    app_van(user)
    return user


def wachtwoord(client, user):
    return client.post("/account/inloggen/", {"username": user.email, "password": WACHTWOORD})


def test_after_the_password_only_the_second_step_answers(client, coby):
    # through the real login form; every URL of the project as such a session is requested by
    # tests/test_access_matrix.py::test_past_the_password_every_url_but_the_second_steps_sends_there
    assert wachtwoord(client, coby).status_code == 302
    response = client.get("/overzicht/")
    assert response.url == f"{STAP}?next=%2Foverzicht%2F"
    assert client.get("/account/audit/").url.startswith(STAP)
    assert client.get("/beheer/").url.startswith(STAP)


def test_a_wrong_code_is_refused_with_a_message_and_recorded(client, coby):
    wachtwoord(client, coby)
    response = client.post(STAP, {"code": "000000"})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get("/overzicht/").status_code == 302
    regel = Auditregel.objects.get(actie=Actie.INLOGGEN_MISLUKT)
    assert (regel.gebruiker, regel.toelichting, regel.resultaat) == (coby, "tweede factor", "mislukt")


def test_the_apps_code_completes_the_login(client, coby):
    wachtwoord(client, coby)
    response = client.post(f"{STAP}?next=/rondes/", {"code": code_voor(app_van(coby))})
    assert response.url == "/rondes/"
    assert client.get("/overzicht/").status_code == 200
    toelichtingen = list(
        Auditregel.objects.filter(actie=Actie.INLOGGEN, gebruiker=coby).values_list("toelichting", flat=True)
    )
    assert sorted(toelichtingen) == ["tweede factor", "wachtwoord juist"]


def test_a_code_cannot_be_used_twice(client, coby):
    code = code_voor(app_van(coby))
    wachtwoord(client, coby)
    client.post(STAP, {"code": code})
    client.post("/account/uitloggen/")
    wachtwoord(client, coby)
    response = client.post(STAP, {"code": code})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()


def test_next_never_leads_off_the_site(client, coby):
    wachtwoord(client, coby)
    response = client.post(f"{STAP}?next=https://elders.example.com/", {"code": code_voor(app_van(coby))})
    assert response.url == "/overzicht/"


def test_a_recovery_code_logs_in_once(client, coby):
    codes = herstelcodes_maken(coby)
    wachtwoord(client, coby)
    response = client.post(STAP, {"code": codes[0]}, follow=True)
    assert response.redirect_chain[-1][0] == "/overzicht/"
    assert "nog 9" in response.content.decode()
    assert Auditregel.objects.filter(actie=Actie.INLOGGEN, toelichting="herstelcode").count() == 1
    client.post("/account/uitloggen/")
    wachtwoord(client, coby)
    assert client.post(STAP, {"code": codes[0]}).status_code == 200  # used up
    assert client.get("/overzicht/").status_code == 302


def test_an_account_without_an_app_sets_one_up_and_gets_recovery_codes(client, db):
    user = AdviseurFactory()
    wachtwoord(client, user)
    assert client.get("/overzicht/").url.startswith(INSTELLEN)
    pagina = client.get(INSTELLEN).content.decode()
    apparaat = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "<svg" in pagina and "QR-code" in pagina

    fout = client.post(INSTELLEN, {"code": "123456"})
    assert "Deze code klopt niet" in fout.content.decode()
    assert not heeft_tweede_factor(user)

    # After a wrong code the device waits a moment (django-otp's back-off) before it listens again.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):
        response = client.post(INSTELLEN, {"code": code_voor(apparaat)})
        codes = response.context["codes"]
        assert len(codes) == 10 and all(c in response.content.decode() for c in codes)
        assert 'href="/overzicht/"' in response.content.decode()
        assert heeft_tweede_factor(user)
        assert StaticDevice.objects.get(user=user).token_set.count() == 10
        assert client.get("/overzicht/").status_code == 200
    assert Auditregel.objects.filter(actie=Actie.TWEEDE_FACTOR_INGESTELD, gebruiker=user).exists()


def test_a_coordinator_resets_a_lost_second_factor(client, coby):
    adviseur = AdviseurFactory()
    app_van(adviseur)
    herstelcodes_maken(adviseur)
    geverifieerd_inloggen(client, coby)
    response = client.post(f"/account/{adviseur.pk}/tweede-stap-wissen/", follow=True)
    assert "is gewist" in response.content.decode()
    assert not heeft_tweede_factor(adviseur)
    assert not StaticDevice.objects.filter(user=adviseur).exists()
    regel = Auditregel.objects.get(actie=Actie.TWEEDE_FACTOR_GERESET)
    assert (regel.gebruiker, regel.object_id) == (coby, str(adviseur.pk))

    client.post("/account/uitloggen/")
    wachtwoord(client, adviseur)
    assert client.get("/overzicht/").url.startswith(INSTELLEN)


def test_only_a_coordinator_resets_a_second_factor(client, coby):
    adviseur = AdviseurFactory()
    geverifieerd_inloggen(client, adviseur)
    assert client.post(f"/account/{coby.pk}/tweede-stap-wissen/").status_code == 403
    assert heeft_tweede_factor(coby)
    assert Auditregel.objects.filter(actie=Actie.GEWEIGERD, gebruiker=adviseur).exists()


def test_the_admin_needs_staff_and_a_verified_second_factor(client, db, settings):
    staf = CoordinatorFactory(is_staff=True, is_superuser=True)
    app_van(staf)
    client.force_login(staf)
    assert client.get("/beheer/").url.startswith(STAP)
    geverifieerd_inloggen(client, staf)
    assert client.get("/beheer/").status_code == 200

    # Even without the product's middleware the admin itself refuses an unverified session.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "accounts.middleware.TweedeFactorVereist"]
    zonder = Client()
    zonder.force_login(staf)
    assert zonder.get("/beheer/").status_code == 404


def test_demo_accounts_share_a_fixed_secret_and_are_no_superusers(referentiedata, capsys):
    call_command("demo_accounts")
    uitvoer = capsys.readouterr().out
    sleutel = binascii.unhexlify(DEMO_TOTP_SLEUTEL)
    for user in demo_accounts_maken():
        apparaat = TOTPDevice.objects.get(user=user, confirmed=True)
        assert apparaat.key == DEMO_TOTP_SLEUTEL
        assert not (user.is_staff or user.is_superuser)
    assert "Tweede stap" in uitvoer and "demo-sleutel" in uitvoer
    call_command("demo_code")
    assert capsys.readouterr().out.strip() == f"{TOTP(sleutel).token():06d}"
