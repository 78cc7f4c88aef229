"""Importing historical sessions and the adviser pool from the spreadsheets offices have:
all or nothing, every bad row listed with its line number and a Dutch reason."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook

from accounts.models import User
from advies import selectors
from advies.models import Adviesgesprek, Adviseur
from advies.selectors import gesprekken_bekend_op
from advies.uitwisseling import (
    ADVISEUR_KOLOMMEN,
    GESPREK_KOLOMMEN,
    adviseurs_importeren,
    gesprekken_importeren,
)
from tests.advies.advies_helpers import cmo, csv_bestand
from toolkit.tabular import ImportFout

pytestmark = pytest.mark.django_db

ADVISEUR = "adviseur@partoer.example.nl"
KOLOMMEN = [*GESPREK_KOLOMMEN, "vervolgafspraken"]


def rij(**velden) -> list:
    standaard = {
        "datum": "2012-03-01",
        "gerapporteerd_op": "",
        "adviseur": ADVISEUR,
        "gemeenten": "GM1900",
        "onderwerp": "vrijwilligerswerk",
        "themas": "Vertalen",
        "uren": "1,5",
        "verslag": "Kennismaking met de nieuwe wethouder.",
        "vervolgafspraken": "",
    }
    standaard.update(velden)
    return [standaard[k] for k in KOLOMMEN]


def xlsx_bestand(kolommen, rijen) -> bytes:
    werkboek = Workbook()
    blad = werkboek.active
    blad.append(kolommen)
    for r in rijen:
        blad.append(r)
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return buffer.getvalue()


def _gesprek(verslag: str) -> Adviesgesprek:
    return Adviesgesprek.objects.get(verslag=verslag)


def _codes(gesprek) -> set[str]:
    return {g.cbs_code for g in gesprek.gemeenten.all()}


def _themas(gesprek) -> set[str]:
    return {t.naam for t in gesprek.themas.all()}


def _lokaal(moment: datetime.datetime) -> tuple:
    lokaal = timezone.localtime(moment)
    return (lokaal.date(), lokaal.hour, lokaal.minute)


# --- Sessions: what a good file creates -------------------------------------------------------------------


def test_a_semicolon_csv_in_utf8_with_bom_creates_the_sessions(adviseur_friesland):
    bestand = csv_bestand(
        KOLOMMEN,
        [
            rij(
                datum="2012-03-01",
                gerapporteerd_op="2012-03-05",
                gemeenten="GM1900;GM0080",
                onderwerp="beide",
                themas="Vertalen; Respijtzorg",
                uren="2,5",
                verslag="Gezamenlijk gesprek in Sneek.",
                vervolgafspraken="Nota in april.",
            ),
            rij(datum="15-11-2011", gerapporteerd_op="", verslag="Zonder datum van vastleggen."),
        ],
        scheiding=";",
        codering="utf-8-sig",
    )
    assert bestand.startswith("\ufeff".encode())
    assert gesprekken_importeren(bestand, "gesprekken.csv") == 2

    gezamenlijk = _gesprek("Gezamenlijk gesprek in Sneek.")
    assert gezamenlijk.datum == datetime.date(2012, 3, 1)
    assert timezone.localtime(gezamenlijk.gerapporteerd_op).date() == datetime.date(2012, 3, 5)
    assert _codes(gezamenlijk) == {"GM1900", "GM0080"}
    assert _themas(gezamenlijk) == {"Vertalen", "Respijtzorg"}
    assert gezamenlijk.uren == Decimal("2.5")
    assert (gezamenlijk.onderwerp, gezamenlijk.vervolgafspraken) == ("beide", "Nota in april.")
    assert (gezamenlijk.adviseur, gezamenlijk.organisatie) == (adviseur_friesland, cmo("Partoer"))
    assert [(v.soort, v.history_user, v.history_date) for v in selectors.versies_van(gezamenlijk)] == [
        ("geimporteerd", adviseur_friesland, gezamenlijk.gerapporteerd_op)
    ]

    # An empty gerapporteerd_op means: logged on the day it was held.
    zonder = _gesprek("Zonder datum van vastleggen.")
    assert zonder.datum == datetime.date(2011, 11, 15)
    assert timezone.localtime(zonder.gerapporteerd_op).date() == datetime.date(2011, 11, 15)


def test_imported_sessions_count_in_reports_only_from_their_logging_moment(adviseur_friesland):
    gesprekken_importeren(
        csv_bestand(
            KOLOMMEN, [rij(datum="2012-03-01", gerapporteerd_op="2012-06-10", verslag="Laat gemeld.")]
        )
    )
    voor = timezone.make_aware(datetime.datetime(2012, 6, 1))
    na = timezone.make_aware(datetime.datetime(2012, 7, 1))
    assert not gesprekken_bekend_op(voor).exists()
    assert gesprekken_bekend_op(na).count() == 1


def test_a_comma_csv_in_windows_1252_with_dutch_dates_and_decimal_comma(adviseur_friesland):
    bestand = csv_bestand(
        KOLOMMEN,
        [
            rij(
                datum="1-3-2012",
                gerapporteerd_op="2/3/2012",
                gemeenten="GM1900;GM0080",
                onderwerp="mantelzorg",
                themas="Materiële hulp; Financiële tegemoetkoming",
                uren="0,5",
                verslag="Overleg over één loket — mantelzorgwaardering in Súdwest-Fryslân.",
            ),
            rij(datum="01.02.2012", uren="3", verslag="Tweede regel."),
        ],
        scheiding=",",
        codering="cp1252",
    )
    with pytest.raises(UnicodeDecodeError):
        bestand.decode("utf-8")
    assert gesprekken_importeren(bestand, "gesprekken.csv") == 2
    gesprek = _gesprek("Overleg over één loket — mantelzorgwaardering in Súdwest-Fryslân.")
    assert gesprek.datum == datetime.date(2012, 3, 1)
    assert timezone.localtime(gesprek.gerapporteerd_op).date() == datetime.date(2012, 3, 2)
    assert _themas(gesprek) == {"Materiële hulp", "Financiële tegemoetkoming"}
    assert _codes(gesprek) == {"GM1900", "GM0080"}
    assert gesprek.uren == Decimal("0.5")
    assert _gesprek("Tweede regel.").datum == datetime.date(2012, 2, 1)


def test_an_xlsx_with_date_cells_and_numbers_creates_the_sessions(adviseur_friesland):
    bestand = xlsx_bestand(
        KOLOMMEN,
        [
            [
                datetime.date(2012, 3, 1),
                datetime.datetime(2012, 3, 5, 14, 30),
                ADVISEUR,
                "GM1900; GM0080",
                "Beide",
                "Verbinden;Informatie",
                1.5,
                "Uit Excel.",
                None,
            ],
            [
                "2012-04-02",
                None,
                ADVISEUR.upper(),
                "gm1900",
                "mantelzorg",
                "respijtzorg",
                "2,5",
                "Tekstcellen.",
                "",
            ],
        ],
    )
    assert gesprekken_importeren(bestand, "gesprekken.xlsx") == 2
    gesprek = _gesprek("Uit Excel.")
    assert gesprek.datum == datetime.date(2012, 3, 1)
    assert _lokaal(gesprek.gerapporteerd_op) == (datetime.date(2012, 3, 5), 14, 30)
    assert _codes(gesprek) == {"GM1900", "GM0080"}
    assert _themas(gesprek) == {"Verbinden", "Informatie"}
    assert (gesprek.onderwerp, gesprek.uren) == ("beide", Decimal("1.5"))
    tekst = _gesprek("Tekstcellen.")
    assert (tekst.datum, tekst.uren, _themas(tekst), _codes(tekst)) == (
        datetime.date(2012, 4, 2),
        Decimal("2.5"),
        {"Respijtzorg"},
        {"GM1900"},
    )


def test_a_csv_logging_moment_with_a_time_keeps_the_time(adviseur_friesland):
    gesprekken_importeren(
        csv_bestand(KOLOMMEN, [rij(gerapporteerd_op="2012-03-05 14:30", verslag="Met tijd.")]), "g.csv"
    )
    assert _lokaal(_gesprek("Met tijd.").gerapporteerd_op) == (datetime.date(2012, 3, 5), 14, 30)


def test_imported_sessions_appear_in_the_list_and_the_export(adviseur_friesland):
    gesprekken_importeren(
        csv_bestand(KOLOMMEN, [rij(verslag="Een."), rij(datum="2012-03-02", verslag="Twee.")])
    )
    lijst = selectors.gesprekken_voor_lijst(adviseur_friesland, selectors.GesprekFilter())
    assert [g.verslag for g in lijst] == ["Twee.", "Een."]
    assert [r[-2] for r in selectors.export_rijen(lijst)] == ["Twee.", "Een."]


def test_a_historical_session_counts_for_the_cmo_the_adviser_worked_for_on_that_date(referentiedata):
    adviseurs_importeren(
        csv_bestand(
            ADVISEUR_KOLOMMEN,
            [
                ["Bas Verhuisd", "bas@example.nl", "Partoer", "2009-01-01", "2011-01-01"],
                ["Bas Verhuisd", "bas@example.nl", "Alleato", "2011-01-01", ""],
            ],
        )
    )
    gesprekken_importeren(
        csv_bestand(
            KOLOMMEN,
            [rij(adviseur="bas@example.nl", datum="2010-05-01", gemeenten="GM0080", verslag="Bij Partoer.")],
        )
    )
    assert _gesprek("Bij Partoer.").organisatie == cmo("Partoer")


# --- Sessions: a file with bad rows stores nothing and lists every bad row --------------------------------


@pytest.fixture
def slecht_bestand(adviseur_friesland) -> bytes:
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    return csv_bestand(
        KOLOMMEN,
        [
            rij(verslag="Goede regel 2."),
            rij(gemeenten="GM1900;GM9999", verslag="Regel 3."),
            rij(adviseur="onbekend@example.nl", verslag="Regel 4."),
            rij(onderwerp="vrijwilligerswerk", themas="Vertalen; Respijtzorg", verslag="Regel 5."),
            rij(datum=morgen.isoformat(), verslag="Regel 6."),
            rij(datum="2010-06-01", gemeenten="GM1900", verslag="Regel 7."),
            rij(gemeenten="GM0344", verslag="Regel 8."),
            rij(verslag="Goede regel 9."),
        ],
    )


VERWACHTE_FOUTEN = {
    3: "Onbekende gemeentecode(s): GM9999.",
    4: "Onbekende adviseur 'onbekend@example.nl'.",
    5: "Respijtzorg past niet bij het onderwerp vrijwilligerswerk.",
    6: "De datum ligt in de toekomst",
    7: "Súdwest-Fryslân bestond niet op 1 juni 2010.",
    8: "Utrecht ligt buiten de provincie(s) van Partoer.",
}


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_bad_row(slecht_bestand):
    with pytest.raises(ImportFout) as exc:
        gesprekken_importeren(slecht_bestand, "gesprekken.csv")
    fouten = exc.value.fouten
    assert sorted({f.regel for f in fouten}) == sorted(VERWACHTE_FOUTEN)
    for regel, bericht in VERWACHTE_FOUTEN.items():
        berichten = [f.bericht for f in fouten if f.regel == regel]
        assert any(bericht in b for b in berichten), (regel, berichten)
    assert "regel 3" in str(exc.value) and "kolom 'gemeenten'" in str(exc.value)
    assert not Adviesgesprek.objects.exists()
    assert not Adviesgesprek.history.exists()


@pytest.mark.parametrize(
    ("velden", "bericht"),
    [
        ({"datum": "31-02-2012"}, "'31-02-2012' is geen bestaande datum."),
        ({"datum": "maart"}, "'maart' is geen datum"),
        ({"uren": "anderhalf"}, "'anderhalf' is geen getal."),
        ({"uren": "0"}, "Vul het aantal uren in (groter dan 0)."),
        ({"onderwerp": "sport"}, "Onbekend onderwerp 'sport'"),
        ({"themas": "Sport"}, "Onbekend thema: Sport."),
        ({"themas": ""}, "Kruis ten minste één thema aan."),
        ({"verslag": ""}, "Het verslag ontbreekt."),
        ({"gerapporteerd_op": "2012-02-01"}, "vastgelegd vóór de datum waarop het is gehouden"),
        ({"datum": "2012-01-01", "gemeenten": "GM0064"}, "Bolsward bestond niet op 1 januari 2012."),
    ],
)
def test_each_kind_of_bad_value_is_named_in_dutch(adviseur_friesland, velden, bericht):
    with pytest.raises(ImportFout) as exc:
        gesprekken_importeren(csv_bestand(KOLOMMEN, [rij(verslag="Goed."), rij(**velden)]))
    assert [f.regel for f in exc.value.fouten] == [3]
    assert bericht in exc.value.fouten[0].bericht
    assert not Adviesgesprek.objects.exists()


def test_a_file_without_the_required_columns_is_refused(adviseur_friesland):
    with pytest.raises(ImportFout) as exc:
        gesprekken_importeren(csv_bestand(["datum", "adviseur"], [["2012-03-01", ADVISEUR]]), "oud.csv")
    assert "Kolommen ontbreken: gerapporteerd_op, gemeenten, onderwerp, themas, uren, verslag." in str(
        exc.value
    )


def test_the_coordinator_upload_page_lists_the_bad_rows(als, coordinator, slecht_bestand):
    client = als(coordinator)
    response = client.post(
        "/advies/gesprekken/importeren/",
        {"bestand": SimpleUploadedFile("gesprekken.csv", slecht_bestand, content_type="text/csv")},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is niets geïmporteerd. Verbeter deze 6 fouten:" in html
    for regel, bericht in VERWACHTE_FOUTEN.items():
        assert f"regel {regel}" in html
        assert bericht.replace("'", "&#x27;") in html, bericht
    assert not Adviesgesprek.objects.exists()


def test_the_coordinator_upload_page_imports_a_good_file(als, coordinator, adviseur_friesland):
    client = als(coordinator)
    bestand = xlsx_bestand(KOLOMMEN, [rij(verslag="Via de pagina.")])
    response = client.post(
        "/advies/gesprekken/importeren/", {"bestand": SimpleUploadedFile("oud.xlsx", bestand)}, follow=True
    )
    assert response.redirect_chain == [("/advies/gesprekken/", 302)]
    assert "1 adviesgesprekken geïmporteerd." in response.content.decode()
    assert _gesprek("Via de pagina.").adviseur == adviseur_friesland


def test_only_coordinators_may_import(als, adviseur_friesland):
    client = als(adviseur_friesland)
    assert client.get("/advies/gesprekken/importeren/").status_code == 403
    response = client.post(
        "/advies/gesprekken/importeren/",
        {"bestand": SimpleUploadedFile("g.csv", csv_bestand(KOLOMMEN, [rij()]))},
    )
    assert response.status_code == 403
    assert not Adviesgesprek.objects.exists()


def test_the_management_command_lists_the_bad_rows_and_imports_nothing(tmp_path, slecht_bestand):
    pad = tmp_path / "gesprekken.csv"
    pad.write_bytes(slecht_bestand)
    with pytest.raises(CommandError) as exc:
        call_command("import_gesprekken", str(pad))
    tekst = str(exc.value)
    assert tekst.startswith("Niets geïmporteerd:")
    for regel, bericht in VERWACHTE_FOUTEN.items():
        assert f"regel {regel}" in tekst
        assert bericht in tekst
    assert not Adviesgesprek.objects.exists()


def test_the_management_command_imports_a_good_file(tmp_path, adviseur_friesland):
    pad = tmp_path / "gesprekken.csv"
    pad.write_bytes(csv_bestand(KOLOMMEN, [rij(verslag="Een."), rij(verslag="Twee.")]))
    uitvoer = io.StringIO()
    call_command("import_gesprekken", str(pad), stdout=uitvoer)
    assert "2 adviesgesprekken geïmporteerd." in uitvoer.getvalue()
    assert Adviesgesprek.objects.count() == 2


# --- The adviser pool -----------------------------------------------------------------------------------------


def _pool(datum: datetime.date) -> dict[str, int]:
    return {r["naam"]: r["actief"] for r in selectors.pool_op(datum) if r["actief"]}


def test_import_adviseurs_creates_adviser_accounts_and_their_periods(referentiedata):
    bestand = csv_bestand(
        ADVISEUR_KOLOMMEN,
        [
            ["Anna Altijd", "anna@partoer.example.nl", "Partoer", "2009-01-01", ""],
            ["Bas Verhuisd", "Bas@Example.nl", "partoer", "1-1-2009", "1-1-2011"],
            ["Bas Verhuisd", "bas@example.nl", "Alleato", "1-1-2011", ""],
            ["Carla Stamm", "carla@stamm.example.nl", "Stamm", "2009-03-01", "2012-10-01"],
        ],
    )
    assert adviseurs_importeren(bestand, "pool.csv") == 4

    bas = User.objects.get(email="bas@example.nl")
    assert (bas.rol, bas.naam, bas.organisatie, bas.is_active) == (
        "adviseur",
        "Bas Verhuisd",
        cmo("Alleato"),
        True,
    )
    assert not bas.has_usable_password()
    assert list(
        Adviseur.objects.filter(user=bas).values_list("organisatie__naam", "actief_van", "actief_tot")
    ) == [
        ("Partoer", datetime.date(2009, 1, 1), datetime.date(2011, 1, 1)),
        ("Alleato", datetime.date(2011, 1, 1), None),
    ]
    assert User.objects.get(email="anna@partoer.example.nl").organisatie == cmo("Partoer")
    assert _pool(datetime.date(2010, 6, 1)) == {"Partoer": 2, "Stamm": 1}
    assert _pool(datetime.date(2012, 6, 1)) == {"Partoer": 1, "Alleato": 1, "Stamm": 1}
    assert _pool(datetime.date(2012, 10, 1)) == {"Partoer": 1, "Alleato": 1}


def test_import_adviseurs_from_xlsx(referentiedata):
    bestand = xlsx_bestand(
        ["Naam", "E-mail", "CMO", "Actief_van", "Actief_tot"],
        [["Xander Xlsx", "xander@example.nl", "Spectrum", datetime.date(2010, 2, 1), None]],
    )
    assert adviseurs_importeren(bestand, "pool.xlsx") == 1
    assert Adviseur.objects.get().actief_van == datetime.date(2010, 2, 1)


def test_import_adviseurs_with_bad_rows_imports_nothing(referentiedata):
    aantal_accounts = User.objects.count()
    bestand = csv_bestand(
        ADVISEUR_KOLOMMEN,
        [
            ["Goed", "goed@example.nl", "Partoer", "2009-01-01", ""],
            ["Slecht Adres", "geen-adres", "Partoer", "2009-01-01", ""],
            ["Onbekend", "onbekend@example.nl", "CMO Atlantis", "2009-01-01", ""],
            ["Omgekeerd", "omgekeerd@example.nl", "Partoer", "2011-01-01", "2010-01-01"],
            ["Dubbel", "dubbel@example.nl", "Partoer", "2009-01-01", "2010-01-01"],
            ["Dubbel", "DUBBEL@example.nl", "Stamm", "1-1-2009", ""],
        ],
    )
    with pytest.raises(ImportFout) as exc:
        adviseurs_importeren(bestand, "pool.csv")
    fouten = {f.regel: f.bericht for f in exc.value.fouten}
    assert fouten == {
        3: "'geen-adres' is geen geldig e-mailadres.",
        4: "Onbekende CMO 'CMO Atlantis'.",
        5: "actief_tot moet na actief_van liggen.",
        7: "Dezelfde adviseur en begindatum als regel 6.",
    }
    assert User.objects.count() == aantal_accounts
    assert not Adviseur.objects.exists()


def test_import_adviseurs_refuses_a_period_that_already_exists(coordinator, referentiedata):
    bestand = csv_bestand(
        ADVISEUR_KOLOMMEN, [["Anna", "anna@example.nl", "Partoer", "2009-01-01", "2010-01-01"]]
    )
    adviseurs_importeren(bestand)
    with pytest.raises(ImportFout) as exc:
        adviseurs_importeren(bestand)
    assert [(f.regel, f.bericht) for f in exc.value.fouten] == [
        (2, "Deze periode van deze adviseur bestaat al.")
    ]
    assert Adviseur.objects.count() == 1


def test_import_adviseurs_refuses_the_address_of_an_official(ambtenaar_sudwest):
    bestand = csv_bestand(ADVISEUR_KOLOMMEN, [["X", ambtenaar_sudwest.email, "Partoer", "2009-01-01", ""]])
    with pytest.raises(ImportFout) as exc:
        adviseurs_importeren(bestand)
    assert "hoort bij een account dat geen adviseur is" in exc.value.fouten[0].bericht
    assert User.objects.get(email=ambtenaar_sudwest.email).rol == "gemeente"


def test_the_import_adviseurs_command(tmp_path, referentiedata):
    goed = tmp_path / "pool.csv"
    goed.write_bytes(
        csv_bestand(ADVISEUR_KOLOMMEN, [["Anna", "anna@example.nl", "Partoer", "2009-01-01", ""]])
    )
    uitvoer = io.StringIO()
    call_command("import_adviseurs", str(goed), stdout=uitvoer)
    assert "1 adviseursperioden geïmporteerd." in uitvoer.getvalue()

    slecht = tmp_path / "slecht.csv"
    slecht.write_bytes(
        csv_bestand(ADVISEUR_KOLOMMEN, [["Bert", "bert@example.nl", "Nergens", "2009-01-01", ""]])
    )
    with pytest.raises(CommandError) as exc:
        call_command("import_adviseurs", str(slecht))
    assert "regel 2, kolom 'cmo': Onbekende CMO 'Nergens'." in str(exc.value)
    assert not User.objects.filter(email="bert@example.nl").exists()
