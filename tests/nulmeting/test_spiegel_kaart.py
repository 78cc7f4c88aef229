"""The spiegel's map: % 'goed voor elkaar' per province for a chosen basisfunctie, the own
municipality outlined; an official sees province figures, never another municipality's result."""

import re

import pytest

from gemeenten.models import Gemeente
from tests.kaart_helpers import kaarten_op, tabel, titels
from tests.nulmeting.antwoorden import goed_of_niet
from tests.nulmeting.test_views import volgende_maand
from tests.tweede_factor import geverifieerd_inloggen

URL = "/nulmeting/GM1900/nulmeting-2009/uitslag/"


pytestmark = pytest.mark.usefixtures("lege_cache")


@pytest.fixture
def ingediend(referentiedata, nulmeting, indienen, ambtenaar_sudwest):
    """Súdwest-Fryslân and five other Frisian municipalities submitted, two in Utrecht and three in
    Noord-Holland."""
    opbouw = nulmeting.opbouw
    vertalen = {"VW-VERTALEN"}
    indienen("GM1900", nulmeting, goed_of_niet(opbouw, vertalen), door=ambtenaar_sudwest)
    friesland = (
        Gemeente.objects.filter(provincie__naam="Friesland", geldig_tot__isnull=True)
        .exclude(cbs_code="GM1900")
        .order_by("cbs_code")[:5]
    )
    for i, gemeente in enumerate(friesland):
        indienen(gemeente, nulmeting, goed_of_niet(opbouw, vertalen if i < 2 else set()))
    indienen("GM0344", nulmeting, goed_of_niet(opbouw, vertalen))
    indienen("GM0307", nulmeting, goed_of_niet(opbouw, set()))
    for code in ("GM0363", "GM0392", "GM0375"):  # Noord-Holland: the country is not Friesland plus 2
        indienen(code, nulmeting, goed_of_niet(opbouw, set()))
    return [g.naam for g in friesland]


def kaart_van(client, url=URL):
    pagina = client.get(url).content.decode()
    (svg, details), *rest = kaarten_op(pagina)
    assert rest == []
    return pagina, svg, details


def test_the_official_sees_provinces_and_their_own_outline_only(client, ambtenaar_sudwest, ingediend):
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    pagina, svg, details = kaart_van(client)
    assert set(titels(svg)) == {f"PV{n}" for n in range(20, 32)}
    assert not re.search(r'id="[^"]*GM\d{4}', svg)  # no municipality is an area of this map
    assert "Súdwest-Fryslân (uw gemeente)" in svg and "Súdwest-Fryslân (omlijnd)" in svg
    # the other Frisian municipalities that submitted: not on the page at all
    assert len(ingediend) == 5 and [naam for naam in ingediend if naam in pagina] == []
    assert "<a " not in svg
    rijen = tabel(details)
    assert len(rijen) == 12
    # Submitted this month: the official's map stands at the 1st of the month, before them.
    assert {waarde for waarde, _ in rijen.values()} == {"geen cijfer"}
    with volgende_maand():
        geverifieerd_inloggen(client, ambtenaar_sudwest)
        _, svg, details = kaart_van(client)
    rijen = tabel(details)
    # Friesland: 3 of 6 'goed voor elkaar' on Vertalen, fewer than 5 on that side: a band, no
    # share; Utrecht has 2 metingen, too few to say anything.
    assert rijen["Friesland"][0] == "geen cijfer (bij minder dan 5 gemeenten; N≈5)"
    assert rijen["Utrecht"][0] == "geen cijfer (minder dan 5 metingen)"
    assert (
        titels(svg)["PV21"]
        == "Friesland\n% 'goed voor elkaar': geen cijfer (bij minder dan 5 gemeenten; N≈5)"
    )


def test_the_map_agrees_with_the_spiegel_table(client, coordinator, ingediend):
    geverifieerd_inloggen(client, coordinator)
    pagina, svg, _ = kaart_van(client, URL + "?basisfunctie=VW-VERBINDEN")
    assert "Per provincie: Verbinden en makelen" in pagina
    assert 'value="VW-VERBINDEN" selected' in pagina
    tabelrij = re.search(r"Verbinden en makelen</th>.*?(\d+)% <span[^>]*>\(N=6\)", pagina, re.S)
    assert tabelrij and titels(svg)["PV21"].endswith(f": {tabelrij.group(1)}% (N=6)")


@pytest.mark.parametrize("keuze", ["ONBEKEND", "", "<script>", "VW-VERTALEN-1"])
def test_an_unknown_basisfunctie_falls_back_to_the_first(client, ambtenaar_sudwest, ingediend, keuze):
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    response = client.get(URL, {"basisfunctie": keuze})
    assert response.status_code == 200
    assert "Per provincie: Vertalen maatschappelijke ontwikkeling" in response.content.decode()


def test_other_roles_see_the_same_province_map(client, adviseur_friesland, coordinator, ingediend):
    for user in (adviseur_friesland, coordinator):
        geverifieerd_inloggen(client, user)
        _, svg, _ = kaart_van(client)
        assert set(titels(svg)) == {f"PV{n}" for n in range(20, 32)}
