"""Suite-wide pytest hooks: in CI nothing may be skipped, and the browser tests get Chromium."""

import os
import shutil

import pytest

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
