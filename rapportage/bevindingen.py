"""The eindrapportage's words around its numbers: the introduction, and the findings written from
the report's own JSON.

Every finding is a sentence with the JSON keys it quotes (``Bevinding.bronnen``); the sentence is
written from the values at those keys, so each number it states is the number in the report's
tables and JSON (tests/rapportage/test_bevindingen.py reads them back). A finding whose numbers are
missing (no sessions yet, a percentage over nothing) is left out rather than guessed.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from rapportage.bouwstenen import Deel, Stand, nl_datum
from toolkit.getallen import nl_getal

Pad = tuple[str, ...]  # the keys leading to a value in the report's JSON


def waarde_op(cijfers: dict, pad: Pad):
    """The value at ``pad`` in the report's JSON, or None when a key is missing."""
    waarde = cijfers
    for sleutel in pad:
        if not isinstance(waarde, dict) or sleutel not in waarde:
            return None
        waarde = waarde[sleutel]
    return waarde


@dataclass(frozen=True)
class Bevinding:
    tekst: str
    bronnen: dict[Pad, object]  # every JSON value the sentence states, by its keys

    def als_json(self) -> dict:
        return {"tekst": self.tekst, "bronnen": {".".join(pad): w for pad, w in self.bronnen.items()}}


def _bevinding(cijfers: dict, paden: dict[str, Pad], schrijf: Callable[..., str]) -> Bevinding | None:
    """A sentence written by ``schrijf`` from the values at ``paden``; None when one is missing."""
    waarden = {naam: waarde_op(cijfers, pad) for naam, pad in paden.items()}
    if any(w is None for w in waarden.values()):
        return None
    return Bevinding(schrijf(**waarden), {paden[naam]: w for naam, w in waarden.items()})


def _datum(iso: str) -> str:
    return nl_datum(datetime.date.fromisoformat(iso))


def _deelname(cijfers: dict, stand: Stand) -> list[Bevinding | None]:
    d = ("deelname",)
    periode = waarde_op(cijfers, (*d, "nulmeting_2009_periode")) or [stand.peildatum.isoformat()] * 2
    tot = datetime.date.fromisoformat(periode[1])
    indeling = nl_datum(datetime.date(tot.year, 1, 1))
    return [
        _bevinding(
            cijfers,
            {
                "n": (*d, "gemeenten_2009"),
                "mee": (*d, "nulmeting_2009_deelnemers"),
                "pct": (*d, "nulmeting_2009_procent"),
            },
            lambda n, mee, pct: (
                f"Van de {nl_getal(n)} gemeenten van {indeling} dienden er {nl_getal(mee)} ({nl_getal(pct)}%) "
                f"de nulmeting in tot en met {nl_datum(tot)}."
            ),
        ),
        _bevinding(
            cijfers,
            {
                "n": (*d, "gemeenten_per_2012_01_01"),
                "mee": (*d, "nulmeting_totaal_deelnemers"),
                "pct": (*d, "nulmeting_totaal_procent"),
            },
            lambda n, mee, pct: (
                f"Op {nl_datum(stand.peildatum)} deden {nl_getal(mee)} van de {nl_getal(n)} gemeenten mee "
                f"({nl_getal(pct)}%), gemeenten die sindsdien zijn samengevoegd meegerekend in hun opvolger."
            ),
        ),
    ]


def _basisfuncties(cijfers: dict) -> list[Bevinding | None]:
    uitkomst = []
    for sleutel, domein in [
        ("tabel_2_1_vrijwilligerswerk_goed_voor_elkaar_procent", "vrijwilligerswerk"),
        ("tabel_2_2_mantelzorg_goed_voor_elkaar_procent", "mantelzorg"),
    ]:
        gemeten = {naam: p for naam, p in (cijfers.get(sleutel) or {}).items() if p is not None}
        if len(gemeten) < 2:
            continue
        hoogste, laagste = max(gemeten, key=gemeten.get), min(gemeten, key=gemeten.get)
        if gemeten[hoogste] == gemeten[laagste]:
            continue
        uitkomst.append(
            _bevinding(
                cijfers,
                {"hoog": (sleutel, hoogste), "laag": (sleutel, laagste)},
                lambda hoog, laag, h=hoogste, lg=laagste, dom=domein: (
                    f"Van de basisfuncties {dom} was {h} het vaakst 'goed voor elkaar' (in "
                    f"{nl_getal(hoog)}% van de nulmetingen), {lg} het minst vaak ({nl_getal(laag)}%)."
                ),
            )
        )
    return uitkomst


def _voor_en_na(cijfers: dict) -> Bevinding | None:
    """The basisfunctie that improved most over the municipalities with both metingen."""
    v = ("voor_en_na",)
    paren = [
        (sleutel, naam, p["nulmeting"], p["eenmeting"])
        for sleutel, rijen in (cijfers.get("voor_en_na") or {}).items()
        if sleutel.startswith("tabel_")
        for naam, p in rijen.items()
        if p["nulmeting"] is not None and p["eenmeting"] is not None
    ]
    if not paren:
        return None
    sleutel, naam, voor, na = max(paren, key=lambda p: p[3] - p[2])
    if na <= voor:
        return None
    return _bevinding(
        cijfers,
        {
            "n": (*v, "gemeenten"),
            "voor": (*v, sleutel, naam, "nulmeting"),
            "na": (*v, sleutel, naam, "eenmeting"),
        },
        lambda n, voor, na: (
            f"Bij de {nl_getal(n)} gemeenten die zowel de nulmeting als de eenmeting indienden, ging "
            f"{naam} er het meest op vooruit: 'goed voor elkaar' bij {nl_getal(voor)}% in de nulmeting en "
            f"bij {nl_getal(na)}% in de eenmeting."
        ),
    )


def _advies(cijfers: dict, stand: Stand) -> list[Bevinding | None]:
    k, pool = ("hoofdstuk_4_kengetallen",), ("adviseurspool",)
    gesprekken = waarde_op(cijfers, (*k, "adviesgesprekken_totaal"))
    if not gesprekken:
        return [
            Bevinding(f"Tot en met {nl_datum(stand.peildatum)} is nog geen adviesgesprek vastgelegd.", {})
        ]
    verloop = cijfers.get("figuur_2_1_adviesgesprekken_cumulatief") or {}
    jaareinden = [d for d in verloop if d.endswith("-12-31")]
    return [
        _bevinding(
            cijfers,
            {
                "n": (*k, "adviesgesprekken_totaal"),
                "adv": (*pool, "adviseurs_totaal"),
                "cmos": (*pool, "cmo_organisaties"),
            },
            lambda n, adv, cmos: (
                f"Tot en met {nl_datum(stand.peildatum)} zijn {nl_getal(n)} adviesgesprekken vastgelegd. De "
                f"adviseurspool telde in totaal {nl_getal(adv)} adviseurs bij {nl_getal(cmos)} CMO's."
            ),
        ),
        _jaareinden(cijfers, jaareinden) if jaareinden else None,
        _bevinding(
            cijfers,
            {
                "n": (*k, "gemeenten_met_advies"),
                "pct": (*k, "gemeenten_met_advies_procent_van_deelnemers"),
                "gem": (*k, "gesprekken_per_gemeente_gemiddeld"),
            },
            lambda n, pct, gem: (
                f"In totaal hadden {nl_getal(n)} gemeenten ten minste één adviesgesprek, {nl_getal(pct)}% van de "
                f"deelnemende gemeenten; zij spraken gemiddeld {nl_getal(gem)} keer met een adviseur."
            ),
        ),
        _onderwerp(cijfers),
        _bevinding(
            cijfers,
            {"uren": (*k, "uren"), "actief": (*pool, "pool_oktober_2012")},
            lambda uren, actief: (
                f"Aan advies werd in totaal {nl_getal(uren)} uur besteed; op {nl_datum(stand.peildatum)} "
                f"waren {nl_getal(actief)} adviseurs actief."
            ),
        ),
        *_themas(cijfers),
    ]


def _jaareinden(cijfers: dict, jaareinden: list[str]) -> Bevinding:
    sleutel = "figuur_2_1_adviesgesprekken_cumulatief"
    delen = [f"{nl_getal(cijfers[sleutel][d])} op {_datum(d)}" for d in jaareinden]
    opsomming = delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]
    return Bevinding(
        f"Opgeteld waren het er {opsomming} (figuur 2.1).",
        {(sleutel, d): cijfers[sleutel][d] for d in jaareinden},
    )


def _onderwerp(cijfers: dict) -> Bevinding | None:
    sleutel = "figuur_2_2_onderwerp_procent"
    return _bevinding(
        cijfers,
        {"vw": (sleutel, "vrijwilligerswerk"), "mz": (sleutel, "mantelzorg"), "beide": (sleutel, "beide")},
        lambda vw, mz, beide: (
            f"Van de gesprekken ging {nl_getal(vw)}% over vrijwilligerswerk, {nl_getal(mz)}% over mantelzorg "
            f"en {nl_getal(beide)}% over beide (figuur 2.2)."
        ),
    )


def _themas(cijfers: dict) -> list[Bevinding | None]:
    uitkomst = []
    for sleutel, domein in [
        ("tabel_2_3_thema_vrijwilligerswerk_aangekruist", "vrijwilligerswerk"),
        ("tabel_2_4_thema_mantelzorg_aangekruist", "mantelzorg"),
    ]:
        aangekruist = {naam: n for naam, n in (cijfers.get(sleutel) or {}).items() if n}
        if not aangekruist:
            continue
        vaakst = max(aangekruist, key=aangekruist.get)
        uitkomst.append(
            _bevinding(
                cijfers,
                {"n": (sleutel, vaakst)},
                lambda n, v=vaakst, dom=domein: (
                    f"Het thema dat bij {dom} het vaakst werd aangekruist, was '{v}' ({nl_getal(n)} keer)."
                ),
            )
        )
    return uitkomst


@dataclass(frozen=True)
class Bevindingen(Deel):
    """The findings in words, written from the JSON of the report's other sections."""

    bevindingen: list[Bevinding]

    @classmethod
    def uit(cls, cijfers: dict, stand: Stand) -> "Bevindingen":
        alle = [
            *_deelname(cijfers, stand),
            *_basisfuncties(cijfers),
            _voor_en_na(cijfers),
            *_advies(cijfers, stand),
        ]
        return cls([b for b in alle if b is not None])

    def alineas(self) -> list[str]:
        return [b.tekst for b in self.bevindingen]

    def cijfers(self) -> dict:
        return {"bevindingen": [b.als_json() for b in self.bevindingen]}


@dataclass(frozen=True)
class Inleiding(Deel):
    """What the programme was, what this report counts and on which borders, in the product's words."""

    stand: Stand

    def alineas(self) -> list[str]:
        peil = nl_datum(self.stand.peildatum)
        moment = "dat moment" if self.stand.afbakening.afgekapt_op(self.stand.peildatum) else "die dag"
        lezing = f"De cijfers zijn {self.stand.lezing_kort}: " + (
            f"wat er na {moment} nog is gewijzigd, telt niet mee, zodat dit rapport later opnieuw gemaakt "
            "dezelfde cijfers geeft."
            if not self.stand.met_correcties
            else "latere correcties tellen mee; het laatste hoofdstuk zegt wat er sinds de peildatum "
            "veranderde."
        )
        return [
            "Met het programma Goed voor Elkaar (2009–2012) hielp MOVISIE gemeenten de ondersteuning van "
            "vrijwilligers en mantelzorgers op orde te brengen, het vierde prestatieveld van de Wmo. Het "
            "programma werkte in drie stappen. Eerst vulde elke gemeente de nulmeting in: een vragenlijst "
            "die per basisfunctie (vijf voor vrijwilligerswerk, acht voor mantelzorg) laat zien of de "
            "gemeente die 'goed voor elkaar' heeft. Daarna spraken adviseurs van de provinciale CMO's met "
            "gemeenten over wat beter kon, alleen of met meer gemeenten tegelijk. Ten slotte laat een "
            "eenmeting met dezelfde vragen zien wat er veranderde.",
            f"Dit rapport telt wat in Goed voor Elkaar is vastgelegd voor {self.stand.gebied_in_zin}, tot en met "
            f"{peil}: ingediende nulmetingen, adviesgesprekken met hun onderwerp, thema's en uren, en de "
            "adviseurs van de pool. " + lezing,
            "Gemeenten zijn tussen 2009 en 2012 samengevoegd. De deelname tijdens de nulmeting telt de "
            "gemeenten zoals ze toen bestonden; de deelname op de peildatum telt een nieuwe gemeente als "
            "deelnemer wanneer zij of een gemeente die in haar is opgegaan de nulmeting indiende. Bij elke "
            "tabel staat waarop hij berust.",
            "De nummering van de tabellen en figuren volgt die van de gepubliceerde eindrapportage van het "
            "programma, zodat elk cijfer ernaast te leggen is; hoofdstukken daarvan die niet op gegevens in "
            "Goed voor Elkaar berusten, ontbreken hier. De kaarten en de cijfers per gemeente staan in de "
            "bijlage.",
        ]
