"""Who may see and change advice sessions and trajecten.

Coordinators see all; advisers the sessions and trajecten of their CMO; officials those held with
their municipality (deleted sessions stay hidden from them). Only the session's own adviser (or a
coordinator) changes it, only the traject's leader (or a coordinator) changes a traject, and an
adviser logs only for municipalities in their CMO's provinces; a session imported from the past,
for those of the CMO the adviser worked for on the day it was held.

Advice requests, the nine-step plan and meetings (issue 19): an official asks advice for their own
municipality and keeps its plan; the advisers of the municipality's CMO see and accept its requests
and react on its plan; a meeting is seen by its CMO's advisers, by advisers of the provinces it was
held for and by officials of the municipalities that took part, and changed by whoever logged it.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.permissions import (
    is_actief,
    is_coordinator,
    mag_gemeente_zien,
    provincies_van,
    zichtbare_gemeenten,
)
from advies.models import Adviesaanvraag, Adviesgesprek, Adviestraject, Adviseur, Bijeenkomst
from advies.models import is_actief as periode_actief
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


def gesprekken_van_organisatie(organisatie_id: int | None, gesprekken: QuerySet | None = None) -> QuerySet:
    """A CMO's sessions, deleted ones included: its advisers see these, and a report about the CMO
    counts the active ones among them — of ``gesprekken`` (sessions, or versions of them as known at
    a moment) when given."""
    if gesprekken is None:
        gesprekken = Adviesgesprek.objects.all()
    return gesprekken.filter(organisatie_id=organisatie_id)


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
    return next((cmo for van, tot, cmo in perioden if periode_actief(van, tot, datum)), None)


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


def zichtbare_aanvragen(user) -> QuerySet[Adviesaanvraag]:
    """Advice requests: all for coordinators, the CMO's for its advisers, the own municipality's for
    an official."""
    if not is_actief(user):
        return Adviesaanvraag.objects.none()
    if user.is_coordinator:
        return Adviesaanvraag.objects.all()
    if user.is_adviseur:
        return Adviesaanvraag.objects.filter(organisatie_id=user.organisatie_id)
    if user.is_gemeente:
        return Adviesaanvraag.objects.filter(gemeente_id=user.gemeente_id)
    return Adviesaanvraag.objects.none()


def mag_advies_aanvragen(user, gemeente: Gemeente) -> bool:
    """Only an official asks advice, and only for their own municipality."""
    return is_actief(user) and user.is_gemeente and user.gemeente_id == gemeente.pk


def mag_aanvraag_aannemen(user, aanvraag: Adviesaanvraag) -> bool:
    """An adviser of the CMO the request went to accepts it."""
    return (
        is_actief(user)
        and user.is_adviseur
        and user.organisatie_id is not None
        and user.organisatie_id == aanvraag.organisatie_id
    )


def aanvragen_om_te_beantwoorden(adviseur) -> QuerySet[Adviesaanvraag]:
    """The open requests of the adviser's CMO, which a session of theirs may answer."""
    if not mag_gesprekken_loggen(adviseur):
        return Adviesaanvraag.objects.none()
    return Adviesaanvraag.objects.filter(organisatie_id=adviseur.organisatie_id).exclude(
        status=Adviesaanvraag.Status.AFGESLOTEN
    )


def mag_beleidsplan_bijhouden(user, gemeente: Gemeente) -> bool:
    """The municipality's own official keeps its plan (a coordinator may correct it)."""
    if not is_actief(user):
        return False
    return user.is_coordinator or (user.is_gemeente and user.gemeente_id == gemeente.pk)


def mag_op_beleidsplan_reageren(user, gemeente: Gemeente) -> bool:
    """Advisers of the municipality's provinces (and coordinators) react on its plan."""
    if not is_actief(user):
        return False
    return user.is_coordinator or (user.is_adviseur and mag_gemeente_zien(user, gemeente))


def zichtbare_bijeenkomsten(user) -> QuerySet[Bijeenkomst]:
    if not is_actief(user):
        return Bijeenkomst.objects.none()
    if user.is_coordinator:
        return Bijeenkomst.objects.all()
    if user.is_adviseur:
        in_provincies = Bijeenkomst.objects.filter(provincies__in=provincies_van(user)).values("pk")
        return Bijeenkomst.objects.filter(Q(organisatie_id=user.organisatie_id) | Q(pk__in=in_provincies))
    if user.is_gemeente:
        return Bijeenkomst.objects.filter(gemeenten=user.gemeente_id)
    return Bijeenkomst.objects.none()


def mag_bijeenkomsten_loggen(user) -> bool:
    """Advisers log the meetings of their CMO."""
    return mag_gesprekken_loggen(user)


def mag_bijeenkomst_wijzigen(user, bijeenkomst: Bijeenkomst) -> bool:
    if not is_actief(user):
        return False
    return user.is_coordinator or (user.is_adviseur and bijeenkomst.vastgelegd_door_id == user.pk)
