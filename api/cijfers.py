"""The open figures as the API serves them: ``rapportage.open_cijfers`` for a validated question,
kept in the cache for a while (the first call counts, the next ones read), and as one table for
the CSV/XLSX export, so the download and the JSON give the same numbers."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from rapportage.models import Rapport
from rapportage.open_cijfers import open_cijfers
from rapportage.selectors import Afbakening

KOLOMMEN = ["onderdeel", "naam", "domein", "n", "aantal", "procent", "toelichting"]


def cijfers_voor(vraag: dict) -> dict:
    """The figures for a question validated by ``CijferVraagSerializer``."""
    provincie = vraag.get("provincie")
    sleutel = ":".join(
        [
            "api-cijfers",
            provincie.cbs_code if provincie else "NL",
            vraag["peildatum"].isoformat(),
            vraag["vanaf"].isoformat() if vraag.get("vanaf") else "-",
            vraag["lezing"],
        ]
    )
    cijfers = cache.get(sleutel)
    if cijfers is None:
        cijfers = _berekenen(vraag)
        cache.set(sleutel, cijfers, settings.API_CIJFERS_CACHE_SECONDEN)
    return cijfers


def _berekenen(vraag: dict) -> dict:
    provincie = vraag.get("provincie")
    met_correcties = vraag["lezing"] == Rapport.Lezing.MET_CORRECTIES
    afbakening = Afbakening.maak(provincie=provincie, bekend_op=timezone.now() if met_correcties else None)
    return {
        "peildatum": vraag["peildatum"],
        "vanaf": vraag.get("vanaf"),
        "lezing": vraag["lezing"],
        "bekend_op": afbakening.moment(vraag["peildatum"]),
        "gebied": {
            "niveau": "provincie" if provincie else "land",
            "cbs_code": provincie.cbs_code if provincie else None,
            "naam": provincie.naam if provincie else "Nederland",
        },
        **open_cijfers(vraag["peildatum"], afbakening, vraag.get("vanaf")),
    }


def als_tabel(cijfers: dict) -> list[list]:
    """The figures as rows of ``KOLOMMEN``: one per number the JSON holds."""
    deelname = cijfers["deelname"]
    gesprekken = cijfers["gesprekken"]
    return [
        [
            "deelname",
            "nulmeting ingediend",
            "",
            deelname["gemeenten"],
            deelname["deelnemers"],
            deelname["procent"],
            "",
        ],
        *(
            ["basisfunctie", b["basisfunctie"], b["domein"], b["n"], None, b["procent"], b["band"]]
            for b in cijfers["basisfuncties"]
        ),
        ["gesprekken", "aantal", "", None, gesprekken["aantal"], None, ""],
        ["gesprekken", "uren", "", None, gesprekken["uren"], None, ""],
        ["gesprekken", "gemeenten met advies", "", None, gesprekken["gemeenten_met_advies"], None, ""],
        *(["onderwerp", o["onderwerp"], "", None, o["aantal"], None, ""] for o in cijfers["onderwerpen"]),
        *(["thema", t["thema"], t["domein"], None, t["aantal"], None, ""] for t in cijfers["themas"]),
    ]
