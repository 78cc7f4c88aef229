"""Turning a ``RapportInhoud`` into files: HTML, PDF (WeasyPrint, same HTML), XLSX and JSON."""

import json

from django.template.loader import render_to_string
from django.utils import timezone

from rapportage.bouwstenen import RapportInhoud
from toolkit.export import xlsx_bytes
from toolkit.pdf import html_naar_pdf

FORMATEN = ("html", "pdf", "xlsx", "json")


def html(inhoud: RapportInhoud, in_de_app: bool = False) -> str:
    """The report as a page. ``in_de_app``: it is served by the app (``rapportage:download``, at
    ``<pk>/download/html/``), so it links back to its run's page and the list at the top, relative
    to that address, on screen only (not in print). Relative, because a worker builds it: resolving
    URLs there stalled the request that queued it (tests/browser/test_programmacyclus.py)."""
    return render_to_string(
        "rapportage/rapport.html",
        {"inhoud": inhoud, "gemaakt_op": timezone.localtime(), "in_de_app": in_de_app},
    )


def pdf(html_tekst: str) -> bytes:
    return html_naar_pdf(html_tekst)


def xlsx(inhoud: RapportInhoud) -> bytes:
    bladen = {
        "Toelichting": (
            ["Rapport", inhoud.titel],
            [["Afbakening en stand", inhoud.ondertitel], ["Peildatum", inhoud.peildatum]],
        )
    }
    for tabel in inhoud.tabellen:
        bladen[tabel.blad] = (tabel.kolommen, [*tabel.rijen, [], [tabel.titel], [tabel.basis]])
    return xlsx_bytes(bladen)


def json_bytes(inhoud: RapportInhoud) -> bytes:
    return json.dumps(inhoud.cijfers, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def bestanden(inhoud: RapportInhoud, formaten=FORMATEN, in_de_app: bool = False) -> dict[str, bytes]:
    """Every requested format; the PDF is rendered from exactly the HTML that is kept."""
    uitkomst: dict[str, bytes] = {}
    html_tekst = html(inhoud, in_de_app) if {"html", "pdf"} & set(formaten) else ""
    if "html" in formaten:
        uitkomst["html"] = html_tekst.encode("utf-8")
    if "pdf" in formaten:
        uitkomst["pdf"] = pdf(html_tekst)
    if "xlsx" in formaten:
        uitkomst["xlsx"] = xlsx(inhoud)
    if "json" in formaten:
        uitkomst["json"] = json_bytes(inhoud)
    return uitkomst
