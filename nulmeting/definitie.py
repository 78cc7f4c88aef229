"""Questionnaire definitions as they are kept in the repository (``nulmeting/definities/*.yaml``).

Parsed into plain dataclasses and checked; no ORM here. ``nulmeting.services`` stores them.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

DEFINITIES_DIR = Path(__file__).resolve().parent / "definities"

ANTWOORDTYPEN = ("janee", "meerkeuze", "getal", "toelichting")
DOMEINEN = ("vrijwilligerswerk", "mantelzorg")


class DefinitieFout(ValueError):
    pass


@dataclass(frozen=True)
class Optie:
    waarde: str
    label: str
    punten: int


@dataclass(frozen=True)
class Schijf:
    vanaf: Decimal
    punten: int


@dataclass(frozen=True)
class VraagDef:
    code: str
    basisfunctie: str
    tekst: str
    help: str
    type: str
    opties: tuple[Optie, ...] = ()
    schijven: tuple[Schijf, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    eenheid: str = ""

    @property
    def max_punten(self) -> int:
        if self.type == "getal":
            return max((s.punten for s in self.schijven), default=0)
        return max((o.punten for o in self.opties), default=0)

    @property
    def telt_mee(self) -> bool:
        return self.type != "toelichting"


@dataclass(frozen=True)
class BasisfunctieDef:
    code: str
    domein: str
    naam: str
    omschrijving: str
    drempel: int
    vragen: tuple[VraagDef, ...]

    @property
    def max_punten(self) -> int:
        return sum(v.max_punten for v in self.vragen)


@dataclass(frozen=True)
class VragenlijstDef:
    code: str
    naam: str
    soort: str
    versie: int
    inleiding: str
    basisfuncties: tuple[BasisfunctieDef, ...] = field(default_factory=tuple)
    periode_van: datetime.date | None = None
    periode_tot: datetime.date | None = None

    @property
    def vragen(self) -> list[VraagDef]:
        return [v for b in self.basisfuncties for v in b.vragen]


def _vraag(ruw: dict, basisfunctie: str) -> VraagDef:
    soort = ruw.get("type")
    if soort not in ANTWOORDTYPEN:
        raise DefinitieFout(f"Vraag {ruw.get('code')}: onbekend antwoordtype '{soort}'.")
    opties: tuple[Optie, ...] = ()
    schijven: tuple[Schijf, ...] = ()
    if soort == "janee":
        punten = ruw.get("punten") or {}
        opties = (
            Optie("ja", "Ja", int(punten.get("ja", 0))),
            Optie("nee", "Nee", int(punten.get("nee", 0))),
        )
    elif soort == "meerkeuze":
        opties = tuple(Optie(str(o["waarde"]), str(o["label"]), int(o["punten"])) for o in ruw["opties"])
        if len({o.waarde for o in opties}) != len(opties):
            raise DefinitieFout(f"Vraag {ruw['code']}: dubbele antwoordwaarde.")
    elif soort == "getal":
        schijven = tuple(
            sorted(
                (Schijf(Decimal(str(s["vanaf"])), int(s["punten"])) for s in ruw["schijven"]),
                key=lambda s: s.vanaf,
            )
        )
    return VraagDef(
        code=str(ruw["code"]),
        basisfunctie=basisfunctie,
        tekst=str(ruw["tekst"]).strip(),
        help=str(ruw.get("help", "")).strip(),
        type=soort,
        opties=opties,
        schijven=schijven,
        minimum=Decimal(str(ruw["minimum"])) if ruw.get("minimum") is not None else None,
        maximum=Decimal(str(ruw["maximum"])) if ruw.get("maximum") is not None else None,
        eenheid=str(ruw.get("eenheid", "")),
    )


def parse(ruw: dict) -> VragenlijstDef:
    basisfuncties = []
    for b in ruw.get("basisfuncties", []):
        vragen = tuple(_vraag(v, b["code"]) for v in b["vragen"])
        definitie = BasisfunctieDef(
            code=b["code"],
            domein=b["domein"],
            naam=b["naam"],
            omschrijving=str(b.get("omschrijving", "")).strip(),
            drempel=int(b["drempel"]),
            vragen=vragen,
        )
        if definitie.domein not in DOMEINEN:
            raise DefinitieFout(f"Basisfunctie {definitie.code}: onbekend domein '{definitie.domein}'.")
        if not 0 < definitie.drempel <= definitie.max_punten:
            raise DefinitieFout(
                f"Basisfunctie {definitie.code}: drempel {definitie.drempel} is niet haalbaar."
            )
        basisfuncties.append(definitie)
    lijst = VragenlijstDef(
        code=ruw["code"],
        naam=ruw["naam"],
        soort=ruw["soort"],
        versie=int(ruw.get("versie", 1)),
        inleiding=str(ruw.get("inleiding", "")).strip(),
        basisfuncties=tuple(basisfuncties),
        periode_van=_datum((ruw.get("periode") or {}).get("van")),
        periode_tot=_datum((ruw.get("periode") or {}).get("tot")),
    )
    codes = [v.code for v in lijst.vragen]
    if len(codes) != len(set(codes)):
        raise DefinitieFout(f"{lijst.code}: vraagcodes zijn niet uniek.")
    return lijst


def _datum(waarde) -> datetime.date | None:
    if waarde is None or isinstance(waarde, datetime.date):
        return waarde
    return datetime.date.fromisoformat(str(waarde))


def lees(pad: Path) -> VragenlijstDef:
    with open(pad, encoding="utf-8") as bestand:
        return parse(yaml.safe_load(bestand))


def lees_ruw(pad: Path) -> dict:
    """The definition as JSON-compatible data (YAML dates become ISO strings) for storage."""
    with open(pad, encoding="utf-8") as bestand:
        return json.loads(json.dumps(yaml.safe_load(bestand), default=str))
