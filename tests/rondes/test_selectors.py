"""Response per round, on hand-made data: the funnel per province and the submissions over time."""

import datetime

import pytest

from gemeenten.models import Gemeente, Provincie
from nulmeting.models import Meting
from rondes.selectors import (
    deelnemers_van,
    ingediend_per_periode,
    rondes_bekend_op,
    status_per_gemeente,
    voortgang,
)
from rondes.services import ronde_heropenen, ronde_openen, ronde_sluiten, ronde_uitnodigen
from rondes.verzending import verzendopdracht_uitvoeren
from tests.nulmeting.factories import MetingFactory
from tests.rondes.factories import RondeFactory
from tests.rondes.ronde_helpers import START, contact, om

pytestmark = pytest.mark.django_db


def ingediend(code: str, vragenlijst, dag: datetime.date) -> Meting:
    return MetingFactory(
        gemeente=Gemeente.objects.get(cbs_code=code),
        vragenlijst=vragenlijst,
        ingediend=True,
        ingediend_op=om(dag, 14),
    )


def test_the_funnel_per_province_never_narrows_the_wrong_way(ronde, coordinator, nulmeting):
    contact("GM0080")
    contact("GM0090")
    verzendopdracht_uitvoeren(ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://x/").pk)
    ingediend("GM0074", nulmeting, START)  # submitted without a mail of this round: reached somehow
    concept = MetingFactory(gemeente=Gemeente.objects.get(cbs_code="GM0090"), vragenlijst=nulmeting)
    concept.antwoorden.create(vraag=nulmeting.vragen.first(), waarde="ja")
    [friesland, totaal] = voortgang(ronde, Gemeente.objects.all())
    assert friesland == {
        "provincie": "Friesland",
        "doel": 27,
        "uitgenodigd": 3,
        "gestart": 2,
        "ingediend": 1,
        "procent": 4,
    }
    assert totaal["provincie"] == "Totaal" and totaal["doel"] == 27
    statussen = status_per_gemeente(ronde, Gemeente.objects.all())
    assert (statussen["GM0080"], statussen["GM0090"], statussen["GM0074"], statussen["GM0059"]) == (
        "uitgenodigd",
        "concept",
        "ingediend",
        "niet_uitgenodigd",
    )


def test_an_adviser_scope_narrows_the_numbers(ronde):
    assert voortgang(ronde, Gemeente.objects.filter(provincie__naam="Utrecht")) == []
    assert voortgang(ronde, Gemeente.objects.filter(cbs_code__in=["GM0080", "GM0090"]))[-1]["doel"] == 2


def test_submissions_per_week_with_earlier_ones_in_the_first_week(ronde, nulmeting, klok):
    ingediend("GM0080", nulmeting, START - datetime.timedelta(days=30))
    ingediend("GM0090", nulmeting, START + datetime.timedelta(days=1))
    ingediend("GM0074", nulmeting, START + datetime.timedelta(days=9))
    klok.naar(START + datetime.timedelta(days=15))
    eenheid, perioden = ingediend_per_periode(ronde, Gemeente.objects.all())
    assert eenheid == "week"
    assert [(p["periode"], p["nieuw"], p["cumulatief"]) for p in perioden] == [
        (START, 2, 2),
        (START + datetime.timedelta(days=7), 1, 3),
        (START + datetime.timedelta(days=14), 0, 3),
    ]


def test_a_long_round_is_shown_per_month(nulmeting, referentiedata, klok):
    lang = RondeFactory(
        vragenlijst=nulmeting,
        naam="Een jaar",
        opent_op=datetime.date(2012, 1, 1),
        sluit_op=datetime.date(2012, 12, 31),
        gemeenten=Gemeente.objects.filter(cbs_code__in=["GM0654", "GM0664"]),  # Zeeland
    )
    ingediend("GM0654", nulmeting, datetime.date(2012, 2, 10))
    ingediend("GM0664", nulmeting, datetime.date(2012, 2, 20))
    eenheid, perioden = ingediend_per_periode(lang, Gemeente.objects.all())
    assert eenheid == "maand" and len(perioden) == 12
    assert [p["cumulatief"] for p in perioden[:3]] == [0, 2, 2]


def test_a_round_is_read_as_it_was_known_at_a_moment(ronde, coordinator, nulmeting, friesland, klok):
    """Opened, closed a week later, reopened with a later end: each moment sees the round as it
    then stood; before it was opened, not at all, even though its opening date lies earlier."""
    geopend = om(START, 10)
    klok.naar(START + datetime.timedelta(weeks=1))
    ronde_sluiten(ronde=ronde, door=coordinator)
    gesloten = om(START + datetime.timedelta(weeks=1), 10)
    klok.naar(START + datetime.timedelta(weeks=2))
    ronde_heropenen(ronde=ronde, door=coordinator, sluit_op=START + datetime.timedelta(weeks=12))
    later = ronde_openen(
        vragenlijst=nulmeting, naam="Nulmeting Groningen", opent_op=START, door=coordinator,
        sluit_op=START + datetime.timedelta(weeks=4), provincies=Provincie.objects.filter(naam="Groningen"),
    )  # fmt: skip

    def stand(moment):
        return [
            (r.naam, r.sluit_op, r.gesloten_op is not None) for r in rondes_bekend_op(moment).order_by("id")
        ]

    acht_weken, twaalf_weken = START + datetime.timedelta(weeks=8), START + datetime.timedelta(weeks=12)
    assert stand(om(START, 8)) == []
    assert stand(geopend) == [("Nulmeting Friesland 2013", acht_weken, False)]
    assert stand(gesloten) == [("Nulmeting Friesland 2013", acht_weken, True)]
    assert stand(om(START + datetime.timedelta(weeks=3))) == [
        ("Nulmeting Friesland 2013", twaalf_weken, False),
        ("Nulmeting Groningen", START + datetime.timedelta(weeks=4), False),
    ]
    assert deelnemers_van([ronde.pk]) == {
        ronde.pk: set(ronde.deelnemers.values_list("gemeente_id", flat=True))
    }
    assert len(deelnemers_van([ronde.pk])[ronde.pk]) == 27
    assert deelnemers_van([later.pk]) == {
        later.pk: set(later.deelnemers.values_list("gemeente_id", flat=True))
    }
    assert deelnemers_van([]) == {}
