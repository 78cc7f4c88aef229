"""An adviser of Partoer logs a joint session in a real Chromium, finds it in the list, opens it and
edits it. Screenshots of the main steps go to artifacts/screenshots/advies-*.png."""

import re

import pytest
from playwright.sync_api import expect

from advies.models import Adviesgesprek
from gemeenten.models import Organisatie
from tests.accounts.factories import WACHTWOORD, AdviseurFactory
from tests.tweede_factor import app_van, tweede_stap_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("themas_en_basisfuncties"),
]

SCHERM = "artifacts/screenshots"
VERSLAG = "Gezamenlijk gesprek met Súdwest-Fryslân en Leeuwarden over respijtzorg en informatie."


@pytest.fixture
def adviseur(referentiedata, themas_en_basisfuncties):
    return AdviseurFactory(
        email="journey@partoer.example.nl",
        naam="Janneke Journey",
        organisatie=Organisatie.objects.get(naam="Partoer"),
    )


def inloggen(page, live_server, adviseur) -> None:
    app_van(adviseur)
    page.goto(f"{live_server.url}/")
    page.get_by_label("E-mailadres").fill(adviseur.email)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    tweede_stap_in_browser(page, adviseur)
    page.wait_for_url(f"{live_server.url}/overzicht/")


def gemeente_kiezen(page, zoekterm: str, label: str) -> None:
    page.locator("#gemeente-zoek").fill(zoekterm)
    # Only the matching municipality (and those already ticked) stay in view.
    assert page.get_by_label("Harlingen (Friesland)").is_hidden()
    page.get_by_role("checkbox", name=label).check()  # the chip above names it too


def gesprek_vastleggen(page, live_server, adviseur) -> Adviesgesprek:
    """Log in, open 'Gesprek vastleggen', fill in a joint session and save it; returns the stored session."""
    inloggen(page, live_server, adviseur)
    page.get_by_role("link", name="Adviesgesprekken").first.click()
    page.wait_for_url(f"{live_server.url}/advies/gesprekken/")
    page.get_by_role("link", name="Gesprek vastleggen").click()
    page.wait_for_url(f"{live_server.url}/advies/gesprekken/nieuw/")
    assert page.locator("h1").inner_text() == "Adviesgesprek vastleggen"

    page.get_by_label("Datum van het gesprek").fill("2012-03-01")
    assert page.locator("#gemeente-zoek").is_visible(), "the search box is shown once JavaScript runs"
    gemeente_kiezen(page, "súdwest", "Súdwest-Fryslân (Friesland)")
    gemeente_kiezen(page, "leeuw", "Leeuwarden (Friesland)")
    page.locator("#gemeente-zoek").fill("")
    assert page.get_by_role("checkbox", name="Súdwest-Fryslân (Friesland)").is_checked()

    # With 'beide' both groups of themes are offered; an adviser ticks one of each ...
    page.get_by_label("Beide", exact=True).check()
    page.get_by_label("Vertalen", exact=True).check()
    page.get_by_label("Respijtzorg", exact=True).check()
    # ... then narrows the topic to mantelzorg: the vrijwilligerswerk themes disappear and are unticked.
    page.get_by_label("Mantelzorg", exact=True).check()
    assert page.locator("[data-domein='vrijwilligerswerk']").is_hidden()
    assert page.get_by_label("Vertalen", exact=True).is_hidden()
    assert not page.get_by_label("Vertalen", exact=True).is_checked()
    assert page.locator("[data-domein='mantelzorg']").is_visible()
    assert page.get_by_label("Respijtzorg", exact=True).is_checked()
    page.get_by_label("Informatie", exact=True).check()

    page.get_by_label("Uren").fill("1,5")
    page.get_by_label("Kort verslag").fill(VERSLAG)
    page.get_by_label("Vervolgafspraken").fill("Concept-notitie sturen in april.")
    page.screenshot(path=f"{SCHERM}/advies-01-formulier-ingevuld.png", full_page=True)

    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_url(f"{live_server.url}/advies/gesprekken/")
    assert "Het gesprek van 1 maart 2012 is vastgelegd." in page.content()
    gesprek = Adviesgesprek.objects.get()
    assert gesprek.onderwerp == "mantelzorg"
    assert {g.cbs_code for g in gesprek.gemeenten.all()} == {"GM1900", "GM0080"}
    assert {t.naam for t in gesprek.themas.all()} == {"Respijtzorg", "Informatie"}
    return gesprek


def openen_vanuit_de_lijst(page, live_server, gesprek) -> None:
    page.get_by_role("link", name="Mijn gesprekken").click()
    page.wait_for_url(f"{live_server.url}/advies/gesprekken/?mijn=1")
    page.wait_for_load_state()
    rij = page.locator("tbody tr", has_text="Leeuwarden, Súdwest-Fryslân")
    expect(rij).to_have_count(1)
    assert "1,5" in rij.inner_text()
    assert "Informatie; Respijtzorg" in rij.inner_text()
    page.screenshot(path=f"{SCHERM}/advies-02-lijst.png", full_page=True)

    rij.get_by_role("link", name="1-3-2012").click()
    page.wait_for_url(f"{live_server.url}/advies/gesprekken/{gesprek.pk}/")
    inhoud = page.locator("main").inner_text()
    assert "Adviesgesprek van 1 maart 2012" in inhoud
    assert VERSLAG in inhoud
    assert "Janneke Journey (Partoer)" in inhoud
    assert re.search(r"Vastgelegd\s+door Janneke Journey", inhoud)
    page.screenshot(path=f"{SCHERM}/advies-03-detail.png", full_page=True)


def test_an_adviser_logs_a_joint_session_and_finds_it_in_the_list(page, live_server, adviseur):
    gesprek = gesprek_vastleggen(page, live_server, adviseur)
    openen_vanuit_de_lijst(page, live_server, gesprek)


def test_an_adviser_edits_the_session_and_sees_the_change_and_the_history(page, live_server, adviseur):
    gesprek = gesprek_vastleggen(page, live_server, adviseur)
    openen_vanuit_de_lijst(page, live_server, gesprek)

    page.get_by_role("link", name="Wijzigen").click()
    page.wait_for_url(f"{live_server.url}/advies/gesprekken/{gesprek.pk}/wijzigen/")
    page.screenshot(path=f"{SCHERM}/advies-04-wijzigen-geopend.png", full_page=True)
    assert page.get_by_label("Uren").input_value() == "1,5", "the form shows the session as it is"
    assert page.get_by_role("checkbox", name="Leeuwarden (Friesland)").is_checked()

    page.get_by_label("Uren").fill("2,5")
    page.get_by_label("Kort verslag").fill(VERSLAG + " Aangevuld na overleg.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state()
    page.screenshot(path=f"{SCHERM}/advies-05-na-wijzigen.png", full_page=True)
    assert page.url == f"{live_server.url}/advies/gesprekken/{gesprek.pk}/"
    inhoud = page.locator("main").inner_text()
    assert "Het gesprek is bijgewerkt." in inhoud
    assert "Aangevuld na overleg." in inhoud
    assert re.search(r"Gewijzigd door Janneke Journey", inhoud)
    assert "uren: «1.5» → «2.5»" in inhoud or "uren: «1,5» → «2,5»" in inhoud
