"""The spreadsheet format: the template command, importing historical submissions (all or nothing,
every bad row listed in Dutch) and the export of answers and scores."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.html import escape

from gemeenten.models import Gemeente
from nulmeting import services
from nulmeting.models import Meting, MetingGebeurtenis
from nulmeting.uitwisseling import metingen_importeren
from tests.nulmeting.antwoorden import antwoorden_voor, definitie_2009, goed_of_niet, scores_van
from tests.tweede_factor import geverifieerd_inloggen
from toolkit.tabular import ImportFout

CODES = [v.code for v in definitie_2009().vragen]

# Three municipalities that existed in 2009, each with its own answers.
BOLSWARD = "GM0064"  # Friesland, merged into Súdwest-Fryslân on 1-1-2011
LEEUWARDEN = "GM0080"
UTRECHT = "GM0344"


def historische_antwoorden(opbouw) -> dict[str, dict[str, str]]:
    bolsward = goed_of_niet(opbouw, {"VW-VERTALEN", "VW-VERBINDEN", "MZ-ADVIES"})
    bolsward.update(
        {"VW-VERBINDEN-3": "24,5", "VW-VERTALEN-5": "Café-overleg met het steunpunt; ‘één loket’."}
    )
    leeuwarden = antwoorden_voor(opbouw, {b.code: b.max_punten for b in opbouw.basisfuncties})
    leeuwarden.update({"MZ-ADVIES-4": "1250", "MZ-PRAKTISCH-1": "3"})
    utrecht = {"VW-VERTALEN-1": "JA", "MZ-RESPIJT-4": "doorverwijzing"}  # mostly unanswered
    return {BOLSWARD: bolsward, LEEUWARDEN: leeuwarden, UTRECHT: utrecht}


def als_opgeslagen(waarde: str) -> str:
    """How the product stores a spreadsheet cell: ja/nee in lower case, numbers without a comma."""
    if waarde == "JA":
        return "ja"
    if waarde == "24,5":
        return "24.5"
    return waarde


def csv_bestand(rijen, *, scheiding=";", codering="utf-8-sig", kolommen=None) -> bytes:
    kolommen = kolommen or ["cbs_code", "ingediend_op", *CODES]
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=scheiding, lineterminator="\r\n")
    schrijver.writerow(kolommen)
    for rij in rijen:
        schrijver.writerow([rij.get(k, "") for k in kolommen])
    return buffer.getvalue().encode(codering)


def import_rijen(nulmeting, datum_iso=True) -> list[dict[str, str]]:
    datums = {BOLSWARD: (2009, 10, 1), LEEUWARDEN: (2009, 11, 15), UTRECHT: (2010, 3, 2)}
    rijen = []
    for code, antwoorden in historische_antwoorden(nulmeting.opbouw).items():
        j, m, d = datums[code]
        datum = f"{j}-{m:02d}-{d:02d}" if datum_iso else f"{d}-{m}-{j}"
        rijen.append({"cbs_code": code, "ingediend_op": datum, **antwoorden})
    return rijen


def controleer_import(nulmeting, indienen, coordinator):
    """Three submitted, scored, imported metingen with the answers and the scores of online filling-in."""
    metingen = {
        m.gemeente.cbs_code: m
        for m in Meting.objects.filter(vragenlijst=nulmeting).select_related("gemeente")
    }
    assert set(metingen) == {BOLSWARD, LEEUWARDEN, UTRECHT}
    assert all(m.is_ingediend and m.is_geimporteerd for m in metingen.values())
    assert timezone.localtime(metingen[BOLSWARD].ingediend_op).date() == datetime.date(2009, 10, 1)
    assert timezone.localtime(metingen[LEEUWARDEN].ingediend_op).date() == datetime.date(2009, 11, 15)
    assert timezone.localtime(metingen[UTRECHT].ingediend_op).date() == datetime.date(2010, 3, 2)
    assert all(
        m.gebeurtenissen.filter(soort=MetingGebeurtenis.Soort.GEIMPORTEERD).count() == 1
        for m in metingen.values()
    )
    for code, antwoorden in historische_antwoorden(nulmeting.opbouw).items():
        verwacht = {k: als_opgeslagen(w) for k, w in antwoorden.items() if w}
        assert services.antwoorden_van(metingen[code]) == verwacht, code
        # the same answers filled in online by a coordinator, for a municipality of today
        online = indienen(_vrije_gemeente(code), nulmeting, verwacht, door=coordinator)
        assert scores_van(metingen[code]) == scores_van(online), code
        assert len(scores_van(online)) == 13
    assert scores_van(metingen[UTRECHT])["VW-VERTALEN"] == (2, False)
    assert all(goed for _, goed in scores_van(metingen[LEEUWARDEN]).values())


def _vrije_gemeente(code: str) -> str:
    return {BOLSWARD: "GM1900", LEEUWARDEN: "GM0307", UTRECHT: "GM0308"}[code]


# --- the template -------------------------------------------------------------------------------


def test_the_template_command_writes_the_answer_sheet_and_the_question_list(nulmeting, tmp_path):
    call_command("nulmeting_sjabloon", "--out", str(tmp_path / "sjabloon"), stdout=io.StringIO())
    antwoorden = (tmp_path / "sjabloon" / "antwoorden.csv").read_bytes()
    assert antwoorden.startswith("\ufeff".encode())
    kop = antwoorden.decode("utf-8-sig").strip().split(";")
    assert kop == ["cbs_code", "ingediend_op", *CODES]
    assert len(kop) == 72

    vragen = list(
        csv.reader(io.StringIO((tmp_path / "sjabloon" / "vragen.csv").read_text("utf-8-sig")), delimiter=";")
    )
    assert vragen[0] == [
        "code",
        "basisfunctie",
        "antwoordtype",
        "toegestane_waarden",
        "punten_per_waarde",
        "drempel_basisfunctie",
    ]
    per_code = {r[0]: r for r in vragen[1:]}
    assert list(per_code) == CODES
    assert per_code["VW-VERTALEN-1"][1:] == [
        "Vertalen maatschappelijke ontwikkeling",
        "janee",
        "ja | nee",
        "ja: 2 | nee: 0",
        "6",
    ]
    assert per_code["VW-VERBINDEN-3"][1:] == [
        "Verbinden en makelen",
        "getal",
        "getal van 0 tot 100000",
        "vanaf 0: 0 | vanaf 1: 1 | vanaf 25: 2",
        "7",
    ]
    assert per_code["VW-VERANKEREN-1"][3:] == [
        "geen | summier | uitgewerkt | met_doelen",
        "geen: 0 | summier: 1 | uitgewerkt: 2 | met_doelen: 3",
        "8",
    ]
    assert per_code["MZ-RESPIJT-5"][2:5] == ["toelichting", "vrije tekst", "telt niet mee"]


def test_the_coordinator_downloads_the_same_template(client, nulmeting, coordinator, tmp_path):
    call_command("nulmeting_sjabloon", "--out", str(tmp_path), stdout=io.StringIO())
    geverifieerd_inloggen(client, coordinator)
    assert (
        client.get("/nulmeting/sjabloon/nulmeting-2009/antwoorden.csv").content
        == (tmp_path / "antwoorden.csv").read_bytes()
    )
    assert (
        client.get("/nulmeting/sjabloon/nulmeting-2009/vragen.csv").content
        == (tmp_path / "vragen.csv").read_bytes()
    )


# --- importing ----------------------------------------------------------------------------------


def test_import_csv_semicolon_utf8_bom_iso_dates(referentiedata, nulmeting, indienen, coordinator):
    bestand = csv_bestand(import_rijen(nulmeting), scheiding=";", codering="utf-8-sig")
    assert metingen_importeren(bestand, vragenlijst=nulmeting, door=coordinator, naam="nulmeting.csv") == 3
    controleer_import(nulmeting, indienen, coordinator)


def test_import_csv_comma_cp1252_dutch_dates(referentiedata, nulmeting, indienen, coordinator):
    bestand = csv_bestand(import_rijen(nulmeting, datum_iso=False), scheiding=",", codering="cp1252")
    assert b"Caf\xe9" in bestand  # really Windows-1252
    assert metingen_importeren(bestand, vragenlijst=nulmeting, door=coordinator, naam="nulmeting.csv") == 3
    controleer_import(nulmeting, indienen, coordinator)


def test_import_xlsx(referentiedata, nulmeting, indienen, coordinator, tmp_path):
    werkboek = openpyxl.Workbook()
    blad = werkboek.active
    kolommen = ["cbs_code", "ingediend_op", *CODES]
    blad.append(kolommen)
    for rij in import_rijen(nulmeting):
        cellen = []
        for k in kolommen:
            waarde = rij.get(k, "") or None
            if k == "ingediend_op":
                waarde = datetime.datetime.fromisoformat(waarde)  # a real Excel date
            elif waarde in ("24,5", "1250", "3"):
                waarde = {"24,5": 24.5, "1250": 1250, "3": 3}[waarde]  # real Excel numbers
            cellen.append(waarde)
        blad.append(cellen)
    pad = tmp_path / "nulmeting.xlsx"
    werkboek.save(pad)
    call_command("import_nulmeting", str(pad), stdout=io.StringIO())
    controleer_import(nulmeting, indienen, coordinator)


def test_the_coordinator_uploads_a_good_file(client, referentiedata, nulmeting, coordinator):
    geverifieerd_inloggen(client, coordinator)
    bestand = SimpleUploadedFile(
        "nulmeting.csv", csv_bestand(import_rijen(nulmeting)), content_type="text/csv"
    )
    response = client.post(
        "/nulmeting/importeren/?vragenlijst=nulmeting-2009", {"bestand": bestand}, follow=True
    )
    assert "3 metingen geïmporteerd en gescoord." in response.content.decode()
    assert Meting.objects.filter(is_geimporteerd=True).count() == 3


def slechte_rijen(nulmeting) -> list[dict[str, str]]:
    goed = goed_of_niet(nulmeting.opbouw, {"VW-VERTALEN"})
    return [
        {"cbs_code": LEEUWARDEN, "ingediend_op": "2009-10-01", **goed},  # line 2: fine
        {"cbs_code": "GM9999", "ingediend_op": "2009-10-01", **goed},  # line 3: unknown municipality
        {"cbs_code": UTRECHT, "ingediend_op": "2009-10-01", **goed, "VW-VERTALEN-2": "soms"},  # line 4
        {"cbs_code": BOLSWARD, "ingediend_op": "2009-10-01", **goed, "VW-VERBINDEN-3": "100001"},  # line 5
        {"cbs_code": "GM0307", "ingediend_op": "2099-01-01", **goed},  # line 6: in the future
        {"cbs_code": LEEUWARDEN, "ingediend_op": "2009-11-01", **goed},  # line 7: Leeuwarden again
        {"cbs_code": "GM1900", "ingediend_op": "2009-06-01", **goed},  # line 8: did not exist yet
        {"cbs_code": "GM0308", "ingediend_op": "31-02-2009", **goed, "VW-VERTALEN-1": "misschien"},  # line 9
        {"cbs_code": "GM0310", "ingediend_op": "1-1-0001", **goed},  # line 10: before the programme
    ]


VERWACHTE_FOUTEN = [
    (3, "cbs_code", "Onbekende gemeentecode 'GM9999'."),
    (4, "vw-vertalen-2", "'soms' is geen toegestane waarde; kies uit nooit, incidenteel, jaarlijks."),
    (5, "vw-verbinden-3", "100001 is groter dan 100000."),
    (6, "ingediend_op", "De datum van indienen ligt in de toekomst."),
    (7, "cbs_code", "Leeuwarden staat ook al op regel 2."),
    (8, "ingediend_op", "Súdwest-Fryslân bestond niet op 1 juni 2009."),
    (9, "ingediend_op", "'31-02-2009' is geen bestaande datum."),
    (9, "vw-vertalen-1", "'misschien' is geen ja of nee."),
    (
        10,
        "ingediend_op",
        "Deze datum ligt te ver terug: kies een datum vanaf 1-1-2009 (het begin van het programma).",
    ),
]


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_bad_row(referentiedata, nulmeting, coordinator):
    bestand = csv_bestand(slechte_rijen(nulmeting))
    with pytest.raises(ImportFout) as fout:
        metingen_importeren(bestand, vragenlijst=nulmeting, door=coordinator, naam="nulmeting.csv")
    gevonden = [(f.regel, f.kolom, f.bericht) for f in fout.value.fouten]
    assert gevonden == VERWACHTE_FOUTEN
    assert Meting.objects.count() == 0
    assert str(fout.value.fouten[0]) == "regel 3, kolom 'cbs_code': Onbekende gemeentecode 'GM9999'."


def test_one_bad_row_among_good_ones_imports_nothing(referentiedata, nulmeting, coordinator, tmp_path):
    rijen = import_rijen(nulmeting)
    rijen[1]["MZ-PRAKTISCH-1"] = "6"  # the most is 5
    pad = tmp_path / "nulmeting.csv"
    pad.write_bytes(csv_bestand(rijen))
    with pytest.raises(CommandError) as fout:
        call_command("import_nulmeting", str(pad), stdout=io.StringIO())
    assert "Niets geïmporteerd" in str(fout.value)
    assert "regel 3, kolom 'mz-praktisch-1': 6 is groter dan 5." in str(fout.value)
    assert Meting.objects.count() == 0


def test_an_unknown_question_column_is_refused(referentiedata, nulmeting, coordinator):
    kolommen = ["cbs_code", "ingediend_op", "VW-VERTALEN-1", "VW-ONBEKEND-9"]
    bestand = csv_bestand(
        [{"cbs_code": LEEUWARDEN, "ingediend_op": "2009-10-01", "VW-VERTALEN-1": "ja"}], kolommen=kolommen
    )
    with pytest.raises(ImportFout) as fout:
        metingen_importeren(bestand, vragenlijst=nulmeting, door=coordinator, naam="x.csv")
    assert [str(f) for f in fout.value.fouten] == [
        "x.csv, regel 1, kolom 'vw-onbekend-9': Onbekende vraagcode 'vw-onbekend-9'."
    ]
    assert Meting.objects.count() == 0


def test_a_municipality_that_already_has_a_meting_is_refused(
    referentiedata, nulmeting, coordinator, indienen
):
    indienen(LEEUWARDEN, nulmeting, {"VW-VERTALEN-1": "ja"})
    bestand = csv_bestand([{"cbs_code": LEEUWARDEN, "ingediend_op": "2009-10-01", "VW-VERTALEN-1": "nee"}])
    with pytest.raises(ImportFout) as fout:
        metingen_importeren(bestand, vragenlijst=nulmeting, door=coordinator, naam="x.csv")
    assert [f.bericht for f in fout.value.fouten] == ["Leeuwarden heeft al een meting voor Nulmeting 2009."]
    assert services.antwoorden_van(Meting.objects.get()) == {"VW-VERTALEN-1": "ja"}


def test_the_upload_page_lists_every_bad_row_in_dutch(client, referentiedata, nulmeting, coordinator):
    geverifieerd_inloggen(client, coordinator)
    assert "Historische metingen importeren" in client.get("/nulmeting/importeren/").content.decode()
    bestand = SimpleUploadedFile(
        "nulmeting.csv", csv_bestand(slechte_rijen(nulmeting)), content_type="text/csv"
    )
    response = client.post("/nulmeting/importeren/?vragenlijst=nulmeting-2009", {"bestand": bestand})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Er is niets geïmporteerd. Verbeter deze {len(VERWACHTE_FOUTEN)} fouten:" in html
    for regel, kolom, bericht in VERWACHTE_FOUTEN:
        assert escape(f"regel {regel}, kolom '{kolom}': {bericht}") in html
    assert Meting.objects.count() == 0


def test_the_upload_page_refuses_other_files_in_dutch(client, referentiedata, nulmeting, coordinator):
    geverifieerd_inloggen(client, coordinator)
    bestand = SimpleUploadedFile("nulmeting.pdf", b"%PDF-1.4", content_type="application/pdf")
    html = client.post("/nulmeting/importeren/", {"bestand": bestand}).content.decode()
    assert "Kies een CSV-bestand of een Excel-bestand (.xlsx)." in html
    kapot = SimpleUploadedFile("nulmeting.xlsx", b"geen excel", content_type="application/octet-stream")
    html = client.post("/nulmeting/importeren/", {"bestand": kapot}).content.decode()
    assert "maar is geen Excel-werkmap" in html
    assert Meting.objects.count() == 0


# --- exporting ----------------------------------------------------------------------------------


@pytest.fixture
def export_gegevens(referentiedata, nulmeting, indienen, coordinator):
    gevaarlijk = goed_of_niet(nulmeting.opbouw, {"VW-VERTALEN", "MZ-RESPIJT"})
    gevaarlijk.update({"VW-VERTALEN-5": '=HYPERLINK("http://example.com")', "MZ-RESPIJT-5": "@SUM(A1:A9)"})
    indienen(LEEUWARDEN, nulmeting, gevaarlijk)
    indienen(UTRECHT, nulmeting, goed_of_niet(nulmeting.opbouw, {"MZ-ADVIES"}) | {"VW-VERBINDEN-3": "30"})
    services.antwoorden_opslaan(
        gemeente=Gemeente.objects.get(cbs_code="GM0307"),
        vragenlijst=nulmeting,
        waarden={"VW-VERTALEN-1": "ja"},
        origineel={},
        door=coordinator,
    )
    return coordinator


def lees_csv_export(inhoud: bytes) -> list[list[str]]:
    assert inhoud.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_the_csv_export_is_for_dutch_excel_and_neutralises_formulas(client, export_gegevens):
    geverifieerd_inloggen(client, export_gegevens)
    response = client.get("/nulmeting/export/nulmeting-2009.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response.content.decode("utf-8-sig")
        .splitlines()[0]
        .startswith("cbs_code;gemeente;provincie;status;ingediend_op;")
    )
    rijen = lees_csv_export(response.content)
    kop = rijen[0]
    assert kop[5 : 5 + 70] == CODES
    assert kop[75:] == [f"punten_{b.code}" for b in definitie_2009().basisfuncties] + [
        f"goed_{b.code}" for b in definitie_2009().basisfuncties
    ]
    per_code = {r[0]: dict(zip(kop, r, strict=True)) for r in rijen[1:]}
    assert set(per_code) == {LEEUWARDEN, UTRECHT, "GM0307"}
    leeuwarden = per_code[LEEUWARDEN]
    assert leeuwarden["VW-VERTALEN-5"] == '\'=HYPERLINK("http://example.com")'
    assert leeuwarden["MZ-RESPIJT-5"] == "'@SUM(A1:A9)"
    assert (leeuwarden["punten_VW-VERTALEN"], leeuwarden["goed_VW-VERTALEN"]) == ("6", "ja")
    assert (leeuwarden["punten_VW-VERANKEREN"], leeuwarden["goed_VW-VERANKEREN"]) == ("7", "nee")
    assert (leeuwarden["gemeente"], leeuwarden["provincie"], leeuwarden["status"]) == (
        "Leeuwarden",
        "Friesland",
        "Ingediend",
    )
    assert per_code[UTRECHT]["VW-VERBINDEN-3"] == "30"
    concept = per_code["GM0307"]
    assert (concept["status"], concept["ingediend_op"], concept["punten_VW-VERTALEN"]) == ("Concept", "", "")


def lees_xlsx_export(inhoud: bytes) -> list[list]:
    werkboek = openpyxl.load_workbook(io.BytesIO(inhoud))
    assert werkboek.sheetnames == ["Antwoorden en scores"]
    return [list(r) for r in werkboek.worksheets[0].iter_rows(values_only=True)]


def als_csv_tekst(cel) -> str:
    if cel is None:
        return ""
    if isinstance(cel, datetime.datetime):
        return cel.strftime("%Y-%m-%d %H:%M")
    return str(cel)


def test_the_xlsx_export_holds_the_same_numbers_as_the_csv(client, export_gegevens):
    geverifieerd_inloggen(client, export_gegevens)
    csv_rijen = lees_csv_export(client.get("/nulmeting/export/nulmeting-2009.csv").content)
    xlsx_rijen = lees_xlsx_export(client.get("/nulmeting/export/nulmeting-2009.xlsx").content)
    assert len(xlsx_rijen) == len(csv_rijen) == 4
    assert xlsx_rijen[0] == csv_rijen[0]
    for csv_rij, xlsx_rij in zip(csv_rijen[1:], xlsx_rijen[1:], strict=True):
        assert [als_csv_tekst(c) for c in xlsx_rij] == csv_rij
    kop = xlsx_rijen[0]
    leeuwarden = dict(zip(kop, next(r for r in xlsx_rijen if r[0] == LEEUWARDEN), strict=True))
    assert leeuwarden["punten_VW-VERTALEN"] == 6 and isinstance(leeuwarden["punten_VW-VERTALEN"], int)
    assert leeuwarden["VW-VERTALEN-5"] == '\'=HYPERLINK("http://example.com")'
    assert leeuwarden["MZ-RESPIJT-5"] == "'@SUM(A1:A9)"
    assert isinstance(leeuwarden["ingediend_op"], datetime.datetime)


def test_number_answers_are_numbers_in_the_xlsx_export(client, export_gegevens):
    geverifieerd_inloggen(client, export_gegevens)
    rijen = lees_xlsx_export(client.get("/nulmeting/export/nulmeting-2009.xlsx").content)
    utrecht = dict(zip(rijen[0], next(r for r in rijen if r[0] == UTRECHT), strict=True))
    assert utrecht["VW-VERBINDEN-3"] == 30


def test_a_number_with_a_dutch_thousands_separator_is_read_alike_online_and_in_an_import(
    login, ambtenaar_sudwest, nulmeting
):
    client = login(ambtenaar_sudwest)
    client.post("/nulmeting/GM1900/nulmeting-2009/stap/7/", {"MZ-ADVIES-4": "1.250", "actie": "opslaan"})
    online = Meting.objects.get().antwoorden.get(vraag__code="MZ-ADVIES-4").waarde
    assert online == "1250"
    rij = {"cbs_code": LEEUWARDEN, "ingediend_op": "2012-03-01", "MZ-ADVIES-4": "1.250"}
    metingen_importeren(
        io.BytesIO(csv_bestand([rij])), vragenlijst=nulmeting, door=None, naam="nulmeting.csv"
    )
    geimporteerd = Meting.objects.get(gemeente__cbs_code=LEEUWARDEN).antwoorden.get(vraag__code="MZ-ADVIES-4")
    assert geimporteerd.waarde == online
