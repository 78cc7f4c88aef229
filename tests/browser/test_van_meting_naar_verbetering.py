"""From measurement to improvement in a real Chromium (issue 19): an official submits the nulmeting
and asks advice on two weak basisfuncties from the result page; the adviser of the province sees the
request on the start page and in the mail, accepts it, logs a session on those themes, and the
request closes; the official sees that and marks steps of the nine-step plan; a coordinator opens
an eenmeting, the official submits it with the two basisfuncties now 'goed voor elkaar' and sees
the change next to the change in the province and the country (the spiegel over time).
"""

import re

import pytest
from playwright.sync_api import expect

from advies.models import Adviesaanvraag, Beleidsstap
from gemeenten.models import Gemeente, Organisatie
from tests.accounts.factories import WACHTWOORD, AdviseurFactory, CoordinatorFactory, GemeenteAccountFactory
from tests.browser.nulmeting_invullen import GOED, stap_invullen
from tests.nulmeting.antwoorden import goed_of_niet
from tests.tweede_factor import app_van, tweede_stap_in_browser
from tests.worker_helpers import wacht_op

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("themas_en_basisfuncties"),
]

SCHERM = "artifacts/screenshots/verbetering"


@pytest.fixture
def mensen(referentiedata, nulmeting):
    return {
        "ambtenaar": GemeenteAccountFactory(
            email="sietske@sudwest.example.nl", gemeente=Gemeente.objects.get(cbs_code="GM1900")
        ),
        "adviseur": AdviseurFactory(
            email="arend@partoer.example.nl",
            naam="Arend Adviseur",
            organisatie=Organisatie.objects.get(naam="Partoer"),
        ),
        "coordinator": CoordinatorFactory(email="carla@movisie.example.nl"),
    }


def nieuwe_pagina(browser):
    return browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()


def inloggen(page, live_server, user) -> None:
    app_van(user)
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    tweede_stap_in_browser(page, user)
    page.wait_for_url(f"{live_server.url}/overzicht/")


def nulmeting_indienen(page, live_server, nulmeting, code: str = "nulmeting-2009", goed=GOED) -> None:
    basis = f"{live_server.url}/nulmeting/GM1900/{code}"
    antwoorden = goed_of_niet(nulmeting.opbouw, goed)
    page.get_by_role("link", name="Vragenlijsten").click()
    page.locator(f"a[href='/nulmeting/GM1900/{code}/stap/1/']").click()
    for nummer, basisfunctie in enumerate(nulmeting.opbouw.basisfuncties, start=1):
        page.wait_for_url(f"{basis}/stap/{nummer}/")
        stap_invullen(page, basisfunctie, antwoorden)
        page.get_by_role(
            "button", name="Opslaan en volgende" if nummer < 13 else "Opslaan en naar samenvatting"
        ).click()
    page.wait_for_url(f"{basis}/samenvatting/")
    page.get_by_role("button", name="Definitief indienen").click()
    page.wait_for_url(f"{basis}/uitslag/")


def test_from_a_weak_basisfunctie_to_advice_and_a_plan(
    browser, live_server, mensen, nulmeting, smtp, celery_worker
):
    ambtenaar, adviseur = mensen["ambtenaar"], mensen["adviseur"]

    # 1. The official submits the nulmeting and asks advice on two weak basisfuncties.
    sietske = nieuwe_pagina(browser)
    inloggen(sietske, live_server, ambtenaar)
    nulmeting_indienen(sietske, live_server, nulmeting)
    expect(sietske.get_by_role("link", name="Advies aanvragen over Verbinden en makelen")).to_have_count(0)
    sietske.screenshot(path=f"{SCHERM}-01-uitkomst.png", full_page=True)
    sietske.get_by_role("link", name="Advies aanvragen over Verbreiden").click()
    expect(sietske.get_by_role("heading", name="Advies aanvragen voor Súdwest-Fryslân")).to_be_visible()
    expect(sietske.get_by_label("Verbreiden")).to_be_checked()
    sietske.get_by_label("Emotionele steun").check()
    sietske.get_by_label("Uw vraag").fill("Hoe bereiken we meer mantelzorgers en nieuwe vrijwilligers?")
    sietske.get_by_label("Wanneer komt een gesprek u het beste uit?").fill("na de zomer")
    sietske.get_by_role("button", name="Aanvraag versturen").click()
    expect(sietske.get_by_text("Wacht op een adviseur")).to_be_visible()
    aanvraag = Adviesaanvraag.objects.get()
    assert {b.naam for b in aanvraag.basisfuncties.all()} == {"Verbreiden", "Emotionele steun"}
    # The mail goes out through the real mail path (a Celery worker on CI) to the CMO's adviser.
    [mail] = wacht_op(lambda: smtp.aan(adviseur.email), seconden=60)
    assert "Adviesaanvraag van" in str(mail["Subject"])

    # 2. The adviser finds it on the start page, accepts it and logs a session for it.
    arend = nieuwe_pagina(browser)
    inloggen(arend, live_server, adviseur)
    verzoeken = arend.locator("section", has_text="Open adviesaanvragen")
    expect(verzoeken.get_by_role("cell", name="Súdwest-Fryslân", exact=True)).to_be_visible()
    arend.screenshot(path=f"{SCHERM}-02-adviseur-start.png", full_page=True)
    verzoeken.get_by_role("link", name=re.compile("aanvraag van Súdwest-Fryslân")).click()
    arend.get_by_role("button", name="Aanvraag aannemen").click()
    expect(arend.get_by_text("U heeft de aanvraag van Súdwest-Fryslân aangenomen.")).to_be_visible()
    arend.get_by_role("link", name="Gesprek vastleggen voor deze aanvraag").click()
    expect(arend.get_by_role("checkbox", name="Súdwest-Fryslân (Friesland)")).to_be_checked()
    expect(arend.get_by_label("Verbreiden", exact=True)).to_be_checked()
    expect(arend.get_by_label("Emotionele steun", exact=True)).to_be_checked()
    expect(arend.get_by_label("Beide", exact=True)).to_be_checked()
    arend.get_by_label("Uren").fill("2")
    arend.get_by_label("Kort verslag").fill("Werving van vrijwilligers en steun aan mantelzorgers besproken.")
    arend.screenshot(path=f"{SCHERM}-03-gesprek.png", full_page=True)
    arend.get_by_role("button", name="Opslaan", exact=True).click()
    arend.wait_for_url(f"{live_server.url}/advies/gesprekken/")
    aanvraag.refresh_from_db()
    assert aanvraag.status == "afgesloten"
    assert {t.naam for t in aanvraag.gesprek.themas.all()} == {"Verbreiden", "Emotionele steun"}

    # 3. The official sees the request closed and marks steps of the nine-step plan.
    sietske.goto(f"{live_server.url}/advies/aanvragen/{aanvraag.pk}/")
    expect(sietske.get_by_text("Afgesloten met een adviesgesprek")).to_be_visible()
    sietske.get_by_role("link", name="Beleidsplan", exact=True).click()
    sietske.get_by_role("link", name="Stap 1 bijwerken").click()
    sietske.get_by_label("Klaar").check()
    sietske.get_by_label("Notitie").fill("Visie besproken met de wethouder.")
    sietske.get_by_label(re.compile("met Arend Adviseur")).check()
    sietske.get_by_role("button", name="Opslaan").click()
    sietske.get_by_role("link", name="Stap 2 bijwerken").click()
    sietske.get_by_label("Bezig").check()
    sietske.get_by_role("button", name="Opslaan").click()
    expect(sietske.get_by_text("1 van de 9 stappen klaar, 1 bezig")).to_be_visible()
    sietske.screenshot(path=f"{SCHERM}-04-beleidsplan.png", full_page=True)
    stap = Beleidsstap.objects.get(gemeente=ambtenaar.gemeente, stap=1)
    assert stap.status == "klaar" and list(stap.gesprekken.all()) == [aanvraag.gesprek]

    # 4. A coordinator opens the eenmeting; the official submits it, now with the two basisfuncties
    #    'goed voor elkaar', and sees her own change next to the province's and the country's.
    carla = nieuwe_pagina(browser)
    inloggen(carla, live_server, mensen["coordinator"])
    carla.goto(f"{live_server.url}/nulmeting/eenmeting-openen/")
    carla.get_by_role("button", name="Openen").click()
    expect(carla.get_by_text("Eenmeting 2012 is geopend.")).to_be_visible()
    verbeterd = {
        b.code for b in nulmeting.opbouw.basisfuncties if b.naam in {"Verbreiden", "Emotionele steun"}
    }
    sietske.goto(f"{live_server.url}/overzicht/")
    nulmeting_indienen(sietske, live_server, nulmeting, "eenmeting-2012", GOED | verbeterd)
    vergelijking = sietske.locator("table", has_text="dezelfde gemeenten")
    for naam in ("Verbreiden", "Emotionele steun"):
        rij = vergelijking.get_by_role("row", name=re.compile(naam))
        expect(rij).to_contain_text("(nog niet)")
        expect(rij).to_contain_text("(goed)")
        expect(rij).to_contain_text("▲ verbeterd")
        # One municipality in the panel: no change of the province or the country is shown,
        # as it would be hers.
        expect(rij.locator("td").nth(3)).to_have_text("–")
        expect(rij.locator("td").nth(4)).to_have_text("–")
    sietske.screenshot(path=f"{SCHERM}-05-eenmeting.png", full_page=True)
