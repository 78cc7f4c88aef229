"""A mailing whose Celery worker is killed mid-batch is delivered again and mails nobody twice."""

import datetime
import os
import signal
from collections import Counter

import pytest
from django.utils import timezone

from gemeenten.models import Gemeente, Provincie
from rondes.models import Verzending, Verzendopdracht
from rondes.services import ronde_openen, ronde_uitnodigen
from rondes.verzending import ONDERBROKEN
from tests.rondes.ronde_helpers import contact
from tests.worker_helpers import eigen_wachtrij as eigen_wachtrij_van
from tests.worker_helpers import start_worker, wacht_op

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def eigen_wachtrij():
    with eigen_wachtrij_van("rondes.tasks.verzendopdracht_task", "crashtest-mail"):
        yield


def test_a_killed_worker_mails_nobody_twice(smtp, eigen_wachtrij, coordinator, nulmeting, referentiedata):
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
    for code in codes:
        contact(code)
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
    assert Verzending.objects.filter(status="bezig").count() == 50

    smtp.vertraging = 0.0
    vervanger = start_worker("mail-vervanger", "crashtest-mail", zichtbaar_na=5)
    try:
        wacht_op(
            lambda: Verzendopdracht.objects.filter(pk=opdracht.pk, status="klaar").exists(), seconden=180
        )
    finally:
        vervanger.terminate()
        vervanger.wait(timeout=30)

    bezorgd = Counter(adres for adres, _ in smtp.berichten)
    assert max(bezorgd.values()) == 1, "someone was mailed twice"
    rijen = {r.email: r for r in Verzending.objects.filter(opdracht=opdracht)}
    assert len(rijen) == len(codes)
    onderbroken = {e for e, r in rijen.items() if r.status == "mislukt"}
    assert len(onderbroken) == 50 and {rijen[e].reden for e in onderbroken} == {ONDERBROKEN}
    assert al_bezorgd <= onderbroken  # what went out before the kill is not sent again
    verzonden = {e for e, r in rijen.items() if r.status == "verzonden"}
    assert verzonden == set(bezorgd) - al_bezorgd and len(verzonden) == len(codes) - 50
    assert Verzendopdracht.objects.get(pk=opdracht.pk).pogingen == 2
