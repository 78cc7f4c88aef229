"""One date grammar: a date typed into any form is read as a date in an imported spreadsheet."""

import datetime

import pytest
from django import forms
from django.utils import translation

from advies.forms import GesprekForm
from toolkit.datums import DATUM_FORMATEN, parse_datum

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
    veld = forms.DateField()
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
