"""From a result to advice and a plan (issue 19): advice requests, the nine-step plan and meetings —
what each role may do and see, the Dutch refusals that keep what was typed, the mail to the CMO,
and list pages whose query count does not grow with their rows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from advies.beleidsplan import STAPPEN
from advies.models import Adviesaanvraag, Beleidsstap, Bijeenkomst
from advies.services import (
    adviesaanvraag_aannemen,
    adviesaanvraag_indienen,
    adviestraject_opslaan,
    beleidsstap_bijwerken,
    bijeenkomst_opslaan,
)
from gemeenten.models import Gemeente, Provincie
from tests.accounts.factories import GemeenteAccountFactory
from tests.advies.advies_helpers import gemeenten, themas
from tests.advies.test_services import PLAN

pytestmark = pytest.mark.django_db

ZWAK = {"VW-VERTALEN", "MZ-RESPIJT"}


@pytest.fixture
def meting_sudwest(referentiedata, nulmeting_indienen):
    return nulmeting_indienen("GM1900", ZWAK)


@pytest.fixture
def aanvraag(ambtenaar_sudwest, meting_sudwest, adviseur_friesland):
    return adviesaanvraag_indienen(
        gemeente=ambtenaar_sudwest.gemeente,
        door=ambtenaar_sudwest,
        vraag="Hoe regelen we respijtzorg?",
        voorkeursperiode="na de zomer",
        basisfuncties=[meting_sudwest.scores.get(basisfunctie__code="MZ-RESPIJT").basisfunctie],
        meting=meting_sudwest,
        basis_url="http://testserver/",
    )


def _basisfunctie_ids(meting, codes):
    return [str(s.basisfunctie_id) for s in meting.scores.filter(basisfunctie__code__in=codes)]


# --- Advice requests ------------------------------------------------------------------------------


def test_the_result_page_offers_advice_on_each_weak_basisfunctie_only(als, ambtenaar_sudwest, meting_sudwest):
    pagina = als(ambtenaar_sudwest).get("/nulmeting/GM1900/nulmeting-2009/uitslag/").content.decode()
    assert "Advies aanvragen over Vertalen maatschappelijke ontwikkeling" in pagina
    assert "Advies aanvragen over Respijtzorg" in pagina
    assert "Advies aanvragen over Verbinden en makelen" not in pagina  # 'goed voor elkaar'
    assert "Advies aanvragen over de hele uitkomst" in pagina


def test_an_adviser_sees_the_result_without_the_request_links(als, adviseur_friesland, meting_sudwest):
    pagina = als(adviseur_friesland).get("/nulmeting/GM1900/nulmeting-2009/uitslag/").content.decode()
    assert "Advies aanvragen" not in pagina
    assert "Het beleidsplan in negen stappen" in pagina


def test_an_official_asks_advice_on_two_weak_basisfuncties_and_the_cmo_advisers_get_a_mail(
    als,
    ambtenaar_sudwest,
    meting_sudwest,
    adviseur_friesland,
    adviseur_utrecht,
    mailoutbox,
    taken_in_dit_proces,
    django_capture_on_commit_callbacks,
):
    client = als(ambtenaar_sudwest)
    url = "/advies/aanvragen/nieuw/GM1900/?vragenlijst=nulmeting-2009&basisfunctie=MZ-RESPIJT"
    formulier = client.get(url).content.decode()
    assert re.search(
        rf'<input[^>]*value="{_basisfunctie_ids(meting_sudwest, ["MZ-RESPIJT"])[0]}"[^>]*checked', formulier
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "basisfuncties": _basisfunctie_ids(meting_sudwest, ZWAK),
                "vraag": "Waar beginnen we?",
                "voorkeursperiode": "voor 1 maart",
            },
        )
    aanvraag = Adviesaanvraag.objects.get()
    assert response.status_code == 302 and response.url == f"/advies/aanvragen/{aanvraag.pk}/"
    assert aanvraag.organisatie.naam == "Partoer" and aanvraag.status == "ingediend"
    assert {b.code for b in aanvraag.basisfuncties.all()} == ZWAK
    assert [m.to for m in mailoutbox] == [[adviseur_friesland.email]]
    assert "Súdwest-Fryslân" in mailoutbox[0].subject
    assert f"/advies/aanvragen/{aanvraag.pk}/" in mailoutbox[0].body
    assert "Wacht op een adviseur" in client.get(response.url).content.decode()


def test_a_request_made_while_the_queue_is_away_stands_and_reaches_the_adviser_start_page(
    als, ambtenaar_sudwest, meting_sudwest, adviseur_friesland, mailoutbox, wachtrij_onbereikbaar,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """Redis down: the request is stored and shown; only its mail is missed (and logged)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = als(ambtenaar_sudwest).post(
            "/advies/aanvragen/nieuw/GM1900/?vragenlijst=nulmeting-2009",
            {"basisfuncties": _basisfunctie_ids(meting_sudwest, ZWAK), "vraag": "Waar beginnen we?"},
        )
    aanvraag = Adviesaanvraag.objects.get()
    assert response.status_code == 302 and response.url == f"/advies/aanvragen/{aanvraag.pk}/"
    assert mailoutbox == []
    assert "Open adviesaanvragen" in als(adviseur_friesland).get("/overzicht/").content.decode()


def test_a_request_on_a_basisfunctie_already_in_order_is_refused_and_keeps_the_question(
    als, ambtenaar_sudwest, meting_sudwest
):
    client = als(ambtenaar_sudwest)
    goed = _basisfunctie_ids(meting_sudwest, ["VW-VERBINDEN"])
    response = client.post(
        "/advies/aanvragen/nieuw/GM1900/?vragenlijst=nulmeting-2009",
        {"basisfuncties": goed, "vraag": "Mijn getypte vraag", "voorkeursperiode": ""},
    )
    assert response.status_code == 200
    pagina = response.content.decode()
    assert "een van de mogelijkheden uit de lijst" in pagina or "al &#x27;goed voor elkaar&#x27;" in pagina
    assert "Mijn getypte vraag" in pagina
    assert not Adviesaanvraag.objects.exists()


def test_a_request_without_a_question_says_so_at_the_field(als, ambtenaar_sudwest, meting_sudwest):
    response = als(ambtenaar_sudwest).post(
        "/advies/aanvragen/nieuw/GM1900/", {"vraag": "  ", "voorkeursperiode": "in mei"}
    )
    pagina = response.content.decode()
    assert "Schrijf kort op waarover u advies wilt." in pagina and 'value="in mei"' in pagina
    assert not Adviesaanvraag.objects.exists()


def test_only_the_municipality_own_official_may_ask(
    als, ambtenaar_utrecht, adviseur_friesland, meting_sudwest
):
    assert als(ambtenaar_utrecht).get("/advies/aanvragen/nieuw/GM1900/").status_code == 403
    assert als(adviseur_friesland).get("/advies/aanvragen/nieuw/GM1900/").status_code == 403


def test_an_adviser_of_the_cmo_accepts_once_and_a_second_accept_says_who_took_it(
    als, aanvraag, adviseur_friesland, collega_partoer
):
    url = f"/advies/aanvragen/{aanvraag.pk}/aannemen/"
    assert als(adviseur_friesland).post(url).status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == "aangenomen" and aanvraag.aangenomen_door == adviseur_friesland
    pagina = als(collega_partoer).post(url, follow=True).content.decode()
    assert f"Deze aanvraag is al aangenomen door {adviseur_friesland}" in pagina
    aanvraag.refresh_from_db()
    assert aanvraag.aangenomen_door == adviseur_friesland


def test_advisers_of_another_cmo_and_other_officials_never_see_the_request(
    als, aanvraag, adviseur_utrecht, ambtenaar_utrecht
):
    for user in (adviseur_utrecht, ambtenaar_utrecht):
        client = als(user)
        assert client.get(f"/advies/aanvragen/{aanvraag.pk}/").status_code == 404
        assert client.post(f"/advies/aanvragen/{aanvraag.pk}/aannemen/").status_code == 404
        assert "Súdwest-Fryslân" not in client.get("/advies/aanvragen/").content.decode()


def test_the_request_reaches_the_adviser_start_page(als, aanvraag, adviseur_friesland, adviseur_utrecht):
    assert "Open adviesaanvragen" in als(adviseur_friesland).get("/overzicht/").content.decode()
    assert "Open adviesaanvragen" not in als(adviseur_utrecht).get("/overzicht/").content.decode()


def test_a_session_logged_for_the_request_closes_it(als, aanvraag, adviseur_friesland, ambtenaar_sudwest):
    client = als(adviseur_friesland)
    formulier = client.get(f"/advies/gesprekken/nieuw/?aanvraag={aanvraag.pk}").content.decode()
    respijt = themas("MZ-RESPIJT")[0]
    assert re.search(rf'<input[^>]*value="{respijt.pk}"[^>]*checked', formulier)  # the theme is ticked
    response = client.post(
        "/advies/gesprekken/nieuw/",
        {
            "datum": "1-3-2012",
            "gemeenten": [gemeenten("GM1900")[0].pk],
            "onderwerp": "mantelzorg",
            "themas": [respijt.pk],
            "uren": "2",
            "verslag": "Respijtzorg besproken.",
            "aanvraag": aanvraag.pk,
        },
    )
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == "afgesloten" and aanvraag.gesprek.verslag == "Respijtzorg besproken."
    pagina = als(ambtenaar_sudwest).get(f"/advies/aanvragen/{aanvraag.pk}/").content.decode()
    assert "Afgesloten met een adviesgesprek" in pagina


def test_a_session_for_the_request_must_include_its_municipality(als, aanvraag, adviseur_friesland):
    response = als(adviseur_friesland).post(
        "/advies/gesprekken/nieuw/",
        {
            "datum": "1-3-2012",
            "gemeenten": [gemeenten("GM0080")[0].pk],
            "onderwerp": "mantelzorg",
            "themas": [themas("MZ-RESPIJT")[0].pk],
            "uren": "2",
            "verslag": "Bij de buren.",
            "aanvraag": aanvraag.pk,
        },
    )
    assert "kies die gemeente" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == "ingediend" and not aanvraag.gemeente.adviesgesprekken.exists()


def _aanvragen(aantal: int, meting) -> None:
    for i in range(aantal):
        official = GemeenteAccountFactory(gemeente=meting.gemeente)
        adviesaanvraag_indienen(
            gemeente=meting.gemeente,
            door=official,
            vraag=f"Vraag {i}",
            voorkeursperiode="",
            meting=meting,
            basis_url="http://testserver/",
        )


def test_coordinators_see_open_requests_per_cmo_and_how_long_they_wait(als, coordinator, meting_sudwest):
    _aanvragen(2, meting_sudwest)
    Adviesaanvraag.objects.update(ingediend_op=timezone.now() - datetime.timedelta(days=9))
    pagina = als(coordinator).get("/advies/aanvragen/").content.decode()
    rij = re.search(r"<tr><td>Partoer</td>(.*?)</tr>", pagina).group(1)
    assert re.findall(r'table-num">(\d+)<', rij) == ["2", "2", "9"]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("wie", ["coordinator", "adviseur_friesland", "ambtenaar_sudwest"])
def test_the_request_list_costs_the_same_for_3_and_30_requests(als, request, wie, meting_sudwest):
    client = als(request.getfixturevalue(wie))
    _aanvragen(3, meting_sudwest)
    client.get("/advies/aanvragen/")
    weinig = _queries(client, "/advies/aanvragen/")
    _aanvragen(27, meting_sudwest)
    assert _queries(client, "/advies/aanvragen/") == weinig
    assert weinig <= 12


# --- The nine-step plan ---------------------------------------------------------------------------


def test_the_official_marks_steps_and_the_adviser_reacts(
    als, ambtenaar_sudwest, adviseur_friesland, gesprek_friesland
):
    official = als(ambtenaar_sudwest)
    response = official.post(
        "/advies/beleidsplannen/GM1900/stap/1/",
        {
            "actie": "stap",
            "status": "klaar",
            "datum": "1-2-2012",
            "notitie": "Visie vastgesteld.",
            "gesprekken": [gesprek_friesland.pk],
        },
    )
    assert response.status_code == 302
    stap = Beleidsstap.objects.get(gemeente__cbs_code="GM1900", stap=1)
    assert stap.status == "klaar" and list(stap.gesprekken.all()) == [gesprek_friesland]
    adviseur = als(adviseur_friesland)
    adviseur.post("/advies/beleidsplannen/GM1900/stap/1/", {"actie": "reactie", "reactie": "Mooi werk."})
    # an adviser has no form for the step itself: their post of it is refused
    assert (
        adviseur.post(
            "/advies/beleidsplannen/GM1900/stap/1/", {"actie": "stap", "status": "bezig"}
        ).status_code
        == 403
    )
    stap.refresh_from_db()
    assert stap.reactie == "Mooi werk." and stap.reactie_door == adviseur_friesland and stap.status == "klaar"
    plan = official.get("/advies/beleidsplannen/GM1900/").content.decode()
    assert "1 van de 9 stappen klaar" in plan and "Mooi werk." in plan
    assert "1 van de 9 stappen klaar" in official.get("/gemeenten/GM1900/").content.decode()


def test_the_plan_shows_the_nine_steps_and_what_the_official_wrote_on_each(
    als, ambtenaar_sudwest, adviseur_friesland
):
    official = als(ambtenaar_sudwest)
    official.post(
        "/advies/beleidsplannen/GM1900/stap/3/",
        {
            "actie": "stap",
            "status": "bezig",
            "datum": "15-3-2012",
            "notitie": "Enquête onder vrijwilligersorganisaties uitgezet.",
            "document": "https://www.sudwestfryslan.nl/nota-vrijwilligerswerk.pdf",
        },
    )
    for client in (official, als(adviseur_friesland)):
        plan = client.get("/advies/beleidsplannen/GM1900/").content.decode()
        for stap in STAPPEN:
            assert f"Stap {stap.nummer}: {escape(stap.titel)}" in plan
        assert "15 maart 2012" in plan and "Enquête onder vrijwilligersorganisaties uitgezet." in plan
        assert (
            'href="https://www.sudwestfryslan.nl/nota-vrijwilligerswerk.pdf" rel="noopener noreferrer"'
            in plan
        )
    formulier = official.get("/advies/beleidsplannen/GM1900/stap/3/").content.decode()
    assert 'value="https://www.sudwestfryslan.nl/nota-vrijwilligerswerk.pdf"' in formulier  # kept to edit


@pytest.mark.parametrize(
    "adres", ["javascript:alert(1)", "ftp://bestanden.example.nl/nota.pdf", "geen adres"]
)
def test_a_document_link_that_is_no_web_address_is_refused_and_keeps_the_note(als, ambtenaar_sudwest, adres):
    response = als(ambtenaar_sudwest).post(
        "/advies/beleidsplannen/GM1900/stap/3/",
        {"actie": "stap", "status": "bezig", "notitie": "Mijn notitie", "document": adres},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Mijn notitie" in html
    assert "Vul een webadres in dat begint met https:// of http://." in html
    assert not Beleidsstap.objects.exists()


def test_a_step_with_a_bad_date_or_another_municipality_session_is_refused_and_keeps_the_note(
    als, ambtenaar_sudwest, adviseur_friesland, loggen
):
    elders = loggen(codes=("GM0080",))
    client = als(ambtenaar_sudwest)
    response = client.post(
        "/advies/beleidsplannen/GM1900/stap/2/",
        {"actie": "stap", "status": "bezig", "datum": "31-2-2012", "notitie": "Mijn notitie"},
    )
    assert "Mijn notitie" in response.content.decode() and 'aria-invalid="true"' in response.content.decode()
    response = client.post(
        "/advies/beleidsplannen/GM1900/stap/2/",
        {"actie": "stap", "status": "bezig", "notitie": "Mijn notitie", "gesprekken": [elders.pk]},
    )
    assert "een van de mogelijkheden uit de lijst" in response.content.decode()  # names the field
    assert not Beleidsstap.objects.exists()


def test_an_official_never_sees_another_municipality_plan(als, ambtenaar_utrecht, ambtenaar_sudwest):
    beleidsstap_bijwerken(gemeente=ambtenaar_sudwest.gemeente, stap=1, door=ambtenaar_sudwest, status="bezig")
    client = als(ambtenaar_utrecht)
    assert client.get("/advies/beleidsplannen/GM1900/").status_code == 403
    assert client.get("/advies/beleidsplannen/GM1900/stap/1/").status_code == 403
    assert client.get("/advies/beleidsplannen/").url == "/advies/beleidsplannen/GM0344/"


def test_the_plan_list_shows_progress_at_the_same_cost_for_any_number_of_plans(
    als, adviseur_friesland, coordinator
):
    client = als(adviseur_friesland)
    friesland = list(Gemeente.objects.filter(provincie__naam="Friesland").bestaand_op(timezone.localdate()))
    beleidsstap_bijwerken(gemeente=friesland[0], stap=1, door=coordinator, status="klaar")
    client.get("/advies/beleidsplannen/")
    weinig = _queries(client, "/advies/beleidsplannen/")
    for gemeente in friesland[1:]:
        for stap in (1, 2):
            beleidsstap_bijwerken(gemeente=gemeente, stap=stap, door=coordinator, status="bezig")
    assert _queries(client, "/advies/beleidsplannen/") == weinig
    pagina = client.get("/advies/beleidsplannen/").content.decode()
    assert re.search(
        rf">{friesland[0].naam}</a></td><td>Friesland</td><td class=\"table-num\">1</td>", pagina
    )
    assert "Utrecht" not in pagina


# --- Meetings -------------------------------------------------------------------------------------


def _bijeenkomst(adviseur, **velden):
    gegevens = {
        "datum": datetime.date(2011, 4, 12),
        "soort": "regionaal",
        "titel": "Regiobijeenkomst",
        "themas": [],
        "provincies": [Provincie.objects.get(naam="Friesland")],
        "gemeenten": gemeenten("GM1900", "GM0080"),
        "deelnemers": 30,
    } | velden
    return bijeenkomst_opslaan(door=adviseur, **gegevens)


def test_an_adviser_logs_a_regional_meeting_seen_by_the_municipalities_present(
    als, adviseur_friesland, ambtenaar_sudwest, ambtenaar_utrecht, adviseur_utrecht
):
    friesland = Provincie.objects.get(naam="Friesland")
    response = als(adviseur_friesland).post(
        "/advies/bijeenkomsten/nieuw/",
        {
            "datum": "12-4-2011",
            "soort": "regionaal",
            "titel": "Voorjaarsbijeenkomst",
            "provincies": [friesland.pk],
            "gemeenten": [g.pk for g in gemeenten("GM1900", "GM0080")],
            "themas": [themas("MZ-RESPIJT")[0].pk],
            "deelnemers": "32",
        },
    )
    bijeenkomst = Bijeenkomst.objects.get()
    assert response.url == f"/advies/bijeenkomsten/{bijeenkomst.pk}/"
    assert bijeenkomst.organisatie.naam == "Partoer" and bijeenkomst.deelnemers == 32
    assert "Voorjaarsbijeenkomst" in als(ambtenaar_sudwest).get("/gemeenten/GM1900/").content.decode()
    assert als(ambtenaar_sudwest).get(response.url).status_code == 200
    assert als(ambtenaar_utrecht).get(response.url).status_code == 404
    assert als(adviseur_utrecht).get(response.url).status_code == 404


@pytest.mark.parametrize(
    ("wijziging", "fout"),
    [
        ({"provincies": []}, "Kies de provincie(s) waarvoor de regionale bijeenkomst was."),
        ({"gemeenten": ["GM0344"]}, "Utrecht ligt niet in de gekozen provincie(s)."),
        ({"deelnemers": "1"}, "Er waren 2 gemeenten aanwezig; vul minstens zoveel deelnemers in."),
        ({"datum": "1-1-2099"}, "De datum ligt in de toekomst"),
    ],
)
def test_a_meeting_that_breaks_a_rule_is_refused_at_the_field_and_keeps_the_title(
    als, adviseur_friesland, wijziging, fout
):
    friesland = Provincie.objects.get(naam="Friesland").pk
    gegevens = {
        "datum": "12-4-2011",
        "soort": "regionaal",
        "titel": "Mijn getypte titel",
        "provincies": [friesland],
        "gemeenten": ["GM1900", "GM0080"],
        "deelnemers": "20",
    } | wijziging
    gegevens["gemeenten"] = [g.pk for g in gemeenten(*gegevens["gemeenten"])]
    response = als(adviseur_friesland).post("/advies/bijeenkomsten/nieuw/", gegevens)
    pagina = response.content.decode()
    assert response.status_code == 200 and fout in pagina.replace("&#x27;", "'")
    assert 'value="Mijn getypte titel"' in pagina
    assert not Bijeenkomst.objects.exists()


def test_a_meeting_for_two_provinces_is_seen_by_the_cmo_of_each(als, adviseur_friesland, adviseur_utrecht):
    """A joint regional meeting of Friesland and Utrecht, logged by Partoer: Alleato's adviser sees
    it too; a municipality that did not exist that day is refused."""
    provincies = [Provincie.objects.get(naam=n).pk for n in ("Friesland", "Utrecht")]
    gegevens = {
        "datum": "12-4-2011",
        "soort": "regionaal",
        "titel": "Noord en midden samen",
        "provincies": provincies,
        "gemeenten": [g.pk for g in gemeenten("GM1900", "GM0344")],
        "deelnemers": "25",
    }
    als(adviseur_friesland).post("/advies/bijeenkomsten/nieuw/", gegevens)
    bijeenkomst = Bijeenkomst.objects.get()
    assert als(adviseur_utrecht).get(f"/advies/bijeenkomsten/{bijeenkomst.pk}/").status_code == 200
    assert "Noord en midden samen" in als(adviseur_utrecht).get("/advies/bijeenkomsten/").content.decode()
    # Súdwest-Fryslân was formed on 1 January 2011: not at a meeting in 2010
    response = als(adviseur_friesland).post("/advies/bijeenkomsten/nieuw/", gegevens | {"datum": "12-4-2010"})
    assert "Súdwest-Fryslân bestond niet op 12 april 2010." in response.content.decode()
    assert Bijeenkomst.objects.count() == 1


@pytest.mark.parametrize("soort", ["adviseurs", "intervisie"])
def test_an_adviser_meeting_or_intervisie_needs_no_province_and_stays_with_the_cmo(
    als, adviseur_friesland, collega_partoer, adviseur_utrecht, ambtenaar_sudwest, soort
):
    response = als(adviseur_friesland).post(
        "/advies/bijeenkomsten/nieuw/",
        {"datum": "3-10-2011", "soort": soort, "titel": "Casuïstiek najaar", "deelnemers": "6"},
    )
    bijeenkomst = Bijeenkomst.objects.get()
    assert response.status_code == 302 and bijeenkomst.soort == soort and not bijeenkomst.provincies.exists()
    url = f"/advies/bijeenkomsten/{bijeenkomst.pk}/"
    assert als(collega_partoer).get(url).status_code == 200  # the same CMO
    assert als(adviseur_utrecht).get(url).status_code == 404
    assert als(ambtenaar_sudwest).get(url).status_code == 404


def test_only_the_adviser_who_logged_a_meeting_or_a_coordinator_changes_it(
    als, adviseur_friesland, collega_partoer, coordinator
):
    bijeenkomst = _bijeenkomst(adviseur_friesland)
    url = f"/advies/bijeenkomsten/{bijeenkomst.pk}/wijzigen/"
    assert als(collega_partoer).get(url).status_code == 403
    assert als(coordinator).get(url).status_code == 200
    assert als(adviseur_friesland).get(url).status_code == 200


def test_the_meeting_list_costs_the_same_for_2_and_20_meetings(als, adviseur_friesland):
    client = als(adviseur_friesland)
    for _ in range(2):
        _bijeenkomst(adviseur_friesland)
    client.get("/advies/bijeenkomsten/")
    weinig = _queries(client, "/advies/bijeenkomsten/")
    for _ in range(18):
        _bijeenkomst(adviseur_friesland, themas=themas("MZ-RESPIJT", "VW-VERTALEN"))
    assert _queries(client, "/advies/bijeenkomsten/") == weinig
    assert weinig <= 12


def test_accepting_is_for_advisers_of_the_cmo_only(aanvraag, coordinator, adviseur_utrecht):
    from django.core.exceptions import PermissionDenied

    for user in (coordinator, adviseur_utrecht):
        with pytest.raises(PermissionDenied):
            adviesaanvraag_aannemen(aanvraag=aanvraag, door=user)


def test_the_plan_van_aanpak_shows_how_far_each_municipality_got_with_its_plan(
    als, adviseur_friesland, ambtenaar_sudwest
):
    traject = adviestraject_opslaan(
        door=adviseur_friesland,
        gemeenten=gemeenten("GM1900", "GM0080"),
        **PLAN,
    )
    for stap, status in ((1, "klaar"), (2, "klaar"), (3, "bezig")):
        beleidsstap_bijwerken(
            gemeente=ambtenaar_sudwest.gemeente, stap=stap, door=ambtenaar_sudwest, status=status
        )
    pagina = als(adviseur_friesland).get(f"/advies/trajecten/{traject.pk}/").content.decode()
    assert "Súdwest-Fryslân</a>: 2 van de 9 stappen klaar, 1 bezig" in pagina
    assert "Leeuwarden</a>: 0 van de 9 stappen klaar" in pagina
    assert "/advies/beleidsplannen/GM1900/" in pagina
