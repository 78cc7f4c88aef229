"""Who may see and change what, about municipalities, provinces and accounts: the base of the
permission rules, asked by every view, form, selector and export.

Each domain app keeps the rules about its own objects in its ``permissions`` module, built on these:
``advies.permissions`` (sessions, trajecten), ``rondes.permissions`` (rounds, reminders),
``rapportage.permissions`` (report runs). No other module decides scope.

Rules (DESIGN.md §2):
- coördinator: everything;
- adviseur: municipalities in the provinces of their CMO;
- gemeente: their own municipality only;
- anonymous: nothing.

Views never decide scope by themselves: they call ``zichtbare_gemeenten`` to build a list,
``zichtbare_gemeente`` to open one municipality, or ``vereis(...)`` with one of the predicates below
before touching an object.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from gemeenten.models import Gemeente, Organisatie, Provincie


def is_actief(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def provincies_van(user) -> QuerySet[Provincie]:
    """The provinces whose municipalities ``user`` may see."""
    if not is_actief(user):
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
    if not is_actief(user):
        return Gemeente.objects.none()
    if user.is_coordinator:
        return Gemeente.objects.all()
    if user.is_adviseur:
        return gemeenten_van_organisatie(user.organisatie_id)
    if user.is_gemeente:
        return Gemeente.objects.filter(pk=user.gemeente_id)
    return Gemeente.objects.none()


def gemeenten_van_organisatie(organisatie_id: int | None) -> QuerySet[Gemeente]:
    """The municipalities a CMO works for: those in its provinces (its advisers see these, and a
    report about the CMO counts these)."""
    return Gemeente.objects.filter(provincie__organisaties=organisatie_id)


def zichtbare_organisaties(user) -> QuerySet[Organisatie]:
    """The CMOs whose sessions, advisers and reports ``user`` may see: all for a coordinator, their
    own for an adviser, none for an official."""
    if not is_actief(user):
        return Organisatie.objects.none()
    if user.is_coordinator:
        return Organisatie.objects.all()
    return (
        Organisatie.objects.filter(pk=user.organisatie_id) if user.is_adviseur else Organisatie.objects.none()
    )


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
    if not is_actief(user):
        return False
    if user.is_coordinator:
        return True
    if user.is_adviseur:
        return gemeente.provincie_id in _provincie_ids_van_adviseur(user)
    if user.is_gemeente:
        return gemeente.pk == user.gemeente_id
    return False


def zichtbare_gemeente(user, cbs_code: str) -> Gemeente:
    """The municipality with ``cbs_code`` (any case), or 404; 403 when ``user`` may not see it."""
    gemeente = get_object_or_404(Gemeente.objects.select_related("provincie"), cbs_code=cbs_code.upper())
    vereis(mag_gemeente_zien(user, gemeente))
    return gemeente


def mag_vragenlijst_invullen(user, gemeente: Gemeente) -> bool:
    """Only the municipality's own officials fill in its questionnaires (coordinators may too)."""
    if not is_actief(user):
        return False
    return user.is_coordinator or (user.is_gemeente and gemeente.pk == user.gemeente_id)


def mag_uitnodigen(user, gemeente: Gemeente) -> bool:
    """Coordinators invite anywhere; advisers for municipalities in their CMO's provinces."""
    if not is_actief(user):
        return False
    if user.is_coordinator:
        return True
    return user.is_adviseur and mag_gemeente_zien(user, gemeente)


def mag_contacten_beheren(user, gemeente: Gemeente) -> bool:
    """Contacts of a municipality: coordinators, its advisers, and its own officials (their own
    details and their colleagues')."""
    if not is_actief(user):
        return False
    return user.is_coordinator or (
        (user.is_adviseur or user.is_gemeente) and mag_gemeente_zien(user, gemeente)
    )


def is_coordinator(user) -> bool:
    return is_actief(user) and user.is_coordinator


def mag_meting_heropenen(user) -> bool:
    """Only a coordinator reopens a submitted meting (with a reason)."""
    return is_coordinator(user)


def mag_importeren(user) -> bool:
    """Files of historical data and reference figures are imported by coordinators; ``None`` is a
    management command (or the demo build), run by whoever runs the server."""
    return user is None or is_coordinator(user)


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
