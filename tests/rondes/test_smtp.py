"""Mail through a real SMTP server on loopback: a refused recipient, a server that is down, and an
official who follows the delivered invitation in Chromium and fills in the nulmeting."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gemeenten.models import Gemeente, Provincie
from nulmeting.models import Meting
from rondes.models import Verzending
from rondes.services import ronde_openen, ronde_uitnodigen
from rondes.verzending import MailserverOnbereikbaar, verzendopdracht_uitvoeren
from tests.browser.nulmeting_invullen import GOED, stap_invullen
from tests.nulmeting.antwoorden import goed_of_niet
from tests.rondes.ronde_helpers import contact
from tests.tweede_factor import app_van, code_uit_geheim, tweede_stap_in_browser
from tests.worker_helpers import vrije_poort, wacht_op

pytestmark = pytest.mark.django_db


def test_a_refused_recipient_is_marked_with_the_servers_reason_and_the_batch_goes_on(
    smtp, ronde, coordinator
):
    contact("GM0080", "anke@leeuwarden.example.nl")
    contact("GM0090", "weiger@smallingerland.example.nl")
    contact("GM0074", "bram@heerenveen.example.nl")
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://gve.example.nl/")
    verzendopdracht_uitvoeren(opdracht.pk)

    uitkomst = dict(Verzending.objects.values_list("email", "status"))
    assert uitkomst == {
        "anke@leeuwarden.example.nl": "verzonden",
        "weiger@smallingerland.example.nl": "mislukt",
        "bram@heerenveen.example.nl": "verzonden",
    }
    assert Verzending.objects.get(status="mislukt").reden == "550 5.1.1 Mailbox bestaat niet"
    [bericht] = smtp.aan("anke@leeuwarden.example.nl")
    assert bericht["Subject"] == "Uitnodiging: Nulmeting 2009 voor Leeuwarden"
    assert bericht.get_body(preferencelist=("html",)) is not None  # plain text and HTML
    assert smtp.aan("weiger@smallingerland.example.nl") == []


def test_a_mail_server_that_is_down_leaves_the_mail_waiting_for_a_retry(smtp, settings, ronde, coordinator):
    contact("GM0080", "anke@leeuwarden.example.nl")
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://gve.example.nl/")
    werkend = settings.EMAIL_PORT
    settings.EMAIL_PORT = vrije_poort()  # nothing listens there
    with pytest.raises(MailserverOnbereikbaar):
        verzendopdracht_uitvoeren(opdracht.pk)
    assert Verzending.objects.get().status == "wachtend"
    settings.EMAIL_PORT = werkend
    verzendopdracht_uitvoeren(opdracht.pk)  # the task's retry
    assert Verzending.objects.get().status == "verzonden"
    assert len(smtp.aan("anke@leeuwarden.example.nl")) == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_official_follows_the_delivered_invitation_and_fills_in_the_nulmeting(
    smtp, celery_worker, page, live_server, coordinator, nulmeting, referentiedata
):
    from tests.accounts.factories import WACHTWOORD

    vandaag = timezone.localdate()
    ronde = ronde_openen(
        vragenlijst=nulmeting,
        naam="Nulmeting Friesland",
        opent_op=vandaag,
        sluit_op=vandaag + datetime.timedelta(days=42),
        provincies=[Provincie.objects.get(naam="Friesland")],
        door=coordinator,
    )
    contact("GM0080", "anke@leeuwarden.example.nl", naam="Anke de Vries")
    schermen = "artifacts/screenshots"

    # The coordinator invites the round's municipalities from its page.
    app_van(coordinator)
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    tweede_stap_in_browser(page, coordinator)
    page.wait_for_url(f"{live_server.url}/overzicht/")
    page.goto(f"{live_server.url}/rondes/{ronde.pk}/")
    page.get_by_role("button", name="Gemeenten uitnodigen").click()
    expect(page.get_by_text("1 e-mail klaargezet")).to_be_visible()
    page.screenshot(path=f"{schermen}/ronde-1-uitgenodigd.png", full_page=True)

    # The invitation arrives at the SMTP server; its link is personal.
    [bericht] = wacht_op(lambda: smtp.aan("anke@leeuwarden.example.nl"), seconden=60)
    tekst = bericht.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"(http://\S+/account/uitnodiging/\S+/)", tekst).group(1)
    assert link.startswith(live_server.url)
    page.context.clear_cookies()

    # The official follows it, chooses a password, sets up the app and lands on their dashboard.
    page.goto(link)
    page.get_by_label("Uw naam").fill("Anke de Vries")
    page.get_by_label("Kies een wachtwoord").fill("Mantelzorg-in-Leeuwarden-2013")
    page.get_by_label("Herhaal het wachtwoord").fill("Mantelzorg-in-Leeuwarden-2013")
    page.get_by_role("button", name=re.compile("Account aanmaken")).click()
    page.wait_for_url(f"{live_server.url}/account/tweede-stap/instellen/")
    page.get_by_label("Code uit de app").fill(code_uit_geheim(page.locator("#geheim").inner_text()))
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url(f"{live_server.url}/overzicht/")
    expect(page.get_by_text("U bent nog niet begonnen. Er zijn 13 basisfuncties")).to_be_visible()
    page.screenshot(path=f"{schermen}/ronde-2-dashboard-ambtenaar.png", full_page=True)

    # And fills in the whole nulmeting.
    page.get_by_role("link", name="beginnen").click()
    antwoorden = goed_of_niet(nulmeting.opbouw, GOED)
    basis = f"{live_server.url}/nulmeting/GM0080/nulmeting-2009"
    for nummer, basisfunctie in enumerate(nulmeting.opbouw.basisfuncties, start=1):
        page.wait_for_url(f"{basis}/stap/{nummer}/")
        stap_invullen(page, basisfunctie, antwoorden)
        page.get_by_role(
            "button", name="Opslaan en volgende" if nummer < 13 else "Opslaan en naar samenvatting"
        ).click()
    page.wait_for_url(f"{basis}/samenvatting/")
    page.get_by_role("button", name="Definitief indienen").click()
    page.wait_for_url(f"{basis}/uitslag/")
    expect(page.get_by_text(f"Leeuwarden heeft {len(GOED)} van de 13 basisfuncties")).to_be_visible()
    page.screenshot(path=f"{schermen}/ronde-3-uitslag.png", full_page=True)

    meting = Meting.objects.get(gemeente=Gemeente.objects.get(cbs_code="GM0080"))
    assert meting.is_ingediend and meting.ingediend_door.email == "anke@leeuwarden.example.nl"
    assert Verzending.objects.get().status_label == "Link gebruikt"
