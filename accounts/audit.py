"""The audit trail (BIO2 8.15.01): what every app calls to record who did what.

``vastleggen`` adds one entry, from a request (user, role and address taken from it; a service
that is not handed one gets the request its thread is serving) or for a user without one (a
task); ``alles_vastleggen`` adds one entry per object in one insert. Apps above this layer call
them for what only they know (a result or a contact list viewed, an export, a round opened, a
token made or used); logins, failed logins and lockouts, refusals, and every change
django-simple-history records are written from the signals wired in ``accounts.apps``, and every
write in the technical admin by ``accounts.beheer.BeheerVastleggen``. Entries are append-only and
hold no password, token or e-mail address: an object is named by its kind, number and a short
description, a refused page by its URL name, never by its path (which can hold a link's token).
``audit_opschonen`` removes entries past ``AUDIT_BEWAARTERMIJN_DAGEN`` (decision 0021).
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.models import Auditregel, User
from toolkit.clientadres import client_adres

Actie = Auditregel.Actie
Resultaat = Auditregel.Resultaat


def huidig_verzoek(request=None):
    """``request``, or else the request this thread is serving (django-simple-history's middleware
    keeps it for the duration of the request), or None in a task or command."""
    return request if request is not None else getattr(HistoricalRecords.context, "request", None)


def _adres(request) -> str | None:
    return None if request is None else client_adres(request)


def _gebruiker(request, gebruiker) -> User | None:
    if gebruiker is not None:
        return gebruiker
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _regel(actie: str, request, gebruiker: User | None, resultaat: str, toelichting: str) -> Auditregel:
    request = huidig_verzoek(request)
    wie = _gebruiker(request, gebruiker)
    return Auditregel(
        gebruiker=wie,
        rol=getattr(wie, "rol", ""),
        adres=_adres(request),
        actie=actie,
        resultaat=resultaat,
        toelichting=toelichting[:200],
    )


def _object_noemen(regel: Auditregel, object: models.Model, *, alleen_soort_en_nummer: bool = False) -> None:
    """Which object: kind, number and text. The text of a record about a person is its
    ``audit_omschrijving`` (no name or address), so erasing the person leaves a trail that names
    no one (decision 0021); without one it is ``str()``, or with ``alleen_soort_en_nummer`` the
    kind and number only (for objects of any model, whose ``str()`` may quote an address)."""
    regel.object_soort = object._meta.label_lower
    regel.object_id = str(object.pk)
    tekst = getattr(object, "audit_omschrijving", None)
    if tekst is None:
        tekst = f"{object._meta.verbose_name} #{object.pk}" if alleen_soort_en_nummer else str(object)
    regel.object_omschrijving = str(tekst)[:200]


def vastleggen(
    actie: str,
    *,
    request=None,
    gebruiker: User | None = None,
    object: models.Model | None = None,
    resultaat: str = Resultaat.GELUKT,
    toelichting: str = "",
) -> Auditregel:
    """Add one entry to the audit trail; ``object`` names what it was about."""
    regel = _regel(actie, request, gebruiker, resultaat, toelichting)
    if object is not None:
        _object_noemen(regel, object)
    regel.save()
    return regel


def weigering_vastleggen(request, reden: str = "") -> Auditregel:
    """A refusal (403, a scoped 404, a form without a valid CSRF token, an API request refused),
    named by the page's URL name and method, never by its path (which can hold a link's token)."""
    match = getattr(request, "resolver_match", None)
    pagina = match.view_name if match else "onbekende pagina"
    return vastleggen(
        Actie.GEWEIGERD,
        request=request,
        resultaat=Resultaat.GEWEIGERD,
        toelichting=f"{request.method} {pagina}" + (f" ({reden})" if reden else ""),
    )


def alles_vastleggen(
    actie: str,
    objecten: Iterable[models.Model],
    *,
    request=None,
    gebruiker: User | None = None,
    toelichting: str = "",
    alleen_soort_en_nummer: bool = False,
) -> list[Auditregel]:
    """One entry for each of ``objecten`` (a bulk action), in one insert."""
    regels = []
    for object in objecten:
        regel = _regel(actie, request, gebruiker, Resultaat.GELUKT, toelichting)
        _object_noemen(regel, object, alleen_soort_en_nummer=alleen_soort_en_nummer)
        regels.append(regel)
    return Auditregel.objects.bulk_create(regels) if regels else []


def bewaard_sinds() -> datetime.datetime:
    """The oldest moment whose entries are still kept."""
    return timezone.now() - datetime.timedelta(days=settings.AUDIT_BEWAARTERMIJN_DAGEN)


@transaction.atomic
def audit_opschonen() -> int:
    """Remove the entries older than the retention period; returns how many.

    On PostgreSQL the append-only trigger lets a delete through only inside a transaction that
    switched ``gve.audit_opschonen`` on; this is the one place that does."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL gve.audit_opschonen = 'aan'")
    oud = Auditregel.objects.filter(tijdstip__lt=bewaard_sinds())
    # The QuerySet refuses delete(); the raw delete is the retention's own, after the switch.
    return oud._raw_delete(oud.db)


SOORT_ACTIE = {"+": Actie.AANGEMAAKT, "~": Actie.GEWIJZIGD, "-": Actie.VERWIJDERD}


def _actie_van_versie(versie) -> str:
    """A version's kind; a soft delete or a restore says so in its change reason (advies)."""
    reden = versie.history_change_reason or ""
    if reden in (Actie.HERSTELD, Actie.VERWIJDERD):
        return reden
    return SOORT_ACTIE.get(versie.history_type, Actie.GEWIJZIGD)


def _toelichting_van_versie(versie) -> str:
    """What a version's change reason says beyond its kind ("heropend tot en met …"), if anything."""
    reden = versie.history_change_reason or ""
    return "" if reden in Actie.values else reden[:200]


def versies_vastleggen_in_audit(versies: list, *, request=None) -> None:
    """One entry per version django-simple-history stored, in one insert: who (the version's
    user, else the request's), what (created, changed, deleted, restored, and the change reason
    where it says more) and which record."""
    if not versies:
        return
    request = huidig_verzoek(request)
    adres = _adres(request)
    verzoeker = _gebruiker(request, None)
    regels = []
    for versie in versies:
        wie = versie.history_user if versie.history_user_id else verzoeker
        origineel = versie.instance_type
        regels.append(
            Auditregel(
                gebruiker=wie,
                rol=getattr(wie, "rol", ""),
                adres=adres,
                actie=_actie_van_versie(versie),
                toelichting=_toelichting_van_versie(versie),
                object_soort=origineel._meta.label_lower,
                object_id=str(getattr(versie, origineel._meta.pk.attname)),
                object_omschrijving=f"{origineel._meta.verbose_name} {getattr(versie, origineel._meta.pk.attname)}",
            )
        )
    Auditregel.objects.bulk_create(regels)
