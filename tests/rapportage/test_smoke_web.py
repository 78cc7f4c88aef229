import pytest

from rapportage.models import Rapport
from tests.worker_helpers import wacht_op


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_coordinator_requests_and_downloads_a_report(login, coordinator, referentiedata, celery_worker):
    client = login(coordinator)
    response = client.post("/rapportage/", {"soort": "eind", "peildatum": "2012-10-01"}, follow=True)
    assert response.status_code == 200
    rapport = wacht_op(lambda: Rapport.objects.filter(status__in=["klaar", "mislukt"]).first())
    assert rapport.status == "klaar", rapport.fout
    assert "nog geen gegevens" in rapport.html.open().read().decode()
    pdf = client.get(f"/rapportage/{rapport.pk}/download/pdf/")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_future_period_is_refused_and_creates_no_run(login, coordinator):
    client = login(coordinator)
    response = client.post("/rapportage/", {"soort": "maand", "jaar": "2099", "maand": "1"})
    assert "Deze periode ligt in de toekomst:" in response.content.decode()
    assert not Rapport.objects.exists()
