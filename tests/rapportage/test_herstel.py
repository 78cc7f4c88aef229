"""Report runs that fail: made to fail for real (storage in the way, WeasyPrint or the database
failing), they keep no files, say why in Dutch, and recover — by themselves when the failure passes,
or from their page with "Opnieuw proberen"."""

import datetime
import shutil
from pathlib import Path

import pytest
import time_machine
import weasyprint
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from rapportage.bouwen import REDENEN, TIJDELIJK_REDEN
from rapportage.models import Rapport
from rapportage.planning import wachtende_rapporten
from rapportage.services import rapport_opnieuw_proberen
from rapportage.tasks import rapport_bouwen_task, wachtende_rapporten_task
from tests.rapportage.factories import RapportFactory

pytestmark = pytest.mark.usefixtures("taken_in_dit_proces")


@pytest.fixture
def maandrapport(referentiedata, coordinator, settings, tmp_path):
    """March 2011 for the whole country, files under this test's own media root."""
    settings.MEDIA_ROOT = tmp_path
    return RapportFactory(
        soort="maand",
        periode_van=datetime.date(2011, 3, 1),
        peildatum=datetime.date(2011, 3, 31),
        aangevraagd_door=coordinator,
    )


def bestanden_van(rapport: Rapport) -> list[str]:
    return sorted(
        p.name for p in (Path(settings.MEDIA_ROOT) / "rapporten" / str(rapport.pk)).rglob("*") if p.is_file()
    )


@pytest.fixture
def herhalen(monkeypatch):
    """Eager tasks retry as a worker would, instead of raising ``Retry`` to the caller."""
    monkeypatch.setitem(rapport_bouwen_task.app.conf, "task_eager_propagates", False)


@pytest.fixture
def pdf_mislukt(monkeypatch):
    """WeasyPrint raising ``fout`` for the first ``keer`` PDFs (every PDF when None); returns the
    run's (status, reden) at each attempt."""
    echt = weasyprint.HTML.write_pdf
    pogingen = []

    def instellen(fout: Exception, keer: int | None = None):
        def write_pdf(html, *args, **kwargs):
            pogingen.append(Rapport.objects.values_list("status", "reden").get())
            if keer is None or len(pogingen) <= keer:
                raise fout
            return echt(html, *args, **kwargs)

        monkeypatch.setattr(weasyprint.HTML, "write_pdf", write_pdf)
        return pogingen

    return instellen


def test_a_failed_run_keeps_no_files_and_is_retried_from_its_page_to_klaar(
    maandrapport, login, coordinator, settings, django_capture_on_commit_callbacks
):
    # A non-empty folder where the Excel file belongs: storing it fails, after the HTML and PDF.
    in_de_weg = Path(settings.MEDIA_ROOT) / f"rapporten/{maandrapport.pk}/{maandrapport.bestandsnaam}.xlsx"
    (in_de_weg / "bezet").mkdir(parents=True)
    (in_de_weg / "bezet" / "iets").write_text("x")

    assert rapport_bouwen_task.delay(maandrapport.pk).get() == "mislukt"
    rapport = Rapport.objects.get()
    assert (rapport.status, rapport.reden) == ("mislukt", REDENEN["opslaan"])
    assert rapport.fout and not (rapport.html or rapport.pdf or rapport.xlsx) and rapport.cijfers is None
    assert bestanden_van(rapport) == ["iets"]  # only what stood in the way; the HTML and PDF are gone
    client = login(coordinator)
    pagina = client.get(f"/rapportage/{rapport.pk}/").content.decode()
    assert REDENEN["opslaan"] in pagina and "Opnieuw proberen" in pagina
    assert client.get(f"/rapportage/{rapport.pk}/download/html/").status_code == 404

    shutil.rmtree(in_de_weg)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rapportage/{rapport.pk}/opnieuw/")
    assert response.status_code == 302
    rapport.refresh_from_db()
    assert (rapport.status, rapport.reden, rapport.fout, rapport.pogingen) == ("klaar", "", "", 2)
    assert bestanden_van(rapport) == sorted(f"{rapport.bestandsnaam}.{f}" for f in ("html", "pdf", "xlsx"))
    assert "Opnieuw proberen" not in client.get(f"/rapportage/{rapport.pk}/").content.decode()


def test_a_pdf_that_cannot_be_made_fails_at_once_with_its_reason(maandrapport, pdf_mislukt):
    pogingen = pdf_mislukt(ValueError("kapotte opmaak"))
    assert rapport_bouwen_task.delay(maandrapport.pk).get() == "mislukt"
    rapport = Rapport.objects.get()
    assert (rapport.status, rapport.reden, rapport.pogingen, len(pogingen)) == (
        "mislukt",
        REDENEN["opmaken"],
        1,
        1,
    )
    assert rapport.fout == "ValueError: kapotte opmaak" and bestanden_van(rapport) == []


def test_a_database_that_is_away_for_a_moment_is_waited_for(maandrapport, pdf_mislukt, herhalen):
    pogingen = pdf_mislukt(OperationalError("server closed the connection unexpectedly"), keer=2)
    assert rapport_bouwen_task.delay(maandrapport.pk).get() == "klaar"
    rapport = Rapport.objects.get()
    assert pogingen == [("bezig", "")] * 3  # never mislukt, and no reason, while it is being retried
    assert (rapport.status, rapport.pogingen, rapport.reden) == ("klaar", 3, "")


def test_a_database_that_stays_away_fails_the_run_after_the_last_retry(maandrapport, pdf_mislukt, herhalen):
    pogingen = pdf_mislukt(OperationalError("server closed the connection unexpectedly"))
    assert rapport_bouwen_task.delay(maandrapport.pk).get() == "mislukt"
    rapport = Rapport.objects.get()
    assert pogingen == [("bezig", "")] * (rapport_bouwen_task.max_retries + 1)
    assert (rapport.status, rapport.reden, rapport.pogingen) == ("mislukt", TIJDELIJK_REDEN, 6)
    assert rapport.fout.startswith("OperationalError") and bestanden_van(rapport) == []


def test_only_a_failed_run_can_be_retried(maandrapport, login, coordinator):
    client = login(coordinator)
    response = client.post(f"/rapportage/{maandrapport.pk}/opnieuw/", follow=True)
    assert "Alleen een mislukt rapport kan opnieuw worden geprobeerd." in response.content.decode()
    assert Rapport.objects.get().status == "wachtend"


# --- the queue away (Redis down): nothing lost, no server error -------------------------------------


def test_a_report_requested_while_the_queue_is_away_waits_and_the_sweep_builds_it(
    referentiedata,
    login,
    coordinator,
    settings,
    tmp_path,
    wachtrij_onbereikbaar,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path
    client = login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/rapportage/", {"soort": "maand", "jaar": "2011", "maand": "3"})
    rapport = Rapport.objects.get()
    assert response.status_code == 302 and response.url == f"/rapportage/{rapport.pk}/"
    assert rapport.status == "wachtend"
    assert wachtende_rapporten_task() == 0  # requested just now: not swept yet
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=20)):
        assert wachtende_rapporten_task() == 0  # the queue is still away: it keeps waiting
        rapport.refresh_from_db()
        assert rapport.status == "wachtend"


def test_the_sweep_queues_what_waited_too_long_once_the_queue_is_back(maandrapport):
    Rapport.objects.filter(pk=maandrapport.pk).update(
        wachtend_sinds=timezone.now() - datetime.timedelta(minutes=20)
    )
    recent = RapportFactory(
        soort="maand", periode_van=datetime.date(2011, 4, 1), peildatum=datetime.date(2011, 4, 30)
    )
    assert wachtende_rapporten_task() == 1
    maandrapport.refresh_from_db()
    recent.refresh_from_db()
    assert (maandrapport.status, recent.status) == ("klaar", "wachtend")


def test_a_retried_run_waits_from_its_retry_not_from_its_request(maandrapport, login, coordinator):
    Rapport.objects.filter(pk=maandrapport.pk).update(
        status="mislukt", aangevraagd_op=timezone.now() - datetime.timedelta(days=2)
    )
    maandrapport.refresh_from_db()
    rapport_opnieuw_proberen(rapport=maandrapport, door=coordinator)
    assert wachtende_rapporten() == []
