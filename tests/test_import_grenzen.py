"""Imports that cannot stall the server (issue 16): a file is bounded before it is parsed, its XML
is read through defusedxml, whatever is wrong with it is a Dutch message on the form — never a 500 —
and a file with many bad rows lists the first 100 and counts the rest. On every import page, and
nothing is stored."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from gemeenten.uitwisseling import inwonertallen_importeren
from importen.models import Importrun
from tests.test_formulieren_onder_vuur import tellingen
from tests.tweede_factor import geverifieerd_inloggen
from toolkit.tabular import TOONBAAR, Grenzen, ImportFout, lees_tabel

# Each import page, with the columns its file must have.
PAGINAS = {
    "gemeenten:inwoners_import": ("", ["cbs_code", "peildatum", "inwoners"]),
    "gemeenten:contactpersonen_import": ("", ["cbs_code", "naam", "e-mail"]),
    "nulmeting:importeren": ("?vragenlijst=nulmeting-2009", ["cbs_code", "ingediend_op"]),
    "advies:importeren": (
        "",
        ["datum", "gerapporteerd_op", "adviseur", "gemeenten", "onderwerp", "themas", "uren", "verslag"],
    ),
}

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def werkmap(*rijen: list) -> bytes:
    werkboek = Workbook()
    for rij in rijen:
        werkboek.active.append(rij)
    inhoud = io.BytesIO()
    werkboek.save(inhoud)
    return inhoud.getvalue()


def met_blad(blad_xml: bytes, *, extra_bladen: int = 0) -> bytes:
    """A real workbook whose first sheet is replaced by ``blad_xml`` (and, if asked, with more
    sheet parts), packed as Excel packs it."""
    bron = zipfile.ZipFile(io.BytesIO(werkmap(["cbs_code"], ["GM1900"])))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for lid in bron.infolist():
            inhoud = blad_xml if lid.filename == "xl/worksheets/sheet1.xml" else bron.read(lid)
            doel.writestr(lid.filename, inhoud)
        for i in range(extra_bladen):
            doel.writestr(f"xl/worksheets/sheet{i + 2}.xml", bron.read("xl/worksheets/sheet1.xml"))
    return uit.getvalue()


def zipbom(megabytes: int = 40) -> bytes:
    """A sheet of ``megabytes`` MB of identical rows: a few tens of kB packed."""
    rij = b'<row><c t="inlineStr"><is><t>GM0000</t></is></c></row>'
    rijen = rij * (megabytes * 1024 * 1024 // len(rij))
    return met_blad(
        b"<?xml version='1.0'?><worksheet "
        + NS.encode()
        + b"><sheetData>"
        + rijen
        + b"</sheetData></worksheet>"
    )


def miljard_lachen() -> bytes:
    """Entities that expand a thousandfold (the billion laughs, kept small so that a reader
    without defusedxml would expand it without harm and the test fail on its message)."""
    entiteiten = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abc", "bcd", strict=True)
    )
    return met_blad(
        f"<?xml version='1.0'?><!DOCTYPE worksheet [{entiteiten}]><worksheet {NS}><sheetData>"
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&d;</t></is></c></row>'
        "</sheetData></worksheet>".encode()
    )


def kapotte_xml() -> bytes:
    return met_blad(f"<?xml version='1.0'?><worksheet {NS}><sheetData><row r=\"1\"><c".encode())


KWAADAARDIG = {
    "zipbom": (zipbom, "uitgepakt veel groter wordt dan een werkblad"),
    "entiteiten": (miljard_lachen, "zoals een DTD of entiteiten"),
    "kapotte-xml": (kapotte_xml, "Het Excel-bestand is beschadigd"),
    "geen-zip": (lambda: b"Dit is geen Excel-bestand.\n" * 100, "maar is geen Excel-werkmap"),
}


# --- reading, with the limits ---------------------------------------------------------------------


def test_openpyxl_parses_the_xml_of_a_workbook_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize("soort", sorted(KWAADAARDIG))
def test_a_hostile_or_broken_xlsx_is_one_dutch_message(soort):
    maak, bericht = KWAADAARDIG[soort]
    with pytest.raises(ImportFout) as exc:
        lees_tabel(maak(), "bestand.xlsx")
    assert [f.bestand for f in exc.value.fouten] == ["bestand.xlsx"]
    assert bericht in str(exc.value)


GRENZEN = Grenzen(uitgepakt=10**6, verhouding=100, bladen=3, rijen=10, cellen=100)


def test_an_xlsx_that_unpacks_larger_than_the_limit_is_refused_before_it_is_read():
    # Random text does not compress: the ratio is fine, the unpacked size is not.
    blad = werkmap(["naam"], *[[f"{i:x}" * 30] for i in range(10_000)])
    with pytest.raises(ImportFout) as exc:
        lees_tabel(blad, "groot.xlsx", GRENZEN)
    assert "is uitgepakt groter dan 1 MB" in str(exc.value)


def test_an_xlsx_whose_shared_strings_would_take_long_to_parse_is_refused_unparsed():
    """openpyxl parses the shared strings whole when it opens a workbook; their tags are counted
    first. (Two million short strings, 48 MB, took 96 s and 295 MB to open: make bench.)"""
    teksten = "".join(f"<si><t>{i}</t></si>" for i in range(30))
    werkboek = werkmap(["naam"], *[[f"tekst {i}"] for i in range(5)])
    inhoud = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(werkboek)) as bron, zipfile.ZipFile(inhoud, "w") as doel:
        for lid in bron.infolist():
            deel = bron.read(lid)
            if lid.filename == "xl/sharedStrings.xml":
                deel = deel.replace(b"</sst>", teksten.encode() + b"</sst>")
            doel.writestr(lid, deel)
    with pytest.raises(ImportFout) as exc:
        lees_tabel(inhoud.getvalue(), "teksten.xlsx", Grenzen(**{**GRENZEN.__dict__, "tags": 100}))
    assert "buiten de werkbladen zoveel gegevens" in str(exc.value)
    assert (
        len(lees_tabel(inhoud.getvalue(), "t.xlsx", Grenzen(**{**GRENZEN.__dict__, "tags": 1000})).rijen) == 5
    )


def test_an_xlsx_with_too_many_sheets_is_refused():
    with pytest.raises(ImportFout) as exc:
        lees_tabel(
            met_blad(
                zipfile.ZipFile(io.BytesIO(werkmap(["a"]))).read("xl/worksheets/sheet1.xml"), extra_bladen=3
            ),
            "b.xlsx",
            GRENZEN,
        )
    assert "4 werkbladen" in str(exc.value)


@pytest.mark.parametrize("soort", ["csv", "xlsx"])
def test_rows_past_the_limit_stop_the_reading(soort):
    rijen = [["naam"]] + [[f"rij {i}"] for i in range(11)]
    data = werkmap(*rijen) if soort == "xlsx" else "\n".join(r[0] for r in rijen).encode()
    with pytest.raises(ImportFout) as exc:
        lees_tabel(data, f"r.{soort}", GRENZEN)
    assert "meer dan 10 rijen" in str(exc.value)
    assert len(lees_tabel(data, f"r.{soort}", Grenzen(**{**GRENZEN.__dict__, "rijen": 11})).rijen) == 11


def test_a_sheet_claiming_a_vast_width_is_stopped_at_the_cell_limit():
    # A dimension of A1:XFD1048576 makes the reader pad every row to 16,384 cells.
    blad = (
        f"<?xml version='1.0'?><worksheet {NS}><dimension ref=\"A1:XFD1048576\"/><sheetData>"
        + "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>x</t></is></c></row>' for i in range(1, 6))
        + "</sheetData></worksheet>"
    ).encode()
    with pytest.raises(ImportFout) as exc:
        lees_tabel(met_blad(blad), "breed.xlsx", Grenzen(**{**GRENZEN.__dict__, "cellen": 20_000}))
    assert "meer dan 20.000 cellen" in str(exc.value)


def test_a_refusal_lists_the_first_hundred_problems_and_counts_the_rest():
    fout = ImportFout([f"regel {i}" for i in range(250)])
    assert len(fout.fouten) == TOONBAAR == 100
    assert (fout.totaal, fout.overige) == (250, 150)
    assert str(fout).endswith("… en nog 150 fouten.")


# --- every import page ------------------------------------------------------------------------------


@pytest.fixture
def pagina(
    client, referentiedata, nulmeting, coordinator, taken_in_dit_proces, django_capture_on_commit_callbacks
):
    geverifieerd_inloggen(client, coordinator)

    def posten(naam: str, bestandsnaam: str, inhoud: bytes):
        """The page that answers the upload: the import page itself, or for a file too large to
        import within the request the page of its queued run (run by the worker at once here)."""
        query, _ = PAGINAS[naam]
        voor = zonder_importruns(tellingen())
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse(naam) + query, {"bestand": SimpleUploadedFile(bestandsnaam, inhoud)}, follow=True
            )
        assert response.status_code == 200, response.status_code
        assert zonder_importruns(tellingen()) == voor, "nothing may be stored"
        assert not Importrun.objects.exclude(inhoud=b"").exists(), "a finished run keeps no file"
        return response.content.decode()

    return posten


@pytest.mark.parametrize("naam", sorted(PAGINAS))
def test_every_import_page_answers_hostile_xlsx_files_in_dutch_without_a_500(naam, pagina):
    for soort, (maak, bericht) in KWAADAARDIG.items():
        html = pagina(naam, f"{soort}.xlsx", maak())
        assert "data-foutoverzicht" in html, soort
        assert bericht in html, soort


def zonder_importruns(telling: dict[str, int]) -> dict[str, int]:
    return {model: n for model, n in telling.items() if model != "importen.Importrun"}


def slechte_rijen(kolommen: list[str], aantal: int) -> bytes:
    rij = ";".join(["XX"] * len(kolommen))
    return (";".join(kolommen) + "\n" + "\n".join([rij] * aantal)).encode()


def getoonde_fouten(html: str) -> int:
    return html.split('id="importfouten"')[1].split("</div>")[0].count("<li>")


@pytest.mark.parametrize("naam", sorted(PAGINAS))
def test_every_import_page_refuses_100000_bad_rows_at_the_row_limit_before_checking_them(
    naam, pagina, settings
):
    assert settings.IMPORT_MAX_RIJEN == 10_000
    html = pagina(naam, "fouten.csv", slechte_rijen(PAGINAS[naam][1], 100_000))
    assert "Het bestand heeft meer dan 10.000 rijen" in html
    assert getoonde_fouten(html) == 1


@pytest.mark.parametrize("naam", sorted(PAGINAS))
def test_every_import_page_lists_the_first_hundred_bad_rows_and_counts_the_rest(naam, pagina):
    kolommen = PAGINAS[naam][1]
    html = pagina(naam, "fouten.csv", slechte_rijen(kolommen, 2_000))
    assert getoonde_fouten(html) == TOONBAAR
    assert "regel 2," in html and "regel 2001," not in html
    assert "(hieronder de eerste 100)" in html
    assert "… en nog " in html
    assert len(html) < 100_000


def test_a_file_of_many_bad_rows_within_the_limits_is_refused_with_a_hundred_listed(db, settings):
    """The error list is bounded whatever the row limit: the import keeps the first hundred
    problems and counts the others."""
    settings.IMPORT_MAX_RIJEN = 20_000
    with pytest.raises(ImportFout) as exc:
        inwonertallen_importeren(slechte_rijen(["cbs_code", "peildatum", "inwoners"], 20_000), "i.csv")
    assert len(exc.value.fouten) == TOONBAAR
    assert [f.regel for f in exc.value.fouten][:4] == [2, 2, 2, 3]
    assert exc.value.totaal == 60_000  # three bad cells a row
