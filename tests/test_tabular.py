"""The CSV/XLSX reader behind every import: what a user's spreadsheet turns into."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from toolkit.tabular import ImportFout, lees_tabel, parse_datum, parse_decimaal, parse_geheel_getal

D = datetime.date


@pytest.mark.parametrize(
    ("tekst", "datum"),
    [
        ("2012-10-01", D(2012, 10, 1)),
        ("2012-1-5", D(2012, 1, 5)),
        ("2012-10-01 00:00:00", D(2012, 10, 1)),
        ("1-10-2012", D(2012, 10, 1)),
        ("01-10-2012", D(2012, 10, 1)),
        ("1/10/2012", D(2012, 10, 1)),
        ("1.10.2012", D(2012, 10, 1)),
        (" 29-2-2012 ", D(2012, 2, 29)),
        (datetime.datetime(2012, 10, 1, 14, 30), D(2012, 10, 1)),
        (D(2012, 10, 1), D(2012, 10, 1)),
    ],
)
def test_parse_datum_reads_iso_and_dutch_dates(tekst, datum):
    assert parse_datum(tekst) == datum


@pytest.mark.parametrize("tekst", ["31-2-2012", "29-2-2011", "2012-13-01", "0-1-2012"])
def test_parse_datum_refuses_impossible_dates(tekst):
    with pytest.raises(ValueError, match=f"'{tekst}' is geen bestaande datum"):
        parse_datum(tekst)


@pytest.mark.parametrize("tekst", ["", "morgen", "1 oktober 2012", "10-2012", "1-10-12", None])
def test_parse_datum_refuses_garbage_with_an_example(tekst):
    with pytest.raises(ValueError, match="is geen datum; schrijf 2012-10-01 of 1-10-2012"):
        parse_datum(tekst)


@pytest.mark.parametrize(
    ("tekst", "getal"),
    [
        ("1,5", Decimal("1.5")),
        ("1.5", Decimal("1.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1 234,5", Decimal("1234.5")),
        ("-0,25", Decimal("-0.25")),
        ("3", Decimal("3")),
        (2.5, Decimal("2.5")),
        (7, Decimal("7")),
    ],
)
def test_parse_decimaal_reads_comma_and_point(tekst, getal):
    assert parse_decimaal(tekst) == getal


@pytest.mark.parametrize("tekst", ["", "anderhalf", "1,5 uur", "NaN", "Infinity"])
def test_parse_decimaal_refuses_what_is_not_a_number(tekst):
    with pytest.raises(ValueError, match="is geen getal"):
        parse_decimaal(tekst)


@pytest.mark.parametrize(
    ("tekst", "getal"),
    [
        ("42", 42),
        ("12.345", 12345),
        ("1.234.567", 1234567),
        ("12 345", 12345),
        ("12\u00a0345", 12345),
        ("-3", -3),
        (83591, 83591),
        (83591.0, 83591),
    ],
)
def test_parse_geheel_getal_reads_dutch_thousands(tekst, getal):
    assert parse_geheel_getal(tekst) == getal


@pytest.mark.parametrize("tekst", ["", "1,5", "12.34", "1.5", "twaalf", 2.5, True])
def test_parse_geheel_getal_refuses_fractions_and_words(tekst):
    with pytest.raises(ValueError, match="is geen geheel getal"):
        parse_geheel_getal(tekst)


# --- lees_tabel ---------------------------------------------------------------------------------


@pytest.mark.parametrize("scheiding", [";", ",", "\t"])
def test_separator_is_sniffed(scheiding):
    tabel = lees_tabel(f"naam{scheiding}provincie\nSneek{scheiding}Friesland\n".encode())
    assert tabel.kolommen == ["naam", "provincie"]
    assert tabel.rijen == [(2, {"naam": "Sneek", "provincie": "Friesland"})]


@pytest.mark.parametrize(
    ("inhoud", "eerste_rij"),
    [
        (
            b'naam;provincie;uren\n"Scoop, Zeeuws Instituut";Zeeland;1,5\nPartoer;Friesland;2,25\n',
            {"naam": "Scoop, Zeeuws Instituut", "provincie": "Zeeland", "uren": "1,5"},
        ),
        (
            b'naam,provincie,uren\n"Scoop; Zeeuws Instituut",Zeeland,1.5\nPartoer,Friesland,2.25\n',
            {"naam": "Scoop; Zeeuws Instituut", "provincie": "Zeeland", "uren": "1.5"},
        ),
    ],
    ids=["puntkomma-met-komma-in-veld", "komma-met-puntkomma-in-veld"],
)
def test_quoted_field_holding_the_other_separator(inhoud, eerste_rij):
    tabel = lees_tabel(inhoud)
    assert tabel.kolommen == ["naam", "provincie", "uren"]
    assert [regel for regel, _ in tabel.rijen] == [2, 3]
    assert tabel.rijen[0][1] == eerste_rij


def test_empty_lines_are_skipped_but_line_numbers_match_excel():
    inhoud = b"naam;provincie\n\nSneek;Friesland\n;\n\nVenray;Limburg\n"
    assert lees_tabel(inhoud).rijen == [
        (3, {"naam": "Sneek", "provincie": "Friesland"}),
        (6, {"naam": "Venray", "provincie": "Limburg"}),
    ]


def test_a_cell_spanning_two_lines_is_one_row():
    inhoud = b'naam;toelichting\nSneek;"eerste regel\ntweede regel"\nVenray;kort\n'
    assert [regel for regel, _ in lees_tabel(inhoud).rijen] == [2, 3]


def test_headers_are_normalised_and_short_rows_padded():
    inhoud = "\ufeff CBS_Code ;Naam\r\nGM0091\r\n".encode()
    assert lees_tabel(inhoud).rijen == [(2, {"cbs_code": "GM0091", "naam": ""})]


@pytest.mark.parametrize("codering", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings(codering):
    tabel = lees_tabel("naam;provincie\nWûnseradiel;Fryslân\n".encode(codering))
    assert tabel.rijen == [(2, {"naam": "Wûnseradiel", "provincie": "Fryslân"})]


def test_xlsx_rows_carry_excel_line_numbers(tmp_path):
    werkboek = Workbook()
    blad = werkboek.active
    blad.append(["CBS_code", "Peildatum", "Inwoners"])
    blad.append(["GM1900", datetime.datetime(2012, 1, 1), 83591])
    blad.append([])
    blad.append(["GM0344", "1-1-2012", " 316.275 "])
    pad = tmp_path / "inwoners.xlsx"
    werkboek.save(pad)

    tabel = lees_tabel(pad)

    assert tabel.kolommen == ["cbs_code", "peildatum", "inwoners"]
    assert tabel.rijen == [
        (2, {"cbs_code": "GM1900", "peildatum": datetime.datetime(2012, 1, 1), "inwoners": 83591}),
        (4, {"cbs_code": "GM0344", "peildatum": "1-1-2012", "inwoners": "316.275"}),
    ]


def test_xlsx_is_recognised_by_content_without_a_name():
    werkboek = Workbook()
    werkboek.active.append(["naam"])
    werkboek.active.append(["Sneek"])
    inhoud = io.BytesIO()
    werkboek.save(inhoud)
    assert lees_tabel(io.BytesIO(inhoud.getvalue())).rijen == [(2, {"naam": "Sneek"})]


@pytest.mark.parametrize("inhoud", [b"PK\x03\x04 kapot", b"geen excel"])
def test_unreadable_xlsx_is_refused_in_dutch_with_the_file_name(inhoud):
    with pytest.raises(ImportFout) as exc:
        lees_tabel(inhoud, "inwoners.xlsx")
    assert str(exc.value).startswith(
        "inwoners.xlsx: Het bestand heeft de naam van een Excel-bestand (.xlsx), maar is geen Excel-werkmap."
    )


def test_empty_csv_has_no_columns():
    assert lees_tabel(b"  \n").kolommen == []
