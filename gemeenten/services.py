"""Writes to the reference data: loading provinces, municipalities, mergers and CMOs from the
project's own copy of the sources (``gemeenten/data/``), and inhabitants from a coordinator's file.

Both loaders check the whole input first and write nothing when anything is wrong.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from accounts.permissions import mag_contacten_beheren
from gemeenten.models import Contactpersoon, Gemeente, Herindeling, Inwonertal, Organisatie, Provincie
from toolkit.tabular import Fout, ImportFout, lees_tabel, parse_datum, parse_geheel_getal

DATA_DIR = Path(__file__).resolve().parent / "data"

BESTANDEN = {
    "provincies": ("provincies.csv", ["cbs_code", "naam"]),
    "gemeenten_2009": ("gemeenten_2009.csv", ["cbs_code", "naam", "provincie"]),
    "gemeenten_2012": ("gemeenten_2012.csv", ["cbs_code", "naam", "provincie"]),
    "herindelingen": (
        "herindelingen_2009_2012.csv",
        ["datum", "opgeheven_cbs_code", "nieuw_cbs_code", "soort"],
    ),
    "cmo": ("cmo_organisaties.csv", ["naam", "provincie"]),
}


@dataclass
class Telling:
    nieuw: int = 0
    gewijzigd: int = 0

    def tel(self, aangemaakt: bool, gewijzigd: bool) -> None:
        if aangemaakt:
            self.nieuw += 1
        elif gewijzigd:
            self.gewijzigd += 1


@dataclass
class _Gemeenterij:
    regel: int
    bestand: str
    cbs_code: str
    naam: str
    provincie: str


def _lees(data_dir: Path, sleutel: str, fouten: list[Fout]):
    bestandsnaam, verplicht = BESTANDEN[sleutel]
    pad = data_dir / bestandsnaam
    if not pad.exists():
        fouten.append(Fout(None, "Het bestand ontbreekt.", bestand=bestandsnaam))
        return []
    try:
        tabel = lees_tabel(pad)
    except ImportFout as exc:
        fouten.extend(exc.fouten)
        return []
    if ontbrekend := tabel.ontbrekende_kolommen(verplicht):
        fouten.append(Fout(1, f"Kolommen ontbreken: {', '.join(ontbrekend)}.", bestand=bestandsnaam))
        return []
    return [(bestandsnaam, regel, rij) for regel, rij in tabel.rijen]


def _controleer_gemeenten(rijen, provincienamen: set[str], fouten: list[Fout]) -> dict[str, _Gemeenterij]:
    gemeenten: dict[str, _Gemeenterij] = {}
    for bestand, regel, rij in rijen:
        code, naam, provincie = rij["cbs_code"], rij["naam"], rij["provincie"]
        if not (len(code) == 6 and code.startswith("GM") and code[2:].isdigit()):
            fouten.append(Fout(regel, f"'{code}' is geen CBS-code (GM + 4 cijfers).", "cbs_code", bestand))
        elif not naam:
            fouten.append(Fout(regel, "De naam ontbreekt.", "naam", bestand))
        elif provincie not in provincienamen:
            fouten.append(Fout(regel, f"Onbekende provincie '{provincie}'.", "provincie", bestand))
        else:
            gemeenten[code] = _Gemeenterij(regel, bestand, code, naam, provincie)
    return gemeenten


@transaction.atomic
def referentiedata_laden(data_dir: Path = DATA_DIR) -> dict[str, Telling]:
    """Load (or bring up to date) the reference data; running it twice changes nothing."""
    fouten: list[Fout] = []
    provincierijen = _lees(data_dir, "provincies", fouten)
    rijen_2009 = _lees(data_dir, "gemeenten_2009", fouten)
    rijen_2012 = _lees(data_dir, "gemeenten_2012", fouten)
    herindelingrijen = _lees(data_dir, "herindelingen", fouten)
    cmorijen = _lees(data_dir, "cmo", fouten)

    provincienamen = {rij["naam"] for _, _, rij in provincierijen}
    codes_2009 = _controleer_gemeenten(rijen_2009, provincienamen, fouten)
    codes_2012 = _controleer_gemeenten(rijen_2012, provincienamen, fouten)
    alle_codes = {**codes_2009, **codes_2012}

    herindelingen = []
    for bestand, regel, rij in herindelingrijen:
        try:
            datum = parse_datum(rij["datum"])
        except ValueError as exc:
            fouten.append(Fout(regel, str(exc), "datum", bestand))
            continue
        for kolom in ("opgeheven_cbs_code", "nieuw_cbs_code"):
            if rij[kolom] not in alle_codes:
                fouten.append(Fout(regel, f"Onbekende gemeente '{rij[kolom]}'.", kolom, bestand))
        # The sources write e.g. "splitsing: deel (Meerlo, ...) naar Horst aan de Maas".
        soort = rij["soort"].split(":")[0].split(" ")[0].lower()
        if soort not in Herindeling.Soort.values:
            fouten.append(Fout(regel, f"Onbekende soort '{rij['soort']}'.", "soort", bestand))
        herindelingen.append((datum, rij["opgeheven_cbs_code"], rij["nieuw_cbs_code"], soort, rij["soort"]))

    for bestand, regel, rij in cmorijen:
        for provincie in rij["provincie"].split(";"):
            if provincie.strip() not in provincienamen:
                fouten.append(Fout(regel, f"Onbekende provincie '{provincie}'.", "provincie", bestand))

    einde = {opgeheven: datum for datum, opgeheven, *_ in herindelingen}
    begin: dict[str, datetime.date] = {}
    for datum, _, nieuw, *_ in herindelingen:
        if nieuw not in codes_2009:
            begin[nieuw] = min(datum, begin.get(nieuw, datum))
    for code, rij in codes_2009.items():
        if code not in codes_2012 and code not in einde:
            fouten.append(
                Fout(
                    rij.regel,
                    f"{rij.naam} ({code}) bestaat in 2012 niet meer, maar er is geen herindeling.",
                    bestand=rij.bestand,
                )
            )
    for code, rij in codes_2012.items():
        if code not in codes_2009 and code not in begin:
            fouten.append(
                Fout(
                    rij.regel,
                    f"{rij.naam} ({code}) is nieuw in 2012, maar er is geen herindeling.",
                    bestand=rij.bestand,
                )
            )

    if fouten:
        raise ImportFout(fouten)

    tellingen = {soort: Telling() for soort in ("provincies", "gemeenten", "herindelingen", "cmo")}
    provincies = {}
    for _, _, rij in provincierijen:
        provincie, aangemaakt = Provincie.objects.get_or_create(
            cbs_code=rij["cbs_code"], defaults={"naam": rij["naam"]}
        )
        gewijzigd = provincie.naam != rij["naam"]
        if gewijzigd:
            provincie.naam = rij["naam"]
            provincie.save(update_fields=["naam"])
        tellingen["provincies"].tel(aangemaakt, gewijzigd)
        provincies[provincie.naam] = provincie

    gemeenten = {}
    for code, rij in alle_codes.items():
        waarden = {
            "naam": rij.naam,
            "provincie": provincies[rij.provincie],
            "geldig_van": begin.get(code),
            "geldig_tot": einde.get(code) if code not in codes_2012 else None,
        }
        gemeente, aangemaakt, gewijzigd = _bijwerken(Gemeente, {"cbs_code": code}, waarden)
        tellingen["gemeenten"].tel(aangemaakt, gewijzigd)
        gemeenten[code] = gemeente

    for datum, opgeheven, nieuw, soort, toelichting in herindelingen:
        _, aangemaakt, gewijzigd = _bijwerken(
            Herindeling,
            {"opgeheven": gemeenten[opgeheven], "opvolger": gemeenten[nieuw]},
            {"datum": datum, "soort": soort, "toelichting": toelichting},
        )
        tellingen["herindelingen"].tel(aangemaakt, gewijzigd)

    for _, _, rij in cmorijen:
        organisatie, aangemaakt = Organisatie.objects.get_or_create(naam=rij["naam"])
        gewenst = {provincies[p.strip()].pk for p in rij["provincie"].split(";")}
        huidig = set(organisatie.provincies.values_list("pk", flat=True))
        if gewenst != huidig:
            organisatie.provincies.set(gewenst)
        tellingen["cmo"].tel(aangemaakt, gewenst != huidig)
    return tellingen


def _bijwerken(model, sleutel: dict, waarden: dict):
    """``update_or_create`` that tells whether anything really changed."""
    obj, aangemaakt = model.objects.get_or_create(**sleutel, defaults=waarden)
    if aangemaakt:
        return obj, True, False
    gewijzigd = [veld for veld, waarde in waarden.items() if getattr(obj, veld) != waarde]
    for veld in gewijzigd:
        setattr(obj, veld, waarden[veld])
    if gewijzigd:
        obj.save(update_fields=gewijzigd)
    return obj, False, bool(gewijzigd)


@transaction.atomic
def inwonertallen_importeren(bron, naam: str = "") -> Telling:
    """Import inhabitants per municipality and reference date (cbs_code, peildatum, inwoners)."""
    tabel = lees_tabel(bron, naam)
    if ontbrekend := tabel.ontbrekende_kolommen(["cbs_code", "peildatum", "inwoners"]):
        raise ImportFout([Fout(1, f"Kolommen ontbreken: {', '.join(ontbrekend)}.", bestand=naam)])
    if not tabel.rijen:
        raise ImportFout([Fout(None, "Het bestand bevat geen rijen.", bestand=naam)])
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.all()}
    fouten: list[Fout] = []
    gelezen: dict[tuple[str, datetime.date], tuple[int, int]] = {}
    for regel, rij in tabel.rijen:
        code = str(rij.get("cbs_code", "")).strip().upper()
        gemeente = gemeenten.get(code)
        if gemeente is None:
            fouten.append(Fout(regel, f"Onbekende gemeentecode '{code}'.", "cbs_code"))
        try:
            peildatum = parse_datum(rij.get("peildatum"))
        except ValueError as exc:
            fouten.append(Fout(regel, str(exc), "peildatum"))
            peildatum = None
        try:
            inwoners = parse_geheel_getal(rij.get("inwoners"))
            if inwoners < 1:
                raise ValueError("Het aantal inwoners moet groter zijn dan 0.")
        except ValueError as exc:
            fouten.append(Fout(regel, str(exc), "inwoners"))
            inwoners = None
        if gemeente and peildatum and inwoners:
            if (code, peildatum) in gelezen:
                eerder = gelezen[(code, peildatum)][0]
                fouten.append(
                    Fout(regel, f"Dubbel: dezelfde gemeente en peildatum als regel {eerder}.", "cbs_code")
                )
            gelezen[(code, peildatum)] = (regel, inwoners)
    if fouten:
        raise ImportFout(fouten)
    telling = Telling()
    for (code, peildatum), (_, inwoners) in gelezen.items():
        _, aangemaakt, gewijzigd = _bijwerken(
            Inwonertal, {"gemeente": gemeenten[code], "peildatum": peildatum}, {"inwoners": inwoners}
        )
        telling.tel(aangemaakt, gewijzigd)
    return telling


# Contacts: the officials the programme writes to about a municipality (invitations, reminders).


def _contact_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "Dit is geen geldig e-mailadres."}) from None
    return email


@transaction.atomic
def contactpersoon_opslaan(
    *,
    gemeente: Gemeente,
    naam: str,
    email: str,
    functie: str = "",
    door,
    contactpersoon: Contactpersoon | None = None,
) -> Contactpersoon:
    """Add a contact to ``gemeente``, or correct ``contactpersoon``; one address, one municipality."""

    if not mag_contacten_beheren(door, gemeente) or (
        contactpersoon is not None and contactpersoon.gemeente_id != gemeente.pk
    ):
        raise PermissionDenied
    email = _contact_email(email)
    elders = Contactpersoon.objects.filter(email=email).select_related("gemeente")
    if contactpersoon is not None:
        elders = elders.exclude(pk=contactpersoon.pk)
    if bestaand := elders.first():
        raise ValidationError({"email": f"Dit adres is al contactpersoon van {bestaand.gemeente}."})
    contactpersoon = contactpersoon or Contactpersoon(gemeente=gemeente)
    contactpersoon.naam = naam.strip()
    contactpersoon.email = email
    contactpersoon.functie = functie.strip()
    contactpersoon.gewijzigd_door = door
    contactpersoon.full_clean()
    contactpersoon.save()
    return contactpersoon


@transaction.atomic
def contactpersoon_verwijderen(*, contactpersoon: Contactpersoon, door) -> None:

    if not mag_contacten_beheren(door, contactpersoon.gemeente):
        raise PermissionDenied
    contactpersoon.delete()


CONTACT_KOLOMMEN = ["cbs_code", "naam", "e-mail", "functie"]


def _contactrij_lezen(regel: int, rij: dict, gemeenten: dict[str, Gemeente], fouten: list[Fout]):
    code = str(rij.get("cbs_code") or "").strip().upper()
    naam = str(rij.get("naam") or "").strip()
    functie = str(rij.get("functie") or "").strip()
    gemeente = gemeenten.get(code)
    if gemeente is None:
        fouten.append(Fout(regel, f"Onbekende gemeentecode '{code}'.", "cbs_code"))
    if not naam:
        fouten.append(Fout(regel, "Vul de naam van de contactpersoon in.", "naam"))
    elif len(naam) > 120:
        fouten.append(Fout(regel, "De naam is langer dan 120 tekens.", "naam"))
    if len(functie) > 120:
        fouten.append(Fout(regel, "De functie is langer dan 120 tekens.", "functie"))
    ruw = str(rij.get("e-mail") or rij.get("email") or "").strip()
    try:
        email = _contact_email(ruw)
    except ValidationError:
        fouten.append(Fout(regel, f"'{ruw[:80]}' is geen geldig e-mailadres.", "e-mail"))
        email = None
    return gemeente, naam, email, functie


@transaction.atomic
def contactpersonen_importeren(bron, naam: str = "", *, door=None) -> Telling:
    """Import contacts (cbs_code, naam, e-mail, functie): all rows or none.

    A known address at the same municipality is updated; an address twice in the file, or already
    the contact of another municipality, is an error on its row.
    """
    tabel = lees_tabel(bron, naam)
    kolommen = set(tabel.kolommen)
    ontbrekend = [k for k in ("cbs_code", "naam") if k not in kolommen]
    if not kolommen & {"e-mail", "email"}:
        ontbrekend.append("e-mail")
    if ontbrekend:
        raise ImportFout([Fout(1, f"Kolommen ontbreken: {', '.join(ontbrekend)}.", bestand=naam)])
    if not tabel.rijen:
        raise ImportFout([Fout(None, "Het bestand bevat geen rijen.", bestand=naam)])
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.all()}
    bestaand = {c.email: c for c in Contactpersoon.objects.select_related("gemeente")}
    fouten: list[Fout] = []
    gelezen: dict[str, tuple[int, Gemeente, str, str]] = {}
    for regel, rij in tabel.rijen:
        gemeente, contactnaam, email, functie = _contactrij_lezen(regel, rij, gemeenten, fouten)
        if email is None:
            continue
        if email in gelezen:
            fouten.append(Fout(regel, f"Dit adres staat ook op regel {gelezen[email][0]}.", "e-mail"))
        elif gemeente and email in bestaand and bestaand[email].gemeente_id != gemeente.pk:
            fouten.append(
                Fout(regel, f"Dit adres is al contactpersoon van {bestaand[email].gemeente}.", "e-mail")
            )
        gelezen.setdefault(email, (regel, gemeente, contactnaam, functie))
    if fouten:
        raise ImportFout(fouten)
    nieuw, gewijzigd, nu = [], [], timezone.now()
    for email, (_, gemeente, contactnaam, functie) in gelezen.items():
        contact = bestaand.get(email)
        if contact is None:
            nieuw.append(
                Contactpersoon(
                    gemeente=gemeente, naam=contactnaam, email=email, functie=functie, gewijzigd_door=door
                )
            )
        elif (contact.naam, contact.functie) != (contactnaam, functie):
            contact.naam, contact.functie, contact.gewijzigd_door = contactnaam, functie, door
            contact.gewijzigd_op = nu
            gewijzigd.append(contact)
    Contactpersoon.objects.bulk_create(nieuw)
    Contactpersoon.objects.bulk_update(gewijzigd, ["naam", "functie", "gewijzigd_door", "gewijzigd_op"])
    return Telling(nieuw=len(nieuw), gewijzigd=len(gewijzigd))
