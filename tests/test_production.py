import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    weg = (
        "DJANGO_SETTINGS_MODULE",
        "DEBUG",
        "SECRET_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    )  # set by the test run itself
    omgeving = {k: v for k, v in os.environ.items() if k not in weg}
    omgeving.update(DJANGO_SETTINGS_MODULE="goedvoorelkaar.settings", GVE_ENV_FILE="", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_passes_the_deploy_check():
    resultaat = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="gve.example.nl",
    )
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr
    assert "no issues" in resultaat.stdout


def test_production_refuses_to_start_without_a_secret():
    resultaat = manage("check", DEBUG="False")
    assert resultaat.returncode != 0 and "SECRET_KEY" in resultaat.stderr


def test_a_web_worker_imports_the_views_when_it_starts_not_on_its_first_request():
    omgeving = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    omgeving.update(DJANGO_SETTINGS_MODULE="goedvoorelkaar.settings", GVE_ENV_FILE="", DEBUG="True")
    code = "import sys, goedvoorelkaar.wsgi; print(all(m in sys.modules for m in ('nulmeting.views', 'rapportage.views')))"
    resultaat = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=omgeving, capture_output=True, text=True, timeout=120
    )
    assert resultaat.stdout.strip() == "True", resultaat.stdout + resultaat.stderr
