"""What a report says: its sections in order, each made of parts that compute their numbers once
(``rapportage.eind``, ``rapportage.periode``).

One ``RapportInhoud`` feeds the HTML page, the PDF (same HTML), the XLSX (one sheet per table) and
the JSON, so the four formats cannot disagree.
"""

import datetime

from rapportage import eind, periode
from rapportage import selectors as s
from rapportage.bouwstenen import RapportInhoud, Sectie, Stand, hoofdletter, nl_datum


def eindrapportage(peildatum: datetime.date, afbakening: s.Afbakening) -> RapportInhoud:
    stand = Stand.van(peildatum, afbakening)
    nulmeting = eind.Nulmetingperiode.huidige()
    bereik = s.bereik(peildatum, afbakening)
    gesprekken = bereik["gesprekken"]
    deelname = eind.Deelname.bereken(stand, nulmeting)
    basisfuncties = eind.Basisfuncties.bereken(stand)
    pool = eind.Adviseurspool.bereken(stand, nulmeting.tot.year, gesprekken)
    secties = [
        Sectie.uit("2.1 Nulmeting", "nulmeting", deelname, basisfuncties),
        Sectie.uit(
            "2.2 Adviesgesprekken",
            "adviesgesprekken",
            pool,
            eind.Gespreksverloop.bereken(stand),
            eind.Onderwerpen.bereken(stand, gesprekken),
            eind.Themas.bereken(stand, gesprekken),
        ),
        Sectie.uit(
            "4 Kerncijfers",
            "kerncijfers",
            eind.Kerncijfers.bereken(stand, deelname.nu, bereik, pool),
            eind.Spreiding.bereken(stand, pool, gesprekken),
        ),
        Sectie.uit("Kaarten", "kaarten", eind.Kaarten.bereken(stand, nulmeting)),
    ]
    return RapportInhoud(
        titel="Goed voor Elkaar — eindrapportage",
        ondertitel=f"Feiten en cijfers per {nl_datum(peildatum)}, {stand.gebied}",
        peildatum=peildatum,
        secties=secties,
        kop={"peildatum": peildatum.isoformat(), "afbakening": stand.gebied},
        leeg=not basisfuncties.metingen and not gesprekken,
        inhoudsopgave=True,
    )


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
    return RapportInhoud(
        titel=f"Goed voor Elkaar — {deze.label}rapportage {deze.naam}",
        ondertitel=f"{hoofdletter(stand.gebied)}, stand per {nl_datum(tot)}",
        peildatum=tot,
        secties=secties,
        kop={"soort": soort, "periode": [van.isoformat(), tot.isoformat()], "afbakening": stand.gebied},
        leeg=not overzicht.cumulatief["gesprekken"] and not overzicht.cumulatief["nieuwe_nulmetingen"],
    )
