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
