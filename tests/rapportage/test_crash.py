"""A report task whose Celery worker is killed mid-run is picked up again and ends 'klaar' once."""

import os
import signal
from pathlib import Path

import pytest

from rapportage.models import Rapport
from rapportage.services import rapport_aanvragen
from tests.worker_helpers import eigen_wachtrij as eigen_wachtrij_van
from tests.worker_helpers import start_worker, wacht_op

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def eigen_wachtrij():
    with eigen_wachtrij_van("rapportage.tasks.rapport_bouwen_task", "crashtest"):
        yield


def test_a_killed_worker_does_not_lose_or_duplicate_the_report(referentiedata, coordinator, eigen_wachtrij):
    os.makedirs("artifacts", exist_ok=True)
    traag = start_worker("traag", "crashtest", "--include", "tests.rapportage.traag_pdf", zichtbaar_na=5)
    try:
        rapport = rapport_aanvragen(
            soort="eind", peildatum=__import__("datetime").date(2012, 10, 1), door=coordinator
        )
        wacht_op(lambda: Rapport.objects.filter(pk=rapport.pk, status="bezig").exists(), seconden=120)
        os.kill(traag.pid, signal.SIGKILL)  # mid-build: the task was never acknowledged
        traag.wait(timeout=30)
    finally:
        if traag.poll() is None:
            traag.kill()
    assert Rapport.objects.get(pk=rapport.pk).status == "bezig"

    vervanger = start_worker("vervanger", "crashtest", zichtbaar_na=5)
    try:
        klaar = wacht_op(lambda: Rapport.objects.filter(pk=rapport.pk, status="klaar").first(), seconden=180)
    finally:
        vervanger.terminate()
        vervanger.wait(timeout=30)
    assert klaar.pogingen == 2
    map_ = Path(klaar.pdf.path).parent
    assert sorted(p.name for p in map_.iterdir()) == sorted(
        f"{klaar.bestandsnaam}.{f}" for f in ("html", "pdf", "xlsx")
    )
    assert Path(klaar.pdf.path).read_bytes().startswith(b"%PDF")
