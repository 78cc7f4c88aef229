"""Import and export of nulmeting answers in the spreadsheet format of ``nulmeting_sjabloon``.

``antwoorden.csv``: ``cbs_code``, ``ingediend_op``, then one column per question code.
``vragen.csv``: per question its basisfunctie, answer type, allowed values, points and threshold.
An import checks every row first and stores nothing when any row is wrong.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from gemeenten.models import Gemeente
from nulmeting.definitie import VraagDef
from nulmeting.forms import als_tekst
from nulmeting.models import Antwoord, Meting, MetingGebeurtenis, Vraag, Vragenlijst
from nulmeting.services import meting_scoren
from toolkit.tabular import Fout, ImportFout, lees_tabel, parse_decimaal, parse_moment

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


def _waarde(vraag: VraagDef, ruw) -> str:
    """The stored form of an imported cell, or ValueError with a Dutch reason."""
    if ruw in (None, ""):
        return ""
    tekst = str(ruw).strip()
    if vraag.type == "janee":
        tekst = tekst.lower()
        if tekst not in ("ja", "nee"):
            raise ValueError(f"'{ruw}' is geen ja of nee.")
        return tekst
    if vraag.type == "meerkeuze":
        toegestaan = [o.waarde for o in vraag.opties]
        if tekst not in toegestaan:
            raise ValueError(f"'{ruw}' is geen toegestane waarde; kies uit {', '.join(toegestaan)}.")
        return tekst
    if vraag.type == "getal":
        getal = parse_decimaal(ruw)
        if vraag.minimum is not None and getal < vraag.minimum:
            raise ValueError(f"{getal} is kleiner dan {vraag.minimum}.")
        if vraag.maximum is not None and getal > vraag.maximum:
            raise ValueError(f"{getal} is groter dan {vraag.maximum}.")
        return als_tekst(getal)
    if len(tekst) > 4000:
        raise ValueError("De toelichting is langer dan 4000 tekens.")
    return tekst


def _moment(ruw) -> datetime.datetime:
    moment = parse_moment(ruw)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now():
        raise ValueError("De datum van indienen ligt in de toekomst.")
    return moment


@transaction.atomic
def metingen_importeren(bron, *, vragenlijst: Vragenlijst, door: User | None, naam: str = "") -> int:
    """Import submitted metingen (one row per municipality); all or nothing. Returns the count."""
    tabel = lees_tabel(bron, naam)
    vraagdefs = {v.code: v for v in vragenlijst.opbouw.vragen}
    if ontbrekend := tabel.ontbrekende_kolommen(VASTE_KOLOMMEN):
        raise ImportFout([Fout(1, f"Kolommen ontbreken: {', '.join(ontbrekend)}.", bestand=naam)])
    fouten = [
        Fout(1, f"Onbekende vraagcode '{k}'.", k, naam)
        for k in tabel.kolommen
        if k and k not in VASTE_KOLOMMEN and k.upper() not in vraagdefs
    ]
    if not tabel.rijen:
        fouten.append(Fout(None, "Het bestand bevat geen rijen.", bestand=naam))
    if fouten:
        raise ImportFout(fouten)

    gemeenten = {g.cbs_code: g for g in Gemeente.objects.all()}
    al_ingediend = set(
        Meting.objects.filter(vragenlijst=vragenlijst).values_list("gemeente__cbs_code", flat=True)
    )
    gezien: dict[str, int] = {}
    gelezen = []
    for regel, rij in tabel.rijen:
        code = str(rij.get("cbs_code", "")).strip().upper()
        gemeente = gemeenten.get(code)
        if gemeente is None:
            fouten.append(Fout(regel, f"Onbekende gemeentecode '{code}'.", "cbs_code"))
        elif code in gezien:
            fouten.append(Fout(regel, f"{gemeente} staat ook al op regel {gezien[code]}.", "cbs_code"))
        elif code in al_ingediend:
            fouten.append(Fout(regel, f"{gemeente} heeft al een meting voor {vragenlijst}.", "cbs_code"))
        gezien.setdefault(code, regel)
        try:
            moment = _moment(rij.get("ingediend_op"))
        except ValueError as exc:
            fouten.append(Fout(regel, str(exc), "ingediend_op"))
            moment = None
        if gemeente and moment and not gemeente.bestaat_op(timezone.localtime(moment).date()):
            fouten.append(Fout(regel, f"{gemeente} bestond niet op {moment:%d-%m-%Y}.", "ingediend_op"))
        antwoorden = {}
        for kolom, ruw in rij.items():
            if kolom in VASTE_KOLOMMEN or not kolom:
                continue
            vraag = vraagdefs[kolom.upper()]
            try:
                antwoorden[vraag.code] = _waarde(vraag, ruw)
            except ValueError as exc:
                fouten.append(Fout(regel, str(exc), kolom))
        gelezen.append((gemeente, moment, antwoorden))
    if fouten:
        raise ImportFout(fouten)
    return _opslaan(vragenlijst, gelezen, door)


def _opslaan(vragenlijst: Vragenlijst, gelezen: Iterable, door: User | None) -> int:
    vragen = {v.code: v for v in Vraag.objects.filter(vragenlijst=vragenlijst)}
    aantal = 0
    for gemeente, moment, antwoorden in gelezen:
        meting = Meting.objects.create(
            gemeente=gemeente,
            vragenlijst=vragenlijst,
            status=Meting.Status.INGEDIEND,
            aangemaakt_op=moment,
            gewijzigd_op=moment,
            ingediend_op=moment,
            ingediend_door=door,
            is_geimporteerd=True,
        )
        Antwoord.objects.bulk_create(
            Antwoord(
                meting=meting, vraag=vragen[code], waarde=waarde, gewijzigd_op=moment, gewijzigd_door=door
            )
            for code, waarde in antwoorden.items()
            if waarde != ""
        )
        meting_scoren(meting, antwoorden)
        MetingGebeurtenis.objects.create(
            meting=meting, soort=MetingGebeurtenis.Soort.GEIMPORTEERD, door=door, op=timezone.now()
        )
        aantal += 1
    return aantal


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
