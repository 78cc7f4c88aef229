"""Exports that open correctly in Dutch Excel: CSV with ``;``, UTF-8 with BOM and decimal commas,
and XLSX with real numbers and dates. Text that Excel would run as a formula is neutralised."""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def veilige_tekst(waarde: str) -> str:
    """Prefix text Excel would read as a formula (``=``, ``+``, ``-``, ``@``) with an apostrophe."""
    return "'" + waarde if waarde.startswith(FORMULE_TEKENS) else waarde


def _csv_cel(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float | Decimal):
        return format(waarde, "f").replace(".", ",")
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, datetime.datetime):
        return waarde.strftime("%Y-%m-%d %H:%M")
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    return veilige_tekst(str(waarde))


def _xlsx_cel(waarde):
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, datetime.datetime):
        return waarde.replace(tzinfo=None)
    if isinstance(waarde, int | float | Decimal | datetime.date) or waarde is None:
        return waarde
    return veilige_tekst(str(waarde))


def csv_bytes(kolommen: Sequence[str], rijen: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(kolommen)
    for rij in rijen:
        schrijver.writerow([_csv_cel(w) for w in rij])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(bladen: dict[str, tuple[Sequence[str], Iterable[Sequence]]]) -> bytes:
    """One sheet per entry: name → (column headers, rows)."""

    werkboek = Workbook()
    werkboek.remove(werkboek.active)
    for naam, (kolommen, rijen) in bladen.items():
        blad = werkboek.create_sheet(title=naam[:31])
        blad.append(list(kolommen))
        for cel in blad[1]:
            cel.font = Font(bold=True)
        for rij in rijen:
            blad.append([_xlsx_cel(w) for w in rij])
        for i, kolom in enumerate(kolommen, start=1):
            blad.column_dimensions[blad.cell(row=1, column=i).column_letter].width = max(
                10, min(50, len(str(kolom)) + 2)
            )
        blad.freeze_panes = "A2"
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return buffer.getvalue()


def bestand_response(inhoud: bytes, bestandsnaam: str) -> HttpResponse:
    soort = (
        "text/csv; charset=utf-8"
        if bestandsnaam.endswith(".csv")
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if bestandsnaam.endswith(".xlsx")
        else "application/pdf"
    )
    response = HttpResponse(inhoud, content_type=soort)
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
