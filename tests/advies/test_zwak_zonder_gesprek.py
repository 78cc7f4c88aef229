"""Where an adviser's next conversation is most needed (advies.selectors.zwak_zonder_gesprek), and
the one reading of "a municipality's latest submitted meting" (nulmeting.selectors.ingediend_door)
that it shares with the municipality page and advice requests.

Súdwest-Fryslân (GM1900) was formed on 1 January 2011 from Bolsward (GM0064), Sneek (GM0091) and
three more: a meting or a session of a predecessor counts for it."""

import datetime
from decimal import Decimal

import pytest

from advies import selectors
from advies.models import Thema
from advies.services import adviesgesprek_log, adviesgesprek_verwijderen
from gemeenten.models import Gemeente
from nulmeting import services as nulmeting_services
from nulmeting.models import Meting
from tests.advies.advies_helpers import gemeenten
from tests.nulmeting.antwoorden import goed_of_niet
from tests.nulmeting.test_afscherming import op

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2013, 3, 5)


def lijst() -> dict[str, int]:
    """CBS code → weak basisfuncties, in the order the start page lists them."""
    return {g.cbs_code: g.aantal_zwak for g in selectors.zwak_zonder_gesprek(Gemeente.objects.all(), VANDAAG)}


@pytest.fixture
def indienen(coordinator):
    """Submit ``vragenlijst`` for ``code`` on ``dag`` with the basisfuncties ``zwak`` weak."""

    def _indienen(code: str, vragenlijst, zwak: set[str], dag: str):
        goed = {b.code for b in vragenlijst.opbouw.basisfuncties} - zwak
        with op(dag):
            meting, conflicten = nulmeting_services.antwoorden_opslaan(
                gemeente=Gemeente.objects.get(cbs_code=code),
                vragenlijst=vragenlijst,
                waarden=goed_of_niet(vragenlijst.opbouw, goed),
                origineel={},
                door=coordinator,
            )
            assert conflicten == []
            return nulmeting_services.meting_indienen(meting=meting, door=coordinator)

    return _indienen


@pytest.fixture
def gesprek(adviseur_friesland):
    def _gesprek(code: str, datum: datetime.date, **kwargs):
        return adviesgesprek_log(
            adviseur=adviseur_friesland,
            datum=datum,
            gemeenten=gemeenten(code),
            onderwerp="vrijwilligerswerk",
            themas=list(Thema.objects.filter(code="VW-VERTALEN")),
            uren=Decimal("1"),
            verslag="Verslag.",
            **kwargs,
        )

    return _gesprek


def test_a_merged_municipality_without_a_meting_counts_its_predecessors_newest(
    referentiedata, nulmeting, indienen
):
    """Regression: the successor of a merger was missing when only its predecessors had submitted."""
    indienen("GM0091", nulmeting, {"VW-VERTALEN", "MZ-RESPIJT"}, "2009-10-01")  # Sneek
    indienen("GM0064", nulmeting, {"VW-VERTALEN"}, "2009-11-01")  # Bolsward, the newer
    assert lijst() == {"GM1900": 1}  # and neither predecessor: they no longer exist


def test_its_own_meting_counts_before_its_predecessors(referentiedata, nulmeting, indienen):
    """The choice: its own newest submitted meting, else the newest of its predecessors'."""
    indienen("GM0091", nulmeting, {"VW-VERTALEN"}, "2009-10-01")
    indienen("GM1900", nulmeting, {"VW-VERTALEN", "MZ-RESPIJT", "MZ-INFORMATIE"}, "2012-03-01")
    assert lijst() == {"GM1900": 3}


def test_a_session_with_a_predecessor_is_a_conversation_with_the_successor(
    referentiedata, nulmeting, indienen, gesprek, adviseur_friesland
):
    """Regression: a session held with Bolsward before the merger did not count for Súdwest-Fryslân."""
    indienen("GM1900", nulmeting, {"VW-VERTALEN"}, "2012-03-01")
    indienen("GM0080", nulmeting, {"VW-VERTALEN"}, "2009-10-01")  # Leeuwarden, never merged
    assert lijst() == {"GM0080": 1, "GM1900": 1}
    weg = gesprek("GM0064", datetime.date(2010, 5, 1))
    gesprek("GM0080", datetime.date(2012, 5, 1))
    assert lijst() == {}
    adviesgesprek_verwijderen(gesprek=weg, door=adviseur_friesland)  # no longer a conversation
    assert lijst() == {"GM1900": 1}


def test_two_queries_however_many_municipalities(
    referentiedata, nulmeting, indienen, gesprek, django_assert_num_queries
):
    indienen("GM0091", nulmeting, {"VW-VERTALEN"}, "2009-10-01")
    for code in ("GM0080", "GM0737", "GM0059"):
        indienen(code, nulmeting, {"VW-VERTALEN"}, "2009-10-01")
    gesprek("GM0080", datetime.date(2012, 5, 1))
    with django_assert_num_queries(2):
        assert lijst() == {"GM0059": 1, "GM1900": 1, "GM0737": 1}


def test_every_reader_takes_the_same_latest_meting_when_two_share_a_moment(
    referentiedata, nulmeting, coordinator, indienen, adviseur_friesland
):
    """Regression: a nulmeting and an eenmeting submitted at the same moment (an import of one day)
    made the municipality page list the weak basisfuncties of both."""
    eenmeting = nulmeting_services.eenmeting_openen(
        basis=nulmeting, code="eenmeting-2012", naam="Eenmeting 2012", door=coordinator
    )
    indienen("GM0080", nulmeting, {"VW-VERTALEN", "MZ-RESPIJT"}, "2012-06-01")
    laatste = indienen("GM0080", eenmeting, {"VW-VERTALEN"}, "2012-06-01")
    leeuwarden = Gemeente.objects.get(cbs_code="GM0080")
    assert selectors.laatste_ingediende_meting(leeuwarden) == laatste
    zwak = selectors.gemeente_advies(adviseur_friesland, leeuwarden)["zwakke_basisfuncties"]
    assert [s.basisfunctie.code for s in zwak] == ["VW-VERTALEN"]
    assert {s.meting_id for s in zwak} == {laatste.pk}
    assert lijst() == {"GM0080": 1}


def test_the_page_of_a_merged_municipality_counts_sessions_as_the_start_page_does(
    referentiedata, nulmeting, indienen, gesprek, adviseur_friesland
):
    """Súdwest-Fryslân shows Sneek's weak basisfuncties: a session with any municipality that merged
    into it, before the merger, counts as one with Súdwest-Fryslân, as on the start page."""
    indienen("GM0091", nulmeting, {"VW-VERTALEN", "MZ-RESPIJT"}, "2009-10-01")  # Sneek
    sudwest = Gemeente.objects.get(cbs_code="GM1900")

    def besproken() -> dict[str, int]:
        zwak = selectors.gemeente_advies(adviseur_friesland, sudwest)["zwakke_basisfuncties"]
        return {s.basisfunctie.code: s.besproken for s in zwak}

    assert besproken() == {"VW-VERTALEN": 0, "MZ-RESPIJT": 0} and lijst() == {"GM1900": 2}
    gesprek("GM0064", datetime.date(2010, 5, 1))  # Bolsward
    gesprek("GM0091", datetime.date(2010, 6, 1))  # Sneek
    gesprek("GM1900", datetime.date(2012, 5, 1))
    gesprek("GM0080", datetime.date(2012, 5, 1))  # Leeuwarden: not one of them
    assert besproken() == {"VW-VERTALEN": 3, "MZ-RESPIJT": 0}
    assert lijst() == {}  # the start page: a conversation was held
    assert selectors.gemeente_advies(adviseur_friesland, sudwest)["besproken_met_voorgangers"]


def test_two_predecessors_submitting_at_the_same_moment_are_read_alike_everywhere(
    referentiedata, nulmeting, indienen, adviseur_friesland
):
    """Regression: when Sneek and Bolsward submitted at the same moment, the page took the one
    stored last and the start page whichever came first in its list."""
    sudwest = Gemeente.objects.get(cbs_code="GM1900")
    for laatst, eerst in (("GM0091", "GM0064"), ("GM0064", "GM0091")):  # Sneek, Bolsward; and back
        Meting.objects.all().delete()
        indienen(eerst, nulmeting, {"VW-VERTALEN"}, "2009-10-01")
        indienen(laatst, nulmeting, {"VW-VERTALEN", "MZ-RESPIJT"}, "2009-10-01")
        pagina = selectors.gemeente_advies(adviseur_friesland, sudwest)
        assert pagina["zwak_volgens"].gemeente.cbs_code == laatst
        assert lijst() == {"GM1900": len(pagina["zwakke_basisfuncties"])} == {"GM1900": 2}
