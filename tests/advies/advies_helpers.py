"""Looking up municipalities, themes and CMOs by code or name; a CSV file as Dutch Excel writes
it; and reading a form as the browser gets it (its inputs, ticked boxes and values)."""

import csv
import io
from html.parser import HTMLParser

from advies.models import Thema
from gemeenten.models import Gemeente, Organisatie


def gemeenten(*codes: str) -> list[Gemeente]:
    return list(Gemeente.objects.filter(cbs_code__in=codes).order_by("cbs_code"))


def themas(*codes: str) -> list[Thema]:
    return list(Thema.objects.filter(code__in=codes).order_by("volgorde"))


def cmo(naam: str) -> Organisatie:
    return Organisatie.objects.get(naam=naam)


def csv_bestand(kolommen, rijen, *, scheiding=";", codering="utf-8-sig") -> bytes:
    """A CSV file as Dutch Excel writes it: fields holding the separator are quoted."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=scheiding, lineterminator="\r\n")
    schrijver.writerow(kolommen)
    schrijver.writerows(rijen)
    return buffer.getvalue().encode(codering)


class _Invoer(HTMLParser):
    def __init__(self):
        super().__init__()
        self.invoer: list[dict[str, str | None]] = []
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.invoer.append(dict(attrs))
        elif tag == "textarea":
            self._textarea = {**dict(attrs), "value": ""}

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.invoer.append(self._textarea)
            self._textarea = None


def formuliervelden(html: str) -> list[dict[str, str | None]]:
    """The inputs and textareas of a page as the browser would see them (attribute dicts)."""
    parser = _Invoer()
    parser.feed(html)
    return parser.invoer


def aangevinkt(html: str, naam: str) -> set[str]:
    """The values of the ticked checkboxes/radios called ``naam``."""
    return {
        veld["value"]
        for veld in formuliervelden(html)
        if veld.get("name") == naam and "checked" in veld and veld.get("type") in ("checkbox", "radio")
    }


def waarde(html: str, naam: str) -> str | None:
    for veld in formuliervelden(html):
        if veld.get("name") == naam and veld.get("type") not in ("checkbox", "radio"):
            return veld.get("value")
    return None
