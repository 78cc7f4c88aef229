"""Large imports run by a worker (issue 16): the upload is stored as a run, the worker imports it
all or nothing, its page shows how far it got and then the outcome as the import page would; a run
is never imported twice, a run the queue never got is picked up by the sweep, and finished runs
keep no file and are removed after their retention."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from advies.models import Adviesgesprek
from advies.uitwisseling import GESPREK_KOLOMMEN
from importen import soorten
from importen.models import Importrun
from importen.services import ONVERWACHT, TE_LANG, importrun_aanmaken, importrun_uitvoeren, voortgang_melder
from importen.soorten import Importsoort
from importen.tasks import importruns_bijhouden_task
from nulmeting.models import Meting
from nulmeting.uitwisseling import antwoorden_kolommen
from tests.accounts.factories import AdviseurFactory, CoordinatorFactory
from tests.advies.advies_helpers import cmo, csv_bestand
from tests.tweede_factor import geverifieerd_inloggen

pytestmark = pytest.mark.django_db

ADVISEUR = "adviseur@partoer.example.nl"
IMPORTPAGINA = "/advies/gesprekken/importeren/"


def gesprekken_csv(aantal: int, *, fout_op: int | None = None) -> bytes:
    rijen = [
        [
            "XX-XX" if i == fout_op else "2012-03-01",
            "",
            ADVISEUR,
            "GM1900",
            "vrijwilligerswerk",
            "Vertalen",
            "1,5",
            f"Gesprek {i} over de vrijwilligerscentrale.",
        ]
        for i in range(aantal)
    ]
    return csv_bestand(GESPREK_KOLOMMEN, rijen)


@pytest.fixture
def adviseur(referentiedata):
    return AdviseurFactory(email=ADVISEUR, organisatie=cmo("Partoer"))


@pytest.fixture
def klein_direct(settings):
    """Every file over 1 kB goes to the worker."""
    settings.IMPORT_DIRECT_TOT_BYTES = 1024


@pytest.fixture
def uploaden(client, coordinator, taken_in_dit_proces, django_capture_on_commit_callbacks):
    geverifieerd_inloggen(client, coordinator)

    def _uploaden(inhoud: bytes, *, url: str = IMPORTPAGINA, naam: str = "gesprekken.csv"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"bestand": SimpleUploadedFile(naam, inhoud)})

    return _uploaden


def test_a_large_file_is_imported_by_the_worker_and_its_page_says_what_was_stored(
    adviseur, klein_direct, uploaden, client
):
    response = uploaden(gesprekken_csv(250))
    run = Importrun.objects.get()
    assert response.status_code == 302 and response.url == f"/importen/{run.pk}/"
    assert Adviesgesprek.objects.count() == 250
    run.refresh_from_db()
    assert (run.status, run.fase, run.verwerkt, run.totaal) == ("gelukt", "opslaan", 250, 250)
    assert bytes(run.inhoud) == b"", "a finished run keeps no copy of the file"
    html = client.get(response.url).content.decode()
    assert "250 adviesgesprekken geïmporteerd." in html
    assert 'href="/advies/gesprekken/"' in html
    assert "data-status-url" not in html


def test_a_small_file_is_still_imported_within_the_request(adviseur, uploaden):
    response = uploaden(gesprekken_csv(3))
    assert response.url == "/advies/gesprekken/"
    assert Adviesgesprek.objects.count() == 3
    assert not Importrun.objects.exists()


def test_a_refused_run_lists_its_problems_stores_nothing_and_leads_back_to_the_upload(
    adviseur, klein_direct, uploaden, client
):
    response = uploaden(gesprekken_csv(250, fout_op=120))
    html = client.get(response.url).content.decode()
    assert "Er is niets geïmporteerd. Verbeter deze 1 fout:" in html
    assert "regel 122, kolom &#x27;datum&#x27;" in html
    assert f'href="{IMPORTPAGINA}"' in html
    assert not Adviesgesprek.objects.exists()
    assert Importrun.objects.get().status == "mislukt"


def test_a_queued_meting_import_keeps_the_questionnaire_it_was_uploaded_for(
    referentiedata, nulmeting, klein_direct, uploaden, client
):
    kolommen = antwoorden_kolommen(nulmeting)
    rijen = [[code, "2009-10-01"] + [""] * (len(kolommen) - 2) for code in ("GM0091", "GM0080", "GM0344")]
    response = uploaden(
        csv_bestand(kolommen, rijen),
        url=reverse("nulmeting:importeren") + f"?vragenlijst={nulmeting.code}",
        naam="metingen.csv",
    )
    assert Importrun.objects.get().opties == {"vragenlijst": nulmeting.code}
    assert "3 metingen geïmporteerd en gescoord." in client.get(response.url).content.decode()
    assert Meting.objects.filter(vragenlijst=nulmeting, status="ingediend").count() == 3


def test_progress_is_recorded_every_hundred_rows_and_at_the_end_and_shown_on_the_status(coordinator, client):
    run = _run(coordinator)
    voortgang = voortgang_melder(run.pk)
    voortgang("controleren", 100, 250)
    voortgang("controleren", 101, 250)  # between two updates: not written
    run.refresh_from_db()
    assert (run.fase, run.verwerkt, run.totaal) == ("controleren", 100, 250)
    Importrun.objects.filter(pk=run.pk).update(status="bezig")
    geverifieerd_inloggen(client, coordinator)
    stand = client.get(f"/importen/{run.pk}/stand/").json()
    assert stand == {
        "status": "bezig",
        "label": "Regels controleren: 100 van 250",
        "klaar": False,
        "verwerkt": 100,
        "totaal": 250,
    }
    voortgang("controleren", 250, 250)
    run.refresh_from_db()
    assert run.verwerkt == 250


def test_a_run_is_imported_once_even_when_its_task_is_delivered_twice(adviseur, coordinator):
    run = _run(coordinator, gesprekken_csv(5))
    importrun_uitvoeren(run.pk)
    importrun_uitvoeren(run.pk)
    assert Adviesgesprek.objects.count() == 5


def test_only_the_uploader_sees_a_run_not_even_a_coordinator(coordinator, client):
    run = _run(coordinator)
    geverifieerd_inloggen(client, CoordinatorFactory())
    assert client.get(f"/importen/{run.pk}/").status_code == 404
    assert client.get(f"/importen/{run.pk}/stand/").status_code == 404


def test_a_run_the_queue_never_got_waits_on_its_page_for_the_sweep(
    adviseur, klein_direct, client, coordinator, wachtrij_onbereikbaar
):
    geverifieerd_inloggen(client, coordinator)
    response = client.post(IMPORTPAGINA, {"bestand": SimpleUploadedFile("g.csv", gesprekken_csv(50))})
    run = Importrun.objects.get()
    assert response.url == f"/importen/{run.pk}/"
    html = client.get(response.url).content.decode()
    assert "Wacht op zijn beurt" in html and "data-status-url" in html


def test_the_sweep_queues_runs_waiting_over_a_quarter_and_closes_runs_whose_worker_died(
    adviseur, coordinator, taken_in_dit_proces
):
    wachtend = _run(coordinator, gesprekken_csv(4))
    afgebroken = _run(coordinator, gesprekken_csv(4))
    Importrun.objects.filter(pk=afgebroken.pk).update(status="bezig", gestart_op=timezone.now())
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=10)):
        assert importruns_bijhouden_task() == {"opnieuw_in_wachtrij": 0, "afgebroken": 0, "opgeruimd": 0}
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert importruns_bijhouden_task() == {"opnieuw_in_wachtrij": 1, "afgebroken": 1, "opgeruimd": 0}
    wachtend.refresh_from_db(), afgebroken.refresh_from_db()
    assert wachtend.status == "gelukt" and Adviesgesprek.objects.count() == 4
    assert (afgebroken.status, afgebroken.uitkomst) == ("mislukt", TE_LANG)
    assert bytes(afgebroken.inhoud) == b""


def test_finished_runs_are_removed_after_their_retention(coordinator, settings):
    settings.IMPORTRUNS_BEWAREN_DAGEN = 30
    oud, recent = _run(coordinator), _run(coordinator)
    Importrun.objects.filter(pk=oud.pk).update(
        status="gelukt", klaar_op=timezone.now() - datetime.timedelta(days=31)
    )
    Importrun.objects.filter(pk=recent.pk).update(
        status="gelukt", klaar_op=timezone.now() - datetime.timedelta(days=29)
    )
    assert importruns_bijhouden_task()["opgeruimd"] == 1
    assert list(Importrun.objects.values_list("pk", flat=True)) == [recent.pk]


def test_an_unexpected_failure_is_recorded_on_the_run_and_raised_for_the_worker_log(coordinator, monkeypatch):
    def kapot(bron, naam, *, door, voortgang):
        raise RuntimeError("stuk")

    monkeypatch.setitem(soorten._SOORTEN, "kapot", Importsoort("kapot", uitvoeren=kapot, gelukt=str))
    run = _run(coordinator, soort="kapot")
    with pytest.raises(RuntimeError):
        importrun_uitvoeren(run.pk)
    run.refresh_from_db()
    assert (run.status, run.uitkomst) == ("mislukt", ONVERWACHT)


def _run(door, inhoud: bytes = b"datum\n", soort: str = "adviesgesprekken") -> Importrun:
    return importrun_aanmaken(
        soort=soort,
        bestand=SimpleUploadedFile("g.csv", inhoud),
        door=door,
        opties={},
        titel="Adviesgesprekken importeren",
        terug_naar=IMPORTPAGINA,
        verder_naar="/advies/gesprekken/",
    )
