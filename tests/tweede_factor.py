"""Logging a test's user in the way a real login ends: with a verified second factor.

``geverifieerd_inloggen(client, user)`` replaces ``client.force_login``: it gives the user a
confirmed authenticator device (with a known test secret) and marks the session verified by it,
as django-otp does after a correct code. ``code_voor`` gives the code that device accepts now, for
tests and browser tests that type it into the real pages. Two-factor login is never switched off
in tests (decision 0020).
"""

import base64
import re
import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

TEST_SLEUTEL = b"tests-gve-tweedestap".hex()
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def app_van(user: User) -> TOTPDevice:
    """The user's confirmed authenticator device (made with the test secret the first time)."""
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return apparaat or TOTPDevice.objects.create(user=user, name="test", key=TEST_SLEUTEL, confirmed=True)


def code_voor(apparaat: TOTPDevice) -> str:
    """A code ``apparaat`` accepts now: the current time step's, or, if that one was used already
    (a second login within 30 seconds), the next one's (within the device's tolerance)."""
    apparaat.refresh_from_db()
    totp = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    totp.time = time.time()
    stap = max(totp.t(), apparaat.last_t + 1)
    if stap > totp.t() + apparaat.tolerance:
        time.sleep(apparaat.step)
        return code_voor(apparaat)
    return f"{hotp(apparaat.bin_key, stap, digits=apparaat.digits):0{apparaat.digits}d}"


def geverifieerd_inloggen(client: Client, user: User, backend: str = MODEL_BACKEND) -> Client:
    apparaat = app_van(user)
    client.force_login(user, backend=backend)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie.save()
    return client


def code_uit_geheim(geheim: str) -> str:
    """The code an authenticator app shows now for a secret typed over from the set-up page."""
    tekst = "".join(geheim.split())
    sleutel = base64.b32decode(tekst + "=" * (-len(tekst) % 8))
    return f"{TOTP(sleutel).token():06d}"


def tweede_stap_in_browser(page, user: User) -> None:
    """In a browser past the password: type the code of ``user``'s app on the second step's page."""
    page.wait_for_url(re.compile(r"/account/tweede-stap/"))
    page.locator("input[name=code]").fill(code_voor(app_van(user)))
    page.get_by_role("button", name="Inloggen").click()
