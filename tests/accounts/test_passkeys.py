"""Passkeys beside the app (django-otp-webauthn, decision 0020): a user removes only their own, in
Dutch when the choice is wrong; a coordinator's reset removes them too; the ceremony endpoints
answer a bad body with a JSON error, never a server error; before the second step only the login
ceremony answers. The browser runs the ceremonies in tests/browser/test_passkeys.py."""

import json

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import Auditregel
from accounts.tweefactor import heeft_tweede_factor
from tests.accounts.factories import WACHTWOORD, AdviseurFactory, CoordinatorFactory
from tests.tweede_factor import app_van, geverifieerd_inloggen

pytestmark = pytest.mark.django_db


def passkey(user, sleutel: bytes = b"een") -> WebAuthnCredential:
    return WebAuthnCredential.objects.create(
        user=user, name="passkey", confirmed=True, credential_id=sleutel, public_key=b"x"
    )


def test_a_user_removes_their_own_passkey_and_keeps_the_app(client):
    adviseur = AdviseurFactory()
    eigen = passkey(adviseur)
    geverifieerd_inloggen(client, adviseur)
    pagina = client.get("/account/passkeys/").content.decode()
    assert "Passkey van" in pagina and 'id="passkey-registration-placeholder"' in pagina
    response = client.post("/account/passkeys/", {"passkey": eigen.pk}, follow=True)
    assert "De passkey is verwijderd." in response.content.decode()
    assert not WebAuthnCredential.objects.exists() and heeft_tweede_factor(adviseur)
    regel = Auditregel.objects.get(actie="verwijderd", toelichting="passkey")
    assert regel.gebruiker == adviseur


@pytest.mark.parametrize("waarde", ["", "abc", "99999999999999999999", "-1"])
def test_a_wrong_choice_is_refused_in_dutch(client, waarde):
    adviseur = AdviseurFactory()
    passkey(adviseur)
    geverifieerd_inloggen(client, adviseur)
    response = client.post("/account/passkeys/", {"passkey": waarde})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies de passkey die u wilt verwijderen." in html or "bestaat niet (meer) bij uw account" in html
    assert WebAuthnCredential.objects.count() == 1


def test_another_users_passkey_cannot_be_removed(client):
    adviseur, ander = AdviseurFactory(), AdviseurFactory()
    vreemd = passkey(ander, b"ander")
    geverifieerd_inloggen(client, adviseur)
    response = client.post("/account/passkeys/", {"passkey": vreemd.pk})
    assert "Deze passkey bestaat niet (meer) bij uw account." in response.content.decode()
    assert WebAuthnCredential.objects.filter(pk=vreemd.pk).exists()


def test_a_coordinators_reset_removes_the_passkeys_too(client):
    coby, adviseur = CoordinatorFactory(), AdviseurFactory()
    app_van(adviseur)
    passkey(adviseur)
    geverifieerd_inloggen(client, coby)
    client.post(f"/account/{adviseur.pk}/tweede-stap-wissen/")
    assert not WebAuthnCredential.objects.exists() and not heeft_tweede_factor(adviseur)


@pytest.mark.parametrize(
    "pad",
    ["registration/begin/", "registration/complete/", "authentication/begin/", "authentication/complete/"],
)
@pytest.mark.parametrize("lichaam", ["", "niet json", json.dumps({"id": 1}), json.dumps([1, 2]), "{" * 500])
def test_a_bad_body_gets_a_json_error_never_a_server_error(client, pad, lichaam):
    adviseur = AdviseurFactory()
    geverifieerd_inloggen(client, adviseur)
    response = client.post(f"/account/passkey/{pad}", lichaam, content_type="application/json")
    assert response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/json")


def test_before_the_second_step_only_the_login_ceremony_answers(client):
    adviseur = AdviseurFactory()
    app_van(adviseur)
    passkey(adviseur)
    client.post("/account/inloggen/", {"username": adviseur.email, "password": WACHTWOORD})
    begin = client.post("/account/passkey/authentication/begin/", "{}", content_type="application/json")
    assert begin.status_code == 200 and "challenge" in begin.json()
    registreren = client.post("/account/passkey/registration/begin/", "{}", content_type="application/json")
    assert registreren.status_code == 302 and registreren.url.startswith("/account/tweede-stap/")
    assert client.get("/account/passkeys/").url.startswith("/account/tweede-stap/")


def test_an_identifier_over_a_thousand_is_written_without_a_separator(client):
    """Numbers in prose get a thousands separator (1.234); an id in a form must not (it was
    'value="1.234"' on the pages that wrote ids by hand, refused on submit)."""
    adviseur = AdviseurFactory()
    eigen = WebAuthnCredential.objects.create(
        pk=1234, user=adviseur, name="passkey", confirmed=True, credential_id=b"groot", public_key=b"x"
    )
    geverifieerd_inloggen(client, adviseur)
    assert 'value="1234"' in client.get("/account/passkeys/").content.decode()
    client.post("/account/passkeys/", {"passkey": "1234"})
    assert not WebAuthnCredential.objects.filter(pk=eigen.pk).exists()
