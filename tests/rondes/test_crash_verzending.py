"""A mailing whose Celery worker is killed mid-batch is delivered again and completes: every address
gets its mail once, except at most the one that was being sent (in doubt), which the coordinator
can send again; a refused address corrected on the contact and sent again is delivered."""

import datetime
import os
import signal
from collections import Counter

import pytest
from django.utils import timezone

from gemeenten.models import Contactpersoon, Gemeente, Provincie
from gemeenten.services import contactpersoon_opslaan
from rondes.models import Verzending, Verzendopdracht
from rondes.services import ronde_openen, ronde_uitnodigen, uitnodigingen_opnieuw_versturen
from rondes.verzending import ONDERBROKEN
from tests.rondes.ronde_helpers import contact
from tests.worker_helpers import eigen_wachtrij as eigen_wachtrij_van
from tests.worker_helpers import start_worker, wacht_op

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def eigen_wachtrij():
    with eigen_wachtrij_van("rondes.tasks.verzendopdracht_task", "crashtest-mail"):
        yield


def klaar(opdracht) -> bool:
    return Verzendopdracht.objects.filter(pk=opdracht.pk, status="klaar").exists()


def test_a_killed_worker_leaves_at_most_one_mail_in_doubt_and_the_run_completes(
    smtp, eigen_wachtrij, coordinator, nulmeting, referentiedata
):
    vandaag = timezone.localdate()
    ronde = ronde_openen(
        vragenlijst=nulmeting,
        naam="Nulmeting Gelderland",
        opent_op=vandaag,
        sluit_op=vandaag + datetime.timedelta(days=30),
        provincies=[Provincie.objects.get(naam="Gelderland")],
        door=coordinator,
    )
    codes = list(
        Gemeente.objects.filter(provincie__naam="Gelderland")
        .bestaand_op(vandaag)
        .values_list("cbs_code", flat=True)
    )
    for code in codes[:-1]:
        contact(code)
    fout = contact(codes[-1], "weiger@gelderland.example.nl")  # the server refuses this one
    smtp.vertraging = 0.2  # a slow mail server: the first batch of 50 takes about ten seconds

    traag = start_worker("mail-traag", "crashtest-mail", zichtbaar_na=5)
    try:
        opdracht = ronde_uitnodigen(ronde=ronde, door=coordinator, basis_url="http://gve.example.nl/")
        wacht_op(lambda: len(smtp.berichten) >= 5, seconden=120)
        os.kill(traag.pid, signal.SIGKILL)  # mid-batch: some of its 50 went out, the rest did not
        traag.wait(timeout=30)
    finally:
        if traag.poll() is None:
            traag.kill()
    al_bezorgd = {adres for adres, _ in smtp.berichten}
    assert 5 <= len(al_bezorgd) < 50
    na_crash = dict(Verzending.objects.values_list("email", "status"))
    geboekt = {e for e, s in na_crash.items() if s == "verzonden"}
    assert Counter(na_crash.values())["bezig"] <= 1  # only the mail being sent when it died
    assert geboekt <= al_bezorgd and len(al_bezorgd - geboekt) <= 1  # the ledger lags by one at most

    smtp.vertraging = 0.0
    vervanger = start_worker("mail-vervanger", "crashtest-mail", zichtbaar_na=5)
    try:
        wacht_op(lambda: klaar(opdracht), seconden=180)
        bezorgd = Counter(adres for adres, _ in smtp.berichten)
        rijen = {r.email: r for r in Verzending.objects.filter(opdracht=opdracht)}
        assert len(rijen) == len(codes)
        onzeker = {e for e, r in rijen.items() if r.status == "onzeker"}
        assert len(onzeker) <= 1 and {rijen[e].reden for e in onzeker} <= {ONDERBROKEN}
        assert rijen[fout.email].status == "mislukt" and rijen[fout.email].reden.startswith("550")
        verzonden = {e for e, r in rijen.items() if r.status == "verzonden"}
        assert verzonden == set(rijen) - onzeker - {fout.email}
        # the mail in doubt had arrived (the server kept it, the killed worker never heard): it is
        # not sent again by itself
        assert max(bezorgd.values()) == 1, "someone was mailed twice"
        assert set(bezorgd) - onzeker == verzonden  # every address delivered exactly once
        assert Verzendopdracht.objects.get(pk=opdracht.pk).pogingen == 2

        # The coordinator corrects the refused address and sends what failed or is in doubt again.
        contactpersoon_opslaan(
            gemeente=fout.gemeente,
            contactpersoon=fout,
            naam=fout.naam,
            email="anna@gelderland.example.nl",
            door=coordinator,
        )
        opnieuw = uitnodigingen_opnieuw_versturen(
            ronde=ronde, door=coordinator, basis_url="http://gve.example.nl/", ook_onzeker=True
        )
        wacht_op(lambda: klaar(opnieuw), seconden=120)
    finally:
        vervanger.terminate()
        vervanger.wait(timeout=30)

    bezorgd = Counter(adres for adres, _ in smtp.berichten)
    huidige = set(Contactpersoon.objects.filter(gemeente__cbs_code__in=codes).values_list("email", flat=True))
    assert set(bezorgd) == huidige and bezorgd["anna@gelderland.example.nl"] == 1
    assert all(n == 1 for e, n in bezorgd.items() if e not in onzeker)  # only the in-doubt one may be twice
    assert set(Verzending.objects.filter(email__in=huidige).values_list("status", flat=True)) == {"verzonden"}
