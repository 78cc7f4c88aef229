"""The one way the product reads a date someone wrote (in a form field and in a spreadsheet cell)
and writes one in Python code (``datum_kort``: ``3-12-2026``, ``datum_tekst``: ``3 december 2026``,
with the formats of ``goedvoorelkaar/formats/nl/formats.py``; templates name those formats).

``DATUM_FORMATEN`` is the grammar. Django's date fields read it through the Dutch format module
(``goedvoorelkaar/formats/nl/formats.py``, ``FORMAT_MODULE_PATH``), ``parse_datum`` reads spreadsheet
cells with it. A four-digit year always: ``1-10-12`` is refused rather than guessed.
"""

import datetime
import re

from django.utils import timezone
from django.utils.formats import date_format

DATUM_FORMATEN = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")

_PATRONEN = {"%Y": r"\d{4}", "%m": r"\d{1,2}", "%d": r"\d{1,2}"}


def _vorm(formaat: str) -> re.Pattern:
    """What a date in ``formaat`` looks like, whether or not the day exists (31-2-2012 does not)."""
    delen = re.split(r"(%[Ymd])", formaat)
    return re.compile("".join(_PATRONEN.get(deel, re.escape(deel)) for deel in delen))


_VORMEN = [_vorm(f) for f in DATUM_FORMATEN]


def heeft_datumvorm(tekst: str) -> bool:
    """Whether ``tekst`` is written as a date, whether or not that day exists (31-2-2012 does not)."""
    return any(vorm.fullmatch(tekst.strip()) for vorm in _VORMEN)


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
    if heeft_datumvorm(datumdeel):
        raise ValueError(f"'{tekst}' is geen bestaande datum.")
    raise ValueError(f"'{tekst}' is geen datum; schrijf 2012-10-01 of 1-10-2012.")


def _lokaal(moment: datetime.date) -> datetime.date:
    """A moment as the clock in the Netherlands showed it (stored moments are in UTC)."""
    if isinstance(moment, datetime.datetime) and timezone.is_aware(moment):
        return timezone.localtime(moment)
    return moment


def datum_kort(moment: datetime.date) -> str:
    """``3-12-2026`` (a moment: ``3-12-2026 14:05``), as in tables and lists."""
    soort = "SHORT_DATETIME_FORMAT" if isinstance(moment, datetime.datetime) else "SHORT_DATE_FORMAT"
    return date_format(_lokaal(moment), soort)


def datum_tekst(moment: datetime.date) -> str:
    """``3 december 2026`` (a moment: ``3 december 2026 14:05``), as in a sentence."""
    soort = "DATETIME_FORMAT" if isinstance(moment, datetime.datetime) else "DATE_FORMAT"
    return date_format(_lokaal(moment), soort)


def begin_van(datum: datetime.date) -> datetime.datetime:
    """The first moment of ``datum`` in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time()))


def einde_van(datum: datetime.date) -> datetime.datetime:
    """The first moment after ``datum`` in the current time zone: 'by the end of D' means before it."""
    return begin_van(datum + datetime.timedelta(days=1))
