"""Import and export of nulmeting answers in the spreadsheet format of ``nulmeting_sjabloon``.

``antwoorden.csv``: ``cbs_code``, ``ingediend_op``, then one column per question code.
``vragen.csv``: per question its basisfunctie, answer type, allowed values, points and threshold.
An import (``toolkit.importeren``) checks each answer with the field the online questionnaire shows
for it and stores through ``meting_importeren``; it stores nothing when any row is wrong.
"""

from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from gemeenten.models import Gemeente
from gemeenten.programma import VANAF_BEGIN
from gemeenten.uitwisseling import gemeente_veld
from importen.soorten import Importsoort, registreer
from nulmeting.definitie import VraagDef
from nulmeting.forms import als_tekst, vraagveld
from nulmeting.models import Vragenlijst
from nulmeting.services import meting_importeren
from toolkit.getallen import nl_getal
from toolkit.importeren import CelVeld, Import, importeren, moment_cel
from toolkit.tabular import Fout, parse_decimaal

VASTE_KOLOMMEN = ["cbs_code", "ingediend_op"]


def vragen_kolommen() -> list[str]:
    return [
        "code",
        "basisfunctie",
        "antwoordtype",
        "toegestane_waarden",
        "punten_per_waarde",
        "drempel_basisfunctie",
    ]


def vragen_rijen(vragenlijst: Vragenlijst) -> list[list]:
    rijen = []
    for b in vragenlijst.opbouw.basisfuncties:
        for v in b.vragen:
            if v.type == "getal":
                toegestaan = f"getal van {v.minimum} tot {v.maximum}" if v.maximum is not None else "getal"
                punten = " | ".join(f"vanaf {s.vanaf}: {s.punten}" for s in v.schijven)
            elif v.type == "toelichting":
                toegestaan, punten = "vrije tekst", "telt niet mee"
            else:
                toegestaan = " | ".join(o.waarde for o in v.opties)
                punten = " | ".join(f"{o.waarde}: {o.punten}" for o in v.opties)
            rijen.append([v.code, b.naam, v.type, toegestaan, punten, b.drempel])
    return rijen


def antwoorden_kolommen(vragenlijst: Vragenlijst) -> list[str]:
    return VASTE_KOLOMMEN + [v.code for v in vragenlijst.opbouw.vragen]


def antwoord_cel(vraag: VraagDef) -> CelVeld:
    """A cell answering ``vraag``, checked by the field the online questionnaire shows for it."""
    veld = vraagveld(vraag)
    if vraag.type == "janee":
        return CelVeld(
            veld, lezer=_kleine_letters, berichten={"invalid_choice": "'%(value)s' is geen ja of nee."}
        )
    if vraag.type == "meerkeuze":
        toegestaan = ", ".join(o.waarde for o in vraag.opties).replace("%", "%%")
        bericht = f"'%(value)s' is geen toegestane waarde; kies uit {toegestaan}."
        return CelVeld(veld, berichten={"invalid_choice": bericht})
    if vraag.type == "getal":
        berichten = {
            "min_value": "%(value)s is kleiner dan %(limit_value)s.",
            "max_value": "%(value)s is groter dan %(limit_value)s.",
        }
        return CelVeld(veld, lezer=parse_decimaal, berichten=berichten)
    return CelVeld(veld, berichten={"max_length": "De toelichting is langer dan 4000 tekens."})


def _kleine_letters(cel) -> str:
    return str(cel).strip().lower()


class MetingenImport(Import):
    """Submitted metingen, one row per municipality, scored as online submissions are."""

    verplicht = tuple(VASTE_KOLOMMEN)
    kolom_van = {"gemeente": "cbs_code"}

    def __init__(self, *, vragenlijst: Vragenlijst, door: User | None, bekend_sinds=None):
        self.vragenlijst, self.door, self.bekend_sinds = vragenlijst, door, bekend_sinds
        self.vragen = {v.code: v for v in vragenlijst.opbouw.vragen}
        self.gemeenten = {g.cbs_code: g for g in Gemeente.objects.all()}

    def _vraagkolommen(self, kolommen: list[str]) -> list[str]:
        return [k for k in kolommen if k and k not in VASTE_KOLOMMEN]

    def kopfouten(self, kolommen, naam):
        return [
            Fout(1, f"Onbekende vraagcode '{k}'.", k, naam)
            for k in self._vraagkolommen(kolommen)
            if k.upper() not in self.vragen
        ]

    def velden(self, kolommen):
        velden = {"cbs_code": gemeente_veld(self.gemeenten), "ingediend_op": moment_cel(bereik=VANAF_BEGIN)}
        return velden | {k: antwoord_cel(self.vragen[k.upper()]) for k in self._vraagkolommen(kolommen)}

    def sleutel(self, gegevens):
        return gegevens["cbs_code"].pk if "cbs_code" in gegevens else None

    def dubbel(self, gegevens, eerder):
        return "cbs_code", f"{gegevens['cbs_code']} staat ook al op regel {eerder}."

    def opslaan(self, gegevens):
        return meting_importeren(
            gemeente=gegevens["cbs_code"],
            vragenlijst=self.vragenlijst,
            ingediend_op=gegevens["ingediend_op"],
            antwoorden={k.upper(): als_tekst(w) for k, w in gegevens.items() if k not in VASTE_KOLOMMEN},
            door=self.door,
            bekend_sinds=self.bekend_sinds,
        )


def metingen_importeren(
    bron, *, vragenlijst: Vragenlijst, door: User | None, naam: str = "", voortgang=None, bekend_sinds=None
) -> int:
    """Import submitted metingen (one row per municipality); all or nothing. Returns the count.
    ``bekend_sinds`` dates their versions (``meting_importeren``)."""
    imp = MetingenImport(vragenlijst=vragenlijst, door=door, bekend_sinds=bekend_sinds)
    return len(importeren(imp, bron, naam, voortgang))


def _metingen_van_vragenlijst(bron, naam: str, *, door: User | None, voortgang, vragenlijst: str) -> int:
    """``metingen_importeren`` for the upload page and its queued runs, which name the
    questionnaire by its code. An upload is known from the moment it is stored, so a report as
    known on an earlier date does not change and lists the metingen among its later corrections."""
    lijst = Vragenlijst.objects.get(code=vragenlijst)
    return metingen_importeren(
        bron, vragenlijst=lijst, door=door, naam=naam, voortgang=voortgang, bekend_sinds=timezone.now()
    )


METINGEN = registreer(
    Importsoort(
        "metingen",
        uitvoeren=_metingen_van_vragenlijst,
        gelukt=lambda aantal: f"{nl_getal(aantal)} metingen geïmporteerd en gescoord.",
    )
)


def _exportwaarde(vraag: VraagDef, waarde: str):
    """Numbers as numbers, so Excel can add them up; everything else as the stored text."""
    if vraag.type == "getal" and waarde:
        return Decimal(waarde)
    return waarde


def export_rijen(metingen, vragenlijst: Vragenlijst) -> tuple[list[str], list[list]]:
    """Answers and scores of ``metingen`` (already scoped by the caller) as one table."""
    opbouw = vragenlijst.opbouw
    kolommen = (
        ["cbs_code", "gemeente", "provincie", "status", "ingediend_op"]
        + [v.code for v in opbouw.vragen]
        + [f"punten_{b.code}" for b in opbouw.basisfuncties]
        + [f"goed_{b.code}" for b in opbouw.basisfuncties]
    )
    rijen = []
    for meting in metingen:
        antwoorden = {a.vraag.code: a.waarde for a in meting.antwoorden.all()}
        scores = {s.basisfunctie.code: s for s in meting.scores.all()}
        rij = [
            meting.gemeente.cbs_code,
            meting.gemeente.naam,
            meting.gemeente.provincie.naam,
            meting.get_status_display(),
            timezone.localtime(meting.ingediend_op) if meting.ingediend_op else None,
        ]
        rij += [_exportwaarde(v, antwoorden.get(v.code, "")) for v in opbouw.vragen]
        rij += [scores[b.code].punten if b.code in scores else None for b in opbouw.basisfuncties]
        rij += [scores[b.code].goed_voor_elkaar if b.code in scores else None for b in opbouw.basisfuncties]
        rijen.append(rij)
    return kolommen, rijen
