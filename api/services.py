"""API tokens: ``api_sleutel_maken`` (returns the token once), ``api_sleutel_intrekken``,
``api_sleutel_zoeken`` (by the token a client sends, logging the use). Making, revoking and every
use, refused or not, are in the audit trail as well (decision 0021); the token itself nowhere."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.audit import Actie, Resultaat, vastleggen
from api.models import ApiSleutel, SleutelGebruik
from api.permissions import mag_sleutels_beheren

VOORVOEGSEL = "gve_"


class SleutelOngeldig(Exception):
    """The token is unknown, revoked or expired, or its user may no longer log in; ``reden`` says
    which in a short code, the message in Dutch."""

    def __init__(self, reden: str, bericht: str):
        super().__init__(bericht)
        self.reden = reden


def sleutel_hash(sleutel: str) -> str:
    """A token is 256 random bits, so one SHA-256 suffices (no password stretching needed)."""
    return hashlib.sha256(sleutel.encode()).hexdigest()


@transaction.atomic
def api_sleutel_maken(*, gebruiker, naam: str, verloopt_op: datetime.date, door) -> tuple[ApiSleutel, str]:
    """A new token for ``gebruiker``, valid to the end of ``verloopt_op``; returns the row and the
    token itself, which is stored nowhere."""
    if not mag_sleutels_beheren(door):
        raise PermissionDenied
    vandaag = timezone.localdate()
    if verloopt_op <= vandaag:
        raise ValidationError({"verloopt_op": "Kies een datum na vandaag."})
    if verloopt_op > vandaag + datetime.timedelta(days=settings.API_SLEUTEL_MAX_DAGEN):
        raise ValidationError(
            {"verloopt_op": f"Een sleutel geldt hoogstens {settings.API_SLEUTEL_MAX_DAGEN} dagen."}
        )
    if not gebruiker.is_active:
        raise ValidationError({"gebruiker": "Dit account is niet actief."})
    sleutel = VOORVOEGSEL + secrets.token_urlsafe(32)
    rij = ApiSleutel(
        gebruiker=gebruiker,
        naam=naam,
        voorvoegsel=sleutel[: len(VOORVOEGSEL) + 4],
        sleutel_hash=sleutel_hash(sleutel),
        aangemaakt_door=door,
        verloopt_op=timezone.make_aware(datetime.datetime.combine(verloopt_op, datetime.time.max)),
    )
    rij.full_clean()
    rij.save()
    vastleggen(Actie.AANGEMAAKT, gebruiker=door, object=rij)
    return rij, sleutel


@transaction.atomic
def api_sleutel_intrekken(*, sleutel: ApiSleutel, door) -> ApiSleutel:
    if not mag_sleutels_beheren(door):
        raise PermissionDenied
    if sleutel.ingetrokken_op is None:
        sleutel.ingetrokken_op = timezone.now()
        sleutel.ingetrokken_door = door
        sleutel.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
        vastleggen(Actie.GEWIJZIGD, gebruiker=door, object=sleutel, toelichting="ingetrokken")
    return sleutel


def api_sleutel_zoeken(sleutel: str, *, methode: str, pad: str, ip_adres: str | None) -> ApiSleutel:
    """The valid token ``sleutel`` with its user; the use is logged, also when it is refused for a
    known token. Raises ``SleutelOngeldig`` otherwise."""
    rij = ApiSleutel.objects.select_related("gebruiker").filter(sleutel_hash=sleutel_hash(sleutel)).first()
    if rij is None:
        vastleggen(Actie.TOKEN_GEBRUIKT, resultaat=Resultaat.MISLUKT, toelichting="API-sleutel onbekend")
        raise SleutelOngeldig("onbekend", "Deze API-sleutel is onbekend.")
    reden = _weigering(rij)
    SleutelGebruik.objects.create(
        sleutel=rij, methode=methode, pad=pad[:500], ip_adres=ip_adres, geweigerd=reden[0] if reden else ""
    )
    vastleggen(
        Actie.TOKEN_GEBRUIKT,
        gebruiker=rij.gebruiker,
        object=rij,
        resultaat=Resultaat.GEWEIGERD if reden else Resultaat.GELUKT,
        toelichting=f"API-sleutel {reden[0]}" if reden else "API-sleutel",
    )
    if reden:
        raise SleutelOngeldig(*reden)
    return rij


def _weigering(rij: ApiSleutel) -> tuple[str, str] | None:
    if rij.is_ingetrokken:
        return "ingetrokken", "Deze API-sleutel is ingetrokken. Vraag een coördinator om een nieuwe."
    if rij.is_verlopen():
        return "verlopen", "Deze API-sleutel is verlopen. Vraag een coördinator om een nieuwe."
    if not rij.gebruiker.is_active:
        return "account", "Het account van deze API-sleutel is niet actief."
    return None


def sleutelgebruik_opschonen() -> int:
    """Remove the log of API requests older than ``API_GEBRUIK_BEWAREN_DAGEN``: it holds the
    address each request came from. Returns how many rows went."""
    grens = timezone.now() - datetime.timedelta(days=settings.API_GEBRUIK_BEWAREN_DAGEN)
    verwijderd, _ = SleutelGebruik.objects.filter(moment__lt=grens).delete()
    return verwijderd
