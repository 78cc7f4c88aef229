"""Who may see and change advice sessions and trajecten.

Coordinators see all; advisers the sessions and trajecten of their CMO; officials those held with
their municipality (deleted sessions stay hidden from them). Only the session's own adviser (or a
coordinator) changes it, only the traject's leader (or a coordinator) changes a traject, and an
adviser logs only for municipalities in their CMO's provinces.
"""

from django.db.models import QuerySet

from accounts.permissions import is_actief, mag_gemeente_zien
from advies.models import Adviesgesprek, Adviestraject
from gemeenten.models import Gemeente


def zichtbare_gesprekken(user) -> QuerySet[Adviesgesprek]:
    if not is_actief(user):
        return Adviesgesprek.objects.none()
    if user.is_coordinator:
        return Adviesgesprek.objects.all()
    if user.is_adviseur:
        return Adviesgesprek.objects.filter(organisatie_id=user.organisatie_id)
    if user.is_gemeente:
        return Adviesgesprek.objects.actief().filter(gemeenten=user.gemeente_id)
    return Adviesgesprek.objects.none()


def mag_gesprek_zien(user, gesprek) -> bool:
    return zichtbare_gesprekken(user).filter(pk=gesprek.pk).exists()


def mag_gesprek_wijzigen(user, gesprek) -> bool:
    if not is_actief(user):
        return False
    return user.is_coordinator or (user.is_adviseur and gesprek.adviseur_id == user.pk)


def mag_gesprekken_loggen(user) -> bool:
    return is_actief(user) and user.is_adviseur and user.organisatie_id is not None


def mag_loggen_voor_gemeente(user, gemeente: Gemeente) -> bool:
    return mag_gesprekken_loggen(user) and mag_gemeente_zien(user, gemeente)


def zichtbare_trajecten(user) -> QuerySet[Adviestraject]:
    if not is_actief(user):
        return Adviestraject.objects.none()
    if user.is_coordinator:
        return Adviestraject.objects.all()
    if user.is_adviseur:
        return Adviestraject.objects.filter(organisatie_id=user.organisatie_id)
    if user.is_gemeente:
        return Adviestraject.objects.filter(gemeenten=user.gemeente_id)
    return Adviestraject.objects.none()


def mag_traject_wijzigen(user, traject) -> bool:
    if not is_actief(user):
        return False
    return user.is_coordinator or (user.is_adviseur and traject.leider_id == user.pk)
