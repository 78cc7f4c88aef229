"""Processes the tests start and wait for: a free port on loopback, a Celery worker against the
test database in a process of its own, a task sent to a queue only a test's own workers listen to,
and polling until something has happened."""

import contextlib
import os

import pytest


def vrije_poort() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wacht_op(voorwaarde, seconden: float = 180, stap: float = 0.5):
    """Poll ``voorwaarde()`` until it is truthy; return its value or fail after ``seconden``."""
    import time

    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if waarde := voorwaarde():
            return waarde
        time.sleep(stap)
    pytest.fail(f"Not reached within {seconden} s")


def start_worker(naam: str, wachtrij: str, *extra: str, email_url: str = "", zichtbaar_na: int = 3600):
    """A Celery worker on ``wachtrij`` against the test database, in a process of its own (its log
    in artifacts/). ``zichtbaar_na``: seconds before an unacknowledged task is handed out again
    (short for the tests that kill a worker); ``email_url``: where the worker sends its mail."""
    import subprocess
    import sys

    from django.conf import settings
    from django.db import connection

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "goedvoorelkaar.test_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "GVE_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_VISIBILITY_TIMEOUT": str(zichtbaar_na),
    }
    if email_url or settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        env["GVE_TEST_EMAIL_URL"] = email_url or f"smtp://{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    env.pop("PYTEST_XDIST_WORKER", None)
    os.makedirs("artifacts", exist_ok=True)
    log = open(f"artifacts/celery-{naam}.log", "ab")  # noqa: SIM115 - the worker writes to it
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "goedvoorelkaar", "worker", "--pool=solo", "--loglevel=INFO"]
        + ["-n", f"{naam}-{os.getpid()}@%h", "--without-gossip", "--without-mingle", "-Q", wachtrij, *extra],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


@contextlib.contextmanager
def eigen_wachtrij(taak: str, wachtrij: str):
    """Send ``taak`` to a queue only a test's own workers listen to, so the suite's shared worker
    never takes it; skipped on the embedded default, where tasks run in-process."""
    from django.conf import settings

    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("needs Redis and real workers (CI runs it)")
    from goedvoorelkaar.celery import app

    vorige = app.conf.task_routes
    routes_zetten(app, {taak: {"queue": wachtrij}})
    try:
        yield
    finally:
        routes_zetten(app, vorige)


def routes_zetten(app, routes) -> None:
    """Change the task routes of this process. Celery caches the routing table and the router on
    first use, so both are rebuilt; otherwise a later test's tasks would still go to this queue."""
    app.conf.task_routes = routes
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)
