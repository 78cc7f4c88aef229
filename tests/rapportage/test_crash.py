"""A report task whose Celery worker is killed mid-run is picked up again and ends 'klaar' once."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from conftest import wacht_op
from rapportage.models import Rapport
from rapportage.services import rapport_aanvragen

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def start_worker(naam: str, *extra: str) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "goedvoorelkaar.test_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "GVE_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_VISIBILITY_TIMEOUT": "5",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    log = open(f"artifacts/celery-{naam}.log", "ab")  # noqa: SIM115 - the worker writes to it
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "goedvoorelkaar",
            "worker",
            "--pool=solo",
            "-n",
            f"{naam}-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "-Q",
            "crashtest",
            *extra,
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


@pytest.fixture
def eigen_wachtrij():
    """This test's reports go to a queue only its own workers listen to, so the suite's shared
    worker never takes them."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("needs Redis and real workers (CI runs it)")
    from goedvoorelkaar.celery import app

    vorige = app.conf.task_routes
    routes_zetten(app, {"rapportage.tasks.rapport_bouwen_task": {"queue": "crashtest"}})
    yield
    routes_zetten(app, vorige)


def routes_zetten(app, routes) -> None:
    """Change the task routes of this process. Celery caches the routing table and the router on
    first use, so both are rebuilt; otherwise a later test's tasks would still go to this queue."""
    app.conf.task_routes = routes
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)


def test_a_killed_worker_does_not_lose_or_duplicate_the_report(referentiedata, coordinator, eigen_wachtrij):
    os.makedirs("artifacts", exist_ok=True)
    traag = start_worker("traag", "--include", "tests.rapportage.traag_pdf")
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

    vervanger = start_worker("vervanger")
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
