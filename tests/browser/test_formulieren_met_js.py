"""What only a browser shows (issue 17): the session form has one Tab stop per group and the
arrow keys inside it, the chosen municipalities as chips that untick when removed; the report
form shows only the fields of the chosen kind."""

import pytest
from playwright.sync_api import expect

from gemeenten.models import Organisatie
from tests.accounts.factories import AdviseurFactory
from tests.browser.paginas import inloggen
from tests.toegangsmatrix import client_voor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("themas_en_basisfuncties"),
]

# The controls in the form the Tab key stops at.
TABSTOPS = """() => [...document.querySelectorAll('main form a, main form button, main form input, main form select, main form textarea')]
  .filter((e) => e.tabIndex >= 0 && !e.disabled && e.type !== 'hidden' && e.offsetParent !== null).length"""


@pytest.fixture
def adviseur(referentiedata):
    return AdviseurFactory(organisatie=Organisatie.objects.get(naam="Partoer"))


@pytest.fixture
def gespreksformulier(page, live_server, adviseur):
    inloggen(page, live_server, client_voor("adviseur", {"adviseur": adviseur}))
    page.goto(f"{live_server.url}/advies/gesprekken/nieuw/")
    return page


def test_the_session_form_has_few_tab_stops_and_arrow_keys_inside_a_group(gespreksformulier):
    page = gespreksformulier
    assert page.evaluate(TABSTOPS) <= 16  # was 67: one per municipality and theme
    eerste = page.locator("#gemeenten-lijst input[type=checkbox]").first
    eerste.focus()
    page.keyboard.press("ArrowDown")
    tweede = page.locator("#gemeenten-lijst input[type=checkbox]").nth(1)
    expect(tweede).to_be_focused()
    page.keyboard.press("Space")
    expect(tweede).to_be_checked()
    assert page.evaluate("document.activeElement.tabIndex") == 0
    assert page.evaluate("document.querySelectorAll('#gemeenten-lijst input[tabindex=\"0\"]').length") == 1


def test_chosen_municipalities_are_chips_that_untick_when_removed(gespreksformulier):
    page = gespreksformulier
    page.fill("#gemeente-zoek", "leeuw")
    page.check("text=Leeuwarden (Friesland)")
    page.fill("#gemeente-zoek", "amel")
    page.check("text=Ameland (Friesland)")
    chips = page.locator(".chips button")
    expect(chips).to_have_count(2)
    expect(page.get_by_text("Nog geen gemeente gekozen.")).to_be_hidden()
    page.get_by_role("button", name="Leeuwarden (Friesland) weghalen uit de keuze").click()
    expect(chips).to_have_count(1)
    expect(page.get_by_label("Leeuwarden (Friesland)", exact=True)).not_to_be_checked()
    expect(page.get_by_label("Ameland (Friesland)", exact=True)).to_be_checked()


def test_the_report_form_shows_only_the_fields_of_the_chosen_kind(page, live_server, coordinator):
    inloggen(page, live_server, client_voor("coordinator", {"coordinator": coordinator}))
    page.goto(f"{live_server.url}/rapportage/")
    page.get_by_role("radio", name="Kwartaalrapportage").check()
    expect(page.get_by_label("Kwartaal (kwartaalrapportage)")).to_be_visible()
    expect(page.get_by_label("Jaar (maand- en kwartaalrapportage)")).to_be_visible()
    expect(page.get_by_label("Maand (maandrapportage)")).to_be_hidden()
    expect(page.get_by_label("Peildatum (eindrapportage)")).to_be_hidden()
    page.get_by_role("radio", name="Eindrapportage").check()
    expect(page.get_by_label("Peildatum (eindrapportage)")).to_be_visible()
    expect(page.get_by_label("Kwartaal (kwartaalrapportage)")).to_be_hidden()
