import datetime

import pytest
import time_machine

from gemeenten.models import Provincie
from rondes.models import Ronde
from rondes.services import ronde_openen
from tests.rondes.ronde_helpers import START, om


@pytest.fixture
def klok():
    """The clock, frozen at 09:00 on START; ``klok.naar(dag)`` moves it to 09:00 on another day."""
    with time_machine.travel(om(START), tick=False) as reiziger:
        reiziger.naar = lambda dag: reiziger.move_to(om(dag))
        yield reiziger


@pytest.fixture
def friesland(referentiedata) -> Provincie:
    return Provincie.objects.get(naam="Friesland")


@pytest.fixture
def ronde(klok, coordinator, nulmeting, friesland) -> Ronde:
    """A round of the nulmeting for Friesland, open from START for eight weeks."""
    return ronde_openen(
        vragenlijst=nulmeting,
        naam="Nulmeting Friesland 2013",
        opent_op=START,
        sluit_op=START + datetime.timedelta(weeks=8),
        provincies=[friesland],
        door=coordinator,
    )
