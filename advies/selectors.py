"""Reads of advice sessions, trajecten and the pool, scoped by ``accounts.permissions``."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from advies.models import Adviesgesprek, Adviestraject, Adviseur, Thema
from advies.permissions import mag_verwijderde_gesprekken_zien, zichtbare_gesprekken, zichtbare_trajecten
from gemeenten.models import Gemeente, Organisatie
from gemeenten.selectors import voorganger_ids
from nulmeting.models import Score


@dataclass
class GesprekFilter:
    van: datetime.date | None = None
    tot: datetime.date | None = None
    provincie_id: int | None = None
    organisatie_id: int | None = None
    adviseur_id: int | None = None
    gemeente_id: int | None = None
    onderwerp: str = ""
    thema_id: int | None = None
    alleen_verwijderd: bool = False


def gesprekken_voor_lijst(user: User, filter_: GesprekFilter) -> QuerySet[Adviesgesprek]:
    """The sessions ``user`` may see, filtered, with everything the list and export show."""
    gesprekken = zichtbare_gesprekken(user)
    if filter_.alleen_verwijderd and mag_verwijderde_gesprekken_zien(user):
        gesprekken = gesprekken.filter(verwijderd_op__isnull=False)
    else:
        gesprekken = gesprekken.actief()
    if filter_.van:
        gesprekken = gesprekken.filter(datum__gte=filter_.van)
    if filter_.tot:
        gesprekken = gesprekken.filter(datum__lte=filter_.tot)
    if filter_.organisatie_id:
        gesprekken = gesprekken.filter(organisatie_id=filter_.organisatie_id)
    if filter_.adviseur_id:
        gesprekken = gesprekken.filter(adviseur_id=filter_.adviseur_id)
    if filter_.onderwerp:
        gesprekken = gesprekken.filter(onderwerp=filter_.onderwerp)
    # Filters over many-to-many relations go through a subquery so a session is listed once.
    if filter_.gemeente_id:
        gesprekken = gesprekken.filter(
            pk__in=Adviesgesprek.gemeenten.through.objects.filter(gemeente_id=filter_.gemeente_id).values(
                "adviesgesprek_id"
            )
        )
    if filter_.provincie_id:
        gesprekken = gesprekken.filter(
            pk__in=Adviesgesprek.gemeenten.through.objects.filter(
                gemeente__provincie_id=filter_.provincie_id
            ).values("adviesgesprek_id")
        )
    if filter_.thema_id:
        gesprekken = gesprekken.filter(
            pk__in=Adviesgesprek.themas.through.objects.filter(thema_id=filter_.thema_id).values(
                "adviesgesprek_id"
            )
        )
    return (
        gesprekken.select_related("adviseur", "organisatie", "traject")
        .prefetch_related(
            Prefetch("gemeenten", queryset=Gemeente.objects.select_related("provincie").order_by("naam")),
            Prefetch("themas", queryset=Thema.objects.order_by("volgorde")),
        )
        .order_by("-datum", "-gerapporteerd_op", "-pk")
    )


EXPORT_KOLOMMEN = [
    "id",
    "datum",
    "gerapporteerd_op",
    "adviseur",
    "adviseur_email",
    "cmo",
    "gemeenten",
    "cbs_codes",
    "provincies",
    "onderwerp",
    "themas",
    "uren",
    "traject",
    "verslag",
    "vervolgafspraken",
]


def export_rijen(gesprekken) -> list[list]:

    rijen = []
    for g in gesprekken:
        gemeenten = list(g.gemeenten.all())
        rijen.append(
            [
                g.pk,
                g.datum,
                timezone.localtime(g.gerapporteerd_op),
                str(g.adviseur),
                g.adviseur.email,
                g.organisatie.naam,
                "; ".join(x.naam for x in gemeenten),
                "; ".join(x.cbs_code for x in gemeenten),
                "; ".join(sorted({x.provincie.naam for x in gemeenten})),
                g.get_onderwerp_display(),
                "; ".join(t.naam for t in g.themas.all()),
                g.uren,
                str(g.traject) if g.traject else "",
                g.verslag,
                g.vervolgafspraken,
            ]
        )
    return rijen


def trajecten_voor_lijst(user: User) -> QuerySet[Adviestraject]:
    return (
        zichtbare_trajecten(user)
        .select_related("leider", "organisatie")
        .prefetch_related(Prefetch("gemeenten", queryset=Gemeente.objects.order_by("naam")))
        .annotate(
            uren_besteed=Coalesce(
                Sum("gesprekken__uren", filter=Q(gesprekken__verwijderd_op__isnull=True)), Decimal("0")
            )
        )
        .order_by("-aangemaakt_op")
    )


def pool_op(datum: datetime.date) -> list[dict]:
    """Active advisers per CMO on ``datum``."""
    return list(
        Organisatie.objects.annotate(
            actief=Count(
                "adviseurs",
                filter=Q(adviseurs__actief_van__lte=datum)
                & (Q(adviseurs__actief_tot__isnull=True) | Q(adviseurs__actief_tot__gt=datum)),
            )
        )
        .values("pk", "naam", "is_placeholder", "actief")
        .order_by("naam")
    )


def adviseurs_voor_lijst() -> QuerySet[Adviseur]:
    return Adviseur.objects.select_related("user", "organisatie").order_by(
        "organisatie__naam", "user__naam", "actief_van"
    )


def _besproken_met(gemeente: Gemeente) -> QuerySet:
    """Per basisfunctie (OuterRef), the sessions with ``gemeente`` that ticked one of its themes.
    Starting from the municipality's own sessions keeps this cheap when the programme has many."""
    return (
        Adviesgesprek.objects.actief()
        .filter(gemeenten=gemeente, themas__basisfunctie=OuterRef("basisfunctie"))
        .order_by()
        .values("themas__basisfunctie")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )


def gemeente_advies(user: User, gemeente: Gemeente) -> dict:
    """For a municipality page: its sessions and trajecten (as far as ``user`` may see them) and
    the basisfuncties its latest submitted nulmeting found weak, with how often each was discussed."""

    alle_gesprekken = gesprekken_voor_lijst(user, GesprekFilter(gemeente_id=gemeente.pk))
    gesprekken = list(alle_gesprekken[:50])
    trajecten = list(trajecten_voor_lijst(user).filter(gemeenten=gemeente))
    zwak = list(
        Score.objects.filter(meting__gemeente=gemeente, meting__status="ingediend", goed_voor_elkaar=False)
        .filter(
            meting__ingediend_op=gemeente.metingen.filter(status="ingediend")
            .order_by("-ingediend_op")
            .values("ingediend_op")[:1]
        )
        .select_related("basisfunctie")
        .annotate(besproken=Coalesce(Subquery(_besproken_met(gemeente)), 0))
        .order_by("basisfunctie__volgorde")
    )
    aantal = alle_gesprekken.count()
    return {
        "gesprekken": gesprekken,
        "aantal_gesprekken": aantal,
        "trajecten": trajecten,
        "zwakke_basisfuncties": zwak,
    }


def gesprekken_per_gemeente(
    gesprekken: QuerySet[Adviesgesprek], gemeenten: QuerySet[Gemeente], datum: datetime.date
) -> dict[str, int]:
    """CBS code → number of ``gesprekken`` held with each of ``gemeenten`` that exists on ``datum``
    (zero included), counting a municipality that merged into it by ``datum`` within its successor,
    as the reports count participation. A session with several of them counts once.

    Aggregates in the database: one count per municipality, and one conditional count per successor
    (there are a few dozen mergers, and no more as sessions grow)."""

    bestaand = gemeenten.bestaand_op(datum)
    codes = dict(bestaand.values_list("pk", "cbs_code"))
    koppelingen = Adviesgesprek.gemeenten.through.objects.filter(adviesgesprek__in=gesprekken)
    aantallen = dict(
        koppelingen.filter(gemeente__in=bestaand)
        .values("gemeente_id")
        .annotate(n=Count("adviesgesprek_id", distinct=True))
        .values_list("gemeente_id", "n")
    )
    samengesteld = {pk: ids | {pk} for pk, ids in voorganger_ids(datum).items() if pk in codes}
    if samengesteld:
        met_voorgangers = koppelingen.aggregate(
            **{
                f"g{pk}": Count("adviesgesprek_id", distinct=True, filter=Q(gemeente_id__in=ids))
                for pk, ids in samengesteld.items()
            }
        )
        aantallen.update({pk: met_voorgangers[f"g{pk}"] for pk in samengesteld})
    return {code: aantallen.get(pk, 0) for pk, code in codes.items()}
