"""Reports 'as known on the peildatum' do not move when the data is corrected afterwards, and the
reading 'with later corrections' shows exactly those corrections (issue 15).

A small programme is stored through the services as it happened in 2011; after the peildatum
(today, in the test) sessions are deleted, edited and restored, metingen reopened and submitted
again, advisers ended and moved — all through the services."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from advies.models import Adviesgesprek, Thema
from advies.services import (
    adviesgesprek_herstellen,
    adviesgesprek_log,
    adviesgesprek_verwijderen,
    adviesgesprek_wijzigen,
    adviseur_beeindigen,
    adviseur_toevoegen,
    adviseur_verplaatsen,
)
from gemeenten.models import Gemeente, Organisatie, Provincie
from nulmeting.models import Meting
from nulmeting.services import meting_heropenen, meting_indienen
from rapportage.bouwen import inhoud_voor
from rapportage.selectors import Afbakening
from rondes.services import ronde_openen
from tests.nulmeting.antwoorden import alles_goed
from tests.rapportage.rapportage_helpers import indienen, moment

D = datetime.date
PEIL = D(2011, 6, 30)
RAPPORTEN = [("eind", PEIL, PEIL), ("maand", D(2011, 6, 1), PEIL), ("kwartaal", D(2011, 4, 1), PEIL)]
GEMEENTEN = ["GM0080", "GM0090", "GM0093", "GM0098", "GM0014", "GM0037"]  # Friesland and Groningen


def cijfers(soort, van, peildatum, bekend_op=None) -> dict:
    return inhoud_voor(soort, van, peildatum, Afbakening(bekend_op=bekend_op)).cijfers


@pytest.fixture
def programma(referentiedata, nulmeting, coordinator):
    """Two advisers, ten sessions in spring 2011 and six nulmetingen, each stored when it happened."""
    adviseurs = [
        adviseur_toevoegen(naam=naam, email=f"{naam.lower()}@example.nl", organisatie=Organisatie.objects.get(naam=cmo),
                           actief_van=D(2010, 1, 1), door=None, vastgelegd_op=moment(2010, 1, 1))
        for naam, cmo in (("Anna", "Partoer"), ("Bram", "Partoer"))
    ]  # fmt: skip
    gesprekken = []
    for i in range(10):
        gehouden = D(2011, 4 + i % 3, 1 + 2 * i)
        with time_machine.travel(moment(gehouden.year, gehouden.month, gehouden.day, 17), tick=False):
            gesprekken.append(
                adviesgesprek_log(
                    adviseur=adviseurs[i % 2].user,
                    datum=gehouden,
                    gemeenten=Gemeente.objects.filter(cbs_code=GEMEENTEN[i % 4]),
                    onderwerp="mantelzorg",
                    themas=Thema.objects.filter(code="MZ-RESPIJT"),
                    uren=Decimal("2"),
                    verslag=f"Gesprek {i}.",
                )
            )
    with time_machine.travel(moment(2011, 1, 3), tick=False):
        ronde_openen(
            vragenlijst=nulmeting,
            naam="Nulmeting noorden",
            opent_op=D(2011, 1, 3),
            sluit_op=D(2011, 12, 31),
            provincies=Provincie.objects.filter(naam__in=["Friesland", "Groningen"]),
            door=coordinator,
        )
    indienen(
        nulmeting, [(code, D(2011, 3, 1 + i), alles_goed(nulmeting)) for i, code in enumerate(GEMEENTEN)]
    )
    return {"adviseurs": adviseurs, "gesprekken": gesprekken, "coordinator": coordinator}


def corrigeren(programma) -> None:
    """Everyday corrections made today, after the peildatum, through the services."""
    coordinator, gesprekken = programma["coordinator"], programma["gesprekken"]
    for gesprek in gesprekken[:2]:
        adviesgesprek_verwijderen(gesprek=gesprek, door=coordinator)
    adviesgesprek_verwijderen(gesprek=gesprekken[2], door=coordinator)
    adviesgesprek_herstellen(gesprek=gesprekken[2], door=coordinator)
    for gesprek in gesprekken[3:5]:
        adviesgesprek_wijzigen(
            gesprek=gesprek,
            door=coordinator,
            versie=gesprek.versie,
            uren=Decimal("5.5"),
            onderwerp="beide",
            themas=Thema.objects.filter(code__in=["MZ-RESPIJT", "VW-VERTALEN"]),
            gemeenten=Gemeente.objects.filter(cbs_code__in=["GM0080", "GM0014"]),
        )
    for code in GEMEENTEN[:2]:
        meting = Meting.objects.get(gemeente__cbs_code=code)
        meting_heropenen(meting=meting, door=coordinator, reden="Een antwoord was verkeerd overgenomen.")
    meting_indienen(meting=Meting.objects.get(gemeente__cbs_code=GEMEENTEN[0]), door=coordinator)
    anna, bram = programma["adviseurs"]
    adviseur_beeindigen(periode=anna, per=D(2011, 5, 1), door=coordinator)
    adviseur_verplaatsen(
        periode=bram, naar=Organisatie.objects.get(naam="Stamm"), per=D(2011, 2, 1), door=coordinator
    )


@pytest.mark.parametrize(("soort", "van", "peildatum"), RAPPORTEN)
def test_a_report_as_known_on_the_peildatum_is_the_same_after_corrections(programma, soort, van, peildatum):
    voor = cijfers(soort, van, peildatum)
    corrigeren(programma)
    assert cijfers(soort, van, peildatum) == voor
    assert voor["lezing"] == "zoals_bekend"
    if soort != "eind":  # the round's response too: two of its metingen were reopened since
        assert voor["rondes"]["Nulmeting noorden"]["totaal"] == len(GEMEENTEN)


@pytest.mark.parametrize(("soort", "van", "peildatum"), RAPPORTEN)
def test_with_later_corrections_the_report_lists_exactly_those_changes(programma, soort, van, peildatum):
    corrigeren(programma)
    nu = timezone.now()
    gecorrigeerd = cijfers(soort, van, peildatum, bekend_op=nu)
    assert gecorrigeerd["lezing"] == "met_correcties"
    assert gecorrigeerd["correcties"] == {
        "gesprekken": {"zoals_bekend": 10, "met_correcties": 8},
        "uren": {"zoals_bekend": 20.0, "met_correcties": 23.0},
        "metingen": {"zoals_bekend": 6, "met_correcties": 4},
        "verwijderd": 2,
        "gewijzigd": 3,  # two edited, one deleted and restored (a new version, the same numbers)
        "buiten_periode": 0,
        "later_vastgelegd": 0,
        "heropend": 2,
        "metingen_later": 0,
    }


def test_the_corrected_reading_counts_what_is_known_now(programma):
    corrigeren(programma)
    gecorrigeerd = inhoud_voor("eind", PEIL, PEIL, Afbakening(bekend_op=timezone.now()))
    zoals_bekend = inhoud_voor("eind", PEIL, PEIL, Afbakening())
    assert Adviesgesprek.objects.actief().filter(datum__lte=PEIL).count() == 8
    assert gecorrigeerd.cijfers["correcties"]["gesprekken"]["met_correcties"] == 8
    tekst = " ".join(gecorrigeerd.secties[-1].alineas)
    assert "2 gesprekken verwijderd" in tekst and "3 gesprekken gewijzigd" in tekst
    assert "2 nulmetingen heropend" in tekst and "10 → 8" in tekst
    assert "met latere correcties tot en met" in gecorrigeerd.ondertitel
    assert "zoals bekend op 30 juni 2011" in zoals_bekend.ondertitel
    assert [t.titel for t in gecorrigeerd.tabellen][-1] == "Wat sinds de peildatum veranderde"
    assert not [t for t in zoals_bekend.tabellen if t.nummer == "C.1"]
