"""Suite-wide pytest hooks: in CI nothing may be skipped, and the browser tests get Chromium."""

import os
import shutil

import pytest

from tests.worker_helpers import start_worker, vrije_poort

# Playwright runs an event loop in the test thread; the test code itself stays synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
VEREIST_ALLES = os.environ.get("GVE_REQUIRE_ALL_TESTS") == "1"


def pytest_sessionfinish(session, exitstatus):
    # In CI a skipped test is a failure: every part of the product must really have been tested.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if VEREIST_ALLES and reporter and reporter.stats.get("skipped"):
        reporter.write_line(
            f"GVE_REQUIRE_ALL_TESTS: {len(reporter.stats['skipped'])} test(s) skipped; failing.", red=True
        )
        session.exitstatus = 1


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright (never Playwright's own browser download)."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if VEREIST_ALLES:
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser context and page; a screenshot is kept in artifacts/ when the test ends."""
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    yield page
    os.makedirs("artifacts/screenshots", exist_ok=True)
    naam = request.node.name.replace("/", "_")
    try:
        page.screenshot(path=f"artifacts/screenshots/{naam}-einde.png", full_page=True)
    finally:
        context.close()


class Postbus:
    """An aiosmtpd handler that keeps every delivered message. Recipients whose address starts
    with ``weiger`` are refused, as a mail server refuses an unknown mailbox; a message to one
    starting with ``verbreek`` is kept, but the connection is cut before the sender hears it was
    accepted (the sender cannot know whether it arrived); ``vertraging`` slows the server's answer
    down (seconds) after it has kept the message, so a test can stop a worker in the middle of a
    batch — and the mail it was sending has then arrived without the worker hearing so."""

    def __init__(self):
        import threading

        self.berichten: list = []
        self.vertraging = 0.0
        self._slot = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("weiger"):
            return "550 5.1.1 Mailbox bestaat niet"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import asyncio
        import email
        from email import policy

        bericht = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=policy.default
        )
        with self._slot:
            self.berichten.extend((adres.lower(), bericht) for adres in envelope.rcpt_tos)
        if self.vertraging:
            await asyncio.sleep(self.vertraging)
        if any(adres.lower().startswith("verbreek") for adres in envelope.rcpt_tos):
            server.transport.abort()
        return "250 Message accepted for delivery"

    def aan(self, adres: str) -> list:
        with self._slot:
            return [b for a, b in self.berichten if a == adres.lower()]

    def leeg(self) -> None:
        with self._slot:
            self.berichten.clear()
        self.vertraging = 0.0


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on loopback (aiosmtpd) for this test process and its Celery worker."""
    from aiosmtpd.controller import Controller

    postbus = Postbus()
    controller = Controller(postbus, hostname="127.0.0.1", port=vrije_poort())
    controller.start()
    postbus.poort = controller.port
    yield postbus
    controller.stop()


@pytest.fixture
def smtp(smtp_server, settings):
    """This test sends its mail through the loopback SMTP server; returns that server's mailbox."""
    smtp_server.leeg()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.poort
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield smtp_server
    smtp_server.leeg()


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker, smtp_server):
    """A real Celery worker on Redis against the test database, when REDIS_URL is set (CI);
    on the embedded default tasks run in-process and no worker is needed.

    Tests that use it need ``django_db(transaction=True)``: the worker is another process and
    only sees committed rows."""
    import time

    from django.conf import settings

    if settings.CELERY_TASK_ALWAYS_EAGER:
        yield None
        return
    proces = start_worker("worker", "celery", email_url=f"smtp://127.0.0.1:{smtp_server.poort}")
    from goedvoorelkaar.celery import app

    for _ in range(60):
        if app.control.ping(timeout=1):
            break
        if proces.poll() is not None:
            raise RuntimeError("Celery worker stopped at start; see artifacts/celery-worker.log")
        time.sleep(1)
    else:
        proces.terminate()
        raise RuntimeError("Celery worker did not answer within 60 s")
    yield proces
    proces.terminate()
    proces.wait(timeout=30)
