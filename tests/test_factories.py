"""The factories build objects the product itself accepts: each passes its model's validation,
and a session meets every rule of logging one."""

import pytest

from advies.models import Onderwerp
from advies.services import controleer_gesprek
from tests.advies.factories import AdviesgesprekFactory, AdviseurPeriodeFactory
from tests.gemeenten.factories import GemeenteFactory
from tests.nulmeting.factories import MetingFactory
from tests.rapportage.factories import RapportFactory
from tests.rondes.factories import RondeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("onderwerp", Onderwerp.values)
def test_a_session_meets_every_rule_of_logging_one(onderwerp):
    gesprek = AdviesgesprekFactory(onderwerp=onderwerp)
    gesprek.full_clean()
    assert gesprek.gemeenten.exists() and gesprek.themas.exists()
    assert (
        controleer_gesprek(
            adviseur=gesprek.adviseur,
            datum=gesprek.datum,
            gemeenten=gesprek.gemeenten.all(),
            onderwerp=gesprek.onderwerp,
            themas=gesprek.themas.all(),
            uren=gesprek.uren,
        )
        == {}
    )
    assert gesprek.organisatie == gesprek.adviseur.organisatie


@pytest.mark.parametrize(
    "maak",
    [
        MetingFactory,
        lambda: MetingFactory(ingediend=True),
        AdviseurPeriodeFactory,
        RapportFactory,
        lambda: RondeFactory(gemeenten=[GemeenteFactory(), GemeenteFactory()]),
    ],
    ids=["meting", "ingediende meting", "adviseursperiode", "rapport", "ronde"],
)
def test_every_other_factory_builds_a_valid_object(maak):
    gemaakt = maak()
    gemaakt.full_clean()


def test_a_round_has_the_target_group_it_is_given():
    gemeenten = [GemeenteFactory(), GemeenteFactory()]
    ronde = RondeFactory(gemeenten=gemeenten)
    assert [d.gemeente for d in ronde.deelnemers.order_by("gemeente__cbs_code")] == gemeenten
    for deelnemer in ronde.deelnemers.all():
        deelnemer.full_clean()
    assert ronde.is_open_op(ronde.opent_op) and ronde.aangemaakt_door.is_coordinator
