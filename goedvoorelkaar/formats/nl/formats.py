"""Django's Dutch formats, except that a date typed into a form is read by the product's one date
grammar, the one its imports read spreadsheet cells with (``toolkit.datums``)."""

from toolkit.datums import DATUM_FORMATEN

DATE_INPUT_FORMATS = list(DATUM_FORMATEN)
