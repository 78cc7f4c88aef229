"""Imports of historical advice data from spreadsheets: the adviser pool and the sessions.

Both check every row first (with the same rules as the forms) and store nothing when any row is
wrong; every problem is listed with its line. Column formats are documented in docs/importformaten.md.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from advies.models import Adviesgesprek, Adviseur, GesprekWijziging, Onderwerp, Thema
from advies.services import adviseur_toevoegen, controleer_gesprek
from gemeenten.models import Gemeente, Organisatie
from toolkit.tabular import (
    Fout,
    ImportFout,
    Tabel,
    lees_tabel,
    parse_datum,
    parse_decimaal,
    parse_moment,
)

GESPREK_KOLOMMEN = [
    "datum",
    "gerapporteerd_op",
    "adviseur",
    "gemeenten",
    "onderwerp",
    "themas",
    "uren",
    "verslag",
]
ADVISEUR_KOLOMMEN = ["naam", "e-mail", "cmo", "actief_van", "actief_tot"]


def _controleer_kop(tabel: Tabel, verplicht: list[str], naam: str) -> None:
    fouten = []
    if ontbrekend := tabel.ontbrekende_kolommen(verplicht):
        fouten.append(Fout(1, f"Kolommen ontbreken: {', '.join(ontbrekend)}.", bestand=naam))
    elif not tabel.rijen:
        fouten.append(Fout(None, "Het bestand bevat geen rijen.", bestand=naam))
    if fouten:
        raise ImportFout(fouten)


def _moment(ruw) -> datetime.datetime:
    moment = parse_moment(ruw)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _lijst(ruw) -> list[str]:
    return [deel.strip() for deel in str(ruw or "").replace(",", ";").split(";") if deel.strip()]


@transaction.atomic
def gesprekken_importeren(bron, naam: str = "") -> int:
    """Import historical sessions; returns how many. Columns: see ``GESPREK_KOLOMMEN``."""
    tabel = lees_tabel(bron, naam)
    _controleer_kop(tabel, GESPREK_KOLOMMEN, naam)
    adviseurs = {
        u.email.lower(): u for u in User.objects.filter(rol=User.Rol.ADVISEUR).select_related("organisatie")
    }
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.select_related("provincie")}
    themas = {t.naam.lower(): t for t in Thema.objects.all()}
    # Advisers are checked against the CMO they belonged to, so their provinces are read once.
    provincies_per_cmo: dict[int, set[int]] = {}
    for organisatie_id, provincie_id in Organisatie.provincies.through.objects.values_list(
        "organisatie_id", "provincie_id"
    ):
        provincies_per_cmo.setdefault(organisatie_id, set()).add(provincie_id)
    cmo_namen = dict(Organisatie.objects.values_list("pk", "naam"))
    perioden: dict[int, list[tuple[datetime.date, datetime.date | None, int]]] = {}
    for user_id, van, tot, organisatie_id in Adviseur.objects.values_list(
        "user_id", "actief_van", "actief_tot", "organisatie_id"
    ):
        perioden.setdefault(user_id, []).append((van, tot, organisatie_id))
    vandaag = timezone.localdate()
    fouten: list[Fout] = []
    gelezen = []
    for regel, rij in tabel.rijen:
        rijfouten: list[Fout] = []
        adviseur = adviseurs.get(str(rij.get("adviseur", "")).strip().lower())
        if adviseur is None:
            rijfouten.append(Fout(regel, f"Onbekende adviseur '{rij.get('adviseur')}'.", "adviseur"))
        try:
            datum = parse_datum(rij.get("datum"))
        except ValueError as exc:
            rijfouten.append(Fout(regel, str(exc), "datum"))
            datum = None
        try:
            gerapporteerd = (
                _moment(rij.get("gerapporteerd_op"))
                if rij.get("gerapporteerd_op") not in (None, "")
                else None
            )
        except ValueError as exc:
            rijfouten.append(Fout(regel, str(exc), "gerapporteerd_op"))
            gerapporteerd = None
        if gerapporteerd and datum and timezone.localtime(gerapporteerd).date() < datum:
            rijfouten.append(
                Fout(
                    regel,
                    "Het gesprek is vastgelegd vóór de datum waarop het is gehouden.",
                    "gerapporteerd_op",
                )
            )
        if gerapporteerd and gerapporteerd > timezone.now():
            rijfouten.append(Fout(regel, "De datum van vastleggen ligt in de toekomst.", "gerapporteerd_op"))
        codes = [c.upper() for c in _lijst(rij.get("gemeenten"))]
        onbekend = [c for c in codes if c not in gemeenten]
        if onbekend:
            rijfouten.append(Fout(regel, f"Onbekende gemeentecode(s): {', '.join(onbekend)}.", "gemeenten"))
        onderwerp = str(rij.get("onderwerp", "")).strip().lower()
        if onderwerp not in Onderwerp.values:
            rijfouten.append(
                Fout(
                    regel,
                    f"Onbekend onderwerp '{rij.get('onderwerp')}'; kies vrijwilligerswerk, mantelzorg of beide.",
                    "onderwerp",
                )
            )
        namen = _lijst(rij.get("themas"))
        onbekende_themas = [n for n in namen if n.lower() not in themas]
        if onbekende_themas:
            rijfouten.append(Fout(regel, f"Onbekend thema: {', '.join(onbekende_themas)}.", "themas"))
        try:
            uren = parse_decimaal(rij.get("uren")).quantize(Decimal("0.1"))
        except ValueError as exc:
            rijfouten.append(Fout(regel, str(exc), "uren"))
            uren = None
        if not str(rij.get("verslag", "")).strip():
            rijfouten.append(Fout(regel, "Het verslag ontbreekt.", "verslag"))
        cmo_id = _cmo_op(perioden, adviseur, datum) if adviseur and datum else None
        if adviseur and datum and cmo_id is None:
            rijfouten.append(
                Fout(
                    regel, f"{adviseur} was op {datum:%d-%m-%Y} geen actieve adviseur in de pool.", "adviseur"
                )
            )
        if not rijfouten:
            gekozen = [gemeenten[c] for c in codes]
            gekozen_themas = [themas[n.lower()] for n in namen]
            regels = controleer_gesprek(
                adviseur=adviseur,
                datum=datum,
                gemeenten=gekozen,
                onderwerp=onderwerp,
                themas=gekozen_themas,
                uren=uren,
                vandaag=vandaag,
                controleer_bereik=False,
            )
            buiten = [g.naam for g in gekozen if g.provincie_id not in provincies_per_cmo.get(cmo_id, set())]
            if buiten:
                regels.setdefault("gemeenten", []).append(
                    f"{', '.join(buiten)} ligt buiten de provincie(s) van {cmo_namen.get(cmo_id, 'de CMO')}."
                )
            rijfouten += [
                Fout(regel, bericht, kolom) for kolom, berichten in regels.items() for bericht in berichten
            ]
            if not rijfouten:
                gelezen.append(
                    (adviseur, datum, gerapporteerd, gekozen, onderwerp, gekozen_themas, uren, rij, cmo_id)
                )
        fouten += rijfouten
    if fouten:
        raise ImportFout(fouten)
    _gesprekken_opslaan(gelezen)
    return len(gelezen)


def _cmo_op(perioden: dict, adviseur: User, datum: datetime.date) -> int | None:
    """The CMO the adviser worked for on ``datum`` (their only CMO when the pool has no periods)."""
    if adviseur.pk not in perioden:
        return adviseur.organisatie_id
    for van, tot, organisatie_id in perioden[adviseur.pk]:
        if van <= datum and (tot is None or datum < tot):
            return organisatie_id
    return None


def _gesprekken_opslaan(gelezen: list) -> None:
    """Store validated rows in bulk: a 10,000-row file takes a handful of queries per batch."""
    gesprekken = Adviesgesprek.objects.bulk_create(
        [
            Adviesgesprek(
                datum=datum,
                gerapporteerd_op=gerapporteerd or _moment(datum),
                gewijzigd_op=gerapporteerd or _moment(datum),
                adviseur=adviseur,
                organisatie_id=cmo_id,
                onderwerp=onderwerp,
                uren=uren,
                verslag=str(rij.get("verslag", "")).strip(),
                vervolgafspraken=str(rij.get("vervolgafspraken", "") or "").strip(),
            )
            for adviseur, datum, gerapporteerd, _, onderwerp, _, uren, rij, cmo_id in gelezen
        ],
        batch_size=1000,
    )
    GemeenteKoppeling = Adviesgesprek.gemeenten.through
    ThemaKoppeling = Adviesgesprek.themas.through
    GemeenteKoppeling.objects.bulk_create(
        [
            GemeenteKoppeling(adviesgesprek=g, gemeente=x)
            for g, r in zip(gesprekken, gelezen, strict=True)
            for x in r[3]
        ],
        batch_size=2000,
    )
    ThemaKoppeling.objects.bulk_create(
        [
            ThemaKoppeling(adviesgesprek=g, thema=t)
            for g, r in zip(gesprekken, gelezen, strict=True)
            for t in r[5]
        ],
        batch_size=2000,
    )
    GesprekWijziging.objects.bulk_create(
        [
            GesprekWijziging(
                gesprek=g,
                soort=GesprekWijziging.Soort.GEIMPORTEERD,
                door=g.adviseur,
                op=g.gerapporteerd_op,
                versie=1,
            )
            for g in gesprekken
        ],
        batch_size=2000,
    )


@transaction.atomic
def adviseurs_importeren(bron, naam: str = "") -> int:
    """Import the adviser pool (naam, e-mail, cmo, actief_van, actief_tot); returns how many periods."""
    tabel = lees_tabel(bron, naam)
    _controleer_kop(tabel, ADVISEUR_KOLOMMEN, naam)
    organisaties = {o.naam.lower(): o for o in Organisatie.objects.all()}
    bestaand = {(e.lower(), v) for e, v in Adviseur.objects.values_list("user__email", "actief_van")}
    andere_rollen = set(User.objects.exclude(rol=User.Rol.ADVISEUR).values_list("email", flat=True))
    fouten: list[Fout] = []
    gelezen = []
    gezien: dict[tuple[str, datetime.date], int] = {}

    for regel, rij in tabel.rijen:
        email = str(rij.get("e-mail", "")).strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            fouten.append(Fout(regel, f"'{email}' is geen geldig e-mailadres.", "e-mail"))
        if email in andere_rollen:
            fouten.append(Fout(regel, f"{email} hoort bij een account dat geen adviseur is.", "e-mail"))
        if not str(rij.get("naam", "")).strip():
            fouten.append(Fout(regel, "De naam ontbreekt.", "naam"))
        organisatie = organisaties.get(str(rij.get("cmo", "")).strip().lower())
        if organisatie is None:
            fouten.append(Fout(regel, f"Onbekende CMO '{rij.get('cmo')}'.", "cmo"))
        try:
            van = parse_datum(rij.get("actief_van"))
        except ValueError as exc:
            fouten.append(Fout(regel, str(exc), "actief_van"))
            van = None
        tot = None
        if rij.get("actief_tot") not in (None, ""):
            try:
                tot = parse_datum(rij.get("actief_tot"))
            except ValueError as exc:
                fouten.append(Fout(regel, str(exc), "actief_tot"))
            if tot and van and tot <= van:
                fouten.append(Fout(regel, "actief_tot moet na actief_van liggen.", "actief_tot"))
        if van and (email, van) in gezien:
            fouten.append(
                Fout(regel, f"Dezelfde adviseur en begindatum als regel {gezien[(email, van)]}.", "e-mail")
            )
        elif van and (email, van) in bestaand:
            fouten.append(Fout(regel, "Deze periode van deze adviseur bestaat al.", "actief_van"))
        if van:
            gezien[(email, van)] = regel
        gelezen.append((str(rij.get("naam", "")).strip(), email, organisatie, van, tot))
    if fouten:
        raise ImportFout(fouten)
    # Periods of one person go in date order, so a later open period follows an earlier closed one.
    for naam_, email, organisatie, van, tot in sorted(gelezen, key=lambda r: (r[1], r[3])):
        try:
            adviseur_toevoegen(
                naam=naam_, email=email, organisatie=organisatie, actief_van=van, actief_tot=tot, door=None
            )
        except ValidationError as exc:
            raise ImportFout([Fout(None, f"{email}: {' '.join(exc.messages)}")]) from exc
    return len(gelezen)
