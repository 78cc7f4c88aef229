"""Who may see and change what, about municipalities, provinces and accounts: the base of the
permission rules, asked by every view, form, selector and export.

Each domain app keeps the rules about its own objects in its ``permissions`` module, built on these:
``advies.permissions`` (sessions, trajecten), ``rondes.permissions`` (rounds, reminders),
``rapportage.permissions`` (report runs). No other module decides scope.

Rules (DESIGN.md §2):
- coördinator: everything;
- adviseur: municipalities in the provinces of their CMO;
- gemeente: their own municipality only, and the nulmeting results of the municipalities that
  merged into it (``mag_uitslag_zien``);
- anonymous: nothing.

Views never decide scope by themselves: they call ``zichtbare_gemeenten`` to build a list,
``zichtbare_gemeente`` to open one municipality, or ``vereis(...)`` with one of the predicates below
before touching an object.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from gemeenten.models import Gemeente, Organisatie, Provincie
from gemeenten.selectors import opvolger_ids_op, voorganger_ids


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


def mag_uitslag_zien(user, gemeente: Gemeente) -> bool:
    """A municipality's nulmeting results (its result page and PDFs): whoever may see the
    municipality, and whoever may see a municipality it has merged into — an official sees the
    results of their municipality's predecessors (following chains), labelled as theirs."""
    return gemeente.pk in zichtbare_uitslagen(user, [gemeente])


def zichtbare_uitslagen(user, gemeenten: Iterable[Gemeente]) -> set[int]:
    """The ids of those of ``gemeenten`` whose results ``user`` may see (``mag_uitslag_zien``),
    asked at once for a page that links several."""
    gemeenten = list(gemeenten)
    zichtbaar = {g.pk for g in gemeenten if mag_gemeente_zien(user, g)}
    opgeheven = [g for g in gemeenten if g.pk not in zichtbaar and g.geldig_tot is not None]
    if not opgeheven or not is_actief(user):
        return zichtbaar
    opvolgers = opvolger_ids_op(timezone.localdate())
    kandidaten = set().union(*(opvolgers.get(g.pk, set()) for g in opgeheven))
    te_zien = {o.pk for o in Gemeente.objects.filter(pk__in=kandidaten) if mag_gemeente_zien(user, o)}
    return zichtbaar | {g.pk for g in opgeheven if opvolgers.get(g.pk, set()) & te_zien}


def gemeenten_met_zichtbare_uitslag(user) -> QuerySet[Gemeente]:
    """The municipalities whose results ``user`` may see, as a queryset for lists: those they see,
    and those merged into one of them (their predecessors' results). The same rule as
    ``zichtbare_uitslagen``, asked for all at once."""
    zichtbaar = zichtbare_gemeenten(user)
    if not is_actief(user) or user.is_coordinator:
        return zichtbaar
    eigen = set(zichtbaar.values_list("pk", flat=True))
    per_opvolger = voorganger_ids(timezone.localdate())
    return Gemeente.objects.filter(pk__in=eigen.union(*(per_opvolger.get(pk, set()) for pk in eigen)))


def mag_exacte_groepscijfers_zien(user) -> bool:
    """Exact, live figures about groups of municipalities (a province, the country): only for
    whoever may see every municipality's result anyway — a coordinator. Everyone else (an
    adviser, an official, an anonymous visitor of an open API) sees them under the disclosure
    rule of ``nulmeting.afscherming`` (decision 0022)."""
    return is_actief(user) and user.is_coordinator


def zichtbare_uitslag(user, cbs_code: str) -> Gemeente:
    """The municipality with ``cbs_code`` whose results ``user`` opens, or 404; 403 when
    ``mag_uitslag_zien`` says no."""
    gemeente = get_object_or_404(Gemeente.objects.select_related("provincie"), cbs_code=cbs_code.upper())
    vereis(mag_uitslag_zien(user, gemeente))
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


def mag_account_kennen(user, account) -> bool:
    """Whether ``user`` may learn that ``account`` exists (an invitation to its address is then
    refused as such): coordinators of every account; an adviser of the officials of the
    municipalities they see and of their CMO's advisers; an official of their colleagues. To
    anyone else an address with an account looks like any other address."""
    if not is_actief(user):
        return False
    if user.is_coordinator:
        return True
    if account.gemeente_id is not None and (user.is_adviseur or user.is_gemeente):
        return mag_gemeente_zien(user, account.gemeente)
    return user.is_adviseur and account.is_adviseur and account.organisatie_id == user.organisatie_id


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


def mag_tweede_factor_resetten(door, user) -> bool:
    """Only a coordinator takes away another account's second factor (a lost phone)."""
    return is_actief(door) and door.is_coordinator and door.pk != getattr(user, "pk", None)


def mag_audit_inzien(user) -> bool:
    """The audit trail and the access review: coordinators only."""
    return is_actief(user) and user.is_coordinator


def mag_persoonsgegevens_beheren(user) -> bool:
    """Export or erase one person's data (AVG): coordinators only."""
    return is_actief(user) and user.is_coordinator
