"""The rounds' calendar (a Monday in 2013 as the opening day, times in Amsterdam), contact persons
to mail, and the mails sent."""

import datetime
from zoneinfo import ZoneInfo

from gemeenten.models import Gemeente
from rondes.models import Verzending
from tests.gemeenten.factories import ContactpersoonFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START = datetime.date(2013, 3, 4)  # a Monday


def om(dag: datetime.date, uur: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(dag, datetime.time(uur), tzinfo=AMSTERDAM)


def contact(cbs_code: str, email: str | None = None, **kwargs):
    return ContactpersoonFactory(
        gemeente=Gemeente.objects.get(cbs_code=cbs_code),
        email=email or f"contact@{cbs_code.lower()}.example.nl",
        **kwargs,
    )


def verzendingen(**filters) -> list[Verzending]:
    return list(Verzending.objects.filter(**filters).order_by("email", "volgnummer"))
