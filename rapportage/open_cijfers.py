"""The programme's open figures for one area (the country or one province) as of a peildatum, in
either reading: participation, % 'goed voor elkaar' per basisfunctie with its N, sessions,
hours, onderwerpen and themes. Never one municipality's result: the shares per basisfunctie are
the published figures of the spiegel's disclosure rule (``nulmeting.afscherming.groepscijfers``,
decision 0022) at the monthly cut-off of the peildatum, in either reading, so the API and its
exports can give these to anyone.

Plain Python values (no pandas) come out, so the API, its CSV/XLSX export and the benchmark
read the same numbers.
"""

import datetime

from django.utils import timezone

from gemeenten.models import Provincie
from nulmeting.afscherming import LAND, Aandeel, groepscijfers
from nulmeting.spiegel import basisfuncties_van
from rapportage.selectors import (
    Afbakening,
    bereik,
    deelname,
    nulmeting,
    onderwerpen,
    themas,
    totaal,
)


def open_cijfers(
    peildatum: datetime.date, afbakening: Afbakening, vanaf: datetime.date | None = None
) -> dict:
    """The figures of ``afbakening`` (the country or one province) as of ``peildatum``; sessions
    held from ``vanaf`` (default: all) up to the peildatum."""
    deelnemers = totaal(deelname(peildatum, afbakening))
    gesprekken = bereik(peildatum, afbakening, vanaf)
    return {
        "deelname": {
            "gemeenten": int(deelnemers["gemeenten"]),
            "deelnemers": int(deelnemers["deelnemers"]),
            "procent": _geheel(deelnemers["procent"]),
        },
        "basisfuncties": basisfunctie_cijfers(peildatum, afbakening),
        "gesprekken": {
            "aantal": int(gesprekken["gesprekken"]),
            "uren": float(gesprekken["uren"]),
            "gemeenten_met_advies": int(gesprekken["gemeenten_met_advies"]),
        },
        "onderwerpen": [
            {"onderwerp": rij["onderwerp"], "aantal": int(rij["aantal"])}
            for rij in onderwerpen(peildatum, afbakening, vanaf).to_dict("records")
        ],
        "themas": [
            {"thema": rij["naam"], "domein": rij["domein"], "aantal": int(rij["aantal"])}
            for rij in themas(peildatum, afbakening, vanaf).to_dict("records")
        ],
    }


def basisfunctie_cijfers(peildatum: datetime.date, afbakening: Afbakening) -> list[dict]:
    """Per basisfunctie the share 'goed voor elkaar' of the area as anyone may see it: as published
    at the monthly cut-off of the peildatum (never a later one, so a peildatum ahead of today
    gives no live figures), rounded, or a band where fewer than 5 municipalities are on a side.
    The reading does not apply here: a share 'met latere correcties' would be a live figure."""
    lijst = nulmeting()
    if lijst is None:
        return []
    moment = min(Afbakening().moment(peildatum), timezone.now())
    cijfers = groepscijfers(lijst, None, moment)
    groep = Provincie.objects.get(pk=afbakening.provincie_id).cbs_code if afbakening.provincie_id else LAND
    aandelen = [(b, cijfers.van(groep, b.pk)) for b in basisfuncties_van(lijst)]
    return [_basisfunctie(b, aandeel) for b, aandeel in aandelen if aandeel.n or aandeel.band]


def _basisfunctie(basisfunctie, aandeel: Aandeel) -> dict:
    return {
        "basisfunctie": basisfunctie.naam,
        "domein": basisfunctie.domein,
        "n": aandeel.n,
        "procent": aandeel.procent,
        "band": aandeel.band,
        "stand": aandeel.stand,
    }


def _geheel(waarde) -> int | None:
    return None if waarde is None or waarde != waarde else int(waarde)
