import pytest
from playwright.sync_api import expect

from accounts.services import DEMO_WACHTWOORD, demo_accounts_maken
from tests.tweede_factor import tweede_stap_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_accounts(referentiedata):
    return {user.rol: user for user in demo_accounts_maken()}


@pytest.mark.parametrize(
    ("rol", "kop"),
    [
        ("coordinator", "Overzicht van het programma"),
        ("adviseur", "Overzicht Partoer"),
        ("gemeente", "Súdwest-Fryslân"),
    ],
)
def test_each_demo_role_logs_in_to_its_own_dashboard(page, live_server, demo_accounts, rol, kop):
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Inloggen"
    page.get_by_label("E-mailadres").fill(demo_accounts[rol].email)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    tweede_stap_in_browser(page, demo_accounts[rol])  # the demo accounts' fixed secret
    page.wait_for_url(f"{live_server.url}/overzicht/")
    assert page.locator("h1").inner_text() == kop
    page.screenshot(path=f"artifacts/screenshots/dashboard-{rol}.png", full_page=True)

    page.get_by_role("button", name="accountmenu").click()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/account/inloggen/")


def test_wrong_password_is_refused_in_dutch(page, live_server, demo_accounts):
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(demo_accounts["coordinator"].email)
    page.get_by_label("Wachtwoord").fill("verkeerd")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Het e-mailadres of het wachtwoord klopt niet.")).to_be_visible()
    assert page.get_by_label("E-mailadres").input_value() == demo_accounts["coordinator"].email
