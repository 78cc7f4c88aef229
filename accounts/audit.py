"""The audit trail (BIO2 8.15.01): what every app calls to record who did what.

``vastleggen`` adds one entry, from a request (user, role and address taken from it) or for a
user without one (a task). Apps above this layer call it for what only they know (a result or a
contact list viewed, an export); logins, failed logins and lockouts, refusals, and every change
django-simple-history records are written from the signals wired in ``accounts.apps``. Entries
are append-only and hold no password or token: an object is named by its kind, number and a
short description, a refused page by its URL name, never by its path (which can hold a link's
token). ``audit_opschonen`` removes entries past ``AUDIT_BEWAARTERMIJN_DAGEN`` (decision 0021).
"""

import datetime

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import Auditregel, User

Actie = Auditregel.Actie
Resultaat = Auditregel.Resultaat


def _adres(request) -> str | None:
    if request is None:
        return None
    for sleutel in settings.AXES_IPWARE_META_PRECEDENCE_ORDER:
        waarde = request.META.get(sleutel, "")
        if waarde:
            return waarde.split(",")[0].strip() or None
    return None


def _gebruiker(request, gebruiker) -> User | None:
    if gebruiker is not None:
        return gebruiker
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def vastleggen(
    actie: str,
    *,
    request=None,
    gebruiker: User | None = None,
    object: models.Model | None = None,
    resultaat: str = Resultaat.GELUKT,
    toelichting: str = "",
) -> Auditregel:
    """Add one entry to the audit trail. ``object`` names what it was about (kind, number, text);
    the text of a record about a person is its ``audit_omschrijving`` (no name or address), so
    erasing the person leaves a trail that names no one (decision 0021)."""
    wie = _gebruiker(request, gebruiker)
    regel = Auditregel(
        gebruiker=wie,
        rol=getattr(wie, "rol", ""),
        adres=_adres(request),
        actie=actie,
        resultaat=resultaat,
        toelichting=toelichting[:200],
    )
    if object is not None:
        regel.object_soort = object._meta.label_lower
        regel.object_id = str(object.pk)
        regel.object_omschrijving = str(getattr(object, "audit_omschrijving", object))[:200]
    regel.save()
    return regel


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


def versies_vastleggen_in_audit(versies: list, *, request=None) -> None:
    """One entry per version django-simple-history stored, in one insert: who (the version's
    user, else the request's), what (created, changed, deleted, restored) and which record."""
    if not versies:
        return
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
                object_soort=origineel._meta.label_lower,
                object_id=str(getattr(versie, origineel._meta.pk.attname)),
                object_omschrijving=f"{origineel._meta.verbose_name} {getattr(versie, origineel._meta.pk.attname)}",
            )
        )
    Auditregel.objects.bulk_create(regels)
