"""Filling in, submitting and reading the result through the pages an official uses."""

import datetime
import html as htmllib
import re
from urllib.parse import quote

import pytest
import time_machine
from django.utils import timezone

from gemeenten.models import Gemeente
from nulmeting import selectors, services, spiegel, views
from nulmeting.models import Meting, MetingGebeurtenis
from tests.accounts.factories import WACHTWOORD, CoordinatorFactory
from tests.nulmeting.antwoorden import alles_goed, antwoorden_voor, goed_of_niet
from tests.tweede_factor import app_van, code_voor, geverifieerd_inloggen

BASIS = "/nulmeting/GM1900/nulmeting-2009"


def stap(n: int) -> str:
    return f"{BASIS}/stap/{n}/"


def pagina_data(vragenlijst, n: int, antwoorden: dict[str, str]) -> dict[str, str]:
    """What the form of step ``n`` posts: every question of the page, empty when not answered."""
    basisfunctie = vragenlijst.opbouw.basisfuncties[n - 1]
    return {v.code: antwoorden.get(v.code, "") for v in basisfunctie.vragen}


def opgeslagen(gemeente_code: str = "GM1900") -> dict[str, str]:
    meting = Meting.objects.filter(gemeente__cbs_code=gemeente_code).first()
    return dict(meting.antwoorden.values_list("vraag__code", "waarde")) if meting else {}


def vraagblok(html: str, code: str) -> str:
    """The block that holds the question ``code`` on a step page: its label, input and message."""
    blok = re.search(rf'data-vraag="{re.escape(code)}".*?(?=data-vraag=|</form>)', html, re.S)
    if not blok:
        raise AssertionError(f"{code} staat niet op de pagina")
    return blok.group(0)


def is_gekozen(html: str, code: str, waarde: str) -> bool:
    blok = vraagblok(html, code)
    invoer = re.search(rf'<input[^>]*value="{re.escape(waarde)}"[^>]*>', blok)
    return bool(invoer) and "checked" in invoer.group(0)


def tekst(html: str) -> str:
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.fixture
def ambtenaar(login, ambtenaar_sudwest, nulmeting):
    return login(ambtenaar_sudwest)


# --- the step pages ---------------------------------------------------------------------------


def test_a_step_page_shows_progress_and_the_questions_with_help(ambtenaar, nulmeting):
    response = ambtenaar.get(stap(3))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stap 3 van 13" in html
    assert '<h1 class="h3">Versterken</h1>' in html
    basisfunctie = nulmeting.opbouw.basisfuncties[2]
    for vraag in basisfunctie.vragen:
        assert f'name="{vraag.code}"' in html
        assert vraag.help[:40] in tekst(html)
    assert 'value="vorige"' in html and 'value="volgende"' in html and 'value="stap-13"' in html
    assert "Stap 1 van 13" in ambtenaar.get(stap(1)).content.decode()
    assert 'value="vorige"' not in ambtenaar.get(stap(1)).content.decode()
    assert "Opslaan en naar samenvatting" in ambtenaar.get(stap(13)).content.decode()


@pytest.mark.parametrize("n", [0, 14])
def test_a_step_that_does_not_exist_is_not_found(ambtenaar, n):
    assert ambtenaar.get(stap(n)).status_code == 404


@pytest.mark.parametrize(
    ("actie", "naar"),
    [
        ("volgende", stap(4)),
        ("vorige", stap(2)),
        ("opslaan", stap(3)),
        ("stap-7", stap(7)),
        ("stap-1", stap(1)),
        ("stap-13", stap(13)),
    ],
)
def test_every_button_saves_and_goes_where_it_says(ambtenaar, nulmeting, actie, naar):
    antwoorden = antwoorden_voor(nulmeting.opbouw, {"VW-VERSTERKEN": 7})
    antwoorden["VW-VERSTERKEN-6"] = "Cursusprogramma loopt via de bibliotheek."
    data = pagina_data(nulmeting, 3, antwoorden)
    response = ambtenaar.post(stap(3), {**data, "actie": actie})
    assert response.status_code == 302
    assert response.url == naar
    assert opgeslagen() == {k: v for k, v in data.items() if v}
    assert ambtenaar.get(naar).status_code == 200


def test_saving_stays_on_the_step_and_says_so(ambtenaar, nulmeting):
    data = pagina_data(nulmeting, 3, antwoorden_voor(nulmeting.opbouw, {"VW-VERSTERKEN": 7}))
    response = ambtenaar.post(stap(3), {**data, "actie": "opslaan"})
    assert response.url == stap(3)
    pagina = ambtenaar.get(response.url).content.decode()
    assert "Opgeslagen als concept" in pagina
    assert is_gekozen(pagina, "VW-VERSTERKEN-1", data["VW-VERSTERKEN-1"])


def test_the_last_step_goes_on_to_the_summary(ambtenaar, nulmeting):
    data = pagina_data(nulmeting, 13, alles_goed(nulmeting))
    response = ambtenaar.post(stap(13), {**data, "actie": "volgende"})
    assert response.url == f"{BASIS}/samenvatting/"
    samenvatting = ambtenaar.get(response.url).content.decode()
    assert "Samenvatting van uw antwoorden" in samenvatting
    assert "Nog 53 vragen zonder antwoord" in samenvatting


def test_saved_answers_are_shown_when_coming_back(ambtenaar, nulmeting):
    ambtenaar.post(stap(1), {**pagina_data(nulmeting, 1, alles_goed(nulmeting)), "actie": "volgende"})
    data = pagina_data(
        nulmeting, 2, {"VW-VERBINDEN-2": "balie", "VW-VERBINDEN-3": "1500", "VW-VERBINDEN-6": "Zie ons plan."}
    )
    ambtenaar.post(stap(2), {**data, "actie": "volgende"})
    html = ambtenaar.get(stap(2)).content.decode()
    assert is_gekozen(html, "VW-VERBINDEN-2", "balie")
    assert not is_gekozen(html, "VW-VERBINDEN-1", "ja") and not is_gekozen(html, "VW-VERBINDEN-1", "nee")
    assert re.search(r'name="VW-VERBINDEN-3" value="1(\.)?500"', html)
    assert "Zie ons plan.</textarea>" in html
    # the step list marks step 1 as complete, step 2 (one question open) not
    assert re.search(
        r'value="stap-1"[^>]*>1\. Vertalen maatschappelijke ontwikkeling <span aria-hidden="true">✔', html
    )
    assert re.search(r'value="stap-2"[^>]*>2\. Verbinden en makelen</button>', html)


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "code", "waarde", "bericht"),
    [
        (2, "VW-VERBINDEN-3", "veel", "Vul een getal in, bijvoorbeeld 12 of 2,5."),
        (2, "VW-VERBINDEN-3", "100001", "Het getal mag niet groter zijn dan 100000"),
        (2, "VW-VERBINDEN-3", "-3", "Het getal mag niet kleiner zijn dan 0"),
        (9, "MZ-PRAKTISCH-1", "6", "Het getal mag niet groter zijn dan 5"),
    ],
)
def test_an_invalid_number_is_told_at_its_question_keeps_the_rest_and_stores_nothing(
    ambtenaar, nulmeting, n, code, waarde, bericht
):
    # something saved earlier on this page stays as it was
    basisfunctie = nulmeting.opbouw.basisfuncties[n - 1]
    eerder = antwoorden_voor(nulmeting.opbouw, {basisfunctie.code: 2})
    ambtenaar.post(stap(n), {**pagina_data(nulmeting, n, eerder), "actie": "opslaan"})
    voor = opgeslagen()

    nieuw = antwoorden_voor(nulmeting.opbouw, {basisfunctie.code: basisfunctie.max_punten})
    toelichting = next(v.code for v in basisfunctie.vragen if v.type == "toelichting")
    data = {**pagina_data(nulmeting, n, nieuw), code: waarde, toelichting: "Wij & de regio: <samen>"}
    response = ambtenaar.post(stap(n), {**data, "actie": "volgende"})

    assert response.status_code == 200
    html = response.content.decode()
    assert bericht in vraagblok(html, code)
    assert "Niet opgeslagen: verbeter eerst wat hieronder bij de vraag staat." in html
    # what the user typed is kept, also the wrong number
    assert f'value="{waarde}"' in vraagblok(html, code)
    keuzevragen = [v.code for v in basisfunctie.vragen if v.opties]
    assert keuzevragen and [c for c in keuzevragen if not is_gekozen(html, c, data[c])] == []
    assert "Wij &amp; de regio: &lt;samen&gt;</textarea>" in html
    # and nothing of this page was stored
    assert opgeslagen() == voor


def test_get_never_creates_a_meting(ambtenaar):
    for n in range(1, 14):
        assert ambtenaar.get(stap(n)).status_code == 200
    assert ambtenaar.get(f"{BASIS}/samenvatting/").status_code == 200
    assert ambtenaar.get("/nulmeting/").status_code == 200
    assert Meting.objects.count() == 0
    # submitting with nothing saved creates nothing either
    response = ambtenaar.post(f"{BASIS}/samenvatting/", follow=True)
    assert "Er zijn nog geen antwoorden om in te dienen." in response.content.decode()
    assert Meting.objects.count() == 0


def test_an_expired_session_asks_to_log_in_again_and_returns_to_the_same_page(
    client, ambtenaar, ambtenaar_sudwest, nulmeting
):
    stap_1 = pagina_data(nulmeting, 1, alles_goed(nulmeting))
    ambtenaar.post(stap(1), {**stap_1, "actie": "volgende"})
    bewaard = opgeslagen()
    assert bewaard

    client.logout()  # the session expired while the official was on step 2
    response = client.post(stap(2), {**pagina_data(nulmeting, 2, alles_goed(nulmeting)), "actie": "volgende"})
    assert response.status_code == 302
    assert response.url == f"/account/inloggen/?next={stap(2)}"
    assert opgeslagen() == bewaard

    inlogpagina = client.get(response.url).content.decode()
    assert f'name="next" value="{stap(2)}"' in inlogpagina
    terug = client.post(
        "/account/inloggen/", {"username": ambtenaar_sudwest.email, "password": WACHTWOORD, "next": stap(2)}
    )
    assert terug.status_code == 302 and terug.url == stap(2)
    tweede_stap = client.get(stap(2))  # the second step of logging in keeps where she was going
    assert tweede_stap.url == f"/account/tweede-stap/?next={quote(stap(2), safe='')}"
    verder = client.post(tweede_stap.url, {"code": code_voor(app_van(ambtenaar_sudwest))})
    assert verder.url == stap(2)
    assert client.get(stap(2)).status_code == 200
    html = client.get(stap(1)).content.decode()
    assert is_gekozen(html, "VW-VERTALEN-1", "ja")
    assert opgeslagen() == bewaard


def test_anonymous_visitors_see_no_questionnaire(client, nulmeting, referentiedata):
    for url in (stap(1), f"{BASIS}/samenvatting/", f"{BASIS}/uitslag/", "/nulmeting/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/account/inloggen/?next=")


# --- submitting and the result ------------------------------------------------------------------


def alles_invullen(client, vragenlijst, antwoorden):
    for n in range(1, len(vragenlijst.opbouw.basisfuncties) + 1):
        response = client.post(stap(n), {**pagina_data(vragenlijst, n, antwoorden), "actie": "volgende"})
        assert response.status_code == 302


def test_double_submit_yields_one_submission(ambtenaar, nulmeting):
    alles_invullen(ambtenaar, nulmeting, alles_goed(nulmeting))
    eerste = ambtenaar.post(f"{BASIS}/samenvatting/")
    tweede = ambtenaar.post(f"{BASIS}/samenvatting/")
    assert eerste.url == tweede.url == f"{BASIS}/uitslag/"
    meting = Meting.objects.get()
    assert meting.is_ingediend
    assert meting.gebeurtenissen.filter(soort=MetingGebeurtenis.Soort.INGEDIEND).count() == 1
    assert meting.scores.count() == 13
    # a step page of a submitted meting sends the official to the result, and saves nothing
    response = ambtenaar.post(stap(1), {**pagina_data(nulmeting, 1, {}), "actie": "volgende"})
    assert response.url == f"{BASIS}/uitslag/"
    assert meting.antwoorden.get(vraag__code="VW-VERTALEN-1").waarde == "ja"


def test_the_summary_lists_the_answers_readably(ambtenaar, nulmeting):
    data = pagina_data(nulmeting, 2, {"VW-VERBINDEN-2": "online", "VW-VERBINDEN-3": "2,5"})
    ambtenaar.post(stap(2), {**data, "actie": "opslaan"})
    assert opgeslagen()["VW-VERBINDEN-3"] == "2.5"
    html = tekst(ambtenaar.get(f"{BASIS}/samenvatting/").content.decode())
    assert "Ja, via internet en actueel" in html
    assert "2,5 inwoners" in html
    assert "Definitief indienen" in html


def spiegel_cellen(html: str) -> dict[str, list[str]]:
    """The result table: basisfunctie → [uitkomst, punten, drempel, provincie, Nederland] as text."""
    tabel = html[html.index("<table") : html.index("</table>")]
    rijen = {}
    for naam, rest in re.findall(r'<th scope="row" class="fw-normal">(.*?)</th>(.*?)</tr>', tabel, re.S):
        rijen[htmllib.unescape(naam)] = [tekst(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", rest, re.S)]
    return rijen


def volgende_maand():
    """A moment in the next month: the figures of other municipalities an official sees stand
    at the monthly cut-off (decision 0022), so what was submitted today shows from then on."""
    return time_machine.travel(timezone.now() + datetime.timedelta(days=32), tick=False)


def test_the_result_page_shows_own_result_province_country_and_a_figure(
    ambtenaar, nulmeting, indienen, coordinator, client
):
    goed = {"VW-VERTALEN", "MZ-RESPIJT"}
    indienen("GM0080", nulmeting, goed_of_niet(nulmeting.opbouw, {"VW-VERTALEN"}))  # Leeuwarden, Friesland
    alles_invullen(ambtenaar, nulmeting, goed_of_niet(nulmeting.opbouw, goed))
    response = ambtenaar.post(f"{BASIS}/samenvatting/", follow=True)
    html = response.content.decode()
    assert "Ingediend. Hieronder ziet u de uitkomst." in html
    assert "Súdwest-Fryslân heeft 2 van de 13 basisfuncties 'goed voor elkaar'." in tekst(html)
    rijen = spiegel_cellen(html)
    assert len(rijen) == 13
    # the official sees the province and country as they stood on the 1st of this month: none yet
    assert rijen["Vertalen maatschappelijke ontwikkeling"] == ["✔ goed voor elkaar", "6 / 8", "6", "–", "–"]
    assert rijen["Respijtzorg"][:3] == ["✔ goed voor elkaar", "6 / 8", "6"]
    assert rijen["Verankeren"][:3] == ["✘ nog niet", "7 / 11", "8"]
    # a coordinator sees the exact figures as they are now: 2 metingen in Friesland
    geverifieerd_inloggen(client, coordinator)
    exact = spiegel_cellen(client.get(f"{BASIS}/uitslag/").content.decode())
    assert exact["Vertalen maatschappelijke ontwikkeling"][3:] == ["100% (N=2)", "100% (N=2)"]
    assert exact["Respijtzorg"][3:] == ["50% (N=2)", "50% (N=2)"]
    assert exact["Verankeren"][3:] == ["0% (N=2)", "0% (N=2)"]
    assert "Provincie Friesland" in html
    figuur = re.search(r"<figure.*?</figure>", html, re.S).group(0)
    assert "<svg" in figuur and "</svg>" in figuur
    assert "Nederland" in figuur


def test_the_pdfs_are_pdfs_and_hold_the_result_table(
    ambtenaar, nulmeting, indienen, ambtenaar_sudwest, monkeypatch
):
    indienen("GM1900", nulmeting, goed_of_niet(nulmeting.opbouw, {"MZ-ADVIES"}), door=ambtenaar_sudwest)
    gemaakt = []  # (HTML, PDF) of every PDF the views render
    echt = views.render_pdf

    def render_en_bewaar(*args, **kwargs):
        gemaakt.append(echt(*args, **kwargs))
        return gemaakt[-1]

    monkeypatch.setattr(views, "render_pdf", render_en_bewaar)
    uitslag = ambtenaar.get(f"{BASIS}/uitslag.pdf")
    assert uitslag.status_code == 200 and uitslag["Content-Type"] == "application/pdf"
    assert uitslag.content.startswith(b"%PDF-") and uitslag.content.rstrip().endswith(b"%%EOF")
    assert 'filename="uitslag-nulmeting-2009-GM1900.pdf"' in uitslag["Content-Disposition"]
    antwoorden = ambtenaar.get(f"{BASIS}/antwoorden.pdf")
    assert antwoorden.content.startswith(b"%PDF-") and antwoorden.content.rstrip().endswith(b"%%EOF")

    # the result PDF is rendered from this HTML; it carries the same table and figure as the page
    [(html, pdf), _] = gemaakt  # the result's, then the answers'
    assert pdf == uitslag.content
    assert "Uitkomst per basisfunctie" in html
    assert "Súdwest-Fryslân heeft 1 van de 13 basisfuncties" in html
    assert spiegel_cellen(html)["Advies en begeleiding"][:3] == ["✔ goed voor elkaar", "6 / 8", "6"]
    assert "<svg" in html


def test_a_concept_has_no_result_page_or_result_pdf(ambtenaar, nulmeting):
    ambtenaar.post(stap(1), {**pagina_data(nulmeting, 1, alles_goed(nulmeting)), "actie": "opslaan"})
    assert ambtenaar.get(f"{BASIS}/uitslag/").status_code == 404
    assert ambtenaar.get(f"{BASIS}/uitslag.pdf").status_code == 404
    # the answers so far can be printed
    assert ambtenaar.get(f"{BASIS}/antwoorden.pdf").content.startswith(b"%PDF-")


# --- spiegel numbers ------------------------------------------------------------------------------

FRIESLAND = {
    "GM1900": {"VW-VERTALEN", "VW-VERBINDEN", "MZ-INFORMATIE"},  # Súdwest-Fryslân
    "GM0080": {"VW-VERTALEN", "VW-VERBINDEN"},  # Leeuwarden
    "GM0060": {"VW-VERTALEN"},  # Ameland
}
UTRECHT = {"GM0344": {"VW-VERTALEN", "MZ-INFORMATIE", "MZ-RESPIJT"}}

# basisfunctie → (% in Friesland, N), (% in the country, N); rounded half up.
VERWACHT = {
    "Vertalen maatschappelijke ontwikkeling": ("100% (N=3)", "100% (N=4)"),
    "Verbinden en makelen": ("67% (N=3)", "50% (N=4)"),
    "Informatie": ("33% (N=3)", "50% (N=4)"),
    "Respijtzorg": ("0% (N=3)", "25% (N=4)"),
    "Verankeren": ("0% (N=3)", "0% (N=4)"),
}


@pytest.fixture
def vier_gemeenten(referentiedata, nulmeting, indienen):
    for code, goed in {**FRIESLAND, **UTRECHT}.items():
        indienen(code, nulmeting, goed_of_niet(nulmeting.opbouw, goed))
    # a concept elsewhere in Friesland does not count
    services.antwoorden_opslaan(
        gemeente=Gemeente.objects.get(cbs_code="GM0059"),
        vragenlijst=nulmeting,
        waarden=alles_goed(nulmeting),
        origineel={},
        door=CoordinatorFactory(),
    )


def test_spiegel_percentages_per_province_and_country(vier_gemeenten, coordinator, login):
    """The arithmetic, as a coordinator sees it: exact."""
    rijen = spiegel_cellen(login(coordinator).get(f"{BASIS}/uitslag/").content.decode())
    for naam, (provincie, land) in VERWACHT.items():
        assert rijen[naam][3:] == [provincie, land], naam
    assert rijen["Informatie"][0] == "✔ goed voor elkaar"
    assert rijen["Respijtzorg"][0] == "✘ nog niet"


def test_spiegel_for_the_municipality_in_the_other_province(vier_gemeenten, coordinator, login, nulmeting):
    client = login(coordinator)
    html = client.get("/nulmeting/GM0344/nulmeting-2009/uitslag/").content.decode()
    assert "Provincie Utrecht" in html
    rijen = spiegel_cellen(html)
    assert rijen["Respijtzorg"][3:] == ["100% (N=1)", "25% (N=4)"]
    assert rijen["Verbinden en makelen"][3:] == ["0% (N=1)", "50% (N=4)"]
    meting = Meting.objects.get(gemeente__cbs_code="GM0344")
    rijen = spiegel.spiegel(meting, spiegel.spiegelcijfers(meting, coordinator))
    per_code = {r.basisfunctie.code: r for r in rijen}
    assert (per_code["MZ-INFORMATIE"].provincie.procent, per_code["MZ-INFORMATIE"].land.procent) == (100, 50)
    assert (per_code["MZ-INFORMATIE"].provincie.n, per_code["MZ-INFORMATIE"].land.n) == (1, 4)


def test_below_five_metingen_the_spiegel_gives_no_share_away(vier_gemeenten, client, ambtenaar_sudwest):
    """With 3 metingen in Friesland and 4 in the country, a share would let an official work out
    the results of the others: the spiegel says there are too few instead."""
    with volgende_maand():
        geverifieerd_inloggen(client, ambtenaar_sudwest)
        rijen = spiegel_cellen(client.get(f"{BASIS}/uitslag/").content.decode())
    for naam in VERWACHT:
        assert rijen[naam][3:] == ["minder dan 5 metingen", "minder dan 5 metingen"], naam
    assert rijen["Informatie"][0] == "✔ goed voor elkaar"  # the own result stays


@pytest.mark.parametrize(
    ("deel", "geheel", "procent"),
    [
        (1, 8, 13),
        (3, 8, 38),
        (5, 8, 63),
        (1, 2, 50),
        (1, 3, 33),
        (2, 3, 67),
        (0, 4, 0),
        (4, 4, 100),
        (1, 200, 1),
    ],
)
def test_percentages_are_rounded_half_up(deel, geheel, procent):
    assert selectors.procent(deel, geheel) == procent


def test_no_percentage_without_a_base():
    assert selectors.procent(0, 0) is None


# --- eenmeting ------------------------------------------------------------------------------------


def test_a_coordinator_opens_an_eenmeting_and_the_official_can_start_it(
    client, coordinator, ambtenaar_sudwest, nulmeting
):
    geverifieerd_inloggen(client, coordinator)
    response = client.post(
        "/nulmeting/eenmeting-openen/", {"naam": "Eenmeting 2012", "code": "eenmeting-2012"}
    )
    assert response.status_code == 302 and response.url == "/nulmeting/overzicht/"
    # the same code again is refused next to the field, and what was typed stays
    html = client.post(
        "/nulmeting/eenmeting-openen/", {"naam": "Nog een keer", "code": "eenmeting-2012"}
    ).content.decode()
    assert "Er bestaat al een vragenlijst met deze code." in html
    assert 'value="Nog een keer"' in html

    geverifieerd_inloggen(client, ambtenaar_sudwest)
    start = client.get("/nulmeting/").content.decode()
    assert "Eenmeting 2012" in start and "/nulmeting/GM1900/eenmeting-2012/stap/1/" in start
    stap_1 = client.get("/nulmeting/GM1900/eenmeting-2012/stap/1/").content.decode()
    assert "Stap 1 van 13" in stap_1 and "Vertalen maatschappelijke ontwikkeling" in stap_1
