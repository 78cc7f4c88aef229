"""Hand-made data for the reports (moments in Dutch time, metingen submitted through the import
service) and reading a report's files back (every XLSX sheet against its table, the PDF's text)."""

import datetime
import io
import re
import subprocess

from django.utils import timezone
from openpyxl import load_workbook

from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from toolkit.export import csv_bytes


def moment(jaar, maand, dag, uur=12):
    return timezone.make_aware(datetime.datetime(jaar, maand, dag, uur))


def indienen(nulmeting, rijen):
    """Submit metingen: (cbs_code, date, {question: answer}) — through the import service."""
    kolommen = antwoorden_kolommen(nulmeting)
    data = [
        [code, datum.isoformat()] + [antwoorden.get(k, "") for k in kolommen[2:]]
        for code, datum, antwoorden in rijen
    ]
    metingen_importeren(io.BytesIO(csv_bytes(kolommen, data)), vragenlijst=nulmeting, door=None, naam="t.csv")


def _zonder_staart(rij) -> list:
    """A row as the XLSX keeps it: an empty text is an empty cell, none at the end."""
    rij = [None if c == "" else c for c in rij]
    while rij and rij[-1] is None:
        rij.pop()
    return rij


def elk_blad_is_zijn_tabel(inhoud, xlsx: bytes) -> None:
    """Every sheet of the XLSX holds exactly its table: headings, rows, title and basis."""
    werkboek = load_workbook(io.BytesIO(xlsx), read_only=True)
    assert werkboek.sheetnames == ["Toelichting", *(t.blad for t in inhoud.tabellen)]
    for t in inhoud.tabellen:
        verwacht = [_zonder_staart(r) for r in [t.kolommen, *t.rijen, [], [t.titel], [t.basis]]]
        gelezen = [_zonder_staart(r) for r in werkboek[t.blad].iter_rows(values_only=True)]
        assert gelezen == verwacht, t.blad


def pdf_tekst(pdf: bytes) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext), whitespace made single spaces."""
    tekst = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return [re.sub(r"\s+", " ", pagina).strip() for pagina in tekst.decode("utf-8").split("\f")[:-1]]
