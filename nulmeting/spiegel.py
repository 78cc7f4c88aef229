"""The spiegel: a municipality's own result per basisfunctie next to its province and the country,
and with an eenmeting its change next to theirs. The own result is exact; every figure about
other municipalities comes from ``afscherming.groepscijfers`` (decision 0022)."""

from dataclasses import dataclass

from nulmeting.afscherming import LAND, Aandeel, Groepscijfers, Verandering, groepscijfers
from nulmeting.models import Basisfunctie, Meting, Score, Vragenlijst
from nulmeting.selectors import VergelijkingRij, vergelijking


@dataclass(frozen=True)
class SpiegelRij:
    basisfunctie: Basisfunctie
    score: Score | None
    provincie: Aandeel
    land: Aandeel


@dataclass(frozen=True)
class VeranderingRij:
    """Per basisfunctie: the municipality's own nulmeting and eenmeting, next to the change in its
    province and the country over the municipalities with both metingen (the panel)."""

    eigen: VergelijkingRij
    provincie: Verandering | None
    land: Verandering | None

    @property
    def basisfunctie(self) -> Basisfunctie:
        return self.eigen.basisfunctie


def basisfuncties_van(vragenlijst: Vragenlijst):
    return Basisfunctie.objects.filter(vragen__vragenlijst=vragenlijst).distinct().order_by("volgorde")


def spiegel(meting: Meting, cijfers: Groepscijfers) -> list[SpiegelRij]:
    """Per basisfunctie of the questionnaire: the own score next to the figures of its province
    and the country in ``cijfers`` (``groepscijfers`` of the meting's questionnaire)."""
    provincie = meting.gemeente.provincie.cbs_code
    eigen = {s.basisfunctie_id: s for s in meting.scores.all()}
    return [
        SpiegelRij(b, eigen.get(b.pk), cijfers.van(provincie, b.pk), cijfers.van(LAND, b.pk))
        for b in basisfuncties_van(meting.vragenlijst)
    ]


def verandering(eenmeting: Meting, cijfers: Groepscijfers) -> list[VeranderingRij] | None:
    """The own change per basisfunctie (``selectors.vergelijking``) next to the panel's change in
    the province and the country, when ``eenmeting`` follows a submitted nulmeting."""
    eigen = vergelijking(eenmeting)
    if eigen is None:
        return None
    provincie = eenmeting.gemeente.provincie.cbs_code
    return [
        VeranderingRij(
            r,
            cijfers.verandering(provincie, r.basisfunctie.pk),
            cijfers.verandering(LAND, r.basisfunctie.pk),
        )
        for r in eigen
    ]


def spiegelcijfers(meting: Meting, kijker) -> Groepscijfers:
    """The figures the spiegel of ``meting`` shows to ``kijker``."""
    return groepscijfers(meting.vragenlijst, kijker)
