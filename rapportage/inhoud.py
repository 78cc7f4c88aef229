"""What a report says: its sections in order, each made of parts that compute their numbers once
(``rapportage.eind``, ``rapportage.periode``).

One ``RapportInhoud`` feeds the HTML page, the PDF (same HTML), the XLSX (one sheet per table) and
the JSON, so the four formats cannot disagree.
"""

import datetime

from rapportage import eind, periode, vragen
from rapportage import selectors as s
from rapportage.bereik import Bereik
from rapportage.bevindingen import Bevindingen, Inleiding
from rapportage.bouwstenen import RapportInhoud, Sectie, Stand, hoofdletter, nl_datum
from rapportage.correcties import Correcties


def eindrapportage(peildatum: datetime.date, afbakening: s.Afbakening) -> RapportInhoud:
    stand = Stand.van(peildatum, afbakening)
    nulmeting = eind.Nulmetingperiode.huidige()
    bereik = s.bereik(peildatum, afbakening)
    gesprekken = bereik["gesprekken"]
    deelname = eind.Deelname.bereken(stand, nulmeting)
    basisfuncties = eind.Basisfuncties.bereken(stand, deelname.nu["deelnemers"])
    pool = eind.Adviseurspool.bereken(stand, nulmeting.tot.year, gesprekken)
    bereikt = s.bereik_per_provincie(peildatum, afbakening)
    secties = [
        Sectie.uit("1 Inleiding", "inleiding", Inleiding(stand)),
        Sectie.uit("2.1 Nulmeting", "nulmeting", deelname, basisfuncties),
        Sectie.uit(
            "2.2 Adviesgesprekken",
            "adviesgesprekken",
            pool,
            eind.Gespreksverloop.bereken(stand),
            eind.Onderwerpen.bereken(stand, gesprekken),
            eind.Themas.bereken(stand, gesprekken),
        ),
        Sectie.uit("2.3 Van nulmeting naar eenmeting", "voor-en-na", eind.VoorEnNa.bereken(stand)),
        Sectie.uit(
            "4 Kerncijfers",
            "kerncijfers",
            eind.Kerncijfers.bereken(
                stand, deelname.nu, bereik, pool, int(bereikt["nulmeting_en_gesprek"].sum())
            ),
            eind.Spreiding.bereken(stand, pool, gesprekken),
        ),
        Bereik.bereken(stand, tabel=bereikt).sectie(),
        Sectie.uit(
            "Bijlage: kaarten en cijfers per gemeente", "kaarten", eind.Kaarten.bereken(stand, nulmeting)
        ),
    ]
    secties += _correcties(stand)
    samenvatting = Bevindingen.uit(_cijfers_van(secties), stand)
    return RapportInhoud(
        titel="Goed voor Elkaar — eindrapportage",
        ondertitel=f"Feiten en cijfers per {nl_datum(peildatum)}, {stand.gebied}; {stand.lezing_kort}",
        peildatum=peildatum,
        secties=[Sectie.uit("Samenvatting", "samenvatting", samenvatting), *secties],
        kop={"peildatum": peildatum.isoformat(), "afbakening": stand.gebied, **stand.lezing_cijfers()},
        leeg=not basisfuncties.metingen and not gesprekken,
        omslag=_omslag(stand),
    )


def _cijfers_van(secties: list[Sectie]) -> dict:
    return {k: v for sectie in secties for k, v in sectie.cijfers.items()}


def _omslag(stand: Stand) -> list[tuple[str, str]]:
    """What the eindrapportage's cover states besides its title."""
    return [
        ("Peildatum", nl_datum(stand.peildatum)),
        ("Afbakening", hoofdletter(stand.gebied)),
        ("Lezing", hoofdletter(stand.lezing_kort)),
    ]


def periode_rapportage(
    soort: str, van: datetime.date, tot: datetime.date, vorige_van: datetime.date, afbakening: s.Afbakening
) -> RapportInhoud:
    """A maand- or kwartaalrapportage: the period against the one before and cumulative."""
    stand = Stand.van(tot, afbakening)
    deze = periode.Periode(soort, van, vorige_van, stand)
    overzicht = periode.Overzicht.bereken(deze)
    gesprekken = overzicht.deze["gesprekken"]
    secties = [
        Sectie.uit("Samenvatting", "samenvatting", overzicht),
        Sectie.uit("Inhoud van de gesprekken", "inhoud", periode.Gespreksinhoud.bereken(deze, gesprekken)),
        Sectie.uit("Spreiding", "spreiding", periode.Spreiding.bereken(deze, gesprekken)),
    ]
    if soort == "kwartaal":
        secties.append(Sectie.uit("Trend over alle kwartalen", "trend", periode.Trend.bereken(deze)))
    else:
        secties.append(
            Sectie.uit("Verloop over twaalf maanden", "verloop", vragen.Maandverloop.bereken(deze))
        )
    secties += [
        Sectie.uit("Deelname per provincie", "deelname", vragen.Deelname.bereken(deze)),
        Sectie.uit(
            "Adviseurs en CMO's", "adviseurs", vragen.Adviseurs.bereken(deze), vragen.Laat.bereken(deze)
        ),
        Sectie.uit(
            "Basisfuncties, trajecten en rondes",
            "opvolging",
            vragen.ZwakZonderGesprek.bereken(deze),
            vragen.Trajecten.bereken(deze),
            vragen.Rondes.bereken(deze),
        ),
    ]
    secties.append(Bereik.bereken(stand, van, deze.in_de_periode.lower()).sectie())
    return RapportInhoud(
        titel=f"Goed voor Elkaar — {deze.label}rapportage {deze.naam}",
        ondertitel=f"{hoofdletter(stand.gebied)}, stand per {nl_datum(tot)}; {stand.lezing_kort}",
        peildatum=tot,
        secties=secties + _correcties(stand),
        kop={
            "soort": soort,
            "periode": [van.isoformat(), tot.isoformat()],
            "afbakening": stand.gebied,
            **stand.lezing_cijfers(),
        },
        leeg=not overzicht.cumulatief["gesprekken"] and not overzicht.cumulatief["nieuwe_nulmetingen"],
    )


def _correcties(stand: Stand) -> list[Sectie]:
    """A report with later corrections ends with what changed since the peildatum."""
    if not stand.met_correcties:
        return []
    return [Sectie.uit("Correcties sinds de peildatum", "correcties", Correcties.bereken(stand))]
