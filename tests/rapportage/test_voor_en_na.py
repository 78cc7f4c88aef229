"""The eindrapportage's chapter nulmeting → eenmeting (issue 18, item 1): per basisfunctie over the
municipalities that submitted both by the peildatum, shown only when at least five did, and a
finding in words whose numbers are the chapter's."""

import datetime

import pytest

from gemeenten.models import Gemeente
from nulmeting import services
from rapportage import eind, inhoud
from rapportage.bouwstenen import Stand
from rapportage.selectors import Afbakening
from tests.nulmeting.antwoorden import goed_of_niet
from tests.nulmeting.test_afscherming import op
from tests.rapportage.bevindingen_helpers import onherleidbare_getallen

PEIL = datetime.date(2012, 10, 1)
VERTALEN = "Vertalen maatschappelijke ontwikkeling"

pytestmark = pytest.mark.django_db


def friesland(aantal: int) -> list[Gemeente]:
    """``aantal`` Frisian municipalities that existed from 2009 until after the peildatum."""
    gemeenten = list(
        Gemeente.objects.bestaand_op(datetime.date(2009, 1, 1))
        .bestaand_op(datetime.date(2012, 12, 31))
        .filter(provincie__naam="Friesland")
        .order_by("cbs_code")[:aantal]
    )
    assert len(gemeenten) == aantal
    return gemeenten


@pytest.fixture
def indienen(coordinator):
    def _indienen(gemeente, vragenlijst, goed: set[str], dag: str):
        with op(dag):
            meting, conflicten = services.antwoorden_opslaan(
                gemeente=gemeente,
                vragenlijst=vragenlijst,
                waarden=goed_of_niet(vragenlijst.opbouw, goed),
                origineel={},
                door=coordinator,
            )
            assert conflicten == []
            services.meting_indienen(meting=meting, door=coordinator)

    return _indienen


@pytest.fixture
def eenmeting(referentiedata, nulmeting, coordinator):
    return services.eenmeting_openen(
        basis=nulmeting, code="eenmeting-2012", naam="Eenmeting 2012", door=coordinator
    )


@pytest.fixture
def vijf_voor_en_na(nulmeting, eenmeting, indienen):
    """Seven Frisian municipalities submit the nulmeting in 2009; five of them the eenmeting in
    2012, before the peildatum. Vertalen: 1 of the 5 had it, 4 of the 5 have it now. The two
    outside the panel both have it in the nulmeting (they must not count); an eighth municipality
    submits only the eenmeting, with Vertalen, and a ninth submits it after the peildatum."""
    gemeenten = friesland(9)
    for i, gemeente in enumerate(gemeenten[:7]):
        indienen(gemeente, nulmeting, {"VW-VERTALEN"} if i in (0, 5, 6) else set(), "2009-06-10")
    for i, gemeente in enumerate(gemeenten[:5]):
        indienen(gemeente, eenmeting, {"VW-VERTALEN", "MZ-INFORMATIE"} if i < 4 else set(), "2012-06-10")
    indienen(gemeenten[7], eenmeting, {"VW-VERTALEN"}, "2012-07-01")
    indienen(gemeenten[5], eenmeting, {"VW-VERTALEN"}, "2012-10-02")
    return gemeenten


def _voor_en_na(peil=PEIL) -> eind.VoorEnNa:
    return eind.VoorEnNa.bereken(Stand.van(peil, Afbakening()))


def _rij(deel: eind.VoorEnNa, naam: str) -> tuple:
    return next(rij for rijen in deel.per_domein.values() for rij in rijen if rij[0] == naam)


def test_the_same_five_municipalities_before_and_after(vijf_voor_en_na):
    deel = _voor_en_na()
    assert deel.n == 5 and deel.eenmeting == "Eenmeting 2012"
    assert _rij(deel, VERTALEN) == (VERTALEN, 1, 20, 4, 80)
    assert _rij(deel, "Informatie") == ("Informatie", 0, 0, 4, 80)
    assert _rij(deel, "Verankeren") == ("Verankeren", 0, 0, 0, 0)
    assert sum(len(rijen) for rijen in deel.per_domein.values()) == 13
    vrijwilligerswerk, figuur, mantelzorg, _ = deel.onderdelen()
    assert (vrijwilligerswerk.nummer, figuur.nummer, mantelzorg.nummer) == ("2.5", "2.3", "2.6")
    assert "20%" in figuur.svg and "80%" in figuur.svg
    assert [VERTALEN, 1, 20, 4, 80, 60] in vrijwilligerswerk.rijen
    assert "(N = 5)" in vrijwilligerswerk.basis and "de eenmeting 2012" in vrijwilligerswerk.basis
    assert (
        "Tot en met 1 oktober 2012 dienden 5 gemeenten zowel de nulmeting als de eenmeting 2012 in."
        in (deel.alineas()[0])
    )
    assert deel.cijfers()["voor_en_na"]["tabel_2_5_vrijwilligerswerk_procent"][VERTALEN] == {
        "nulmeting": 20,
        "eenmeting": 80,
    }


def test_a_later_peildatum_counts_the_late_eenmeting(vijf_voor_en_na):
    deel = _voor_en_na(datetime.date(2012, 10, 31))
    assert deel.n == 6
    assert _rij(deel, VERTALEN) == (VERTALEN, 2, 33, 5, 83)


def test_with_four_the_chapter_says_why_it_shows_nothing(nulmeting, eenmeting, indienen):
    gemeenten = friesland(4)
    for gemeente in gemeenten:
        indienen(gemeente, nulmeting, set(), "2009-06-10")
        indienen(gemeente, eenmeting, {"VW-VERTALEN"}, "2012-06-10")
    deel = _voor_en_na()
    assert deel.n == 4 and deel.onderdelen() == []
    [alinea] = deel.alineas()
    assert "dienden 4 gemeenten zowel de nulmeting als de eenmeting 2012 in" in alinea
    assert "te weinig" in alinea and "minstens 5" in alinea
    assert deel.cijfers() == {"voor_en_na": {"eenmeting": "Eenmeting 2012", "gemeenten": 4}}


def test_without_any_eenmeting_the_chapter_says_so(referentiedata, nulmeting, indienen):
    indienen(friesland(1)[0], nulmeting, set(), "2009-06-10")
    deel = _voor_en_na()
    assert deel.n == 0 and deel.onderdelen() == []
    assert "nog geen gemeente" in deel.alineas()[0]


def test_the_eindrapportage_holds_the_chapter_and_a_traceable_finding(vijf_voor_en_na):
    rapport = inhoud.eindrapportage(PEIL, Afbakening())
    [sectie] = [s for s in rapport.secties if s.anker == "voor-en-na"]
    assert sectie.titel == "2.3 Van nulmeting naar eenmeting"
    assert [o.nummer for o in sectie.onderdelen] == ["2.5", "2.3", "2.6", "2.4"]
    bevindingen = [b["tekst"] for b in rapport.cijfers["bevindingen"]]
    # Informatie rose 80 points, Vertalen 60
    assert (
        "Bij de 5 gemeenten die zowel de nulmeting als de eenmeting indienden, ging Informatie er het meest op "
        "vooruit: 'goed voor elkaar' bij 0% in de nulmeting en bij 80% in de eenmeting."
    ) in bevindingen
    assert onherleidbare_getallen(rapport.cijfers) == []
