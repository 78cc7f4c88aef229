"""Who may see and change advice sessions and trajecten.

Coordinators see all; advisers the sessions and trajecten of their CMO; officials those held with
their municipality (deleted sessions stay hidden from them). Only the session's own adviser (or a
coordinator) changes it, only the traject's leader (or a coordinator) changes a traject, and an
adviser logs only for municipalities in their CMO's provinces; a session imported from the past,
for those of the CMO the adviser worked for on the day it was held.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.permissions import is_actief, is_coordinator, mag_gemeente_zien, zichtbare_gemeenten
from advies.models import Adviesgesprek, Adviestraject, Adviseur
from gemeenten.models import Gemeente, Provincie


def zichtbare_gesprekken(user) -> QuerySet[Adviesgesprek]:
    if not is_actief(user):
        return Adviesgesprek.objects.none()
    if user.is_coordinator:
        return Adviesgesprek.objects.all()
    if user.is_adviseur:
        return gesprekken_van_organisatie(user.organisatie_id)
    if user.is_gemeente:
        return Adviesgesprek.objects.actief().filter(gemeenten=user.gemeente_id)
    return Adviesgesprek.objects.none()


def gesprekken_van_organisatie(organisatie_id: int | None) -> QuerySet[Adviesgesprek]:
    """A CMO's sessions, deleted ones included: its advisers see these, and a report about the CMO
    counts the active ones among them."""
    return Adviesgesprek.objects.filter(organisatie_id=organisatie_id)


def mag_verwijderde_gesprekken_zien(user) -> bool:
    """Deleted sessions are listed (and restored) by coordinators only."""
    return is_coordinator(user)


def mag_gesprekken_exporteren(user) -> bool:
    """The session export holds reports of several municipalities: not for officials."""
    return is_actief(user) and (user.is_coordinator or user.is_adviseur)


def gemeenten_om_voor_te_loggen(adviseur, al_gekozen=()) -> QuerySet[Gemeente]:
    """The municipalities ``adviseur`` may log a session for: those of their provinces that exist
    today, plus any already on the session (a session held before a merger keeps them)."""
    vandaag = timezone.localdate()
    ids = list(zichtbare_gemeenten(adviseur).bestaand_op(vandaag).values_list("pk", flat=True))
    return Gemeente.objects.filter(pk__in=ids + [g.pk for g in al_gekozen])


def trajecten_om_aan_te_koppelen(adviseur) -> QuerySet[Adviestraject]:
    """The running trajecten of the adviser's CMO, to which a session of theirs may belong."""
    return Adviestraject.objects.filter(organisatie_id=adviseur.organisatie_id).exclude(status="afgerond")


def adviseurs_van(organisaties) -> QuerySet[User]:
    """The advisers who work or worked for one of ``organisaties`` (from the pool, not from the
    sessions: a DISTINCT over every session is slow)."""
    return (
        User.objects.filter(rol=User.Rol.ADVISEUR)
        .filter(Q(organisatie__in=organisaties) | Q(adviseurschappen__organisatie__in=organisaties))
        .distinct()
    )


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


def _pool_perioden(adviseur) -> list[tuple[datetime.date, datetime.date | None, int]]:
    """The adviser's periods in the pool, asked once per user object (an import asks per row)."""
    onthouden = getattr(adviseur, "_pool_perioden", None)
    if onthouden is None:
        onthouden = adviseur._pool_perioden = list(
            Adviseur.objects.filter(user=adviseur).values_list("actief_van", "actief_tot", "organisatie_id")
        )
    return onthouden


def cmo_op(adviseur, datum: datetime.date) -> int | None:
    """The CMO a session ``adviseur`` held on ``datum`` belongs to: that of their period in the
    pool on that day (their CMO when the pool holds no periods for them); None: not in the pool."""
    perioden = _pool_perioden(adviseur)
    if not perioden:
        return adviseur.organisatie_id
    return next((cmo for van, tot, cmo in perioden if van <= datum and (tot is None or datum < tot)), None)


def _provincies_van_cmo(adviseur, cmo: int) -> frozenset[int]:
    onthouden = getattr(adviseur, "_cmo_provincies", None)
    if onthouden is None:
        onthouden = adviseur._cmo_provincies = {}
    if cmo not in onthouden:
        onthouden[cmo] = frozenset(Provincie.objects.filter(organisaties=cmo).values_list("pk", flat=True))
    return onthouden[cmo]


def pool_vooraf_laden(adviseurs) -> None:
    """Ask the pool periods of ``adviseurs`` and the provinces of their CMOs in two queries, for
    ``cmo_op`` and ``mag_loggen_voor_gemeente_op`` (a batch of sessions asks them per session)."""
    nieuw = {a.pk: a for a in adviseurs if getattr(a, "_pool_perioden", None) is None}
    perioden: dict[int, list] = {pk: [] for pk in nieuw}
    rijen = Adviseur.objects.filter(user__in=nieuw).values_list(
        "user", "actief_van", "actief_tot", "organisatie"
    )
    for user, van, tot, cmo in rijen:
        perioden[user].append((van, tot, cmo))
    for pk, adviseur in nieuw.items():
        adviseur._pool_perioden = perioden[pk]
    cmos = {cmo for a in adviseurs for cmo in [a.organisatie_id, *(p[2] for p in a._pool_perioden)]} - {None}
    provincies: dict[int, set[int]] = {cmo: set() for cmo in cmos}
    for provincie, cmo in Provincie.objects.filter(organisaties__in=cmos).values_list("pk", "organisaties"):
        provincies[cmo].add(provincie)
    for adviseur in adviseurs:
        onthouden = adviseur.__dict__.setdefault("_cmo_provincies", {})
        for cmo, ids in provincies.items():
            onthouden.setdefault(cmo, frozenset(ids))


def mag_loggen_voor_gemeente_op(adviseur, gemeente: Gemeente, datum: datetime.date) -> bool:
    """A session from the past (an import) lies in the scope of the CMO the adviser worked for on
    the day it was held: the municipalities of that CMO's provinces."""
    cmo = cmo_op(adviseur, datum)
    return cmo is not None and gemeente.provincie_id in _provincies_van_cmo(adviseur, cmo)


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
