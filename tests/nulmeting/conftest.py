import pytest

from nulmeting.models import Vragenlijst
from nulmeting.services import vragenlijsten_laden


@pytest.fixture
def nulmeting(db) -> Vragenlijst:
    vragenlijsten_laden()
    return Vragenlijst.objects.get(code="nulmeting-2009")


def alles_goed(vragenlijst: Vragenlijst) -> dict[str, str]:
    """Answers that give every question its maximum points."""
    antwoorden = {}
    for vraag in vragenlijst.opbouw.vragen:
        if vraag.type == "getal":
            antwoorden[vraag.code] = str(vraag.schijven[-1].vanaf)
        elif vraag.opties:
            antwoorden[vraag.code] = max(vraag.opties, key=lambda o: o.punten).waarde
    return antwoorden
