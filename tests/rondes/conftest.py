import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gemeenten.models import Gemeente, Provincie
from rondes.models import Ronde, Verzending
from rondes.services import ronde_openen
from tests.gemeenten.factories import ContactpersoonFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START = datetime.date(2013, 3, 4)  # a Monday


def om(dag: datetime.date, uur: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(dag, datetime.time(uur), tzinfo=AMSTERDAM)


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


def contact(cbs_code: str, email: str | None = None, **kwargs):
    return ContactpersoonFactory(
        gemeente=Gemeente.objects.get(cbs_code=cbs_code),
        email=email or f"contact@{cbs_code.lower()}.example.nl",
        **kwargs,
    )


def verzendingen(**filters) -> list[Verzending]:
    return list(Verzending.objects.filter(**filters).order_by("email", "volgnummer"))
