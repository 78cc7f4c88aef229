"""The product's Dutch formats, in one place.

Dates are written in two ways, as Dutch government sites do: ``3-12-2026`` in tables and lists
(``SHORT_DATE_FORMAT``), ``3 december 2026`` in running text (``DATE_FORMAT``); with a time,
``3-12-2026 14:05`` and ``3 december 2026 14:05``. Templates name the format
(``{{ d|date:"SHORT_DATE_FORMAT" }}``), Python code uses ``toolkit.datums.datum_kort`` /
``datum_tekst``; no other date format is written anywhere.

A date typed into a form is read by the product's one date grammar, the one its imports read
spreadsheet cells with (``toolkit.datums``).
"""

from toolkit.datums import DATUM_FORMATEN

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j-n-Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "j-n-Y H:i"

DATE_INPUT_FORMATS = list(DATUM_FORMATEN)
