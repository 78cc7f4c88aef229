"""The one way the product reads a date someone wrote: in a form field and in a spreadsheet cell.

``DATUM_FORMATEN`` is the grammar. Django's date fields read it through the Dutch format module
(``goedvoorelkaar/formats/nl/formats.py``, ``FORMAT_MODULE_PATH``), ``parse_datum`` reads spreadsheet
cells with it. A four-digit year always: ``1-10-12`` is refused rather than guessed.
"""

import datetime
import re

DATUM_FORMATEN = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")

_PATRONEN = {"%Y": r"\d{4}", "%m": r"\d{1,2}", "%d": r"\d{1,2}"}


def _vorm(formaat: str) -> re.Pattern:
    """What a date in ``formaat`` looks like, whether or not the day exists (31-2-2012 does not)."""
    delen = re.split(r"(%[Ymd])", formaat)
    return re.compile("".join(_PATRONEN.get(deel, re.escape(deel)) for deel in delen))


_VORMEN = [_vorm(f) for f in DATUM_FORMATEN]


def parse_datum(waarde: object) -> datetime.date:
    """A date in one of ``DATUM_FORMATEN``, or an Excel date cell. A time after the date (a cell
    that holds a moment, ``2012-10-01 00:00:00``) is ignored."""
    if isinstance(waarde, datetime.datetime):
        return waarde.date()
    if isinstance(waarde, datetime.date):
        return waarde
    tekst = str(waarde or "").strip()
    datumdeel = re.split(r"[ T]", tekst, maxsplit=1)[0]
    for formaat in DATUM_FORMATEN:
        try:
            return datetime.datetime.strptime(datumdeel, formaat).date()
        except ValueError:
            continue
    if any(vorm.fullmatch(datumdeel) for vorm in _VORMEN):
        raise ValueError(f"'{tekst}' is geen bestaande datum.")
    raise ValueError(f"'{tekst}' is geen datum; schrijf 2012-10-01 of 1-10-2012.")
