"""Each role's start page puts its next action first: the official's questionnaires and what is
left of them (or the results when all is in), the adviser's 'Gesprek vastleggen' with the
municipalities that need a session and their open trajecten, the coordinator's reports in the
making and what needs attention. The pages ask a fixed number of queries."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advies.models import Adviestraject
from advies.services import adviestraject_opslaan
from gemeenten.models import Gemeente, Provincie
from nulmeting import services as nulmeting_services
from rapportage.models import Rapport
from rondes.models import Verzending
from rondes.services import ronde_openen, ronde_uitnodigen
from tests.accounts.factories import GemeenteAccountFactory
from tests.advies.advies_helpers import gemeenten
from tests.nulmeting.antwoorden import goed_of_niet
from tests.rapportage.factories import RapportFactory
from tests.rondes.ronde_helpers import AMSTERDAM, START, contact

pytestmark = pytest.mark.django_db

PLAN = {k: f"{k} van het plan" for k in ("doel", "werkwijze", "tijdspad", "verwachte_opbrengst", "borging")}


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(datetime.datetime(2013, 3, 5, 9, tzinfo=AMSTERDAM), tick=False):
        yield


@pytest.fixture
def ronde(coordinator, nulmeting, referentiedata):
    return ronde_openen(
        vragenlijst=nulmeting,
        naam="Nulmeting Friesland 2013",
        opent_op=START,
        sluit_op=START + datetime.timedelta(weeks=8),
        provincies=[Provincie.objects.get(naam="Friesland")],
        door=coordinator,
    )


def _queries(client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as vastgelegd:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(vastgelegd.captured_queries)


def _opslaan(gemeente, vragenlijst, codes: set[str], door):
    """Answers for the basisfuncties ``codes`` only (the others stay empty)."""
    antwoorden = goed_of_niet(vragenlijst.opbouw, set())
    gekozen = {v.code for b in vragenlijst.opbouw.basisfuncties if b.code in codes for v in b.vragen}
    nulmeting_services.antwoorden_opslaan(
        gemeente=gemeente,
        vragenlijst=vragenlijst,
        waarden={k: w for k, w in antwoorden.items() if k in gekozen},
        origineel={},
        door=door,
    )


# --- The official -------------------------------------------------------------------------------


def test_official_not_begun_gets_a_start_button(login, ambtenaar_sudwest, ronde):
    html, _ = _queries(login(ambtenaar_sudwest), "/overzicht/")
    assert "Uw volgende stap" in html
    assert "U bent nog niet begonnen" in html
    assert f'href="/nulmeting/GM1900/{ronde.vragenlijst.code}/stap/1/">Beginnen' in html


def test_official_halfway_sees_what_is_left_and_continues_at_the_first_open_step(
    login, ambtenaar_sudwest, ronde
):
    basisfuncties = ronde.vragenlijst.opbouw.basisfuncties
    _opslaan(ambtenaar_sudwest.gemeente, ronde.vragenlijst, {basisfuncties[0].code}, ambtenaar_sudwest)
    html, _ = _queries(login(ambtenaar_sudwest), "/overzicht/")
    assert f"U heeft 1 van de {len(basisfuncties)} basisfuncties ingevuld." in html
    assert "Nog in te vullen:" in html
    assert f"<li>{basisfuncties[1].naam}</li>" in html
    assert f"<li>{basisfuncties[0].naam}</li>" not in html
    assert '/stap/2/">Verder invullen' in html


def test_official_with_everything_filled_in_is_sent_to_submit(login, ambtenaar_sudwest, ronde):
    codes = {b.code for b in ronde.vragenlijst.opbouw.basisfuncties}
    _opslaan(ambtenaar_sudwest.gemeente, ronde.vragenlijst, codes, ambtenaar_sudwest)
    html, _ = _queries(login(ambtenaar_sudwest), "/overzicht/")
    assert "alleen het indienen rest nog" in html
    assert f'href="/nulmeting/GM1900/{ronde.vragenlijst.code}/samenvatting/">Controleren en indienen' in html


def test_official_who_submitted_sees_the_result_not_an_invitation_to_begin(
    login, ambtenaar_sudwest, ronde, indienen
):
    indienen("GM1900", ronde.vragenlijst, goed_of_niet(ronde.vragenlijst.opbouw, set()))
    html, _ = _queries(login(ambtenaar_sudwest), "/overzicht/")
    assert "Uw gemeente heeft alles ingediend wat voor haar klaarstond" in html
    assert f'href="/nulmeting/GM1900/{ronde.vragenlijst.code}/uitslag/">De uitkomst van' in html
    assert "Beginnen" not in html and "straks" not in html


def test_official_without_a_round_is_told_nothing_waits(login, ambtenaar_sudwest, nulmeting):
    html, _ = _queries(login(ambtenaar_sudwest), "/overzicht/")
    assert "Er staat nu geen vragenlijst voor uw gemeente klaar" in html


def test_official_start_page_asks_a_fixed_number_of_queries(login, ambtenaar_sudwest, ronde, coordinator):
    client = login(ambtenaar_sudwest)
    _, leeg = _queries(client, "/overzicht/")
    basisfuncties = ronde.vragenlijst.opbouw.basisfuncties
    _opslaan(ambtenaar_sudwest.gemeente, ronde.vragenlijst, {b.code for b in basisfuncties[:5]}, coordinator)
    _, halverwege = _queries(client, "/overzicht/")
    assert halverwege <= leeg + 1  # the answers, read once
    assert halverwege <= 30


# --- The adviser --------------------------------------------------------------------------------


def test_adviser_sees_log_button_weak_municipalities_without_session_and_open_trajecten(
    login, adviseur_friesland, nulmeting_indienen, loggen
):
    nulmeting_indienen("GM1900", {"VW-VERTALEN", "MZ-RESPIJT"})  # two weak, no session
    nulmeting_indienen("GM0080", {"VW-VERTALEN"})  # one weak, but a session follows
    nulmeting_indienen("GM0737", set())  # nothing weak
    loggen(codes=("GM0080",))
    adviestraject_opslaan(
        door=adviseur_friesland,
        traject=None,
        gemeenten=gemeenten("GM1900"),
        titel="Mantelzorg op orde",
        onderwerp="mantelzorg",
        status=Adviestraject.Status.LOPEND,
        **PLAN,
        inzet_uren=10,
    )
    html, _ = _queries(login(adviseur_friesland), "/overzicht/")
    assert '<a class="btn btn-primary btn-lg" href="/advies/gesprekken/nieuw/">Gesprek vastleggen</a>' in html
    zwak = html.split("Nog geen gesprek, wel zwakke basisfuncties")[1].split("Uw lopende trajecten")[0]
    assert 'Súdwest-Fryslân</a> <span class="text-body-secondary">(Friesland)</span>: 2 basisfuncties' in zwak
    assert "Leeuwarden" not in zwak and "Tytsjerksteradiel" not in zwak
    trajecten = html.split("Uw lopende trajecten")[1]
    assert "Mantelzorg op orde</a> — lopend, 0 van 10 uur besteed" in trajecten


def test_adviser_sees_a_merged_municipality_through_its_predecessor(
    login, adviseur_friesland, nulmeting_indienen
):
    """Regression: Súdwest-Fryslân, formed in 2011, has no meting of its own; Sneek's of 2009
    found two basisfuncties weak, so it needs a conversation."""
    with time_machine.travel(datetime.datetime(2009, 10, 1, 12, tzinfo=AMSTERDAM), tick=False):
        nulmeting_indienen("GM0091", {"VW-VERTALEN", "MZ-RESPIJT"})  # Sneek
    html, _ = _queries(login(adviseur_friesland), "/overzicht/")
    zwak = html.split("Nog geen gesprek, wel zwakke basisfuncties")[1].split("Uw lopende trajecten")[0]
    assert "1 gemeente in uw provincie(s)" in zwak
    assert 'Súdwest-Fryslân</a> <span class="text-body-secondary">(Friesland)</span>: 2 basisfuncties' in zwak
    assert "Sneek" not in zwak


def test_adviser_start_page_asks_a_fixed_number_of_queries(
    login, adviseur_friesland, nulmeting_indienen, loggen
):
    def traject(code: str):
        adviestraject_opslaan(
            door=adviseur_friesland,
            traject=None,
            gemeenten=gemeenten(code),
            titel=f"Traject {code}",
            onderwerp="vrijwilligerswerk",
            status=Adviestraject.Status.VERKENNING,
            **PLAN,
            inzet_uren=4,
        )

    client = login(adviseur_friesland)
    nulmeting_indienen("GM1900", {"VW-VERTALEN"})
    traject("GM1900")
    _, weinig = _queries(client, "/overzicht/")
    for code in ("GM0080", "GM0737", "GM0059"):
        nulmeting_indienen(code, {"VW-VERTALEN"})
        traject(code)
    loggen(codes=("GM0080",))
    html, veel = _queries(client, "/overzicht/")
    assert "Traject GM0737" in html and "Tytsjerksteradiel" in html
    assert veel == weinig


# --- The coordinator ----------------------------------------------------------------------------


def test_coordinator_sees_reports_in_the_making_and_what_needs_attention(login, coordinator, ronde):
    bezig = RapportFactory(status=Rapport.Status.BEZIG, aangevraagd_door=coordinator)
    mislukt = RapportFactory(
        status=Rapport.Status.MISLUKT, reden="De database was niet bereikbaar.", aangevraagd_door=coordinator
    )
    contact("GM1900")
    ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="https://gve.example.nl")
    Verzending.objects.update(status=Verzending.Status.MISLUKT, reden="550 weg")
    html, _ = _queries(login(coordinator), "/overzicht/")
    maak = html.split("Rapportages in de maak")[1]
    assert f'href="/rapportage/{bezig.pk}/">' in maak and "— bezig" in maak
    aandacht = html.split("Wat aandacht vraagt")[1].split("Rapportages in de maak")[0]
    assert f'href="/rapportage/{mislukt.pk}/">' in aandacht and "De database was niet bereikbaar." in aandacht
    assert "1 uitnodiging niet aangekomen of onzeker" in aandacht
    assert "sluit op" not in aandacht  # eight weeks away


def test_coordinator_is_told_when_a_round_closes_within_a_week(login, coordinator, nulmeting, referentiedata):
    ronde_openen(
        vragenlijst=nulmeting,
        naam="Korte ronde",
        opent_op=START,
        sluit_op=START + datetime.timedelta(days=5),
        provincies=[Provincie.objects.get(naam="Utrecht")],
        door=coordinator,
    )
    html, _ = _queries(login(coordinator), "/overzicht/")
    assert "Korte ronde</a> sluit op 9 maart 2013" in html


def test_coordinator_with_nothing_to_do_is_told_so(login, coordinator, nulmeting):
    html, _ = _queries(login(coordinator), "/overzicht/")
    assert "Er vraagt nu niets om aandacht" in html
    assert "Er wordt nu geen rapportage gemaakt." in html


def test_coordinator_start_page_asks_a_fixed_number_of_queries(login, coordinator, ronde):
    client = login(coordinator)
    _, weinig = _queries(client, "/overzicht/")
    for status in (Rapport.Status.BEZIG, Rapport.Status.WACHTEND, Rapport.Status.MISLUKT) * 3:
        RapportFactory(status=status, aangevraagd_door=coordinator)
    for gemeente in Gemeente.objects.filter(provincie__naam="Friesland")[:4]:
        contact(gemeente.cbs_code)
    ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="https://gve.example.nl")
    Verzending.objects.update(status=Verzending.Status.ONZEKER)
    _, veel = _queries(client, "/overzicht/")
    assert veel == weinig


def test_official_whose_nulmeting_is_years_old_is_led_to_the_eenmeting_and_sees_the_result(
    login, referentiedata, coordinator, nulmeting, indienen
):
    """What the issue saw: a municipality that submitted in 2009 was told "Hier vult u straks de
    nulmeting in". Now the open eenmeting is the next step, beside the nulmeting's result."""
    leeuwarden = Gemeente.objects.get(cbs_code="GM0080")
    ambtenaar = GemeenteAccountFactory(gemeente=leeuwarden)
    with time_machine.travel(datetime.datetime(2009, 10, 1, 12, tzinfo=AMSTERDAM), tick=False):
        indienen("GM0080", nulmeting, goed_of_niet(nulmeting.opbouw, set()))
    eenmeting = nulmeting_services.eenmeting_openen(
        basis=nulmeting, code="eenmeting-2013", naam="Eenmeting 2013", door=coordinator
    )
    ronde_openen(
        vragenlijst=eenmeting,
        naam="Eenmeting Friesland 2013",
        opent_op=START,
        sluit_op=START + datetime.timedelta(weeks=8),
        provincies=[Provincie.objects.get(naam="Friesland")],
        door=coordinator,
    )
    html, _ = _queries(login(ambtenaar), "/overzicht/")
    assert 'href="/nulmeting/GM0080/eenmeting-2013/stap/1/">Beginnen' in html
    assert 'href="/nulmeting/GM0080/nulmeting-2009/uitslag/"' in html
    assert "straks" not in html
