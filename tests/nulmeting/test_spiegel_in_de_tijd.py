"""The spiegel over time (issue 19, item 4): an eenmeting set against its province and the country
once 5 of its metingen are there, the nulmeting's figures before that (labelled); and the change
per basisfunctie next to the change in the province and the country over the municipalities with
both metingen — under the disclosure rule of decision 0022."""

import pytest

from nulmeting import services
from nulmeting.afscherming import groepscijfers
from nulmeting.models import Basisfunctie
from tests.nulmeting.antwoorden import goed_of_niet
from tests.nulmeting.test_afscherming import friesland, op
from tests.nulmeting.test_views import spiegel_cellen, tekst
from tests.tweede_factor import geverifieerd_inloggen

URL = "/nulmeting/GM1900/eenmeting-2026/uitslag/"
VERTALEN = "Vertalen maatschappelijke ontwikkeling"

pytestmark = pytest.mark.usefixtures("lege_cache")


@pytest.fixture
def nulmeting_friesland(referentiedata, nulmeting, indienen, ambtenaar_sudwest, coordinator):
    """September 2026: Súdwest-Fryslân and 15 other Frisian municipalities submitted the
    nulmeting, 6 of the 16 with Vertalen 'goed voor elkaar' (Súdwest-Fryslân not); an eenmeting
    is opened."""
    opbouw = nulmeting.opbouw
    with op("2026-09-10"):
        indienen("GM1900", nulmeting, goed_of_niet(opbouw, set()), door=ambtenaar_sudwest)
        for i, g in enumerate(friesland(15)):
            indienen(g, nulmeting, goed_of_niet(opbouw, {"VW-VERTALEN"} if i < 6 else set()))
        return services.eenmeting_openen(basis=nulmeting, code="eenmeting-2026", naam="Eenmeting 2026",
                                         door=coordinator)  # fmt: skip


def test_with_fewer_than_five_eenmetingen_the_nulmeting_s_figures_stand_in(
    client, ambtenaar_sudwest, nulmeting_friesland, indienen
):
    een = nulmeting_friesland
    with op("2026-10-10"):
        indienen("GM1900", een, goed_of_niet(een.opbouw, {"VW-VERTALEN"}), door=ambtenaar_sudwest)
        for g in friesland(2):
            indienen(g, een, goed_of_niet(een.opbouw, {"VW-VERTALEN"}))
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    with op("2026-11-05"):
        pagina = client.get(URL).content.decode()
    rijen = spiegel_cellen(pagina)
    # 6 of 16 in the nulmeting = 37.5% → 40%; not "minder dan 5 metingen"
    assert rijen[VERTALEN][3:] == ["40% (N≈15) cijfer uit de Nulmeting 2009"] * 2
    assert "het cijfer uit de Nulmeting 2009" in tekst(pagina)
    assert "toont ook de figuur dat cijfer" in tekst(pagina)  # the bar figure says so too
    assert rijen[VERTALEN][0] == "✔ goed voor elkaar"  # the own eenmeting


def test_from_five_eenmetingen_on_its_own_figures(client, ambtenaar_sudwest, nulmeting_friesland, indienen):
    een = nulmeting_friesland
    with op("2026-10-10"):
        indienen("GM1900", een, goed_of_niet(een.opbouw, {"VW-VERTALEN"}), door=ambtenaar_sudwest)
        for i, g in enumerate(friesland(14)):
            indienen(g, een, goed_of_niet(een.opbouw, {"VW-VERTALEN"} if i < 9 else set()))
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    with op("2026-11-05"):
        rijen = spiegel_cellen(client.get(URL).content.decode())
    assert rijen[VERTALEN][3:] == ["65% (N≈15)"] * 2  # 10 of 15 = 67%


def verandering_cellen(pagina: str) -> dict[str, list[str]]:
    tabel = pagina[pagina.index("vergeleken</h2>") :]
    return spiegel_cellen(tabel)


def test_the_change_next_to_the_province_s_over_the_same_municipalities(
    client, ambtenaar_sudwest, coordinator, nulmeting_friesland, indienen
):
    """Súdwest-Fryslân and 14 others submit the eenmeting (the panel: 15 of the 16); 10 of them
    now have Vertalen, 6 had it (all 6 are in the panel). Over the panel: 40% → 65%. Over all 16
    nulmetingen the nulmeting read 40% as well, but the panel's nulmeting figure differs from it
    by one municipality — so it is held back until it differs by at least 5 or not at all."""
    een = nulmeting_friesland
    with op("2026-10-10"):
        indienen("GM1900", een, goed_of_niet(een.opbouw, {"VW-VERTALEN"}), door=ambtenaar_sudwest)
        for i, g in enumerate(friesland(14)):
            indienen(g, een, goed_of_niet(een.opbouw, {"VW-VERTALEN"} if i < 9 else set()))
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    with op("2026-11-05"):
        pagina = client.get(URL).content.decode()
    rij = verandering_cellen(pagina)[VERTALEN]
    assert rij[2] == "▲ verbeterd", rij
    assert rij[3:] == ["geen verandering te tonen (Nulmeting 2009: nog niet te tonen)"] * 2
    # the coordinator sees the panel exactly: 6 of 15 → 10 of 15
    geverifieerd_inloggen(client, coordinator)
    with op("2026-11-05"):
        rij = verandering_cellen(client.get(URL).content.decode())[VERTALEN]
    assert rij[3] == "40% → 67% (▲ +27 procentpunt; N=15)"


def test_the_panel_s_change_once_it_is_safe(ambtenaar_sudwest, nulmeting_friesland, indienen):
    """With 11 of the 16 in the panel (5 left out), the panel's figures may be shown."""
    een = nulmeting_friesland
    with op("2026-10-10"):
        indienen("GM1900", een, goed_of_niet(een.opbouw, {"VW-VERTALEN"}), door=ambtenaar_sudwest)
        for i, g in enumerate(friesland(10)):
            indienen(g, een, goed_of_niet(een.opbouw, {"VW-VERTALEN"} if i < 6 else set()))
    vertalen = Basisfunctie.objects.get(code="VW-VERTALEN").pk
    with op("2026-11-05"):
        verandering = groepscijfers(een, ambtenaar_sudwest).verandering("PV21", vertalen)
    # nulmeting over the panel: 6 of 11 (55%); eenmeting: 7 of 11 — fewer than 5 without it
    assert (verandering.nul.procent, verandering.nul.n) == (55, 10)
    assert verandering.een.band == "bij alle op minder dan 5 na"
    assert verandering.punten is None


def test_the_official_sees_the_panel_s_change(client, ambtenaar_sudwest, nulmeting_friesland, indienen):
    """All 16 submit the eenmeting: the panel is the nulmeting's whole group, so its figures give
    nothing new away. Vertalen: 6 of 16 (40%) → 10 of 16 (65%)."""
    een = nulmeting_friesland
    with op("2026-10-10"):
        indienen("GM1900", een, goed_of_niet(een.opbouw, {"VW-VERTALEN"}), door=ambtenaar_sudwest)
        for i, g in enumerate(friesland(15)):
            indienen(g, een, goed_of_niet(een.opbouw, {"VW-VERTALEN"} if i < 9 else set()))
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    with op("2026-11-05"):
        pagina = client.get(URL).content.decode()
    rij = verandering_cellen(pagina)[VERTALEN]
    assert rij[2:] == ["▲ verbeterd"] + ["40% → 65% (▲ +25 procentpunt; N≈15)"] * 2
    assert "alleen gemeenten met zowel een Nulmeting 2009 als een Eenmeting 2026 tellen mee" in tekst(pagina)
