"""Sessions per municipality for the maps: a merged municipality counts within its successor."""

import datetime

import pytest

from accounts.permissions import zichtbare_gemeenten
from advies.models import Adviesgesprek
from advies.permissions import zichtbare_gesprekken
from advies.selectors import gesprekken_per_gemeente
from advies.services import adviesgesprek_verwijderen
from gemeenten.models import Gemeente
from tests.accounts.factories import AdviseurFactory
from tests.advies.advies_helpers import cmo
from tests.advies.factories import AdviesgesprekFactory

pytestmark = pytest.mark.django_db
OP_2012 = datetime.date(2012, 1, 1)


def loggen(adviseur, datum: datetime.date, *codes: str):
    return AdviesgesprekFactory(
        adviseur=adviseur, datum=datum, gemeenten=Gemeente.objects.filter(cbs_code__in=codes)
    )


def test_a_joint_session_with_two_predecessors_counts_once_in_their_successor(
    adviseur_friesland, coordinator
):
    loggen(adviseur_friesland, datetime.date(2010, 6, 1), "GM0091", "GM0064")  # Sneek and Bolsward
    loggen(adviseur_friesland, datetime.date(2010, 7, 1), "GM0091")
    loggen(adviseur_friesland, datetime.date(2012, 3, 1), "GM1900", "GM0080")
    weg = loggen(adviseur_friesland, datetime.date(2012, 4, 1), "GM1900")
    adviesgesprek_verwijderen(gesprek=weg, door=coordinator)
    per_gemeente = gesprekken_per_gemeente(Adviesgesprek.objects.actief(), Gemeente.objects.all(), OP_2012)
    assert len(per_gemeente) == 415
    assert (per_gemeente["GM1900"], per_gemeente["GM0080"], per_gemeente["GM0086"]) == (3, 1, 0)
    assert "GM0091" not in per_gemeente
    in_2010 = gesprekken_per_gemeente(
        Adviesgesprek.objects.actief(), Gemeente.objects.all(), datetime.date(2010, 12, 31)
    )
    assert (in_2010["GM0091"], in_2010["GM0064"]) == (2, 1) and "GM1900" not in in_2010


def test_a_split_municipality_counts_in_both_successors(referentiedata):
    limburg = AdviseurFactory(email="l@moveme.example.nl", organisatie=cmo("Move Me Advies Welzijn"))
    loggen(limburg, datetime.date(2009, 10, 1), "GM0993")  # Meerlo-Wanssum, split on 1-1-2010
    loggen(limburg, datetime.date(2011, 5, 1), "GM0984")
    per_gemeente = gesprekken_per_gemeente(Adviesgesprek.objects.all(), Gemeente.objects.all(), OP_2012)
    assert (per_gemeente["GM1507"], per_gemeente["GM0984"]) == (1, 2)  # Horst aan de Maas, Venray


def test_only_the_municipalities_and_sessions_in_scope(adviseur_friesland, adviseur_utrecht):
    loggen(adviseur_friesland, datetime.date(2012, 3, 1), "GM0080")
    loggen(adviseur_utrecht, datetime.date(2012, 3, 1), "GM0344")
    per_gemeente = gesprekken_per_gemeente(
        zichtbare_gesprekken(adviseur_friesland).actief(), zichtbare_gemeenten(adviseur_friesland), OP_2012
    )
    assert len(per_gemeente) == 27 and "GM0344" not in per_gemeente
    assert per_gemeente["GM0080"] == 1


def test_the_query_count_does_not_grow_with_the_sessions(adviseur_friesland, django_assert_num_queries):
    def tellen():
        with django_assert_num_queries(4):
            return gesprekken_per_gemeente(Adviesgesprek.objects.actief(), Gemeente.objects.all(), OP_2012)

    tellen()
    for dag in range(1, 20):
        loggen(adviseur_friesland, datetime.date(2010, 6, dag), "GM0091", "GM0080")
    assert tellen()["GM1900"] == 19
