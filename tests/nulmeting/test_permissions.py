"""Who sees and changes which meting: an official only their own municipality, an adviser only the
municipalities in their CMO's provinces (and never fills in), a coordinator everything."""

import csv
import io

import openpyxl
import pytest

from nulmeting import services
from nulmeting.models import Meting, TypetestUitslag
from tests.nulmeting.antwoorden import alles_goed
from tests.tweede_factor import geverifieerd_inloggen

SUDWEST = "/nulmeting/GM1900/nulmeting-2009"  # Friesland
UTRECHT = "/nulmeting/GM0344/nulmeting-2009"  # province of Utrecht

LEES_URLS = ["uitslag/", "uitslag.pdf", "antwoorden.pdf", "samenvatting/", "stap/1/", "stap/13/"]


@pytest.fixture
def ingediend(referentiedata, nulmeting, indienen, ambtenaar_sudwest, ambtenaar_utrecht):
    """A submitted nulmeting for Súdwest-Fryslân, Leeuwarden (both Friesland) and Utrecht."""
    indienen("GM1900", nulmeting, alles_goed(nulmeting), door=ambtenaar_sudwest)
    indienen("GM0080", nulmeting, alles_goed(nulmeting))
    indienen("GM0344", nulmeting, {"VW-VERTALEN-1": "ja"}, door=ambtenaar_utrecht)


@pytest.fixture
def concept_sudwest(nulmeting, ambtenaar_sudwest):
    meting, _ = services.antwoorden_opslaan(
        gemeente=ambtenaar_sudwest.gemeente,
        vragenlijst=nulmeting,
        waarden={"VW-VERTALEN-1": "nee"},
        origineel={},
        door=ambtenaar_sudwest,
    )
    return meting


def antwoorden(meting: Meting) -> dict[str, str]:
    return dict(meting.antwoorden.values_list("vraag__code", "waarde"))


@pytest.mark.parametrize("pad", LEES_URLS)
def test_an_official_cannot_read_another_municipality(client, ingediend, ambtenaar_utrecht, pad):
    geverifieerd_inloggen(client, ambtenaar_utrecht)
    assert client.get(f"{SUDWEST}/{pad}").status_code == 403


def test_an_official_reads_their_own_result(client, ingediend, ambtenaar_utrecht):
    geverifieerd_inloggen(client, ambtenaar_utrecht)
    for pad in ("uitslag/", "samenvatting/"):
        assert client.get(f"{UTRECHT}/{pad}").status_code == 200
    assert client.get(f"{UTRECHT}/uitslag.pdf").content.startswith(b"%PDF")


def test_an_official_cannot_write_another_municipality(client, nulmeting, concept_sudwest, ambtenaar_utrecht):
    geverifieerd_inloggen(client, ambtenaar_utrecht)
    response = client.post(
        f"{SUDWEST}/stap/1/", {"VW-VERTALEN-1": "ja", "VW-VERTALEN-2": "jaarlijks", "actie": "opslaan"}
    )
    assert response.status_code == 403
    assert client.post(f"{SUDWEST}/samenvatting/").status_code == 403
    assert (
        client.post("/nulmeting/GM1900/typetest/", {f"vraag_{n}": "a" for n in range(1, 15)}).status_code
        == 403
    )
    concept_sudwest.refresh_from_db()
    assert concept_sudwest.status == Meting.Status.CONCEPT
    assert antwoorden(concept_sudwest) == {"VW-VERTALEN-1": "nee"}
    assert Meting.objects.count() == 1 and TypetestUitslag.objects.count() == 0


def test_an_official_cannot_start_a_meting_for_another_municipality(
    client, nulmeting, ambtenaar_utrecht, referentiedata
):
    geverifieerd_inloggen(client, ambtenaar_utrecht)
    assert client.post(f"{SUDWEST}/stap/1/", {"VW-VERTALEN-1": "ja", "actie": "volgende"}).status_code == 403
    assert Meting.objects.count() == 0


@pytest.mark.parametrize("pad", ["uitslag/", "samenvatting/", "uitslag.pdf", "antwoorden.pdf"])
def test_an_adviser_reads_results_in_their_provinces_only(client, ingediend, adviseur_friesland, pad):
    geverifieerd_inloggen(client, adviseur_friesland)
    assert client.get(f"{SUDWEST}/{pad}").status_code == 200
    assert client.get(f"/nulmeting/GM0080/nulmeting-2009/{pad}").status_code == 200
    assert client.get(f"{UTRECHT}/{pad}").status_code == 403


def test_an_adviser_cannot_fill_in(client, nulmeting, concept_sudwest, adviseur_friesland):
    geverifieerd_inloggen(client, adviseur_friesland)
    assert client.get(f"{SUDWEST}/stap/1/").status_code == 403
    assert client.post(f"{SUDWEST}/stap/1/", {"VW-VERTALEN-1": "ja", "actie": "opslaan"}).status_code == 403
    assert client.post(f"{SUDWEST}/samenvatting/").status_code == 403
    assert (
        client.post("/nulmeting/GM1900/typetest/", {f"vraag_{n}": "a" for n in range(1, 15)}).status_code
        == 403
    )
    concept_sudwest.refresh_from_db()
    assert concept_sudwest.status == Meting.Status.CONCEPT
    assert antwoorden(concept_sudwest) == {"VW-VERTALEN-1": "nee"}
    # the summary shows no submit button to an adviser
    assert "Definitief indienen" not in client.get(f"{SUDWEST}/samenvatting/").content.decode()


def export_codes_csv(inhoud: bytes) -> set[str]:
    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    return {r[0] for r in rijen[1:]}


def export_codes_xlsx(inhoud: bytes) -> set[str]:
    blad = openpyxl.load_workbook(io.BytesIO(inhoud)).worksheets[0]
    return {r[0] for r in blad.iter_rows(min_row=2, values_only=True)}


def test_the_export_of_an_adviser_holds_only_their_provinces(
    client, ingediend, adviseur_friesland, coordinator
):
    geverifieerd_inloggen(client, adviseur_friesland)
    assert export_codes_csv(client.get("/nulmeting/export/nulmeting-2009.csv").content) == {
        "GM1900",
        "GM0080",
    }
    assert export_codes_xlsx(client.get("/nulmeting/export/nulmeting-2009.xlsx").content) == {
        "GM1900",
        "GM0080",
    }
    geverifieerd_inloggen(client, coordinator)
    assert export_codes_csv(client.get("/nulmeting/export/nulmeting-2009.csv").content) == {
        "GM1900",
        "GM0080",
        "GM0344",
    }


def test_the_overview_of_an_adviser_lists_only_their_provinces(
    client, ingediend, adviseur_friesland, coordinator
):
    geverifieerd_inloggen(client, adviseur_friesland)
    response = client.get("/nulmeting/overzicht/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Súdwest-Fryslân" in html and "Leeuwarden" in html and "Ameland" in html
    assert "Amersfoort" not in html and "/gemeenten/GM0344/" not in html
    assert {r["provincie__naam"] for r in response.context["per_provincie"]} == {"Friesland", "Totaal"}
    assert {g.provincie.naam for g in response.context["gemeenten"]} == {"Friesland"}
    geverifieerd_inloggen(client, coordinator)
    assert "Amersfoort" in client.get("/nulmeting/overzicht/?naam=amersfoort").content.decode()
    assert "/gemeenten/GM0344/" in client.get("/nulmeting/overzicht/?naam=utrecht").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/nulmeting/overzicht/",
        "/nulmeting/export/nulmeting-2009.csv",
        "/nulmeting/export/nulmeting-2009.xlsx",
        "/nulmeting/importeren/",
        "/nulmeting/sjabloon/nulmeting-2009/antwoorden.csv",
        "/nulmeting/eenmeting-openen/",
    ],
)
def test_officials_have_no_overview_export_or_import(client, ingediend, ambtenaar_sudwest, url):
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ["/nulmeting/importeren/", "/nulmeting/eenmeting-openen/"])
def test_advisers_do_not_import_or_open_an_eenmeting(client, ingediend, adviseur_friesland, url):
    geverifieerd_inloggen(client, adviseur_friesland)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("wie", ["ambtenaar_sudwest", "adviseur_friesland"])
def test_only_a_coordinator_reopens_a_meting(client, request, ingediend, wie, coordinator):
    geverifieerd_inloggen(client, request.getfixturevalue(wie))
    response = client.post(f"{SUDWEST}/heropenen/", {"reden": "Graag opnieuw."})
    assert response.status_code == 403
    meting = Meting.objects.get(gemeente__cbs_code="GM1900")
    assert meting.is_ingediend and meting.scores.count() == 13
    # the reopen form is shown to the coordinator only
    assert "Meting heropenen" not in client.get(f"{SUDWEST}/uitslag/").content.decode()
    geverifieerd_inloggen(client, coordinator)
    assert "Meting heropenen" in client.get(f"{SUDWEST}/uitslag/").content.decode()


def test_a_coordinator_reopens_through_the_page_and_the_reason_is_shown(
    client, ingediend, coordinator, ambtenaar_sudwest
):
    geverifieerd_inloggen(client, coordinator)
    leeg = client.post(f"{SUDWEST}/heropenen/", {"reden": ""})
    assert leeg.status_code == 200, "sent back with the message at the field"
    assert 'aria-invalid="true"' in leeg.content.decode()
    assert "Geef een reden op om de meting te heropenen." in leeg.content.decode()
    assert Meting.objects.get(gemeente__cbs_code="GM1900").is_ingediend
    response = client.post(f"{SUDWEST}/heropenen/", {"reden": "Verkeerde afdeling heeft ingevuld."})
    assert response.status_code == 302
    meting = Meting.objects.get(gemeente__cbs_code="GM1900")
    assert not meting.is_ingediend and meting.scores.count() == 0
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    assert client.get(f"{SUDWEST}/stap/1/").status_code == 200
    services.meting_indienen(meting=meting, door=ambtenaar_sudwest)
    html = client.get(f"{SUDWEST}/uitslag/").content.decode()
    assert "Heropend" in html and "reden: Verkeerde afdeling heeft ingevuld." in html


def test_anonymous_visitors_get_the_login_page(client, ingediend):
    for url in [
        f"{SUDWEST}/uitslag/",
        f"{SUDWEST}/uitslag.pdf",
        "/nulmeting/overzicht/",
        "/nulmeting/export/nulmeting-2009.csv",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/account/inloggen/"), url
    assert client.post(f"{SUDWEST}/heropenen/", {"reden": "x"}).status_code == 302
    assert Meting.objects.get(gemeente__cbs_code="GM1900").is_ingediend
