"""'An adviser is active on a date' is one rule (``advies.models.is_actief``, and
``actief_op_filter`` for queries): from ``actief_van`` inclusive until ``actief_tot`` exclusive.
Every reader — a period itself, the queryset, the pool page per CMO and the reports' pool — asks
it, so they agree on the days a period begins and ends."""

import datetime

import pytest

from advies import selectors
from advies.models import Adviseur, actief_op_filter, is_actief
from advies.services import adviseur_beeindigen, adviseur_toevoegen
from gemeenten.models import Organisatie
from rapportage import selectors as rapportage
from tests.rapportage.rapportage_helpers import moment

D = datetime.date

# Eva is active in 2010 (until 1 January 2011, exclusive); Tess from 1 June 2010, open-ended.
ACTIEF = {
    D(2009, 12, 31): 0,
    D(2010, 1, 1): 1,
    D(2010, 5, 31): 1,
    D(2010, 6, 1): 2,
    D(2010, 12, 31): 2,
    D(2011, 1, 1): 1,
    D(2012, 10, 1): 1,
}


@pytest.fixture
def perioden(referentiedata, coordinator) -> list[Adviseur]:
    stamm = Organisatie.objects.get(naam="Stamm")
    eva = adviseur_toevoegen(
        naam="Eva",
        email="eva@stamm.example.nl",
        organisatie=stamm,
        actief_van=D(2010, 1, 1),
        door=None,
        vastgelegd_op=moment(2010, 1, 1),
    )
    adviseur_beeindigen(periode=eva, per=D(2011, 1, 1), door=coordinator, vastgelegd_op=moment(2010, 12, 1))
    tess = adviseur_toevoegen(
        naam="Tess",
        email="tess@stamm.example.nl",
        organisatie=stamm,
        actief_van=D(2010, 6, 1),
        door=None,
        vastgelegd_op=moment(2010, 6, 1),
    )
    return [eva, tess]


@pytest.mark.parametrize("dag", ACTIEF)
def test_every_reader_counts_the_same_advisers_active_on_the_boundary_days(perioden, dag):
    verwacht = ACTIEF[dag]
    assert sum(is_actief(p.actief_van, p.actief_tot, dag) for p in perioden) == verwacht
    assert sum(p.is_actief_op(dag) for p in perioden) == verwacht
    assert Adviseur.objects.actief_op(dag).count() == verwacht
    assert Adviseur.objects.filter(actief_op_filter(dag)).count() == verwacht
    assert Organisatie.objects.filter(actief_op_filter(dag, via="adviseurs")).distinct().count() == min(
        verwacht, 1
    )
    assert {r["naam"]: r["actief"] for r in selectors.pool_op(dag) if r["actief"]} == (
        {"Stamm": verwacht} if verwacht else {}
    )
    pool = rapportage.pool(D(2012, 10, 1), rapportage.Afbakening())
    assert rapportage.pool_grootte(pool, dag) == verwacht
    assert rapportage.pool_per_cmo(pool, dag).to_dict("records") == (
        [{"cmo": "Stamm", "actief": verwacht}] if verwacht else []
    )


def test_the_reports_read_a_pool_without_any_end_date_by_the_same_rule(referentiedata):
    adviseur_toevoegen(
        naam="Tess",
        email="tess@stamm.example.nl",
        organisatie=Organisatie.objects.get(naam="Stamm"),
        actief_van=D(2010, 6, 1),
        door=None,
        vastgelegd_op=moment(2010, 6, 1),
    )
    pool = rapportage.pool(D(2012, 10, 1), rapportage.Afbakening())
    assert pool["actief_tot"].isna().all()
    assert rapportage.pool_grootte(pool, D(2010, 5, 31)) == 0
    assert rapportage.pool_grootte(pool, D(2010, 6, 1)) == 1
