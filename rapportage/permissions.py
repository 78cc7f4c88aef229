"""Who may see, request and retry report runs: coordinators see every run and request any; an adviser
sees the runs about their own CMO and requests only those. Whoever may request a run may retry it."""

from django.db.models import QuerySet

from accounts.permissions import is_actief
from rapportage.models import Rapport


def zichtbare_rapporten(user) -> QuerySet[Rapport]:
    if not is_actief(user):
        return Rapport.objects.none()
    if user.is_coordinator:
        return Rapport.objects.all()
    if user.is_adviseur:
        return Rapport.objects.filter(organisatie_id=user.organisatie_id)
    return Rapport.objects.none()


def mag_rapport_aanvragen(user, organisatie=None, provincie=None) -> bool:
    if not is_actief(user):
        return False
    if user.is_coordinator:
        return True
    return (
        user.is_adviseur
        and provincie is None
        and organisatie is not None
        and organisatie.pk == user.organisatie_id
    )


def mag_rapport_opnieuw_proberen(user, rapport: Rapport) -> bool:
    return mag_rapport_aanvragen(user, organisatie=rapport.organisatie, provincie=rapport.provincie)


def mag_planning_wijzigen(user) -> bool:
    """Only a coordinator switches the scheduled reports on or off."""
    return is_actief(user) and user.is_coordinator
