"""Reading the spreadsheets Dutch offices actually have, for every import in the product.

XLSX, or CSV as Excel writes it here: separator ``;`` or ``,`` (sniffed), UTF-8 with or without
BOM or Windows-1252, decimal comma or point, dates as ``2012-10-01`` or ``1-10-2012`` (the grammar
of ``toolkit.datums``, which the forms read too).
Rows come back with the line number a user sees in Excel, so every error can name its row.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

from openpyxl import load_workbook

from toolkit.datums import parse_datum

XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Fout:
    """One problem in an imported file, phrased for the person who made the file."""

    regel: int | None
    bericht: str
    kolom: str = ""
    bestand: str = ""

    def __str__(self) -> str:
        waar = []
        if self.bestand:
            waar.append(self.bestand)
        if self.regel is not None:
            waar.append(f"regel {self.regel}")
        if self.kolom:
            waar.append(f"kolom '{self.kolom}'")
        return f"{', '.join(waar)}: {self.bericht}" if waar else self.bericht


class ImportFout(Exception):
    """An import that was refused as a whole; ``fouten`` lists every problem found."""

    def __init__(self, fouten: list[Fout]):
        self.fouten = fouten
        super().__init__("\n".join(str(f) for f in fouten))


@dataclass
class Tabel:
    kolommen: list[str]
    rijen: list[tuple[int, dict[str, object]]] = field(default_factory=list)

    def ontbrekende_kolommen(self, verplicht: list[str]) -> list[str]:
        return [k for k in verplicht if k not in self.kolommen]


def _normaliseer_kop(waarde: object) -> str:
    return str(waarde or "").strip().lower().replace("\ufeff", "")


def decodeer(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it is valid UTF-8, else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _scheidingsteken(tekst: str) -> str:
    eerste_regels = "\n".join(tekst.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(eerste_regels, delimiters=";,\t").delimiter
    except csv.Error:
        kop = tekst.splitlines()[0] if tekst else ""
        return max(";,\t", key=kop.count)


def lees_csv(data: bytes) -> Tabel:
    tekst = decodeer(data)
    if not tekst.strip():
        return Tabel(kolommen=[])
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=_scheidingsteken(tekst))
    kop = [_normaliseer_kop(k) for k in next(lezer)]
    tabel = Tabel(kolommen=kop)
    for nummer, rij in enumerate(lezer, start=2):
        if not any(cel.strip() for cel in rij):
            continue
        tabel.rijen.append(
            (nummer, {k: (rij[i].strip() if i < len(rij) else "") for i, k in enumerate(kop) if k})
        )
    return tabel


def lees_xlsx(data: bytes) -> Tabel:

    werkboek = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        blad = werkboek.worksheets[0]
        regels = blad.iter_rows(values_only=True)
        kop = [_normaliseer_kop(k) for k in next(regels, ())]
        tabel = Tabel(kolommen=kop)
        for nummer, rij in enumerate(regels, start=2):
            if not any(cel not in (None, "") for cel in rij):
                continue
            waarden = {}
            for i, k in enumerate(kop):
                if not k:
                    continue
                cel = rij[i] if i < len(rij) else None
                waarden[k] = cel.strip() if isinstance(cel, str) else ("" if cel is None else cel)
            tabel.rijen.append((nummer, waarden))
        return tabel
    finally:
        werkboek.close()


def lees_tabel(bron: bytes | str | Path | IO[bytes], naam: str = "") -> Tabel:
    """Read a CSV or XLSX file (path, bytes or an uploaded file) into a ``Tabel``."""
    if isinstance(bron, str | Path):
        naam = naam or Path(bron).name
        data = Path(bron).read_bytes()
    elif isinstance(bron, bytes):
        data = bron
    else:
        data = bron.read()
    try:
        if data.startswith(XLSX_MAGIC) or naam.lower().endswith(".xlsx"):
            return lees_xlsx(data)
        return lees_csv(data)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, csv.Error) as exc:
        raise ImportFout(
            [Fout(None, "Het bestand kan niet worden gelezen als CSV of Excel (XLSX).", bestand=naam)]
        ) from exc


_TIJD = re.compile(r"^(?P<datum>\S+)[ T](?P<uur>\d{1,2}):(?P<minuut>\d{2})(?::(?P<seconde>\d{2}))?$")


def parse_moment(waarde: object) -> datetime.datetime:
    """A date, or a date with a time (``2012-03-05 14:30``, ``5-3-2012 14:30``), as a naive
    datetime; a date alone becomes noon, so it falls on that day in any Dutch time zone."""
    if isinstance(waarde, datetime.datetime):
        return waarde
    tekst = str(waarde or "").strip()
    if m := _TIJD.match(tekst):
        datum = parse_datum(m["datum"])
        try:
            tijd = datetime.time(int(m["uur"]), int(m["minuut"]), int(m["seconde"] or 0))
        except ValueError:
            raise ValueError(f"'{tekst}' bevat geen bestaande tijd.") from None
        return datetime.datetime.combine(datum, tijd)
    return datetime.datetime.combine(parse_datum(waarde), datetime.time(12, 0))


def parse_decimaal(waarde: object) -> Decimal:
    """A number with a decimal comma or point (``1,5`` or ``1.5``); ``1.234,5`` is read too, and
    ``1.250`` (a point before exactly three digits) as Dutch Excel shows 1250."""
    if isinstance(waarde, int | float | Decimal) and not isinstance(waarde, bool):
        return Decimal(str(waarde))
    tekst = str(waarde or "").strip().replace(" ", "").replace("\u00a0", "")
    if "," in tekst or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", tekst):
        tekst = tekst.replace(".", "").replace(",", ".")
    try:
        getal = Decimal(tekst)
    except InvalidOperation:
        raise ValueError(f"'{waarde}' is geen getal.") from None
    if not getal.is_finite():
        raise ValueError(f"'{waarde}' is geen getal.")
    return getal


def parse_geheel_getal(waarde: object) -> int:
    """A whole number; ``12.345`` and ``12 345`` are read as thousands, as Dutch Excel shows them."""
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, float) and waarde.is_integer():
        return int(waarde)
    tekst = str(waarde or "").strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", tekst):
        tekst = tekst.replace(".", "")
    if not re.fullmatch(r"-?\d+", tekst):
        raise ValueError(f"'{waarde}' is geen geheel getal.")
    return int(tekst)
