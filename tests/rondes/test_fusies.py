"""A round asks the one rule for "has taken part" (nulmeting.selectors.ingediend_door_zelf_of_voorganger):
a municipality whose predecessors submitted counts once as submitted in the response, on the map,
in the submissions per week and on its official's dashboard, and is not invited or reminded."""

import datetime

import pytest

from gemeenten.models import Gemeente
from rondes import selectors
from rondes.services import ronde_uitnodigen
from rondes.verzending import nog_niet_ingediend
from tests.accounts.factories import GemeenteAccountFactory
from tests.nulmeting.factories import MetingFactory
from tests.rondes.ronde_helpers import START, contact, om
from tests.tweede_factor import geverifieerd_inloggen


@pytest.fixture
def voorgangers_ingediend(ronde, nulmeting):
    """Sneek and Bolsward, Súdwest-Fryslân since 2011, submitted in 2009; the round for Friesland
    opened in 2013, on the borders that hold Súdwest-Fryslân."""
    for code, dag in (("GM0091", datetime.date(2009, 10, 1)), ("GM0064", datetime.date(2009, 11, 2))):
        MetingFactory(
            gemeente=Gemeente.objects.get(cbs_code=code),
            vragenlijst=nulmeting,
            ingediend=True,
            ingediend_op=om(dag),
        )
    return Gemeente.objects.get(cbs_code="GM1900")


def test_a_merged_municipality_counts_once_as_submitted(ronde, voorgangers_ingediend, klok):
    sudwest = voorgangers_ingediend
    alle = Gemeente.objects.all()
    assert selectors.voortgang(ronde, alle)[0] | {"procent": None} == {
        "provincie": "Friesland",
        "doel": 27,
        "uitgenodigd": 1,
        "gestart": 1,
        "ingediend": 1,
        "procent": None,
    }
    assert selectors.status_per_gemeente(ronde, alle)["GM1900"] == "ingediend"
    assert sudwest.pk not in {d.gemeente_id for d in selectors.niet_gereageerd(ronde, alle)}
    assert selectors.niet_gereageerd(ronde, alle).count() == 26
    klok.naar(START + datetime.timedelta(days=8))
    _, perioden = selectors.ingediend_per_periode(ronde, alle)
    assert [(p["nieuw"], p["cumulatief"]) for p in perioden] == [(1, 1), (0, 1)]  # once, in the first week


def test_a_merged_municipality_that_took_part_is_not_invited(ronde, voorgangers_ingediend, coordinator):
    contact("GM1900")
    contact("GM0080")
    assert voorgangers_ingediend.pk not in set(
        nog_niet_ingediend(ronde).values_list("gemeente_id", flat=True)
    )
    opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://testserver/")
    assert set(opdracht.verzendingen.values_list("deelnemer__gemeente__cbs_code", flat=True)) == {"GM0080"}


def test_its_official_sees_the_round_submitted_by_the_predecessors(
    client, ronde, voorgangers_ingediend, klok
):
    geverifieerd_inloggen(client, GemeenteAccountFactory(gemeente=voorgangers_ingediend))
    pagina = client.get("/overzicht/").content.decode()
    assert "ingediend door voorgangers" in pagina and "beginnen" not in pagina
    for code, naam in (("GM0091", "Sneek"), ("GM0064", "Bolsward")):
        assert (
            f'<a href="/nulmeting/{code}/nulmeting-2009/uitslag/">Nulmeting 2009 van {naam} '
            "(opgegaan in Súdwest-Fryslân op 1-1-2011)</a>" in pagina
        )
