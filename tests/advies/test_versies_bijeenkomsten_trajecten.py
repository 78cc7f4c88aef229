"""Meetings and trajecten keep versions (decision 0024): every save through the service stores one,
with its links, and the migration gives each existing one a first version dated when it came to
be known — so a report as known on a date reads them as they then stood."""

import datetime
import importlib
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps

from advies import selectors
from advies.models import Adviestraject, Bijeenkomst
from advies.services import adviestraject_opslaan, bijeenkomst_opslaan
from gemeenten.models import Provincie
from tests.advies.advies_helpers import gemeenten
from tests.rapportage.rapportage_helpers import moment

migratie = importlib.import_module("advies.migrations.0009_versies_trajecten_bijeenkomsten")

D = datetime.date
PLAN = {
    "titel": "Vrijwilligersbeleid Leeuwarden",
    "onderwerp": "vrijwilligerswerk",
    "status": "lopend",
    "doel": "Doel.",
    "werkwijze": "Werkwijze.",
    "inzet_uren": Decimal("10"),
    "tijdspad": "Voorjaar.",
    "verwachte_opbrengst": "Beleid.",
    "borging": "Raad.",
}


def _bijeenkomst(adviseur, bijeenkomst=None, codes=("GM1900", "GM0080"), deelnemers=30) -> Bijeenkomst:
    return bijeenkomst_opslaan(
        door=adviseur,
        bijeenkomst=bijeenkomst,
        datum=D(2011, 4, 12),
        soort="regionaal",
        titel="Regiobijeenkomst",
        themas=[],
        provincies=[Provincie.objects.get(naam="Friesland")],
        gemeenten=gemeenten(*codes),
        deelnemers=deelnemers,
        gerapporteerd_op=moment(2011, 4, 13),
    )


def _codes(koppelingen) -> set[str]:
    return set(koppelingen.values_list("gemeente__cbs_code", flat=True))


def test_each_save_of_a_meeting_stores_one_version_with_its_provinces_and_municipalities(
    adviseur_friesland, coordinator
):
    bijeenkomst = _bijeenkomst(adviseur_friesland)
    with time_machine.travel(moment(2012, 2, 1), tick=False):
        _bijeenkomst(coordinator, bijeenkomst, codes=("GM0080",), deelnemers=12)
    eerste, tweede = bijeenkomst.history.order_by("history_date")
    assert (eerste.history_date, eerste.history_type, eerste.history_user) == (
        moment(2011, 4, 13),
        "+",
        adviseur_friesland,
    )
    assert (tweede.history_date, tweede.history_type, tweede.history_user) == (
        moment(2012, 2, 1),
        "~",
        coordinator,
    )
    assert _codes(selectors.bijeenkomst_gemeenten(Bijeenkomst.history.filter(pk=eerste.pk))) == {
        "GM1900",
        "GM0080",
    }
    assert set(
        selectors.bijeenkomst_provincies(Bijeenkomst.history.all()).values_list("provincie__naam", flat=True)
    ) == {"Friesland"}
    [toen] = selectors.bijeenkomsten_bekend_op(moment(2012, 1, 1), D(2012, 1, 1))
    [nu] = selectors.bijeenkomsten_bekend_op(moment(2012, 3, 1), D(2012, 1, 1))
    assert (toen.deelnemers, nu.deelnemers) == (30, 12)
    assert _codes(selectors.bijeenkomst_gemeenten(selectors.bijeenkomsten_bekend_op(moment(2012, 3, 1), D(2012, 1, 1)))) == {"GM0080"}  # fmt: skip
    assert not selectors.bijeenkomsten_bekend_op(
        moment(2011, 4, 13), D(2012, 1, 1)
    ).exists()  # logged at that moment


def test_each_save_of_a_traject_stores_one_version_with_its_municipalities(adviseur_friesland):
    with time_machine.travel(moment(2011, 3, 1), tick=False):
        traject = adviestraject_opslaan(door=adviseur_friesland, gemeenten=gemeenten("GM0080"), **PLAN)
    with time_machine.travel(moment(2012, 2, 1), tick=False):
        adviestraject_opslaan(
            door=adviseur_friesland,
            traject=traject,
            gemeenten=gemeenten("GM0080", "GM1900"),
            inzet_uren=Decimal("16"),
        )
    assert list(traject.history.order_by("history_date").values_list("history_type", "inzet_uren")) == [
        ("+", Decimal("10")),
        ("~", Decimal("16")),
    ]
    [toen] = selectors.trajecten_bekend_op(moment(2012, 1, 1))
    assert (toen.id, toen.inzet_uren, toen.history_date) == (traject.pk, Decimal("10"), traject.aangemaakt_op)
    assert _codes(selectors.traject_gemeenten(selectors.trajecten_bekend_op(moment(2012, 1, 1)))) == {
        "GM0080"
    }
    assert _codes(selectors.traject_gemeenten(selectors.trajecten_bekend_op(moment(2012, 3, 1)))) == {
        "GM0080",
        "GM1900",
    }


@pytest.fixture
def zonder_versies(adviseur_friesland):
    """A traject and a meeting as they were before versions existed: rows and links, no versions."""
    with time_machine.travel(moment(2011, 3, 1), tick=False):
        traject = adviestraject_opslaan(door=adviseur_friesland, gemeenten=gemeenten("GM0080"), **PLAN)
    bijeenkomst = _bijeenkomst(adviseur_friesland)
    for model, koppelingen in (
        (Adviestraject, ["gemeenten"]),
        (Bijeenkomst, ["provincies", "gemeenten"]),
    ):
        for veld in koppelingen:
            getattr(model.history.model, veld).model.objects.all().delete()
        model.history.all().delete()
    return traject, bijeenkomst


def test_the_migration_gives_each_existing_meeting_and_traject_a_first_version_dated_when_it_came_to_be(
    zonder_versies,
):
    traject, bijeenkomst = zonder_versies
    migratie.eerste_versies(apps, None)
    [versie] = Bijeenkomst.history.all()
    assert (versie.id, versie.history_date, versie.history_type) == (bijeenkomst.pk, moment(2011, 4, 13), "+")
    assert (versie.deelnemers, versie.datum, versie.organisatie_id) == (
        30,
        D(2011, 4, 12),
        bijeenkomst.organisatie_id,
    )
    assert _codes(selectors.bijeenkomst_gemeenten(Bijeenkomst.history.all())) == {"GM1900", "GM0080"}
    assert list(selectors.bijeenkomst_provincies(Bijeenkomst.history.all()).values_list("provincie__naam", flat=True)) == ["Friesland"]  # fmt: skip
    [versie] = Adviestraject.history.all()
    assert (versie.id, versie.history_date, versie.inzet_uren) == (
        traject.pk,
        moment(2011, 3, 1),
        Decimal("10"),
    )
    assert _codes(selectors.traject_gemeenten(Adviestraject.history.all())) == {"GM0080"}
    # the reports' reading: known from the moment it was logged or created, not before
    assert not selectors.bijeenkomsten_bekend_op(moment(2011, 4, 13), D(2011, 12, 31)).exists()
    assert selectors.bijeenkomsten_bekend_op(moment(2011, 4, 14), D(2011, 12, 31)).count() == 1
    assert not selectors.trajecten_bekend_op(moment(2011, 3, 1)).exists()
    assert selectors.trajecten_bekend_op(moment(2011, 3, 2)).count() == 1


def test_the_migration_leaves_meetings_and_trajecten_that_have_versions_alone(
    zonder_versies, adviseur_friesland
):
    migratie.eerste_versies(apps, None)
    nieuw = _bijeenkomst(adviseur_friesland)  # stored with its version by the service
    migratie.eerste_versies(apps, None)
    assert Bijeenkomst.history.count() == 2 and nieuw.history.count() == 1
    assert Adviestraject.history.count() == 1
    assert Bijeenkomst.history.model.gemeenten.model.objects.count() == 4
