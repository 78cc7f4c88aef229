"""The one rule for "this municipality has taken part": it or a predecessor — following chains and
splits of mergers — submitted the questionnaire before a moment (nulmeting.selectors)."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from gemeenten.models import Gemeente, Herindeling
from nulmeting import selectors, services
from nulmeting.models import Meting
from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from tests.gemeenten.factories import GemeenteFactory, HerindelingFactory, ProvincieFactory
from tests.nulmeting.factories import MetingFactory
from toolkit.export import csv_bytes

D = datetime.date
AMS = ZoneInfo("Europe/Amsterdam")


def moment(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMS)


def ids(*codes: str) -> set[int]:
    return set(Gemeente.objects.filter(cbs_code__in=codes).values_list("pk", flat=True))


def importeren(nulmeting, *rijen: tuple[str, str]):
    kolommen = antwoorden_kolommen(nulmeting)
    data = [[code, datum] + [""] * (len(kolommen) - 2) for code, datum in rijen]
    metingen_importeren(io.BytesIO(csv_bytes(kolommen, data)), vragenlijst=nulmeting, door=None)


@pytest.fixture
def keten(nulmeting):
    """A municipality merged twice: Aa (→ 2010) into Bee, Bee (→ 2011) into Cee; and Dee, which
    never merged."""
    provincie = ProvincieFactory()
    aa = GemeenteFactory(cbs_code="GM5001", naam="Aa", provincie=provincie, geldig_tot=D(2010, 1, 1))
    bee = GemeenteFactory(cbs_code="GM5002", naam="Bee", provincie=provincie, geldig_tot=D(2011, 1, 1))
    cee = GemeenteFactory(cbs_code="GM5003", naam="Cee", provincie=provincie, geldig_van=D(2011, 1, 1))
    dee = GemeenteFactory(cbs_code="GM5004", naam="Dee", provincie=provincie)
    HerindelingFactory(datum=D(2010, 1, 1), opgeheven=aa, opvolger=bee)
    HerindelingFactory(datum=D(2011, 1, 1), opgeheven=bee, opvolger=cee)
    return aa, bee, cee, dee


def test_a_submission_follows_a_chain_of_two_mergers(keten, nulmeting):
    aa, bee, cee, dee = keten
    MetingFactory(gemeente=aa, vragenlijst=nulmeting, ingediend=True, ingediend_op=moment(2009, 10, 1, 12))

    # On the borders of each year, the one that holds Aa then has taken part.
    assert selectors.ingediend_door_zelf_of_voorganger(nulmeting, None, D(2009, 12, 31)) == {aa.pk}
    assert selectors.ingediend_door_zelf_of_voorganger(nulmeting, None, D(2010, 6, 1)) == {bee.pk}
    assert selectors.ingediend_door_zelf_of_voorganger(nulmeting, None, D(2012, 1, 1)) == {cee.pk}
    # Not before it was submitted: "before the moment" is strict.
    assert (
        selectors.ingediend_door_zelf_of_voorganger(nulmeting, moment(2009, 10, 1, 12), D(2012, 1, 1))
        == set()
    )
    assert selectors.ingediend_door_zelf_of_voorganger(nulmeting, moment(2009, 10, 2), D(2012, 1, 1)) == {
        cee.pk
    }
    eerst = selectors.eerst_ingediend_door_zelf_of_voorganger(nulmeting, None, D(2012, 1, 1))
    assert eerst == {cee.pk: moment(2009, 10, 1, 12)}

    # Cee's page lists both steps of the chain, each labelled as what it went into.
    labels = [m.label for m in selectors.metingen_van_voorgangers([nulmeting], None, D(2012, 1, 1))[cee.pk]]
    assert labels == ["Nulmeting 2009 van Aa (opgegaan in Bee op 1-1-2010)"]
    stand = selectors.stand_per_vragenlijst(cee, D(2012, 6, 1), [nulmeting])[0]
    assert (stand.meting, stand.ingediend, stand.door_voorgangers) == (None, True, True)
    # Bee's own page, read on its last day, tells the same.
    stand = selectors.stand_per_vragenlijst(bee, D(2012, 6, 1), [nulmeting])[0]
    assert (stand.ingediend, [m.gemeente for m in stand.voorganger_metingen]) == (True, [aa])
    assert not selectors.stand_per_vragenlijst(dee, D(2012, 6, 1), [nulmeting])[0].ingediend


def test_the_first_submission_in_a_chain_counts(keten, nulmeting):
    aa, bee, cee, _ = keten
    MetingFactory(gemeente=bee, vragenlijst=nulmeting, ingediend=True, ingediend_op=moment(2009, 11, 1))
    MetingFactory(gemeente=aa, vragenlijst=nulmeting, ingediend=True, ingediend_op=moment(2009, 12, 1))
    MetingFactory(gemeente=cee, vragenlijst=nulmeting)  # a concept of its own does not count
    assert selectors.eerst_ingediend_door_zelf_of_voorganger(nulmeting, None, D(2012, 1, 1)) == {
        cee.pk: moment(2009, 11, 1)
    }
    van = selectors.metingen_van_voorgangers([nulmeting], None, D(2012, 1, 1))
    assert [m.gemeente.naam for m in van[cee.pk]] == ["Aa", "Bee"]
    assert selectors.ingediend_door_zelf_of_voorganger(nulmeting, None, D(2009, 12, 31)) == {aa.pk, bee.pk}


def test_a_split_municipality_counts_in_both_successors(referentiedata, nulmeting):
    """Meerlo-Wanssum was split over Horst aan de Maas and Venray on 1 January 2010."""
    importeren(nulmeting, ("GM0993", "2009-09-15"))
    op_2012 = selectors.ingediend_door_zelf_of_voorganger(nulmeting, None, D(2012, 1, 1))
    assert op_2012 == ids("GM1507", "GM0984")
    assert selectors.ingediend_door_zelf_of_voorganger(nulmeting, None, D(2009, 1, 1)) == ids("GM0993")
    van = selectors.metingen_van_voorgangers([nulmeting], None, D(2012, 1, 1))
    assert set(van) == op_2012
    assert [m.label for m in van[ids("GM0984").pop()]] == [
        "Nulmeting 2009 van Meerlo-Wanssum (opgegaan in Horst aan de Maas en Venray op 1-1-2010)"
    ]
    # The overview per municipality, the map and the participation per province agree.
    alle = Gemeente.objects.all()
    limburg = next(
        r
        for r in selectors.deelname_per_provincie(alle, nulmeting, D(2012, 1, 1))
        if r["provincie__naam"] == "Limburg"
    )
    assert limburg["ingediend"] == 2
    status = selectors.status_per_gemeente(alle, nulmeting, D(2012, 1, 1))
    assert {c for c, s in status.items() if s == "ingediend"} == {"GM1507", "GM0984"}
    rijen = {g.cbs_code: g for g in selectors.overzicht_gemeenten(alle, nulmeting, D(2012, 1, 1))}
    assert rijen["GM0984"].heeft_ingediend and not rijen["GM0984"].heeft_eigen


def test_a_change_of_name_is_labelled_as_one(referentiedata, nulmeting):
    importeren(nulmeting, ("GM0083", "2009-09-15"))  # Menaldumadeel, Menameradiel since 2011
    (meting,) = selectors.metingen_van_voorgangers([nulmeting], None, D(2012, 1, 1))[ids("GM1908").pop()]
    assert meting.label == "Nulmeting 2009 van Menaldumadeel (sinds 1-1-2011 Menameradiel)"


def test_the_rule_asks_a_fixed_number_of_queries(referentiedata, nulmeting, django_assert_num_queries):
    importeren(nulmeting, *[(c, "2009-10-01") for c in ("GM0091", "GM0064", "GM0993", "GM0080")])
    with django_assert_num_queries(2):
        assert len(selectors.ingediend_door_zelf_of_voorganger(nulmeting, None, D(2012, 1, 1))) == 4


def test_no_merger_rows_means_every_municipality_is_its_own(nulmeting):
    eigen = GemeenteFactory()
    MetingFactory(gemeente=eigen, vragenlijst=nulmeting, ingediend=True)
    assert not Herindeling.objects.exists()
    assert selectors.ingediend_door_zelf_of_voorganger(nulmeting, None, D(2012, 1, 1)) == {eigen.pk}
    assert selectors.metingen_van_voorgangers([nulmeting], None, D(2012, 1, 1)) == {}


def test_as_known_at_a_moment_a_meting_reopened_since_still_counts(referentiedata, nulmeting, coordinator):
    """The rule reads the metingen as known then (``bekend_op``, their versions), for the reports."""
    importeren(nulmeting, ("GM0091", "2009-10-01"))  # Sneek, in Súdwest-Fryslân since 2011
    daarvoor = timezone.now()
    services.meting_heropenen(
        meting=Meting.objects.get(gemeente__cbs_code="GM0091"), door=coordinator, reden="Typefout."
    )
    assert selectors.ingediend_door_zelf_of_voorganger(nulmeting, None, D(2012, 1, 1)) == set()
    assert selectors.ingediend_door_zelf_of_voorganger(
        nulmeting, moment(2012, 10, 2), D(2012, 1, 1), bekend_op=daarvoor
    ) == ids("GM1900")
