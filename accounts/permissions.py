"""Who may see and change what: the one place every view and export asks.

Rules (DESIGN.md §2):
- coördinator: everything;
- adviseur: municipalities in the provinces of their CMO;
- gemeente: their own municipality only;
- anonymous: nothing.

Views never decide scope by themselves: they call ``zichtbare_gemeenten`` to build a list, or
``vereis(...)`` with one of the predicates below before touching an object.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from accounts.models import User
from gemeenten.models import Gemeente, Provincie


def _is_actief(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def provincies_van(user) -> QuerySet[Provincie]:
    """The provinces whose municipalities ``user`` may see."""
    if not _is_actief(user):
        return Provincie.objects.none()
    if user.is_coordinator:
        return Provincie.objects.all()
    if user.is_adviseur:
        return Provincie.objects.filter(organisaties=user.organisatie_id)
    if user.is_gemeente:
        return Provincie.objects.filter(gemeenten=user.gemeente_id)
    return Provincie.objects.none()


def zichtbare_gemeenten(user) -> QuerySet[Gemeente]:
    """The municipalities ``user`` may see (their pages, results and sessions)."""
    if not _is_actief(user):
        return Gemeente.objects.none()
    if user.is_coordinator:
        return Gemeente.objects.all()
    if user.is_adviseur:
        return Gemeente.objects.filter(provincie__organisaties=user.organisatie_id)
    if user.is_gemeente:
        return Gemeente.objects.filter(pk=user.gemeente_id)
    return Gemeente.objects.none()


def _provincie_ids_van_adviseur(user) -> frozenset[int]:
    """The provinces of the adviser's CMO, asked once per user object: a page asks several
    predicates about the same municipality, and Django loads ``request.user`` afresh per request."""
    onthouden = getattr(user, "_provincie_ids", None)
    if onthouden is None or onthouden[0] != user.organisatie_id:
        ids = frozenset(
            Provincie.objects.filter(organisaties=user.organisatie_id).values_list("pk", flat=True)
        )
        onthouden = user._provincie_ids = (user.organisatie_id, ids)
    return onthouden[1]


def mag_gemeente_zien(user, gemeente: Gemeente) -> bool:
    if not _is_actief(user):
        return False
    if user.is_coordinator:
        return True
    if user.is_adviseur:
        return gemeente.provincie_id in _provincie_ids_van_adviseur(user)
    if user.is_gemeente:
        return gemeente.pk == user.gemeente_id
    return False


def mag_vragenlijst_invullen(user, gemeente: Gemeente) -> bool:
    """Only the municipality's own officials fill in its questionnaires (coordinators may too)."""
    if not _is_actief(user):
        return False
    return user.is_coordinator or (user.is_gemeente and gemeente.pk == user.gemeente_id)


def mag_uitnodigen(user, gemeente: Gemeente) -> bool:
    """Coordinators invite anywhere; advisers for municipalities in their CMO's provinces."""
    if not _is_actief(user):
        return False
    if user.is_coordinator:
        return True
    return user.is_adviseur and mag_gemeente_zien(user, gemeente)


def mag_contacten_beheren(user, gemeente: Gemeente) -> bool:
    """Contacts of a municipality: coordinators, its advisers, and its own officials (their own
    details and their colleagues')."""
    if not _is_actief(user):
        return False
    return user.is_coordinator or (
        (user.is_adviseur or user.is_gemeente) and mag_gemeente_zien(user, gemeente)
    )


def is_coordinator(user) -> bool:
    return _is_actief(user) and user.is_coordinator


def vereis(toegestaan: bool) -> None:
    """Raise 403 unless ``toegestaan``; use as ``vereis(mag_gemeente_zien(user, g))``."""
    if not toegestaan:
        raise PermissionDenied


def rol_vereist(*rollen: str) -> Callable:
    """View decorator: logged in, and one of ``rollen`` (values of ``User.Rol``)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            vereis(request.user.rol in rollen)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


ALLE_ROLLEN = tuple(User.Rol.values)


# Advice sessions and trajecten (advies). Coordinators see all; advisers the sessions of their CMO;
# officials the sessions held with their municipality. Only the session's own adviser (or a
# coordinator) changes it, and an adviser logs only for municipalities in their CMO's provinces.


def zichtbare_gesprekken(user):
    from advies.models import Adviesgesprek

    if not _is_actief(user):
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
    if not _is_actief(user):
        return False
    return user.is_coordinator or (user.is_adviseur and gesprek.adviseur_id == user.pk)


def mag_gesprekken_loggen(user) -> bool:
    return _is_actief(user) and user.is_adviseur and user.organisatie_id is not None


def mag_loggen_voor_gemeente(user, gemeente: Gemeente) -> bool:
    return mag_gesprekken_loggen(user) and mag_gemeente_zien(user, gemeente)


def zichtbare_trajecten(user):
    from advies.models import Adviestraject

    if not _is_actief(user):
        return Adviestraject.objects.none()
    if user.is_coordinator:
        return Adviestraject.objects.all()
    if user.is_adviseur:
        return Adviestraject.objects.filter(organisatie_id=user.organisatie_id)
    if user.is_gemeente:
        return Adviestraject.objects.filter(gemeenten=user.gemeente_id)
    return Adviestraject.objects.none()


def mag_traject_wijzigen(user, traject) -> bool:
    if not _is_actief(user):
        return False
    return user.is_coordinator or (user.is_adviseur and traject.leider_id == user.pk)


# Reports: coordinators see every run; an adviser sees the runs about their own CMO.


def zichtbare_rapporten(user):
    from rapportage.models import Rapport

    if not _is_actief(user):
        return Rapport.objects.none()
    if user.is_coordinator:
        return Rapport.objects.all()
    if user.is_adviseur:
        return Rapport.objects.filter(organisatie_id=user.organisatie_id)
    return Rapport.objects.none()


def mag_rapport_aanvragen(user, organisatie=None, provincie=None) -> bool:
    if not _is_actief(user):
        return False
    if user.is_coordinator:
        return True
    return (
        user.is_adviseur
        and provincie is None
        and organisatie is not None
        and organisatie.pk == user.organisatie_id
    )


# Rounds (rondes): coordinators see all; an adviser the rounds that include municipalities of
# their provinces (and only those municipalities); an official the rounds their municipality is in.


def zichtbare_rondes(user):
    from rondes.models import Ronde

    if not _is_actief(user):
        return Ronde.objects.none()
    if user.is_coordinator:
        return Ronde.objects.all()
    return Ronde.objects.filter(deelnemers__gemeente__in=zichtbare_gemeenten(user)).distinct()


def mag_herinneringen_pauzeren(user, gemeente: Gemeente) -> bool:
    """A coordinator, or the municipality's adviser (for instance while they are in touch by phone)."""
    if not _is_actief(user):
        return False
    return user.is_coordinator or (user.is_adviseur and mag_gemeente_zien(user, gemeente))
