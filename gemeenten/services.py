"""Writes to the reference data: loading provinces, municipalities, mergers and CMOs from the
project's own copy of the sources (``gemeenten/data/``), inhabitants, and the contacts of a
municipality. The loader checks the whole input first and writes nothing when anything is wrong;
the files coordinators import go through ``gemeenten.uitwisseling``.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from accounts.audit import Actie, vastleggen
from accounts.permissions import mag_contacten_beheren, mag_gemeente_zien, mag_importeren
from gemeenten.models import Contactpersoon, Gemeente, Herindeling, Inwonertal, Organisatie, Provincie
from toolkit.tabular import Fout, ImportFout, lees_tabel, parse_datum

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
def inwonertal_opslaan(
    *, gemeente: Gemeente, peildatum: datetime.date, inwoners: int, door
) -> tuple[Inwonertal, bool, bool]:
    """Record the inhabitants of ``gemeente`` on ``peildatum``; a new figure for the same date
    replaces the old one. Returns the row, whether it is new and whether it changed."""
    if not mag_importeren(door):
        raise PermissionDenied
    inwonertal = Inwonertal.objects.filter(gemeente=gemeente, peildatum=peildatum).first()
    nieuw = inwonertal is None
    inwonertal = inwonertal or Inwonertal(gemeente=gemeente, peildatum=peildatum)
    gewijzigd = not nieuw and inwonertal.inwoners != inwoners
    if nieuw or gewijzigd:
        inwonertal.inwoners = inwoners
        inwonertal._history_user = door  # also in an import's worker, where no request says who
        inwonertal.full_clean()
        inwonertal.save()
    return inwonertal, nieuw, gewijzigd


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
    """Add a contact to ``gemeente``, or correct ``contactpersoon``; one address, one municipality.
    ``door`` is None for a management command."""

    if (door is not None and not mag_contacten_beheren(door, gemeente)) or (
        contactpersoon is not None and contactpersoon.gemeente_id != gemeente.pk
    ):
        raise PermissionDenied
    email = _contact_email(email)
    elders = Contactpersoon.objects.filter(email=email).select_related("gemeente")
    if contactpersoon is not None:
        elders = elders.exclude(pk=contactpersoon.pk)
    if bestaand := elders.first():
        if door is None or mag_gemeente_zien(door, bestaand.gemeente):
            raise ValidationError({"email": f"Dit adres is al contactpersoon van {bestaand.gemeente}."})
        # Where the address is known is outside this user's scope, and so is that it is known.
        raise ValidationError(
            {
                "email": "Dit adres kan hier niet als contactpersoon worden vastgelegd. Kies een"
                " ander adres, of vraag uw adviseur of MOVISIE om hulp."
            }
        )
    contactpersoon = contactpersoon or Contactpersoon(gemeente=gemeente)
    contactpersoon.naam = naam.strip()
    contactpersoon.email = email
    contactpersoon.functie = functie.strip()
    contactpersoon.gewijzigd_door = door
    contactpersoon.full_clean()
    contactpersoon._history_user = door  # its version says who, also without a request (a task)
    contactpersoon.save()
    return contactpersoon


@transaction.atomic
def contactpersoon_verwijderen(*, contactpersoon: Contactpersoon, door) -> None:

    if not mag_contacten_beheren(door, contactpersoon.gemeente):
        raise PermissionDenied
    contactpersoon._history_user = door
    contactpersoon.delete()


def contacten_verwijderen_vanaf() -> datetime.date | None:
    """The day from which the municipalities' contacts are removed (AVG): ``CONTACTEN_BEWAREN_DAGEN``
    after ``PROGRAMMA_EINDE``; ``None`` while the programme has no end date."""
    if not settings.PROGRAMMA_EINDE:
        return None
    einde = datetime.date.fromisoformat(settings.PROGRAMMA_EINDE)
    return einde + datetime.timedelta(days=settings.CONTACTEN_BEWAREN_DAGEN)


def contactgegevens_verlopen(vandaag: datetime.date | None = None) -> bool:
    """Whether contacts' addresses may no longer be kept (``contacten_verwijderen_vanaf`` passed)."""
    vanaf = contacten_verwijderen_vanaf()
    return vanaf is not None and (vandaag or timezone.localdate()) >= vanaf


@transaction.atomic
def contactpersonen_opschonen(*, vandaag: datetime.date | None = None) -> int:
    """Remove every contact, and their earlier versions, once the programme has ended for the
    configured time; returns how many contacts were removed (0 before that day)."""
    if not contactgegevens_verlopen(vandaag):
        return 0
    aantal = Contactpersoon.objects.count()
    Contactpersoon.objects.all().delete()
    Contactpersoon.history.all().delete()
    vastleggen(Actie.VERWIJDERD, toelichting=f"{aantal} contactpersonen na het einde van het programma")
    return aantal
