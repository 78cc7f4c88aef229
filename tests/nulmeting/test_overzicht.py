"""The coordinators' and advisers' overview: participation per province and the state per municipality."""

import datetime
import re

import pytest
from django.utils import timezone

from accounts.services import uitnodiging_maken
from gemeenten.models import Gemeente, Provincie
from nulmeting import services
from tests.nulmeting.antwoorden import goed_of_niet
from tests.tweede_factor import geverifieerd_inloggen


def rij(html: str, provincie: str) -> list[str]:
    gevonden = re.search(rf'<th scope="row" class="fw-normal">{provincie}</th>(.*?)</tr>', html, re.S)
    assert gevonden, provincie
    return re.findall(r'<td class="table-num">(.*?)</td>', gevonden.group(1))


def gemeente_rij(html: str, naam: str) -> list[str]:
    """Province, state and count of basisfuncties 'goed' of one municipality in the list."""
    gevonden = re.search(rf">{naam}</a></td>(.*?)</tr>", html, re.S)
    assert gevonden, naam
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", gevonden.group(1), re.S)
    ]


@pytest.fixture
def deelname(referentiedata, nulmeting, indienen, coordinator):
    for code in ("GM0080", "GM0060"):  # Leeuwarden and Ameland invited
        uitnodiging_maken(
            email=f"{code.lower()}@example.nl",
            gemeente=Gemeente.objects.get(cbs_code=code),
            door=coordinator,
            basis_url="http://testserver/",
        )
    indienen(
        "GM1900", nulmeting, goed_of_niet(nulmeting.opbouw, {"VW-VERTALEN", "MZ-INFORMATIE", "MZ-RESPIJT"})
    )
    indienen("GM0080", nulmeting, goed_of_niet(nulmeting.opbouw, set()))
    indienen("GM0344", nulmeting, goed_of_niet(nulmeting.opbouw, {"VW-VERTALEN"}))
    services.antwoorden_opslaan(
        gemeente=Gemeente.objects.get(cbs_code="GM0059"),
        vragenlijst=nulmeting,
        waarden={"VW-VERTALEN-1": "ja"},
        origineel={},
        door=coordinator,
    )
    # an eenmeting does not count in the nulmeting's overview
    een = services.eenmeting_openen(
        basis=nulmeting, code="eenmeting-2012", naam="Eenmeting 2012", door=coordinator
    )
    indienen("GM0307", een, goed_of_niet(nulmeting.opbouw, set()))


def provincie(naam: str) -> str:
    """The overview's filter on one province (the list is paged, the provinces in order)."""
    return f"provincie={Provincie.objects.get(naam=naam).pk}"


def test_participation_per_province_for_the_coordinator(client, deelname, coordinator):
    geverifieerd_inloggen(client, coordinator)
    html = client.get("/nulmeting/overzicht/").content.decode()
    # gemeenten, uitgenodigd, concept, ingediend, % ingediend (rounded half up)
    assert rij(html, "Friesland") == ["27", "2", "1", "2", "7%"]
    assert rij(html, "Utrecht") == ["26", "0", "0", "1", "4%"]
    assert rij(html, "Totaal") == ["415", "2", "1", "3", "1%"]
    assert rij(html, "Groningen")[3:] == ["0", "0%"]
    assert gemeente_rij(html, "Súdwest-Fryslân") == ["Friesland", "✔ ingediend", "3 van 13"]
    assert gemeente_rij(html, "Leeuwarden") == ["Friesland", "✔ ingediend", "0 van 13"]
    assert gemeente_rij(html, "Achtkarspelen") == ["Friesland", "✎ concept", ""]
    assert gemeente_rij(html, "Ameland") == ["Friesland", "uitgenodigd", ""]
    html = client.get(f"/nulmeting/overzicht/?{provincie('Utrecht')}").content.decode()
    assert gemeente_rij(html, "Utrecht") == ["Utrecht", "✔ ingediend", "1 van 13"]
    assert gemeente_rij(html, "Amersfoort") == ["Utrecht", "niet uitgenodigd", ""]


def test_the_eenmeting_has_its_own_overview(client, deelname, coordinator):
    geverifieerd_inloggen(client, coordinator)
    html = client.get("/nulmeting/overzicht/?vragenlijst=eenmeting-2012").content.decode()
    assert rij(html, "Utrecht")[3:] == ["1", "4%"]
    assert rij(html, "Friesland")[3:] == ["0", "0%"]
    assert gemeente_rij(html, "Súdwest-Fryslân")[1] == "niet uitgenodigd"
    html = client.get(
        f"/nulmeting/overzicht/?vragenlijst=eenmeting-2012&{provincie('Utrecht')}"
    ).content.decode()
    assert gemeente_rij(html, "Amersfoort") == ["Utrecht", "✔ ingediend", "0 van 13"]


def test_the_adviser_sees_the_participation_of_their_province_only(client, deelname, adviseur_friesland):
    geverifieerd_inloggen(client, adviseur_friesland)
    html = client.get("/nulmeting/overzicht/").content.decode()
    assert rij(html, "Friesland") == ["27", "2", "1", "2", "7%"]
    assert rij(html, "Totaal") == ["27", "2", "1", "2", "7%"]
    assert "Utrecht" not in re.sub(r"<option.*?</option>", "", html)


def test_a_municipality_counts_as_taking_part_when_a_predecessor_submitted(
    client, referentiedata, nulmeting, coordinator
):
    bolsward = Gemeente.objects.get(cbs_code="GM0064")
    meting, _ = services.antwoorden_opslaan(
        gemeente=bolsward,
        vragenlijst=nulmeting,
        waarden={"VW-VERTALEN-1": "ja"},
        origineel={},
        door=coordinator,
    )
    services.meting_indienen(
        meting=meting,
        door=coordinator,
        op=timezone.make_aware(datetime.datetime(2009, 10, 1, 12, 0)),
    )
    geverifieerd_inloggen(client, coordinator)
    html = client.get("/nulmeting/overzicht/").content.decode()
    assert rij(html, "Friesland")[3:] == ["1", "4%"]
