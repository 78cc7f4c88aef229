"""Versions of records over time (django-simple-history): reading them back as of a moment, and
storing versions where rows are written in bulk (which the library's signals do not see).

This is the one place that says what "as known at a moment" means: per record, its latest version
stored before that moment, unless that version records its removal.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Model, QuerySet
from django.dispatch import Signal
from django.utils import timezone

TOEGEVOEGD, GEWIJZIGD, VERWIJDERD = "+", "~", "-"

# Sent with the versions ``versies_vastleggen`` stored in bulk (django-simple-history's own
# ``post_create_historical_record`` is not sent for those): ``sender`` is the version model,
# ``versies`` the list. The audit trail (accounts) records them from it.
versies_vastgelegd = Signal()


def stand_op(versies: QuerySet, moment: datetime.datetime) -> QuerySet:
    """The records of ``versies`` (a model's ``history`` queryset) as they stood at ``moment``."""
    return bekend_voor(versies, moment).latest_of_each().exclude(history_type=VERWIJDERD)


def bekend_voor(versies: QuerySet, moment: datetime.datetime) -> QuerySet:
    """The versions of ``versies`` stored before ``moment``: what was known at it."""
    return versies.filter(history_date__lt=moment)


def versies_vastleggen(
    objecten: Iterable[Model],
    *,
    soort: str,
    op: datetime.datetime | None = None,
    door: Model | None = None,
    reden: str = "",
) -> list[Model]:
    """Store one version of each of ``objecten`` as it now stands, with one insert (and one per
    many-to-many field the history keeps, ``m2m_fields``: its links as they now stand): ``soort``
    is TOEGEVOEGD, GEWIJZIGD or VERWIJDERD; ``op`` the moment it happened (default now) and
    ``door`` who did it, unless an object says otherwise in ``_history_date`` / ``_history_user``
    (the library's own convention)."""
    objecten = list(objecten)
    if not objecten:
        return []
    versiemodel = type(objecten[0]).history.model
    moment = op or timezone.now()
    versies = versiemodel.objects.bulk_create(
        versiemodel(
            history_date=getattr(o, "_history_date", moment),
            history_type=soort,
            history_user=getattr(o, "_history_user", door),
            history_change_reason=reden or None,
            **{veld.attname: getattr(o, veld.attname) for veld in versiemodel.tracked_fields},
        )
        for o in objecten
    )
    _koppelingen_vastleggen(versiemodel, versies)
    versies_vastgelegd.send(sender=versiemodel, versies=versies)
    return versies


def _koppelingen_vastleggen(versiemodel, versies: list[Model]) -> None:
    """The links of each many-to-many field the history keeps, as they now stand, on ``versies``
    (one version per record)."""
    sleutel = versiemodel.instance_type._meta.pk.attname
    versie_van = {getattr(v, sleutel): v for v in versies}
    for veld in getattr(versiemodel, "_history_m2m_fields", []):
        eigen, ander = f"{veld.m2m_field_name()}_id", f"{veld.m2m_reverse_field_name()}_id"
        versiekoppeling = getattr(versiemodel, veld.name).model
        rijen = veld.remote_field.through.objects.filter(**{f"{eigen}__in": list(versie_van)}).order_by("pk")
        versiekoppeling.objects.bulk_create(
            versiekoppeling(
                id=rij.pk,
                history=versie_van[getattr(rij, eigen)],
                **{eigen: getattr(rij, eigen), ander: getattr(rij, ander)},
            )
            for rij in rijen
        )
