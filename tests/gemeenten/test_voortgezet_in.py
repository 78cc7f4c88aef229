"""What a municipality is or lives on in within the borders of a date (gemeenten.selectors
.voortgezet_in): itself, its successors through chains and splits, or nothing when it was formed
later."""

import datetime

import pytest

from gemeenten.models import Gemeente
from gemeenten.selectors import voortgezet_in
from tests.gemeenten.factories import GemeenteFactory, HerindelingFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def kaart():
    """Aa and Bee merge into Cee (2010); Cee into Dee (2011); Ef is split over Gee and Ha (2011);
    Ie never merges."""
    g = {
        naam: GemeenteFactory(naam=naam, geldig_van=van, geldig_tot=tot)
        for naam, van, tot in [
            ("Aa", None, D(2010, 1, 1)),
            ("Bee", None, D(2010, 1, 1)),
            ("Cee", D(2010, 1, 1), D(2011, 1, 1)),
            ("Dee", D(2011, 1, 1), None),
            ("Ef", None, D(2011, 1, 1)),
            ("Gee", None, None),
            ("Ha", None, None),
            ("Ie", None, None),
        ]
    }
    for opgeheven, opvolger, datum in [
        ("Aa", "Cee", D(2010, 1, 1)),
        ("Bee", "Cee", D(2010, 1, 1)),
        ("Cee", "Dee", D(2011, 1, 1)),
        ("Ef", "Gee", D(2011, 1, 1)),
        ("Ef", "Ha", D(2011, 1, 1)),
    ]:
        HerindelingFactory(opgeheven=g[opgeheven], opvolger=g[opvolger], datum=datum)
    return {naam: gemeente.pk for naam, gemeente in g.items()}


def namen(kaart, ids: set[int]) -> set[str]:
    return {naam for naam, pk in kaart.items() if pk in ids}


def test_every_id_maps_to_what_exists_on_the_date(kaart):
    in_2012 = {naam: namen(kaart, ids) for naam, ids in _per_naam(kaart, D(2012, 6, 1)).items()}
    assert in_2012 == {
        "Aa": {"Dee"},  # a chain of two mergers
        "Bee": {"Dee"},
        "Cee": {"Dee"},
        "Dee": {"Dee"},
        "Ef": {"Gee", "Ha"},  # a split
        "Gee": {"Gee"},
        "Ha": {"Ha"},
        "Ie": {"Ie"},
    }
    in_2010 = {naam: namen(kaart, ids) for naam, ids in _per_naam(kaart, D(2010, 6, 1)).items()}
    assert in_2010["Aa"] == {"Cee"} and in_2010["Cee"] == {"Cee"} and in_2010["Ef"] == {"Ef"}
    assert in_2010["Dee"] == set()  # formed after the date: not on its borders


def _per_naam(kaart, datum) -> dict[str, set[int]]:
    voortgezet = voortgezet_in(Gemeente.objects.filter(pk__in=kaart.values()), datum)
    return {naam: voortgezet[pk] for naam, pk in kaart.items()}


def test_one_query_however_many_municipalities(kaart, django_assert_num_queries):
    gemeenten = list(Gemeente.objects.all())
    with django_assert_num_queries(1):  # the mergers
        assert len(voortgezet_in(gemeenten, D(2012, 6, 1))) == 8
