"""Passkeys as the second step (issue 16, BIO2 5.17.01), in Chromium with a virtual authenticator
(the DevTools protocol's WebAuthn domain: a platform authenticator that confirms the user): one is
added after logging in with the app, and the next login's second step is done with it."""

import pytest
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from accounts.models import Auditregel
from accounts.services import DEMO_WACHTWOORD, demo_accounts_maken
from tests.tweede_factor import tweede_stap_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp


def wachtwoord(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/account/tweede-stap/**")


def test_a_passkey_added_after_logging_in_does_the_next_second_step(
    page, live_server, referentiedata, authenticator
):
    gea = next(u for u in demo_accounts_maken() if u.rol == "gemeente")
    live = live_server.url.replace("127.0.0.1", "localhost")  # a passkey's domain is a name, not an address

    class Server:
        url = live

    wachtwoord(page, Server, gea)
    expect(page.get_by_role("button", name="Inloggen met een passkey")).to_have_count(0)  # none yet
    tweede_stap_in_browser(page, gea)
    page.wait_for_url(f"{live}/overzicht/")
    page.get_by_role("button", name="accountmenu").click()
    page.get_by_role("link", name="Passkeys").click()
    expect(page.get_by_text("U heeft nog geen passkey.")).to_be_visible()
    page.wait_for_load_state("networkidle")  # the library's script and its texts are loaded
    page.get_by_role("button", name="Passkey toevoegen").click()
    expect(page.get_by_role("button", name="Verwijderen")).to_be_visible(timeout=20_000)  # the page shows it
    assert WebAuthnCredential.objects.filter(user=gea, confirmed=True).count() == 1
    assert Auditregel.objects.filter(actie="tweede_factor_ingesteld", toelichting="passkey").count() == 1

    page.get_by_role("button", name="accountmenu").click()
    page.get_by_role("button", name="Uitloggen").click()
    wachtwoord(page, Server, gea)
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Inloggen met een passkey").click()
    page.wait_for_url(f"{live}/overzicht/", timeout=20_000)
    expect(page.locator("h1")).to_have_text("Súdwest-Fryslân")
    assert Auditregel.objects.filter(actie="inloggen", toelichting="passkey", gebruiker=gea).count() == 1
