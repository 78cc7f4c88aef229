"""The advice pages as their users meet them: logging and editing a session, the lists with their
filters and exports, who may see what, and the municipality page next to its nulmeting."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import User
from advies import services
from advies.models import Adviesgesprek, Adviseur, Thema
from gemeenten.models import Gemeente, Organisatie, Provincie
from tests.advies.advies_helpers import aangevinkt, cmo, gemeenten, themas, waarde

pytestmark = pytest.mark.django_db

NIEUW = "/advies/gesprekken/nieuw/"
LIJST = "/advies/gesprekken/"


def pk(code: str) -> str:
    return str(Gemeente.objects.get(cbs_code=code).pk)


def thema_pk(code: str) -> str:
    return str(Thema.objects.get(code=code).pk)


def ids_in_lijst(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'href="/advies/gesprekken/(\d+)/"', html)]


def ids_in_csv(inhoud: bytes) -> list[int]:
    tekst = inhoud.decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    return [int(r[0]) for r in rijen[1:]]


def ids_in_xlsx(inhoud: bytes) -> list[int]:
    blad = load_workbook(io.BytesIO(inhoud), read_only=True).worksheets[0]
    return [int(r[0]) for r in blad.iter_rows(min_row=2, values_only=True)]


def formulier(**wijzigingen) -> dict:
    data = {
        "datum": "2012-03-01",
        "gemeenten": [pk("GM1900"), pk("GM0080")],
        "onderwerp": "vrijwilligerswerk",
        "themas": [thema_pk("VW-VERTALEN")],
        "uren": "1,5",
        "verslag": "Gezamenlijk gesprek over de vrijwilligersvacaturebank.",
        "vervolgafspraken": "Offerte sturen voor 1 april.",
        "traject": "",
        "actie": "opslaan",
    }
    data.update(wijzigingen)
    return data


# --- Logging a session ---------------------------------------------------------------------------------


def test_a_valid_session_is_stored_and_the_adviser_lands_on_the_list(als, adviseur_friesland):
    client = als(adviseur_friesland)
    response = client.post(NIEUW, formulier(), follow=True)
    assert response.redirect_chain == [(LIJST, 302)]
    assert "Het gesprek van 1 maart 2012 is vastgelegd." in response.content.decode()
    gesprek = Adviesgesprek.objects.get()
    assert gesprek.uren == Decimal("1.5")
    assert {g.cbs_code for g in gesprek.gemeenten.all()} == {"GM1900", "GM0080"}
    assert ids_in_lijst(response.content.decode()) == [gesprek.pk]


def test_save_and_log_another_returns_to_an_empty_form(als, adviseur_friesland):
    client = als(adviseur_friesland)
    response = client.post(NIEUW, formulier(actie="nog-een"))
    assert response.status_code == 302 and response.url == NIEUW
    assert Adviesgesprek.objects.count() == 1


def test_a_form_with_an_error_keeps_everything_typed_and_shows_the_dutch_message_at_the_field(
    als, adviseur_friesland
):
    client = als(adviseur_friesland)
    verslag = "Lang verslag dat ik niet opnieuw wil typen: vacaturebank, VOG, waardering."
    response = client.post(
        NIEUW,
        formulier(
            verslag=verslag,
            themas=[thema_pk("VW-VERTALEN"), thema_pk("MZ-RESPIJT")],
            uren="2,5",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het gesprek is nog niet opgeslagen" in html
    fout = re.search(r'<div class="invalid-feedback d-block mb-1" id="themas-fout">(.*?)</div>', html, re.S)
    assert fout and "Respijtzorg past niet bij het onderwerp vrijwilligerswerk." in fout.group(1)
    assert verslag in html
    assert waarde(html, "datum") == "2012-03-01"
    assert waarde(html, "uren") == "2,5"
    assert aangevinkt(html, "gemeenten") == {pk("GM1900"), pk("GM0080")}
    assert aangevinkt(html, "onderwerp") == {"vrijwilligerswerk"}
    assert aangevinkt(html, "themas") == {thema_pk("VW-VERTALEN"), thema_pk("MZ-RESPIJT")}
    assert "Offerte sturen voor 1 april." in html
    assert not Adviesgesprek.objects.exists()


@pytest.mark.parametrize(
    ("wijziging", "veld", "bericht"),
    [
        ({"datum": "2099-01-01"}, "datum", "De datum ligt in de toekomst"),
        ({"datum": "gisteren"}, "datum", "Vul een datum in, bijvoorbeeld 1-10-2012."),
        ({"gemeenten": []}, "gemeenten", "Kies ten minste één gemeente."),
        ({"themas": []}, "themas", "Kruis ten minste één thema aan."),
        ({"uren": "veel"}, "uren", "Vul bij Uren een aantal uren in, bijvoorbeeld 2,5 of 4,25."),
    ],
)
def test_each_field_error_is_shown_in_dutch(als, adviseur_friesland, wijziging, veld, bericht):
    client = als(adviseur_friesland)
    response = client.post(NIEUW, formulier(**wijziging))
    assert response.status_code == 200
    assert any(bericht in e for e in response.context["form"].errors[veld])
    assert bericht in response.content.decode()
    assert not Adviesgesprek.objects.exists()


def test_a_crafted_post_for_a_municipality_outside_the_cmo_provinces_is_refused(als, adviseur_friesland):
    client = als(adviseur_friesland)
    # Utrecht is not offered in the form; the browser is bypassed by posting its pk directly.
    assert pk("GM0344") not in {
        v for v in re.findall(r'name="gemeenten" value="(\d+)"', client.get(NIEUW).content.decode())
    }
    response = client.post(NIEUW, formulier(gemeenten=[pk("GM1900"), pk("GM0344")]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het gesprek is nog niet opgeslagen" in html
    fout = re.search(r'id="gemeenten-fout">(.*?)</div>', html, re.S)
    assert fout and "Kies bij ‘Gemeente(n)’ een van de mogelijkheden uit de lijst." in fout.group(1)
    assert not Adviesgesprek.objects.exists()


def test_an_official_and_a_coordinator_cannot_open_the_log_form(als, ambtenaar_sudwest, coordinator):
    assert als(ambtenaar_sudwest).get(NIEUW).status_code == 403
    assert als(coordinator).get(NIEUW).status_code == 403
    assert als(ambtenaar_sudwest).post(NIEUW, formulier()).status_code == 403
    assert not Adviesgesprek.objects.exists()


# --- Editing and deleting -----------------------------------------------------------------------------


def _bewerk_data(gesprek, **wijzigingen) -> dict:
    data = {
        "datum": gesprek.datum.isoformat(),
        "gemeenten": [str(g.pk) for g in gesprek.gemeenten.all()],
        "onderwerp": gesprek.onderwerp,
        "themas": [str(t.pk) for t in gesprek.themas.all()],
        "uren": str(gesprek.uren).replace(".", ","),
        "verslag": gesprek.verslag,
        "vervolgafspraken": gesprek.vervolgafspraken,
        "traject": "",
        "versie": str(gesprek.versie),
    }
    data.update(wijzigingen)
    return data


def test_the_edit_form_opens_with_the_current_values(als, adviseur_friesland, gesprek_friesland):
    html = (
        als(adviseur_friesland).get(f"/advies/gesprekken/{gesprek_friesland.pk}/wijzigen/").content.decode()
    )
    assert aangevinkt(html, "gemeenten") == {pk("GM1900"), pk("GM0080")}
    assert aangevinkt(html, "onderwerp") == {"beide"}
    assert aangevinkt(html, "themas") == {thema_pk("VW-VERTALEN"), thema_pk("MZ-RESPIJT")}
    assert waarde(html, "datum") == "1-3-2012"
    assert waarde(html, "uren") == "2,5"
    assert "Gesprek over de nieuwe nota." in html
    assert waarde(html, "versie") == "1"


def _zoals_geopend(html: str) -> dict:
    """What the browser would submit for the form as it was opened."""
    from tests.advies.advies_helpers import formuliervelden

    data: dict[str, list[str]] = {}
    for veld in formuliervelden(html):
        naam = veld.get("name")
        if not naam or naam == "csrfmiddlewaretoken" or veld.get("type") == "submit":
            continue
        if veld.get("type") in ("checkbox", "radio") and "checked" not in veld:
            continue
        data.setdefault(naam, []).append(veld.get("value") or "")
    return data


def test_changing_only_the_hours_in_the_opened_edit_form_saves_them(
    als, adviseur_friesland, gesprek_friesland
):
    client = als(adviseur_friesland)
    url = f"/advies/gesprekken/{gesprek_friesland.pk}/wijzigen/"
    data = _zoals_geopend(client.get(url).content.decode())
    data["uren"] = ["3,5"]
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(
        r'role="alert">(.*?)</div>', response.content.decode(), re.S
    )
    assert Adviesgesprek.objects.get(pk=gesprek_friesland.pk).uren == Decimal("3.5")


def test_editing_shows_the_change_and_its_history_on_the_detail_page(
    als, adviseur_friesland, gesprek_friesland
):
    # The complete form as a browser submits it once it has been filled in with the current values.
    client = als(adviseur_friesland)
    url = f"/advies/gesprekken/{gesprek_friesland.pk}/wijzigen/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, _bewerk_data(gesprek_friesland, uren="3,5", verslag="Bijgewerkt verslag."), follow=True
    )
    assert response.redirect_chain == [(f"/advies/gesprekken/{gesprek_friesland.pk}/", 302)]
    html = response.content.decode()
    assert "Het gesprek is bijgewerkt." in html
    assert "Bijgewerkt verslag." in html
    assert f"Gewijzigd door {adviseur_friesland}" in html
    assert "«Gesprek over de nieuwe nota.» → «Bijgewerkt verslag.»" in html
    assert Adviesgesprek.objects.get(pk=gesprek_friesland.pk).uren == Decimal("3.5")


def test_the_history_shows_numbers_and_dates_the_dutch_way(als, adviseur_friesland, gesprek_friesland):
    services.adviesgesprek_wijzigen(
        gesprek=gesprek_friesland,
        door=adviseur_friesland,
        versie=1,
        uren=Decimal("3.5"),
        datum=datetime.date(2012, 3, 2),
    )
    html = als(adviseur_friesland).get(f"/advies/gesprekken/{gesprek_friesland.pk}/").content.decode()
    geschiedenis = html[html.index("Geschiedenis") :]
    assert "2,5" in geschiedenis and "3,5" in geschiedenis
    assert "2.5" not in geschiedenis and "2012-03-01" not in geschiedenis


def test_the_edit_form_tells_the_second_editor_who_changed_it_and_keeps_their_input(
    als, adviseur_friesland, gesprek_friesland, coordinator
):
    coordinator.naam = "Corrie Coördinator"
    coordinator.save(update_fields=["naam"])
    client = als(adviseur_friesland)
    url = f"/advies/gesprekken/{gesprek_friesland.pk}/wijzigen/"
    assert client.get(url).status_code == 200
    # Meanwhile the coordinator corrects the report.
    services.adviesgesprek_wijzigen(
        gesprek=gesprek_friesland, door=coordinator, versie=1, verslag="Door MOVISIE."
    )

    response = client.post(url, _bewerk_data(gesprek_friesland, versie="1", verslag="Mijn versie.", uren="4"))
    assert response.status_code == 200
    html = response.content.decode()
    waarschuwing = re.search(r'<div class="alert alert-warning" role="alert">(.*?)</div>', html, re.S)
    assert waarschuwing, "the conflict is shown"
    assert (
        "Corrie Coördinator heeft dit gesprek gewijzigd nadat u het opende (verslag)" in waarschuwing.group(1)
    )
    assert "Bekijk de nieuwe versie" in waarschuwing.group(1)
    assert "Mijn versie." in html, "what the user typed is still there"
    gesprek = Adviesgesprek.objects.get(pk=gesprek_friesland.pk)
    assert (gesprek.verslag, gesprek.uren, gesprek.versie) == ("Door MOVISIE.", Decimal("2.5"), 2)


def test_delete_and_restore_through_the_pages(als, adviseur_friesland, gesprek_friesland, coordinator):
    client = als(adviseur_friesland)
    detail = client.get(f"/advies/gesprekken/{gesprek_friesland.pk}/").content.decode()
    assert f'href="/advies/gesprekken/{gesprek_friesland.pk}/verwijderen/">Verwijderen…</a>' in detail
    vraag = client.get(f"/advies/gesprekken/{gesprek_friesland.pk}/verwijderen/").content.decode()
    assert "verwijderen?</h1>" in vraag and "kan een coördinator het herstellen" in vraag
    assert ids_in_lijst(client.get(LIJST).content.decode()) == [gesprek_friesland.pk], (
        "asking deletes nothing"
    )
    response = client.post(f"/advies/gesprekken/{gesprek_friesland.pk}/verwijderen/", follow=True)
    assert "Het gesprek van 1 maart 2012 is verwijderd." in response.content.decode()
    assert "een coördinator kan het herstellen als dit een vergissing was" in response.content.decode()
    assert ids_in_lijst(response.content.decode()) == []

    client = als(coordinator)
    assert ids_in_lijst(client.get(LIJST).content.decode()) == []
    assert ids_in_lijst(client.get(LIJST, {"verwijderd": "on"}).content.decode()) == [gesprek_friesland.pk]
    detail = client.get(f"/advies/gesprekken/{gesprek_friesland.pk}/").content.decode()
    assert "Verwijderd op" in detail and "Herstellen" in detail
    response = client.post(f"/advies/gesprekken/{gesprek_friesland.pk}/herstellen/", follow=True)
    assert "Het gesprek is hersteld." in response.content.decode()
    assert ids_in_lijst(client.get(LIJST).content.decode()) == [gesprek_friesland.pk]


def test_a_colleague_of_the_same_cmo_reads_but_cannot_edit_or_delete(als, collega_partoer, gesprek_friesland):
    client = als(collega_partoer)
    detail = client.get(f"/advies/gesprekken/{gesprek_friesland.pk}/")
    assert detail.status_code == 200
    assert "/wijzigen/" not in detail.content.decode()
    assert client.get(f"/advies/gesprekken/{gesprek_friesland.pk}/wijzigen/").status_code == 403
    assert (
        client.post(
            f"/advies/gesprekken/{gesprek_friesland.pk}/wijzigen/",
            _bewerk_data(gesprek_friesland, verslag="x"),
        ).status_code
        == 403
    )
    assert client.post(f"/advies/gesprekken/{gesprek_friesland.pk}/verwijderen/").status_code == 403
    gesprek = Adviesgesprek.objects.get(pk=gesprek_friesland.pk)
    assert (gesprek.verslag, gesprek.verwijderd_op) == ("Gesprek over de nieuwe nota.", None)


# --- The lists, their filters, pagination and exports ----------------------------------------------------


@pytest.fixture
def reeks(loggen, adviseur_friesland, collega_partoer, adviseur_utrecht):
    """Four sessions that each filter separates differently."""
    return {
        "A": loggen(datum=datetime.date(2012, 3, 1), codes=("GM1900",), thema_codes=("VW-VERTALEN",)),
        "B": loggen(
            adviseur=collega_partoer,
            datum=datetime.date(2012, 5, 10),
            codes=("GM0080",),
            onderwerp="mantelzorg",
            thema_codes=("MZ-RESPIJT",),
            uren=Decimal("2.5"),
        ),
        "C": loggen(
            adviseur=adviseur_utrecht,
            datum=datetime.date(2012, 4, 1),
            codes=("GM0344",),
            onderwerp="beide",
            thema_codes=("VW-VERBINDEN", "MZ-INFORMATIE"),
        ),
        "D": loggen(
            datum=datetime.date(2011, 6, 1),
            codes=("GM1900", "GM0080"),
            onderwerp="mantelzorg",
            thema_codes=("MZ-INFORMATIE",),
        ),
    }


FILTERS = {
    "geen": (lambda: {}, "BCAD"),
    "periode": (lambda: {"van": "2012-01-01", "tot": "2012-04-30"}, "CA"),
    "provincie": (lambda: {"provincie": Provincie.objects.get(naam="Friesland").pk}, "BAD"),
    "cmo": (lambda: {"organisatie": cmo("Alleato").pk}, "C"),
    "adviseur": (lambda: {"adviseur": User.objects.get(email="collega@partoer.example.nl").pk}, "B"),
    "gemeente": (lambda: {"gemeente": pk("GM0080")}, "BD"),
    "onderwerp": (lambda: {"onderwerp": "mantelzorg"}, "BD"),
    "thema": (lambda: {"thema": thema_pk("MZ-INFORMATIE")}, "CD"),
    "combinatie": (lambda: {"gemeente": pk("GM1900"), "onderwerp": "mantelzorg"}, "D"),
}


@pytest.mark.parametrize("naam", FILTERS)
def test_each_filter_narrows_the_list_and_both_exports_hold_exactly_its_rows(als, coordinator, reeks, naam):
    parameters, verwacht = FILTERS[naam]
    parameters = parameters()
    client = als(coordinator)
    lijst = ids_in_lijst(client.get(LIJST, parameters).content.decode())
    assert lijst == [reeks[x].pk for x in verwacht]

    csv_response = client.get("/advies/gesprekken/export.csv", parameters)
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    assert ids_in_csv(csv_response.content) == lijst
    xlsx_response = client.get("/advies/gesprekken/export.xlsx", parameters)
    assert xlsx_response.status_code == 200
    assert ids_in_xlsx(xlsx_response.content) == lijst


def test_the_csv_export_opens_in_dutch_excel(als, coordinator, reeks):
    client = als(coordinator)
    inhoud = client.get("/advies/gesprekken/export.csv", {"adviseur": reeks["B"].adviseur_id}).content
    assert inhoud.startswith("\ufeff".encode())
    regels = inhoud.decode("utf-8-sig").split("\r\n")
    assert regels[0].split(";")[:4] == ["id", "datum", "gerapporteerd_op", "adviseur"]
    rij = next(csv.DictReader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    assert rij["uren"] == "2,5"
    assert rij["datum"] == "2012-05-10"
    assert rij["cmo"] == "Partoer"
    assert rij["gemeenten"] == "Leeuwarden"
    assert rij["cbs_codes"] == "GM0080"
    assert rij["provincies"] == "Friesland"
    assert rij["onderwerp"] == "Mantelzorg"
    assert rij["themas"] == "Respijtzorg"
    assert rij["adviseur_email"] == "collega@partoer.example.nl"


def test_the_xlsx_export_holds_real_numbers_and_dates(als, coordinator, reeks):
    client = als(coordinator)
    inhoud = client.get("/advies/gesprekken/export.xlsx", {"adviseur": reeks["B"].adviseur_id}).content
    blad = load_workbook(io.BytesIO(inhoud)).worksheets[0]
    kop = [c.value for c in blad[1]]
    rij = dict(zip(kop, [c.value for c in blad[2]], strict=True))
    assert float(rij["uren"]) == 2.5
    assert rij["datum"].date() == datetime.date(2012, 5, 10)
    assert rij["gemeenten"] == "Leeuwarden"


def test_an_adviser_sees_the_sessions_of_their_cmo_and_mijn_shows_only_their_own(
    als, adviseur_friesland, reeks
):
    client = als(adviseur_friesland)
    html = client.get(LIJST).content.decode()
    assert ids_in_lijst(html) == [reeks[x].pk for x in "BAD"]
    assert "Alle gesprekken van Partoer" in html
    mijn = client.get(LIJST, {"mijn": "1"}).content.decode()
    assert ids_in_lijst(mijn) == [reeks[x].pk for x in "AD"]
    assert ids_in_csv(client.get("/advies/gesprekken/export.csv", {"mijn": "1"}).content) == [
        reeks["A"].pk,
        reeks["D"].pk,
    ]
    # The filters keep working inside the tab.
    assert ids_in_lijst(client.get(LIJST, {"mijn": "1", "onderwerp": "mantelzorg"}).content.decode()) == [
        reeks["D"].pk
    ]


def test_an_adviser_cannot_widen_the_list_to_another_cmo(als, adviseur_friesland, reeks):
    client = als(adviseur_friesland)
    assert reeks["C"].pk not in ids_in_lijst(
        client.get(LIJST, {"organisatie": cmo("Alleato").pk}).content.decode()
    )
    assert reeks["C"].pk not in ids_in_csv(
        client.get("/advies/gesprekken/export.csv", {"organisatie": cmo("Alleato").pk}).content
    )


def test_the_list_is_paginated_by_25_and_keeps_its_filters(als, adviseur_friesland, loggen):
    for dag in range(1, 31):
        loggen(datum=datetime.date(2012, 1, dag), onderwerp="mantelzorg", thema_codes=("MZ-VISIE",))
    loggen(datum=datetime.date(2012, 2, 1))  # vrijwilligerswerk: filtered out below
    client = als(adviseur_friesland)
    eerste = client.get(LIJST, {"onderwerp": "mantelzorg"})
    html = eerste.content.decode()
    assert "30 gesprekken" in html
    assert "Pagina 1 van 2" in html
    assert len(ids_in_lijst(html)) == 25
    volgende = re.search(r'href="\?([^"]*pagina=2)"', html)
    assert volgende and "onderwerp=mantelzorg" in volgende.group(1)
    tweede = client.get(f"{LIJST}?{volgende.group(1).replace('&amp;', '&')}").content.decode()
    assert "Pagina 2 van 2" in tweede
    alle = ids_in_lijst(html) + ids_in_lijst(tweede)
    datums = list(Adviesgesprek.objects.filter(pk__in=alle).order_by("-datum").values_list("pk", flat=True))
    assert alle == datums, "newest first, nothing twice, nothing missing"
    assert len(set(alle)) == 30


# --- Officials and advisers of other CMOs -------------------------------------------------------------


def test_an_official_reads_only_the_sessions_held_with_their_municipality(als, ambtenaar_sudwest, reeks):
    client = als(ambtenaar_sudwest)
    html = client.get(LIJST).content.decode()
    assert ids_in_lijst(html) == [reeks["A"].pk, reeks["D"].pk]
    assert "export.csv" not in html
    assert client.get(f"/advies/gesprekken/{reeks['A'].pk}/").status_code == 200
    assert client.get(f"/advies/gesprekken/{reeks['B'].pk}/").status_code == 404
    assert client.get(f"/advies/gesprekken/{reeks['C'].pk}/").status_code == 404
    assert client.get("/advies/gesprekken/export.csv").status_code == 403
    assert client.get("/advies/gesprekken/export.xlsx").status_code == 403
    assert client.get(NIEUW).status_code == 403
    assert client.get(f"/advies/gesprekken/{reeks['A'].pk}/wijzigen/").status_code == 403
    assert client.post(f"/advies/gesprekken/{reeks['A'].pk}/verwijderen/").status_code == 403
    # Another municipality's session stays invisible, whichever filter is tried.
    assert ids_in_lijst(client.get(LIJST, {"gemeente": pk("GM0080")}).content.decode()) == [
        reeks["A"].pk,
        reeks["D"].pk,
    ]


def test_an_official_does_not_see_a_deleted_session(als, ambtenaar_sudwest, reeks, adviseur_friesland):
    services.adviesgesprek_verwijderen(gesprek=reeks["A"], door=adviseur_friesland)
    client = als(ambtenaar_sudwest)
    assert ids_in_lijst(client.get(LIJST).content.decode()) == [reeks["D"].pk]
    assert client.get(f"/advies/gesprekken/{reeks['A'].pk}/").status_code == 404


def test_an_adviser_of_another_cmo_gets_404_on_a_partoer_session(als, adviseur_utrecht, reeks):
    client = als(adviseur_utrecht)
    for x in "ABD":
        assert client.get(f"/advies/gesprekken/{reeks[x].pk}/").status_code == 404
        assert client.get(f"/advies/gesprekken/{reeks[x].pk}/wijzigen/").status_code == 404
        assert client.post(f"/advies/gesprekken/{reeks[x].pk}/verwijderen/").status_code == 404
    assert ids_in_lijst(client.get(LIJST).content.decode()) == [reeks["C"].pk]
    assert ids_in_csv(client.get("/advies/gesprekken/export.csv").content) == [reeks["C"].pk]
    assert Adviesgesprek.objects.actief().count() == 4


# --- The municipality page ----------------------------------------------------------------------------


def _zwak_tabel(html: str) -> dict[str, str]:
    tabel = re.search(r"Zwakke basisfuncties en advies</h2>(.*?)</table>", html, re.S)
    assert tabel, "the weak basisfuncties table is shown"
    rijen = re.findall(
        r'<tr><td>([^<]+)</td><td class="table-num">[^<]*</td><td class="table-num">(.*?)</td></tr>',
        tabel.group(1),
    )
    return {naam: re.sub(r"<[^>]+>", "", besproken) for naam, besproken in rijen}


def test_the_municipality_page_sets_its_sessions_against_its_weak_basisfuncties(
    als, adviseur_friesland, ambtenaar_sudwest, gesprek_friesland, loggen, nulmeting_indienen
):
    nulmeting_indienen("GM1900", zwak={"MZ-RESPIJT", "VW-VERBINDEN", "MZ-EDUCATIE"})
    # Respijtzorg was discussed in gesprek_friesland (with Súdwest-Fryslân and Leeuwarden) and once more.
    loggen(codes=("GM1900",), onderwerp="mantelzorg", thema_codes=("MZ-RESPIJT", "MZ-VISIE"))
    # Not counted: deleted, or held with another municipality only.
    weg = loggen(codes=("GM1900",), onderwerp="mantelzorg", thema_codes=("MZ-EDUCATIE",))
    services.adviesgesprek_verwijderen(gesprek=weg, door=adviseur_friesland)
    loggen(codes=("GM0080",), thema_codes=("VW-VERBINDEN",))

    for user in (adviseur_friesland, ambtenaar_sudwest):
        html = als(user).get("/gemeenten/GM1900/").content.decode()
        assert _zwak_tabel(html) == {
            "Verbinden en makelen": "nog niet",
            "Educatie": "nog niet",
            "Respijtzorg": "2×",
        }
        assert "2 gesprekken met Súdwest-Fryslân" in html
        assert f'href="/advies/gesprekken/{gesprek_friesland.pk}/"' in html


def test_the_municipality_page_without_a_submitted_nulmeting_says_so(
    als, adviseur_friesland, gesprek_friesland
):
    html = als(adviseur_friesland).get("/gemeenten/GM0080/").content.decode()
    assert "Geen zwakke basisfuncties bekend" in html
    assert "1 gesprek met Leeuwarden" in html


def test_the_municipality_page_shows_its_trajecten_with_the_shared_budget(
    als, ambtenaar_sudwest, adviseur_friesland, loggen
):
    traject = services.adviestraject_opslaan(
        door=adviseur_friesland,
        gemeenten=gemeenten("GM1900", "GM0080"),
        titel="Samen sterk in Fryslân",
        onderwerp="vrijwilligerswerk",
        status="lopend",
        doel="d",
        werkwijze="w",
        inzet_uren=Decimal("24"),
        tijdspad="t",
        verwachte_opbrengst="v",
        borging="b",
    )
    loggen(codes=("GM0080",), uren=Decimal("3.5"), traject=traject)
    html = als(ambtenaar_sudwest).get("/gemeenten/GM1900/").content.decode()
    assert "Samen sterk in Fryslân</a> — Lopend, 3,5 van 24 uur" in html


def test_the_municipality_page_counts_all_its_sessions(als, adviseur_friesland, loggen):
    from advies.uitwisseling import gesprekken_importeren
    from tests.advies.advies_helpers import csv_bestand

    gesprekken_importeren(
        csv_bestand(
            ["datum", "gerapporteerd_op", "adviseur", "gemeenten", "onderwerp", "themas", "uren", "verslag"],
            [
                [
                    f"2011-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "",
                    adviseur_friesland.email,
                    "GM1900",
                    "vrijwilligerswerk",
                    "Vertalen",
                    "1",
                    f"G{i}",
                ]
                for i in range(55)
            ],
        )
    )
    html = als(adviseur_friesland).get("/gemeenten/GM1900/").content.decode()
    assert "55 gesprekken met Súdwest-Fryslân" in html or "?gemeente=" in html


# --- The adviser pool pages -----------------------------------------------------------------------------


def petra_toevoegen(client, actief_van: str):
    """Add Petra Pool to Partoer's pool through the pool page."""
    return client.post(
        "/advies/adviseurs/",
        {
            "naam": "Petra Pool",
            "email": "petra@partoer.example.nl",
            "organisatie": cmo("Partoer").pk,
            "actief_van": actief_van,
        },
        follow=True,
    )


def test_the_coordinator_adds_moves_and_ends_advisers_on_the_pool_page(als, coordinator, referentiedata):
    client = als(coordinator)
    html = petra_toevoegen(client, "2009-01-01").content.decode()
    assert "Petra Pool is toegevoegd aan de pool van Partoer." in html
    assert re.search(r"zijn <strong>1</strong> adviseurs actief", html)
    periode = Adviseur.objects.get(user__email="petra@partoer.example.nl")

    response = client.post(
        f"/advies/adviseurs/{periode.pk}/verplaatsen/",
        {"naar": cmo("Alleato").pk, "per": "2011-01-01"},
        follow=True,
    )
    assert "Petra Pool werkt vanaf 1 januari 2011 bij Alleato." in response.content.decode()
    nieuw = Adviseur.objects.get(user__email="petra@partoer.example.nl", actief_tot__isnull=True)
    assert nieuw.organisatie == cmo("Alleato")

    response = client.post(f"/advies/adviseurs/{nieuw.pk}/beeindigen/", {"per": "2010-01-01"}, follow=True)
    assert "De einddatum moet na de begindatum liggen." in response.content.decode()
    response = client.post(f"/advies/adviseurs/{nieuw.pk}/beeindigen/", {"per": "2012-10-01"}, follow=True)
    assert "De periode van Petra Pool eindigt op 1 oktober 2012." in response.content.decode()
    assert re.search(r"zijn <strong>0</strong> adviseurs actief", response.content.decode())


def test_an_adviser_cannot_open_the_pool_page(als, adviseur_friesland):
    assert als(adviseur_friesland).get("/advies/adviseurs/").status_code == 403


def test_a_new_adviser_can_choose_a_password_via_wachtwoord_vergeten(als, coordinator, referentiedata):
    client = als(coordinator)
    petra_toevoegen(client, "2012-01-01")
    assert User.objects.filter(email="petra@partoer.example.nl", is_active=True).exists()
    mail.outbox.clear()
    Client().post("/account/wachtwoord-vergeten/", {"email": "petra@partoer.example.nl"})
    assert [m.to for m in mail.outbox] == [["petra@partoer.example.nl"]]


def test_themas_are_named_as_the_programme_did(referentiedata):
    assert [t.naam for t in Thema.objects.filter(domein="vrijwilligerswerk")] == [
        "Basisfuncties vrijwilligerswerk algemeen",
        "Vertalen",
        "Verbinden",
        "Versterken",
        "Verankeren",
        "Verbreiden",
    ]
    assert Thema.objects.filter(domein="mantelzorg").count() == 10
    assert themas("VW-VERBINDEN")[0].basisfunctie.naam == "Verbinden en makelen"


def test_a_refused_end_or_move_opens_its_row_with_the_message_beside_the_field(
    als, coordinator, referentiedata
):
    client = als(coordinator)
    petra_toevoegen(client, "2010-01-01")
    periode = Adviseur.objects.get(user__email="petra@partoer.example.nl")

    response = client.post(f"/advies/adviseurs/{periode.pk}/beeindigen/", {"per": "2009-06-01"})
    assert response.status_code == 200
    html = response.content.decode()
    veld = re.search(rf'<input[^>]*id="einde-{periode.pk}-per"[^>]*>', html).group(0)
    assert 'value="2009-06-01"' in veld and 'aria-invalid="true"' in veld
    assert f'aria-describedby="einde-{periode.pk}-per-fout"' in veld
    assert re.search(rf'id="einde-{periode.pk}-per-fout">De einddatum moet na de begindatum liggen.<', html)
    assert "<details open>" in html and f'href="#einde-{periode.pk}-per"' in html

    response = client.post(
        f"/advies/adviseurs/{periode.pk}/verplaatsen/", {"naar": cmo("Partoer").pk, "per": "2011-01-01"}
    )
    html = response.content.decode()
    assert re.search(rf'id="verplaats-{periode.pk}-naar-fout">De adviseur werkt al bij deze CMO.<', html)
    assert re.search(rf'<option value="{cmo("Partoer").pk}" selected>Partoer<', html)
    assert re.search(rf'id="verplaats-{periode.pk}-per"[^>]*value="2011-01-01"', html)
    periode.refresh_from_db()
    assert periode.actief_tot is None and Adviseur.objects.filter(user=periode.user).count() == 1


def test_a_date_field_shows_its_initial_date_as_the_product_writes_dates(als, coordinator, referentiedata):
    html = als(coordinator).get("/advies/adviseurs/").content.decode()
    veld = re.search(r'<input[^>]*name="actief_van"[^>]*>', html).group(0)
    vandaag = timezone.localdate()
    assert f'value="{vandaag.day}-{vandaag.month}-{vandaag.year}"' in veld and 'type="text"' in veld


def test_a_day_that_does_not_exist_is_called_impossible_beside_its_field(als, coordinator, referentiedata):
    """Issue 17: 31 February was reported as a missing date (the date picker sent nothing)."""
    html = petra_toevoegen(als(coordinator), "31-02-2012").content.decode()
    veld = re.search(r'<input[^>]*name="actief_van"[^>]*>', html).group(0)
    assert 'value="31-02-2012"' in veld and 'aria-invalid="true"' in veld
    assert "Die dag bestaat niet (31-02-2012). Controleer de dag en de maand." in html
    assert "verplicht" not in html.split('name="actief_van"')[1].split("</div>")[0]
    assert not Adviseur.objects.filter(user__email="petra@partoer.example.nl").exists()


def test_a_placeholder_cmo_is_called_a_placeholder_once(als, coordinator, referentiedata):
    """Issue 17: the pool showed "CMO Zuid-Holland (plaatshouder) (plaatshouder)"."""
    naam = "CMO Zuid-Holland (plaatshouder)"
    Organisatie.objects.create(naam=naam, is_placeholder=True)
    html = als(coordinator).get("/advies/adviseurs/").content.decode()
    assert f"<td>{naam}</td>" in html and "(plaatshouder) (plaatshouder)" not in html
    assert "(plaatshouder)</span>" not in html


def test_the_pool_writes_ids_over_a_thousand_without_a_separator(als, coordinator, referentiedata):
    """The move form's CMOs are written by hand in the pool's rows: an id of 4321 must be
    'value="4321"', not '4.321' (USE_THOUSAND_SEPARATOR), or moving there is refused."""
    client = als(coordinator)
    petra_toevoegen(client, "2010-01-01")
    nieuw = Organisatie.objects.create(pk=4321, naam="CMO Nieuw")
    nieuw.provincies.set([Provincie.objects.get(naam="Friesland")])
    assert f'<option value="{nieuw.pk}">CMO Nieuw<' in client.get("/advies/adviseurs/").content.decode()
