"""Reading the spreadsheets Dutch offices actually have, for every import in the product.

XLSX, or CSV as Excel writes it here: separator ``;`` or ``,`` (sniffed), UTF-8 with or without
BOM or Windows-1252, decimal comma or point, dates as ``2012-10-01`` or ``1-10-2012`` (the grammar
of ``toolkit.datums``, which the forms read too).
Rows come back with the line number a user sees in Excel, so every error can name its row.

A file is untrusted input, so its size is bounded before it is parsed (``Grenzen``): an XLSX is a
zip, whose members' unpacked sizes and compression ratios are read from its directory without
unpacking anything; the sheets are counted the same way; rows and cells are counted while reading
and reading stops at the limit. The XML parts are parsed by openpyxl through defusedxml (installed,
so openpyxl uses it: no entity expansion, no external entities). Whatever is wrong with a file
becomes an ``ImportFout`` in Dutch, never another exception (decision 0014).
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
from xml.etree.ElementTree import ParseError

from django.conf import settings
from openpyxl import load_workbook

from toolkit.datums import parse_datum

XLSX_MAGIC = b"PK\x03\x04"
TOONBAAR = 100  # an import lists at most this many problems, and counts the rest


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
    """An import that was refused as a whole: ``fouten`` lists the first ``TOONBAAR`` problems
    found, ``totaal`` counts them all (``overige``: those not listed)."""

    def __init__(self, fouten: list[Fout], *, totaal: int | None = None):
        self.fouten = fouten[:TOONBAAR]
        self.totaal = max(totaal or 0, len(fouten))
        regels = [str(f) for f in self.fouten]
        if self.overige:
            regels.append(f"… en nog {_nl(self.overige)} fout{'en' if self.overige != 1 else ''}.")
        super().__init__("\n".join(regels))

    @property
    def overige(self) -> int:
        return self.totaal - len(self.fouten)


def _nl(getal: int) -> str:
    """A whole number with a point between thousands, as Dutch readers write it."""
    return f"{getal:,}".replace(",", ".")


@dataclass(frozen=True)
class Grenzen:
    """How large a file may be, checked before and while it is read (settings ``IMPORT_MAX_*``)."""

    uitgepakt: int  # bytes of an XLSX's members together, unpacked
    verhouding: int  # how many times larger than packed one member of an XLSX may unpack
    bladen: int  # worksheets in an XLSX
    rijen: int  # rows below the header
    cellen: int  # cells, header included
    tags: int = 1_000_000  # XML tags in the parts openpyxl reads whole (shared strings, styles, …)

    @classmethod
    def ingesteld(cls) -> "Grenzen":
        return cls(
            uitgepakt=settings.IMPORT_MAX_UITGEPAKT_BYTES,
            verhouding=settings.IMPORT_MAX_VERHOUDING,
            bladen=settings.IMPORT_MAX_BLADEN,
            rijen=settings.IMPORT_MAX_RIJEN,
            cellen=settings.IMPORT_MAX_CELLEN,
            tags=settings.IMPORT_MAX_XML_TAGS,
        )


# A member smaller than this is not held to the compression ratio: small XML compresses well.
VERHOUDING_VANAF = 1024 * 1024


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


class _Teller:
    """Counts rows and cells while a file is read, and stops the reading at the limits."""

    def __init__(self, grenzen: Grenzen):
        self.grenzen, self.rijen, self.cellen = grenzen, 0, 0

    def kop(self, cellen: int) -> None:
        self._cellen(cellen)

    def rij(self, cellen: int) -> None:
        self.rijen += 1
        if self.rijen > self.grenzen.rijen:
            raise _TeGroot(
                f"Het bestand heeft meer dan {_nl(self.grenzen.rijen)} rijen; zoveel kan één import"
                " niet verwerken. Verdeel de rijen over meer bestanden."
            )
        self._cellen(cellen)

    def _cellen(self, cellen: int) -> None:
        self.cellen += cellen
        if self.cellen > self.grenzen.cellen:
            raise _TeGroot(
                f"Het bestand heeft meer dan {_nl(self.grenzen.cellen)} cellen; zoveel kan één import"
                " niet verwerken. Verdeel de rijen over meer bestanden, of laat lege kolommen weg."
            )


class _TeGroot(Exception):
    """A limit was passed; the message says which, in Dutch."""


def lees_csv(data: bytes, grenzen: Grenzen | None = None) -> Tabel:
    teller = _Teller(grenzen or Grenzen.ingesteld())
    tekst = decodeer(data)
    if not tekst.strip():
        return Tabel(kolommen=[])
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=_scheidingsteken(tekst))
    kop = [_normaliseer_kop(k) for k in next(lezer)]
    teller.kop(len(kop))
    tabel = Tabel(kolommen=kop)
    for nummer, rij in enumerate(lezer, start=2):
        if not any(cel.strip() for cel in rij):
            continue
        teller.rij(len(rij))
        tabel.rijen.append(
            (nummer, {k: (rij[i].strip() if i < len(rij) else "") for i, k in enumerate(kop) if k})
        )
    return tabel


def controleer_xlsx(data: bytes, grenzen: Grenzen) -> None:
    """Refuse an XLSX whose members would unpack too large, or too many times their packed size,
    or that has too many sheets — read from the zip's directory, nothing is unpacked. (A member
    cannot unpack to more than the size its directory entry states: Python's zipfile stops
    there and refuses the member when its checksum then fails.) Then the parts that openpyxl
    parses whole when it opens a workbook (shared strings, styles, the workbook) are streamed
    through, unparsed, and their tags counted: parsing costs per element, and a 48 MB shared
    strings part of 2 million short strings took minutes (decision 0014)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zip_:
        leden = zip_.infolist()
        _controleer_leden(leden, grenzen)
        tags = 0
        for lid in leden:
            if lid.filename.startswith("xl/worksheets/") or not lid.filename.endswith((".xml", ".rels")):
                continue  # a sheet is read row by row, and only the first, counted as it goes
            with zip_.open(lid) as deel:
                while blok := deel.read(1024 * 1024):
                    tags += blok.count(b"<")
            if tags > grenzen.tags:
                raise _TeGroot(
                    "Het Excel-bestand bevat buiten de werkbladen zoveel gegevens (bijvoorbeeld"
                    " teksten of opmaak) dat een import het niet kan verwerken. Kopieer alleen de"
                    " rijen die u wilt importeren naar een nieuw bestand, of sla het op als CSV."
                )


def _controleer_leden(leden: list[zipfile.ZipInfo], grenzen: Grenzen) -> None:
    if sum(lid.file_size for lid in leden) > grenzen.uitgepakt:
        raise _TeGroot(
            f"Het Excel-bestand is uitgepakt groter dan {_nl(max(1, round(grenzen.uitgepakt / 2**20)))} MB;"
            " zoveel kan één import niet verwerken. Verdeel de rijen over meer bestanden, of sla het"
            " op als CSV."
        )
    for lid in leden:
        if lid.file_size > VERHOUDING_VANAF and lid.file_size > grenzen.verhouding * max(
            lid.compress_size, 1
        ):
            raise _TeGroot(
                "Het Excel-bestand bevat een onderdeel dat uitgepakt veel groter wordt dan een"
                " werkblad van Excel ooit wordt; het wordt niet gelezen. Sla het bestand opnieuw op"
                " in Excel, of als CSV."
            )
    bladen = [lid for lid in leden if re.fullmatch(r"xl/worksheets/[^/]+\.xml", lid.filename)]
    if len(bladen) > grenzen.bladen:
        raise _TeGroot(
            f"Het Excel-bestand heeft {_nl(len(bladen))} werkbladen; een import leest alleen het"
            f" eerste, en een bestand mag er hoogstens {_nl(grenzen.bladen)} hebben. Verwijder de"
            " andere werkbladen."
        )


def lees_xlsx(data: bytes, grenzen: Grenzen | None = None) -> Tabel:
    grenzen = grenzen or Grenzen.ingesteld()
    controleer_xlsx(data, grenzen)
    teller = _Teller(grenzen)
    werkboek = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        blad = werkboek.worksheets[0]
        regels = blad.iter_rows(values_only=True)
        kop = [_normaliseer_kop(k) for k in next(regels, ())]
        teller.kop(len(kop))
        tabel = Tabel(kolommen=kop)
        for nummer, rij in enumerate(regels, start=2):
            teller.rij(len(rij))  # counted empty or not: an empty row costs reading too
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


ONLEESBAAR = "Het bestand kan niet worden gelezen als CSV of Excel (XLSX)."
GEEN_ZIP = (
    "Het bestand heeft de naam van een Excel-bestand (.xlsx), maar is geen Excel-werkmap. Sla het"
    " in Excel op als 'Excel-werkmap (*.xlsx)', of als CSV, en probeer het opnieuw."
)
BESCHADIGD = (
    "Het Excel-bestand is beschadigd of bevat onderdelen die niet in een Excel-werkmap horen (zoals"
    " een DTD of entiteiten); het wordt niet gelezen. Sla het opnieuw op in Excel, of als CSV."
)


def lees_tabel(bron: bytes | str | Path | IO[bytes], naam: str = "", grenzen: Grenzen | None = None) -> Tabel:
    """Read a CSV or XLSX file (path, bytes or an uploaded file) into a ``Tabel``; a file that
    cannot be read, or is larger than ``grenzen`` allow, is an ``ImportFout`` in Dutch."""
    if isinstance(bron, str | Path):
        naam = naam or Path(bron).name
        data = Path(bron).read_bytes()
    elif isinstance(bron, bytes):
        data = bron
    else:
        data = bron.read()
    xlsx = data.startswith(XLSX_MAGIC) or naam.lower().endswith(".xlsx")
    try:
        return lees_xlsx(data, grenzen) if xlsx else lees_csv(data, grenzen)
    except _TeGroot as exc:
        raise ImportFout([Fout(None, str(exc), bestand=naam)]) from exc
    except zipfile.BadZipFile as exc:
        raise ImportFout([Fout(None, GEEN_ZIP if xlsx else ONLEESBAAR, bestand=naam)]) from exc
    except (ParseError, ValueError) as exc:  # broken XML; defusedxml's refusals are ValueErrors
        raise ImportFout([Fout(None, BESCHADIGD if xlsx else ONLEESBAAR, bestand=naam)]) from exc
    except (KeyError, OSError, csv.Error) as exc:
        raise ImportFout([Fout(None, ONLEESBAAR, bestand=naam)]) from exc
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a malformed workbook
        if not xlsx:
            raise
        raise ImportFout([Fout(None, BESCHADIGD, bestand=naam)]) from exc


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
