"""Who may see rounds and pause their reminders: coordinators see all; an adviser the rounds that
include municipalities of their provinces (and only those municipalities); an official the rounds
their municipality is in."""

from django.db.models import QuerySet

from accounts.permissions import is_actief, mag_gemeente_zien, zichtbare_gemeenten
from gemeenten.models import Gemeente
from rondes.models import Ronde


def zichtbare_rondes(user) -> QuerySet[Ronde]:
    if not is_actief(user):
        return Ronde.objects.none()
    if user.is_coordinator:
        return Ronde.objects.all()
    return Ronde.objects.filter(deelnemers__gemeente__in=zichtbare_gemeenten(user)).distinct()


def zichtbaar_in_ronde(user) -> QuerySet[Gemeente]:
    """The municipalities of a round ``user`` sees anything of — progress, lists, the map, and the
    counts of its mailings: a national round shows an adviser only their provinces' part."""
    return zichtbare_gemeenten(user)


def mag_herinneringen_pauzeren(user, gemeente: Gemeente) -> bool:
    """A coordinator, or the municipality's adviser (for instance while they are in touch by phone)."""
    if not is_actief(user):
        return False
    return user.is_coordinator or (user.is_adviseur and mag_gemeente_zien(user, gemeente))


def mag_opnieuw_versturen(user) -> bool:
    """Only a coordinator sends a round's failed or in-doubt invitations again, as only they invite."""
    return is_actief(user) and user.is_coordinator
