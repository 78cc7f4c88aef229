"""The whole programme cycle in a real Chromium, as the people who run it go through it.

A coordinator invites an official; the official follows the link from the delivered mail, fills
in the nulmeting over two visits, submits and sees the spiegel, and takes the typetest; an adviser
of the province sees the result, logs a joint session and a traject with a plan van aanpak; the
coordinator requests the eindrapportage, sees its status change and downloads the PDF, whose text
holds the new session; then opens an eenmeting, which the official fills in and compares.
Every page on the way is kept in artifacts/screenshots/programmacyclus/.
"""

import re
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from advies.models import Adviesgesprek, Adviestraject
from gemeenten.models import Organisatie
from nulmeting.models import Meting
from tests.accounts.factories import WACHTWOORD, AdviseurFactory, CoordinatorFactory
from tests.browser.nulmeting_invullen import GOED, stap_invullen
from tests.nulmeting.antwoorden import goed_of_niet
from tests.tweede_factor import app_van, code_uit_geheim, tweede_stap_in_browser
from tests.worker_helpers import wacht_op

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("themas_en_basisfuncties"),
]

SCHERMEN = Path("artifacts/screenshots/programmacyclus")
AMBTENAAR = "sietske.hoekstra@sudwest.example.nl"
AMBTENAAR_WACHTWOORD = "Vrijwilligers-in-Sneek-2012"
NA_DE_EENMETING = GOED | {"VW-VERANKEREN", "MZ-EMOTIONEEL"}


class Camera:
    """Numbered full-page screenshots, one per page on the way."""

    def __init__(self):
        SCHERMEN.mkdir(parents=True, exist_ok=True)
        for oud in SCHERMEN.glob("*.png"):
            oud.unlink()
        self.nummer = 0

    def __call__(self, page, naam: str) -> None:
        self.nummer += 1
        page.screenshot(path=SCHERMEN / f"{self.nummer:02d}-{naam}.png", full_page=True)


@pytest.fixture
def camera():
    return Camera()


@pytest.fixture
def mensen(referentiedata, nulmeting):
    return {
        "coordinator": CoordinatorFactory(email="coby@movisie.example.nl", naam="Coby de Coördinator"),
        "adviseur": AdviseurFactory(
            email="arend@partoer.example.nl",
            naam="Arend Adviseur",
            organisatie=Organisatie.objects.get(naam="Partoer"),
        ),
    }


def nieuwe_pagina(browser):
    return browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()


def inloggen(page, live_server, email: str, wachtwoord: str = WACHTWOORD) -> None:
    user = User.objects.get(email=email)
    app_van(user)
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    tweede_stap_in_browser(page, user)
    page.wait_for_url(f"{live_server.url}/overzicht/")


def uitloggen(page, live_server) -> None:
    page.get_by_role("button", name="accountmenu").click()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/account/inloggen/")


def stappen_invullen(
    page, vragenlijst, antwoorden, van: int, tot: int, basis: str, camera, naam: str
) -> None:
    """Steps ``van``..``tot`` (1-based) of the questionnaire on screen, saving each page."""
    basisfuncties = vragenlijst.opbouw.basisfuncties
    for nummer in range(van, tot + 1):
        page.wait_for_url(f"{basis}/stap/{nummer}/")
        expect(page.get_by_text(f"Stap {nummer} van 13")).to_be_visible()
        stap_invullen(page, basisfuncties[nummer - 1], antwoorden)
        camera(page, f"{naam}-stap-{nummer}")
        knop = "Opslaan en volgende" if nummer < 13 else "Opslaan en naar samenvatting"
        page.get_by_role("button", name=knop).click()


def pdf_tekst(pad: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pad), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_the_programme_cycle(smtp, celery_worker, browser, live_server, mensen, nulmeting, camera, tmp_path):
    coordinator, adviseur = mensen["coordinator"], mensen["adviseur"]
    vandaag = timezone.localdate()

    # 1. The coordinator invites an official of Súdwest-Fryslân.
    coby = nieuwe_pagina(browser)
    inloggen(coby, live_server, coordinator.email)
    camera(coby, "coordinator-dashboard")
    coby.goto(f"{live_server.url}/account/uitnodigen/")
    coby.get_by_label("E-mailadres van de ambtenaar").fill(AMBTENAAR)
    coby.get_by_label("Gemeente").select_option(label="Súdwest-Fryslân (Friesland)")
    camera(coby, "uitnodigen")
    coby.get_by_role("button", name="Uitnodiging versturen").click()
    expect(
        coby.get_by_text(f"De uitnodiging voor Súdwest-Fryslân is verstuurd naar {AMBTENAAR}.")
    ).to_be_visible()

    # 2. The official follows the link in the delivered mail and chooses a password.
    [mail] = wacht_op(lambda: smtp.aan(AMBTENAAR), seconden=60)
    link = re.search(
        r"(http://\S+/account/uitnodiging/\S+/)", mail.get_body(preferencelist=("plain",)).get_content()
    )[1]
    sietske = nieuwe_pagina(browser)
    sietske.goto(link)
    camera(sietske, "uitnodiging-accepteren")
    sietske.get_by_label("Uw naam").fill("Sietske Hoekstra")
    sietske.get_by_label("Kies een wachtwoord").fill(AMBTENAAR_WACHTWOORD)
    sietske.get_by_label("Herhaal het wachtwoord").fill(AMBTENAAR_WACHTWOORD)
    sietske.get_by_role("button", name="Account aanmaken").click()
    # Accepting goes on to setting up the second step: she adds the secret to her app and types
    # its code; the recovery codes are shown once.
    sietske.wait_for_url(f"{live_server.url}/account/tweede-stap/instellen/")
    expect(sietske.get_by_text("Uw account voor Súdwest-Fryslân is aangemaakt.")).to_be_visible()
    camera(sietske, "tweede-stap-instellen")
    sietske.get_by_label("Code uit de app").fill(code_uit_geheim(sietske.locator("#geheim").inner_text()))
    sietske.get_by_role("button", name="Bevestigen").click()
    expect(sietske.locator("#herstelcodes li")).to_have_count(10)
    sietske.get_by_role("link", name="Verder").click()
    sietske.wait_for_url(f"{live_server.url}/overzicht/")
    camera(sietske, "ambtenaar-dashboard")

    # 3. First visit: the first six basisfuncties, then she leaves.
    basis = f"{live_server.url}/nulmeting/GM1900/nulmeting-2009"
    antwoorden = goed_of_niet(nulmeting.opbouw, GOED)
    sietske.get_by_role("link", name="Vragenlijsten").click()
    camera(sietske, "vragenlijsten")
    sietske.get_by_role("link", name="Beginnen").click()
    stappen_invullen(sietske, nulmeting, antwoorden, 1, 6, basis, camera, "nulmeting-bezoek-1")
    sietske.wait_for_url(f"{basis}/stap/7/")
    uitloggen(sietske, live_server)

    # 4. Second visit: her answers are kept; she finishes, submits and sees the spiegel.
    inloggen(sietske, live_server, AMBTENAAR, AMBTENAAR_WACHTWOORD)
    sietske.get_by_role("link", name="Vragenlijsten").click()
    expect(sietske.get_by_text("Concept, laatst bewaard")).to_be_visible()
    sietske.get_by_role("link", name="Verder invullen").click()
    sietske.wait_for_url(f"{basis}/stap/1/")
    sietske.get_by_role("button", name=re.compile(r"^7\. ")).click()
    stappen_invullen(sietske, nulmeting, antwoorden, 7, 13, basis, camera, "nulmeting-bezoek-2")
    sietske.wait_for_url(f"{basis}/samenvatting/")
    camera(sietske, "samenvatting")
    sietske.get_by_role("button", name="Definitief indienen").click()
    sietske.wait_for_url(f"{basis}/uitslag/")
    expect(sietske.get_by_text(f"Súdwest-Fryslân heeft {len(GOED)} van de 13 basisfuncties")).to_be_visible()
    expect(sietske.locator("figure svg").first).to_be_visible()
    camera(sietske, "spiegel")

    # 5. The typetest: smal beleid (every even question a), regie op afstand (two odd ones a).
    sietske.goto(f"{live_server.url}/nulmeting/GM1900/typetest/")
    for nummer in range(1, 15):
        keuze = "a" if nummer % 2 == 0 or nummer in (1, 3) else "b"
        sietske.locator(f'input[name="vraag_{nummer}"][value="{keuze}"]').check()
    camera(sietske, "typetest")
    sietske.get_by_role("button", name=re.compile("uitslag|Uitslag|Bekijk|Versturen|Opslaan")).click()
    expect(sietske.get_by_text("Type III").first).to_be_visible()
    camera(sietske, "typetest-uitslag")

    # 6. The adviser of Friesland sees the result, logs a joint session and a traject.
    arend = nieuwe_pagina(browser)
    inloggen(arend, live_server, adviseur.email)
    arend.get_by_role("link", name="Nulmeting", exact=True).click()
    rij = arend.locator("tbody tr", has_text="Súdwest-Fryslân")
    expect(rij.get_by_role("link", name="✔ ingediend")).to_be_visible()
    camera(arend, "adviseur-nulmeting-overzicht")
    rij.get_by_role("link", name="✔ ingediend").click()
    expect(arend.get_by_text(f"Súdwest-Fryslân heeft {len(GOED)} van de 13 basisfuncties")).to_be_visible()
    camera(arend, "adviseur-spiegel")

    arend.goto(f"{live_server.url}/advies/gesprekken/nieuw/")
    arend.get_by_label("Datum van het gesprek").fill(vandaag.isoformat())
    arend.get_by_label("Súdwest-Fryslân (Friesland)").check()
    arend.get_by_label("Leeuwarden (Friesland)").check()
    arend.get_by_label("Mantelzorg", exact=True).check()
    arend.get_by_label("Respijtzorg", exact=True).check()
    arend.get_by_label("Uren").fill("2")
    arend.get_by_label("Kort verslag").fill(
        "Samen met Leeuwarden gesproken over respijtzorg na de nulmeting."
    )
    camera(arend, "gesprek-vastleggen")
    arend.get_by_role("button", name="Opslaan", exact=True).click()
    arend.wait_for_url(f"{live_server.url}/advies/gesprekken/")
    camera(arend, "gesprekken")
    gesprek = Adviesgesprek.objects.get()
    assert {g.cbs_code for g in gesprek.gemeenten.all()} == {"GM1900", "GM0080"}

    arend.goto(f"{live_server.url}/advies/trajecten/nieuw/")
    camera(arend, "traject-nieuw")
    arend.get_by_label("Titel").fill("Respijtzorg Súdwest-Fryslân en Leeuwarden")
    arend.get_by_label("Súdwest-Fryslân (Friesland)").check()
    arend.get_by_label("Leeuwarden (Friesland)").check()
    arend.get_by_label("Onderwerp").select_option("mantelzorg")
    arend.get_by_label("Status").select_option("lopend")
    for veld, tekst in [
        ("Doel", "Respijtzorg voor mantelzorgers in beide gemeenten op orde."),
        ("Werkwijze", "Drie werksessies met ambtenaren en het steunpunt mantelzorg."),
        ("Tijdspad", "Voor de zomer een gezamenlijk plan."),
        ("Verwachte opbrengst", "Een respijtvoorziening die beide gemeenten financieren."),
        ("Borging", "Opgenomen in de Wmo-nota's van beide gemeenten."),
    ]:
        arend.get_by_label(re.compile(rf"^\s*{veld}\b")).fill(tekst)
    arend.get_by_label("Inzet (uren begroot)").fill("24")
    camera(arend, "traject-plan-van-aanpak")
    arend.get_by_role("button", name="Opslaan", exact=True).click()
    traject = wacht_op(lambda: Adviestraject.objects.first(), seconden=10)
    arend.wait_for_url(f"{live_server.url}/advies/trajecten/{traject.pk}/")
    camera(arend, "traject")

    # 7. The coordinator requests the eindrapportage, watches its status and downloads the PDF.
    coby.goto(f"{live_server.url}/rapportage/")
    coby.get_by_label("Peildatum (eindrapportage)").fill(vandaag.isoformat())
    camera(coby, "rapport-aanvragen")
    coby.get_by_role("button", name=re.compile("Aanvragen|aanvragen")).click()
    coby.wait_for_url(re.compile(r"/rapportage/\d+/$"))
    gezien = [coby.locator("main").inner_text()]
    camera(coby, "rapport-status")
    expect(coby.get_by_role("link", name="PDF downloaden")).to_be_visible(
        timeout=180_000
    )  # the page reloads itself
    gezien.append(coby.locator("main").inner_text())
    assert "Klaar op" in gezien[-1] and gezien[0] != gezien[-1] or "Klaar op" in gezien[0]
    camera(coby, "rapport-klaar")
    with coby.expect_download() as download:
        coby.get_by_role("link", name="PDF downloaden").click()
    pdf = tmp_path / "eindrapportage.pdf"
    download.value.save_as(pdf)
    tekst = pdf_tekst(pdf)
    assert "Tot en met de peildatum is 1 adviesgesprek vastgelegd" in " ".join(tekst.split())
    assert "Partoer" in tekst

    # 8. The coordinator opens an eenmeting; the official fills it in and sees the comparison.
    coby.goto(f"{live_server.url}/nulmeting/eenmeting-openen/")
    coby.get_by_label("Naam").fill("Eenmeting 2013")
    coby.get_by_label("Code").fill("eenmeting-2013")
    camera(coby, "eenmeting-openen")
    coby.get_by_role("button", name="Openen").click()
    expect(coby.locator(".alert-success")).to_be_visible()

    sietske.goto(f"{live_server.url}/nulmeting/")
    rij = sietske.locator("tbody tr", has_text="Eenmeting 2013")
    rij.get_by_role("link", name="Beginnen").click()
    basis_een = f"{live_server.url}/nulmeting/GM1900/eenmeting-2013"
    stappen_invullen(
        sietske,
        nulmeting,
        goed_of_niet(nulmeting.opbouw, NA_DE_EENMETING),
        1,
        13,
        basis_een,
        camera,
        "eenmeting",
    )
    sietske.wait_for_url(f"{basis_een}/samenvatting/")
    sietske.get_by_role("button", name="Definitief indienen").click()
    sietske.wait_for_url(f"{basis_een}/uitslag/")
    inhoud = sietske.locator("main").inner_text()
    assert "verbeterd" in inhoud and "gelijk gebleven" in inhoud
    camera(sietske, "eenmeting-vergelijking")

    assert Meting.objects.filter(gemeente__cbs_code="GM1900", status="ingediend").count() == 2
    assert len(list(SCHERMEN.glob("*.png"))) >= 30
