"""An official fills in the nulmeting in a real Chromium: part of it, leaves, comes back, finishes,
submits and sees the result with its figure."""

import re

import pytest
from playwright.sync_api import expect

from gemeenten.models import Gemeente
from nulmeting.models import Meting
from tests.accounts.factories import WACHTWOORD, GemeenteAccountFactory
from tests.browser.nulmeting_invullen import GOED, stap_invullen
from tests.nulmeting.antwoorden import goed_of_niet
from tests.tweede_factor import app_van, tweede_stap_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCHERMEN = "artifacts/screenshots"


@pytest.fixture
def ambtenaar(referentiedata, nulmeting):
    return GemeenteAccountFactory(
        email="ambtenaar@sudwest.example.nl",
        naam="Sietske Hoekstra",
        gemeente=Gemeente.objects.get(cbs_code="GM1900"),
    )


def inloggen(page, live_server, user):
    app_van(user)
    page.goto(f"{live_server.url}/")
    page.wait_for_url(re.compile(r"/account/inloggen/"))
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    tweede_stap_in_browser(page, user)
    page.wait_for_url(f"{live_server.url}/overzicht/")


def test_official_fills_in_part_leaves_returns_finishes_and_sees_the_result(
    page, live_server, ambtenaar, nulmeting
):
    basis = f"{live_server.url}/nulmeting/GM1900/nulmeting-2009"
    basisfuncties = nulmeting.opbouw.basisfuncties
    antwoorden = goed_of_niet(nulmeting.opbouw, GOED)
    antwoorden["VW-VERBINDEN-2"] = "online"  # chosen by its label below; keeps Verbinden 'goed'

    # 1. log in and start
    inloggen(page, live_server, ambtenaar)
    page.goto(f"{live_server.url}/nulmeting/")
    page.get_by_role("link", name="Beginnen").click()
    page.wait_for_url(f"{basis}/stap/1/")
    expect(page.get_by_text("Stap 1 van 13")).to_be_visible()

    # 2. steps 1 and 2, then leave
    stap_invullen(page, basisfuncties[0], antwoorden)
    page.screenshot(path=f"{SCHERMEN}/nulmeting-1-stap-1.png", full_page=True)
    page.get_by_role("button", name="Opslaan en volgende").click()
    page.wait_for_url(f"{basis}/stap/2/")
    expect(page.get_by_text("Stap 2 van 13")).to_be_visible()
    stap_invullen(page, basisfuncties[1], antwoorden)
    page.get_by_label("Ja, via internet en actueel").check()  # the vacancy bank is online
    page.get_by_role("button", name="Opslaan en volgende").click()
    page.wait_for_url(f"{basis}/stap/3/")
    page.get_by_role("button", name="accountmenu").click()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/account/inloggen/")
    stap_1_en_2 = {v.code for b in basisfuncties[:2] for v in b.vragen}
    assert set(Meting.objects.get().antwoorden.values_list("vraag__code", flat=True)) == stap_1_en_2

    # 3. back again: the saved answers are there
    inloggen(page, live_server, ambtenaar)
    page.goto(f"{live_server.url}/nulmeting/")
    expect(page.get_by_text("Concept, laatst bewaard")).to_be_visible()
    page.get_by_role("link", name="Verder invullen").click()
    page.wait_for_url(f"{basis}/stap/1/")
    for vraag in basisfuncties[0].vragen:
        if vraag.opties:
            expect(
                page.locator(f'input[name="{vraag.code}"][value="{antwoorden[vraag.code]}"]')
            ).to_be_checked()
    page.screenshot(path=f"{SCHERMEN}/nulmeting-2-terug-stap-1.png", full_page=True)
    page.get_by_role("button", name="2. Verbinden en makelen").click()
    page.wait_for_url(f"{basis}/stap/2/")
    expect(page.get_by_label("Ja, via internet en actueel")).to_be_checked()
    expect(page.locator('input[name="VW-VERBINDEN-3"]')).to_have_value(antwoorden["VW-VERBINDEN-3"])
    page.get_by_role("button", name="3. Versterken").click()
    page.wait_for_url(f"{basis}/stap/3/")

    # 4. the remaining steps
    for nummer in range(3, 14):
        expect(page.get_by_text(f"Stap {nummer} van 13")).to_be_visible()
        stap_invullen(page, basisfuncties[nummer - 1], antwoorden)
        if nummer == 9:
            page.screenshot(path=f"{SCHERMEN}/nulmeting-3-stap-9.png", full_page=True)
        knop = "Opslaan en volgende" if nummer < 13 else "Opslaan en naar samenvatting"
        page.get_by_role("button", name=knop).click()
        page.wait_for_url(f"{basis}/stap/{nummer + 1}/" if nummer < 13 else f"{basis}/samenvatting/")

    # 5. the summary, then submit
    expect(page.get_by_role("heading", name="Samenvatting van uw antwoorden")).to_be_visible()
    assert "zonder antwoord" not in page.content()
    page.screenshot(path=f"{SCHERMEN}/nulmeting-4-samenvatting.png", full_page=True)
    page.get_by_role("button", name="Definitief indienen").click()
    page.wait_for_url(f"{basis}/uitslag/")

    # 6. the result, with the figure
    expect(page.get_by_text("Ingediend. Hieronder ziet u de uitkomst.")).to_be_visible()
    expect(page.get_by_text(f"Súdwest-Fryslân heeft {len(GOED)} van de 13 basisfuncties")).to_be_visible()
    figuur = page.locator("figure:not(.kaart) svg")
    expect(figuur).to_have_count(1)
    expect(figuur).to_be_visible()
    assert figuur.bounding_box()["width"] > 300
    expect(page.locator("main > .schuifvak > table tbody tr th[scope=row]")).to_have_count(13)

    # 7. the province map under it, with its table collapsed until asked for
    kaart = page.locator("figure.kaart svg")
    expect(kaart).to_be_visible()
    assert kaart.bounding_box()["width"] > 300
    expect(kaart.locator("g > title")).to_have_count(13)  # 12 provinces and the own outline
    tabel = page.locator("details.kaart-tabel table")
    expect(tabel).to_be_hidden()
    page.get_by_text("De cijfers van deze kaart als tabel").click()
    expect(tabel.locator("tbody th[scope=row]")).to_have_count(12)
    page.screenshot(path=f"{SCHERMEN}/nulmeting-5-uitslag.png", full_page=True)
    meting = Meting.objects.get()
    assert meting.is_ingediend and meting.scores.filter(goed_voor_elkaar=True).count() == len(GOED)
