"""A contact and an adviser's pool period keep a version of every change with who and when, also
when the service runs without a request (a task or a command): issue 15's "history that can be
read back", for the two records whose history no page shows."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from advies.services import adviseur_beeindigen, adviseur_toevoegen, adviseur_verplaatsen
from gemeenten.models import Contactpersoon, Gemeente, Organisatie
from gemeenten.services import contactpersoon_opslaan, contactpersoon_verwijderen
from toolkit.geschiedenis import stand_op

pytestmark = pytest.mark.django_db

AMSTERDAM = timezone.get_fixed_timezone(60)


def om(dag: int) -> datetime.datetime:
    return datetime.datetime(2013, 3, dag, 10, tzinfo=AMSTERDAM)


def versies(history) -> list[tuple]:
    return [(v.history_type, v.history_user, v.history_date) for v in history.order_by("history_id")]


def test_a_contact_keeps_who_added_corrected_and_removed_it_and_when(referentiedata, coordinator):
    leeuwarden = Gemeente.objects.get(cbs_code="GM0080")
    with time_machine.travel(om(4), tick=False):
        contact = contactpersoon_opslaan(
            gemeente=leeuwarden, naam="Els de Vries", email="els@leeuwarden.example.nl", door=coordinator
        )
    with time_machine.travel(om(5), tick=False):
        contactpersoon_opslaan(
            gemeente=leeuwarden, naam="Els de Vries", email="e.devries@leeuwarden.example.nl",
            door=coordinator, contactpersoon=contact,
        )  # fmt: skip
    with time_machine.travel(om(6), tick=False):
        contactpersoon_verwijderen(contactpersoon=Contactpersoon.objects.get(pk=contact.pk), door=coordinator)
    assert versies(Contactpersoon.history.filter(id=contact.pk)) == [
        ("+", coordinator, om(4)),
        ("~", coordinator, om(5)),
        ("-", coordinator, om(6)),
    ]
    # read back as of a moment: the address it had then, and gone once removed
    [op_de_vijfde] = stand_op(
        Contactpersoon.history.filter(id=contact.pk), om(5) + datetime.timedelta(hours=1)
    )
    assert op_de_vijfde.email == "e.devries@leeuwarden.example.nl"
    assert not stand_op(Contactpersoon.history.filter(id=contact.pk), om(7)).exists()


def test_an_advisers_periods_keep_who_ended_and_moved_them_and_when(referentiedata, coordinator):
    with time_machine.travel(om(4), tick=False):
        periode = adviseur_toevoegen(
            naam="Pim", email="pim@example.nl", organisatie=Organisatie.objects.get(naam="Partoer"),
            actief_van=datetime.date(2013, 1, 1), door=coordinator,
        )  # fmt: skip
    with time_machine.travel(om(5), tick=False):
        nieuw = adviseur_verplaatsen(
            periode=periode, naar=Organisatie.objects.get(naam="Stamm"), per=datetime.date(2013, 4, 1),
            door=coordinator,
        )  # fmt: skip
    with time_machine.travel(om(6), tick=False):
        adviseur_beeindigen(periode=nieuw, per=datetime.date(2013, 6, 1), door=coordinator)
    assert versies(periode.history.all()) == [("+", coordinator, om(4)), ("~", coordinator, om(5))]
    assert versies(nieuw.history.all()) == [("+", coordinator, om(5)), ("~", coordinator, om(6))]
    [voor] = stand_op(periode.history.all(), om(4) + datetime.timedelta(hours=1))
    assert voor.actief_tot is None and voor.organisatie.naam == "Partoer"
