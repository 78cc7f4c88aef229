"""Scheduled reports: Celery beat's daily run over a simulated year makes the monthly report on
the 1st and the quarterly on a quarter's first day, for the country and each CMO, once; days the
beat was down are caught up on its next run; a kind switched off makes nothing, and switched on
again makes nothing for the periods that ended meanwhile. A scheduled report that is ready is
mailed to its readers with its link, once."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from gemeenten.models import Organisatie
from rapportage import planning, tasks
from rapportage.models import Rapport
from tests.accounts.factories import AdviseurFactory, CoordinatorFactory
from tests.rapportage.rapportage_helpers import moment
from tests.tweede_factor import geverifieerd_inloggen

D = datetime.date
BEAT_PLAT = {D(2013, 4, 1), D(2013, 4, 2)}  # the beat is down on a quarter's (and month's) first day


@pytest.fixture
def gebouwd(monkeypatch):
    """The builds the beat queues (building itself is tested elsewhere)."""
    wachtrij: list[int] = []
    monkeypatch.setattr(tasks.rapport_bouwen_task, "delay", wachtrij.append)
    return wachtrij


def _een_jaar_beat(van: D, tot: D, zonder=frozenset()) -> dict[D, int]:
    """Run the daily beat task at 6:00 every day from ``van`` to ``tot`` except ``zonder``; how
    many reports it stored per day (days without any left out)."""
    per_dag = {}
    dag = van
    while dag <= tot:
        if dag not in zonder:
            with time_machine.travel(moment(dag.year, dag.month, dag.day, 6), tick=False):
                if gemaakt := tasks.geplande_rapporten_task():
                    per_dag[dag] = gemaakt
        dag += datetime.timedelta(days=1)
    return per_dag


def test_a_year_of_beat_makes_each_kind_once_on_its_day_and_catches_up_a_missed_day(referentiedata, gebouwd):
    per_dag = _een_jaar_beat(D(2013, 1, 1), D(2013, 12, 31), zonder=BEAT_PLAT)
    gebieden = 1 + Organisatie.objects.count()  # the country and each CMO
    eerste = [D(2013, m, 1) for m in range(1, 13) if D(2013, m, 1) not in BEAT_PLAT]
    kwartaal_start = {D(2013, 1, 1), D(2013, 7, 1), D(2013, 10, 1)}
    verwacht = {d: gebieden * (2 if d in kwartaal_start else 1) for d in eerste}
    verwacht[D(2013, 4, 3)] = 2 * gebieden  # March and the first quarter, caught up the day after
    assert per_dag == verwacht

    gepland = Rapport.objects.filter(gepland=True)
    assert len(gebouwd) == gepland.count() == 16 * gebieden
    assert sorted({r.periode_van for r in gepland.filter(soort="maand")}) == [D(2012, 12, 1)] + [
        D(2013, m, 1) for m in range(1, 12)
    ]
    assert sorted({r.periode_van for r in gepland.filter(soort="kwartaal")}) == [
        D(2012, 10, 1), D(2013, 1, 1), D(2013, 4, 1), D(2013, 7, 1)
    ]  # fmt: skip
    maart = gepland.get(soort="maand", periode_van=D(2013, 3, 1), organisatie=None)
    assert (maart.peildatum, maart.aangevraagd_door, maart.status) == (D(2013, 3, 31), None, "wachtend")
    assert timezone.localdate(maart.aangevraagd_op) == D(2013, 4, 3)


def test_a_second_run_on_the_same_day_makes_nothing(referentiedata, gebouwd):
    with time_machine.travel(moment(2013, 2, 1, 6), tick=False):
        eerste = tasks.geplande_rapporten_task()
        assert eerste == 1 + Organisatie.objects.count()  # January, for the country and each CMO
        assert tasks.geplande_rapporten_task() == 0
    # The unique constraint holds even when the check before it is passed by (two workers at once).
    assert planning._inplannen("maand", D(2013, 1, 1), None) is None


def test_a_kind_switched_off_makes_nothing_and_switched_on_again_skips_what_ended_meanwhile(
    referentiedata, gebouwd
):
    coordinator = CoordinatorFactory()
    with time_machine.travel(moment(2013, 1, 10, 12), tick=False):
        planning.planning_van("kwartaal")
        planning.planning_wijzigen(soort="kwartaal", actief=False, door=coordinator)
    _een_jaar_beat(D(2013, 1, 11), D(2013, 5, 31))
    assert not Rapport.objects.filter(soort="kwartaal").exists()
    with time_machine.travel(moment(2013, 6, 15, 12), tick=False):
        planning.planning_wijzigen(soort="kwartaal", actief=True, door=coordinator)
    _een_jaar_beat(D(2013, 6, 16), D(2013, 7, 2))
    assert set(Rapport.objects.filter(soort="kwartaal").values_list("periode_van", flat=True)) == {
        D(2013, 4, 1)
    }
    adviseur = AdviseurFactory(organisatie=Organisatie.objects.first())
    with pytest.raises(PermissionDenied):
        planning.planning_wijzigen(soort="maand", actief=False, door=adviseur)


def test_a_ready_scheduled_report_is_mailed_once_to_its_readers(referentiedata):
    CoordinatorFactory(email="a@movisie.example")
    CoordinatorFactory(email="weg@movisie.example", is_active=False)
    partoer = Organisatie.objects.get(naam="Partoer")
    AdviseurFactory(email="b@partoer.example", organisatie=partoer)
    AdviseurFactory(email="c@elders.example", organisatie=Organisatie.objects.exclude(pk=partoer.pk).first())
    landelijk = Rapport.objects.create(
        soort="maand", periode_van=D(2013, 3, 1), peildatum=D(2013, 3, 31), gepland=True, status="klaar"
    )
    cmo = Rapport.objects.create(
        soort="maand", periode_van=D(2013, 3, 1), peildatum=D(2013, 3, 31), gepland=True, status="klaar",
        organisatie=partoer,
    )  # fmt: skip
    assert planning.gepland_rapport_melden(landelijk) == 1
    assert planning.gepland_rapport_melden(landelijk) == 0  # never twice
    assert planning.gepland_rapport_melden(cmo) == 1
    assert [m.to for m in mail.outbox] == [["a@movisie.example"], ["b@partoer.example"]]
    eerste = mail.outbox[0]
    assert eerste.subject == "Maandrapportage maart 2013 staat klaar"
    assert f"/rapportage/{landelijk.pk}/" in eerste.body and "maandrapportage maart 2013" in eerste.body
    assert "Partoer" in mail.outbox[1].subject
    handmatig = Rapport.objects.create(
        soort="maand", periode_van=D(2013, 3, 1), peildatum=D(2013, 3, 31), status="klaar"
    )
    assert planning.gepland_rapport_melden(handmatig) == 0  # a report asked for by hand is not mailed


def test_the_build_of_a_scheduled_report_mails_when_it_is_ready(
    referentiedata, django_capture_on_commit_callbacks
):
    CoordinatorFactory(email="a@movisie.example")
    with time_machine.travel(moment(2013, 2, 1, 6), tick=False):
        rapport = planning._inplannen("maand", D(2013, 1, 1), None)
        assert tasks.rapport_bouwen_task(rapport.pk) == "klaar"
    rapport.refresh_from_db()
    assert rapport.gemeld_op is not None
    assert [m.to for m in mail.outbox] == [["a@movisie.example"]]


def test_beat_asks_for_the_scheduled_reports_every_morning(settings):
    taak = settings.CELERY_BEAT_SCHEDULE["geplande-rapporten"]
    assert taak["task"] == "rapportage.tasks.geplande_rapporten_task"
    assert taak["schedule"].hour == {6} and taak["schedule"].minute == {0}


def test_a_coordinator_switches_a_kind_off_and_on_on_the_reports_page(referentiedata, client):
    coordinator = CoordinatorFactory()
    geverifieerd_inloggen(client, coordinator)
    pagina = client.get(reverse("rapportage:lijst")).content.decode()
    assert "Kwartaalrapportage: <strong>aan</strong>" in pagina
    antwoord = client.post(reverse("rapportage:planning"), {"soort": "kwartaal"}, follow=True)
    pagina = antwoord.content.decode()
    assert "De kwartaalrapportage wordt niet meer vanzelf gemaakt." in pagina
    assert (
        "Kwartaalrapportage: <strong>uit</strong>" in pagina
        and "Maandrapportage: <strong>aan</strong>" in pagina
    )
    client.post(reverse("rapportage:planning"), {"soort": "kwartaal", "actief": "on"})
    assert planning.planningen()[1] == ("kwartaal", "Kwartaalrapportage", True)
    fout = client.post(reverse("rapportage:planning"), {"soort": "jaar"}, follow=True).content.decode()
    assert "Kies de maand- of kwartaalrapportage" in fout


def test_an_adviser_sees_no_switch(referentiedata, client):
    geverifieerd_inloggen(client, AdviseurFactory(organisatie=Organisatie.objects.get(naam="Partoer")))
    assert "Vanzelf gemaakte rapporten" not in client.get(reverse("rapportage:lijst")).content.decode()
    assert client.post(reverse("rapportage:planning"), {"soort": "maand"}).status_code == 403
