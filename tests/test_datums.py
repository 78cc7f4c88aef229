"""One date grammar: a date typed into any form is read as a date in an imported spreadsheet."""

import datetime

import pytest
from django import forms
from django.utils import translation

from advies.forms import GesprekForm
from toolkit.datums import DATUM_FORMATEN, datum_kort, datum_tekst, parse_datum
from toolkit.invoer import DatumInvoer, DatumVeld

D = datetime.date

GELEZEN = [
    ("2012-10-01", D(2012, 10, 1)),
    ("2012-1-5", D(2012, 1, 5)),
    ("1-10-2012", D(2012, 10, 1)),
    ("01-10-2012", D(2012, 10, 1)),
    ("1/10/2012", D(2012, 10, 1)),
    ("1.10.2012", D(2012, 10, 1)),
    ("29-2-2012", D(2012, 2, 29)),
]
GEWEIGERD = ["31-2-2012", "2012-13-01", "1-10-12", "20/01/09", "2009/01/20", "1 oktober 2012", "morgen"]


@pytest.fixture(autouse=True)
def nederlands():
    with translation.override("nl"):
        yield


def form_leest(tekst: str) -> D | None:
    veld = DatumVeld()
    try:
        return veld.clean(tekst)
    except forms.ValidationError:
        return None


def import_leest(tekst: str) -> D | None:
    try:
        return parse_datum(tekst)
    except ValueError:
        return None


@pytest.mark.parametrize(("tekst", "datum"), GELEZEN)
def test_a_form_and_an_import_read_the_same_date(tekst, datum):
    assert (form_leest(tekst), import_leest(tekst)) == (datum, datum)


@pytest.mark.parametrize("tekst", GEWEIGERD)
def test_a_form_and_an_import_refuse_the_same_text(tekst):
    assert (form_leest(tekst), import_leest(tekst)) == (None, None)


def test_the_forms_take_their_input_formats_from_the_grammar():
    assert list(forms.DateField().input_formats) == list(DATUM_FORMATEN)
    assert list(GesprekForm.base_fields["datum"].input_formats) == list(DATUM_FORMATEN)


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("31-02-2012", "Die dag bestaat niet (31-02-2012). Controleer de dag en de maand."),
        ("2011-2-29", "Die dag bestaat niet (2011-2-29). Controleer de dag en de maand."),
        ("morgen", "Vul een datum in, bijvoorbeeld 1-10-2012."),
        ("1-10-12", "Vul een datum in, bijvoorbeeld 1-10-2012."),
    ],
)
def test_an_impossible_date_is_called_impossible_not_missing(tekst, melding):
    veld = DatumVeld(required=True)
    with pytest.raises(forms.ValidationError) as fout:
        veld.clean(tekst)
    assert fout.value.messages == [melding]


def test_a_date_field_is_a_text_field_showing_the_date_as_tables_write_it():
    html = DatumInvoer().render("datum", D(2026, 12, 3))
    assert 'type="text"' in html and 'value="3-12-2026"' in html and 'placeholder="d-m-jjjj"' in html
    assert 'value="31-02-2012"' in DatumInvoer().render("datum", "31-02-2012")  # what was typed stays


def test_dates_are_written_short_in_tables_and_long_in_prose():
    assert datum_kort(D(2026, 12, 3)) == "3-12-2026"
    assert datum_tekst(D(2026, 12, 3)) == "3 december 2026"
    moment = datetime.datetime(2026, 12, 3, 13, 5, tzinfo=datetime.UTC)  # 14:05 in Amsterdam
    assert (datum_kort(moment), datum_tekst(moment)) == ("3-12-2026 14:05", "3 december 2026 14:05")
