"""Reach in the reports (issue 19): a municipality counts as reached by the end of the peildatum
through a submitted nulmeting, an advice session or a meeting it attended — per province, within
its successor after a merger, and only with what had been logged by then."""

import datetime

import pytest
import time_machine

from advies.models import Thema
from advies.services import adviesgesprek_log, bijeenkomst_opslaan
from gemeenten.models import Gemeente, Organisatie, Provincie
from rapportage import inhoud
from rapportage import selectors as s
from tests.accounts.factories import AdviseurFactory
from tests.rapportage.rapportage_helpers import indienen, moment

PEIL = datetime.date(2012, 10, 1)


@pytest.fixture
def partoer(referentiedata):
    return AdviseurFactory(organisatie=Organisatie.objects.get(naam="Partoer"))


def _bijeenkomst(adviseur, codes, datum=datetime.date(2011, 4, 1), gelogd=None):
    """A Friesland meeting, logged the day after it was held unless ``gelogd`` says otherwise."""
    gelogd = gelogd or moment(datum.year, datum.month, datum.day) + datetime.timedelta(days=1)
    return bijeenkomst_opslaan(
        door=adviseur,
        datum=datum,
        soort="regionaal",
        titel="Regiobijeenkomst",
        themas=[],
        provincies=[Provincie.objects.get(naam="Friesland")],
        gemeenten=Gemeente.objects.filter(cbs_code__in=codes),
        deelnemers=25,
        gerapporteerd_op=gelogd,
    )


def _friesland(tabel):
    return tabel[tabel["provincie"] == "Friesland"].iloc[0]


def test_reach_counts_nulmeting_session_and_meeting_once_per_municipality(referentiedata, nulmeting, partoer):
    indienen(nulmeting, [("GM0080", datetime.date(2009, 10, 1), {})])  # Leeuwarden: nulmeting
    with time_machine.travel(moment(2011, 3, 2)):
        _gesprek(partoer)
    _bijeenkomst(partoer, ["GM0074", "GM0090"])  # Heerenveen again, and Smallingerland
    rij = _friesland(s.bereik_per_provincie(PEIL, s.Afbakening()))
    assert (rij.gemeenten, rij.nulmeting, rij.gesprek, rij.bijeenkomst, rij.bereikt) == (27, 1, 2, 2, 3)


def _gesprek(partoer):
    adviesgesprek_log(
        adviseur=partoer,
        datum=datetime.date(2011, 3, 1),
        gemeenten=Gemeente.objects.filter(cbs_code__in=["GM0080", "GM0074"]),  # Leeuwarden, Heerenveen
        onderwerp="vrijwilligerswerk",
        themas=Thema.objects.filter(code="VW-VERTALEN"),
        uren=1,
        verslag="v",
    )


def test_a_meeting_with_a_municipality_that_merged_counts_for_its_successor(referentiedata, partoer):
    _bijeenkomst(partoer, ["GM0091", "GM0064"], datum=datetime.date(2010, 3, 1))  # Sneek, Bolsward
    rij = _friesland(s.bereik_per_provincie(PEIL, s.Afbakening()))
    assert (rij.bijeenkomst, rij.bereikt) == (1, 1)  # both live on in Súdwest-Fryslân


def test_a_meeting_logged_after_the_peildatum_does_not_count_in_the_report_as_known_then(
    referentiedata, partoer
):
    with time_machine.travel(moment(2012, 10, 5)):
        _bijeenkomst(partoer, ["GM0080"], gelogd=moment(2012, 10, 5))
    assert _friesland(s.bereik_per_provincie(PEIL, s.Afbakening())).bijeenkomst == 0
    assert _friesland(s.bereik_per_provincie(datetime.date(2012, 10, 6), s.Afbakening())).bijeenkomst == 1


def test_every_report_has_a_reach_table_and_json_with_the_same_numbers(referentiedata, partoer):
    _bijeenkomst(partoer, ["GM0080", "GM0074"])
    eind = inhoud.eindrapportage(PEIL, s.Afbakening())
    sectie = next(x for x in eind.secties if x.anker == "bereik")
    friesland = next(r for r in sectie.onderdelen[0].rijen if r[0] == "Friesland")
    assert friesland[1:] == [27, 0, 0, 2, 2, 7]
    assert "bereikte het programma 2 van de 415 gemeenten" in " ".join(sectie.alineas)
    assert "1 bijeenkomst gehouden" in " ".join(sectie.alineas)
    for rapport in (
        eind,
        inhoud.periode_rapportage(
            "kwartaal",
            datetime.date(2011, 4, 1),
            datetime.date(2011, 6, 30),
            datetime.date(2011, 1, 1),
            s.Afbakening(),
        ),
        inhoud.periode_rapportage(
            "maand",
            datetime.date(2011, 4, 1),
            datetime.date(2011, 4, 30),
            datetime.date(2011, 3, 1),
            s.Afbakening(),
        ),
    ):
        sectie = next(x for x in rapport.secties if x.anker == "bereik")
        tabel = sectie.onderdelen[0]
        friesland = next(r for r in tabel.rijen if r[0] == "Friesland")
        json = next(r for r in rapport.cijfers["bereik"]["per_provincie"] if r["provincie"] == "Friesland")
        assert friesland[1:6] == [
            json[k] for k in ("gemeenten", "nulmeting", "adviesgesprek", "bijeenkomst", "bereikt")
        ]
        assert friesland[4:6] == [2, 2] and json["procent"] == friesland[6]
        assert tabel.rijen[-1][0] == "Totaal" and rapport.cijfers["bereik"]["totaal"]["bereikt"] == 2
        assert rapport.cijfers["bereik"]["bijeenkomsten"] == {"aantal": 1, "deelnemers": 25}


def test_a_province_report_counts_only_its_own_meetings(referentiedata, partoer):
    _bijeenkomst(partoer, ["GM0080"])
    utrecht = s.Afbakening.maak(provincie=Provincie.objects.get(naam="Utrecht"))
    assert s.bijeenkomsten_in(None, PEIL, utrecht)["aantal"] == 0
    assert s.bereik_per_provincie(PEIL, utrecht)["bereikt"].sum() == 0
    assert (
        s.bijeenkomsten_in(
            None, PEIL, s.Afbakening.maak(organisatie=Organisatie.objects.get(naam="Partoer"))
        )["aantal"]
        == 1
    )
