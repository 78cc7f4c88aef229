"""Reads about municipalities over time, for views and reports.

"Which municipalities exist on date D" and "what became of municipality M by date D", following
the mergers (``Herindeling``) between 2009 and 2012.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, QuerySet

from gemeenten.models import Gemeente, Herindeling


def gemeenten_op(datum: datetime.date) -> QuerySet[Gemeente]:
    return Gemeente.objects.bestaand_op(datum).select_related("provincie")


def indeling_voor(gemeente: Gemeente, datum: datetime.date) -> datetime.date:
    """The date whose borders hold ``gemeente`` as of ``datum``: ``datum`` while it exists, its
    last day once it was dissolved, its first day before it was formed."""
    if gemeente.geldig_tot is not None and datum >= gemeente.geldig_tot:
        return gemeente.geldig_tot - datetime.timedelta(days=1)
    if gemeente.geldig_van is not None and datum < gemeente.geldig_van:
        return gemeente.geldig_van
    return datum


def _opvolgers_per_gemeente(tot_en_met: datetime.date) -> dict[int, list[tuple[datetime.date, int]]]:
    opvolgers: dict[int, list[tuple[datetime.date, int]]] = defaultdict(list)
    for datum, opgeheven_id, opvolger_id in Herindeling.objects.filter(datum__lte=tot_en_met).values_list(
        "datum", "opgeheven_id", "opvolger_id"
    ):
        opvolgers[opgeheven_id].append((datum, opvolger_id))
    return opvolgers


def opvolger_ids_op(datum: datetime.date) -> dict[int, set[int]]:
    """For every municipality that was dissolved by ``datum``: the ids it lives on in then.

    Follows chains of mergers; a municipality split over several successors maps to all of them.
    Municipalities that still exist on ``datum`` are not in the mapping (they are their own).
    """
    opvolgers = _opvolgers_per_gemeente(datum)
    resultaat: dict[int, set[int]] = {}

    def volg(gemeente_id: int, gezien: frozenset[int]) -> set[int]:
        if gemeente_id not in opvolgers or gemeente_id in gezien:
            return {gemeente_id}
        eind: set[int] = set()
        for _, opvolger_id in opvolgers[gemeente_id]:
            eind |= volg(opvolger_id, gezien | {gemeente_id})
        return eind

    for gemeente_id in opvolgers:
        resultaat[gemeente_id] = volg(gemeente_id, frozenset())
    return resultaat


def voortgezet_in(gemeenten: Iterable[Gemeente], datum: datetime.date) -> dict[int, set[int]]:
    """Each of ``gemeenten`` (instances, or a queryset of them) by id → the municipalities existing
    on ``datum`` that it is or lives on in: itself while it exists, its successors (``opvolger_ids_op``,
    through chains and splits) once dissolved, none when it was formed after ``datum``. The one way
    a rule or report counts what a municipality did within the borders of a date; the union of the
    values is every municipality they reach. One query (and the queryset's own)."""
    opvolgers = opvolger_ids_op(datum)
    return {
        g.pk: opvolgers[g.pk] if g.pk in opvolgers else ({g.pk} if g.bestaat_op(datum) else set())
        for g in gemeenten
    }


def opvolgers_op(gemeente: Gemeente, datum: datetime.date) -> list[Gemeente]:
    """The municipality or municipalities that ``gemeente`` is part of on ``datum``."""
    if gemeente.bestaat_op(datum):
        return [gemeente]
    ids = opvolger_ids_op(datum).get(gemeente.pk)
    if not ids:
        return []
    return list(Gemeente.objects.filter(pk__in=ids).order_by("naam"))


def voorganger_ids(datum: datetime.date) -> dict[int, set[int]]:
    """For every municipality existing on ``datum``: the ids of the ones that merged into it."""
    voorgangers: dict[int, set[int]] = defaultdict(set)
    for opgeheven_id, opvolger_ids in opvolger_ids_op(datum).items():
        for opvolger_id in opvolger_ids:
            voorgangers[opvolger_id].add(opgeheven_id)
    return voorgangers


def voorgangers(gemeente: Gemeente, datum: datetime.date | None = None) -> list[Gemeente]:
    """The municipalities that merged (directly or through a chain) into ``gemeente``."""
    peildatum = datum or datetime.date.max
    ids = voorganger_ids(peildatum).get(gemeente.pk, set())
    return list(Gemeente.objects.filter(pk__in=ids).order_by("naam"))


def aantal_per_provincie(gemeenten: QuerySet[Gemeente], datum: datetime.date) -> list[dict]:
    """How many of ``gemeenten`` exist on ``datum``, per province (for dashboards)."""

    return list(
        gemeenten.bestaand_op(datum)
        .values("provincie__naam")
        .annotate(aantal=Count("id"))
        .order_by("provincie__naam")
    )
