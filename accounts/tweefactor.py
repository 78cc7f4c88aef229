"""The second factor (BIO2 5.17.01), on django-otp: an authenticator app (TOTP) with recovery
codes (static tokens) for when the phone is lost (decision 0020).

Every account needs one: after the password, ``accounts.middleware.TweedeFactorVereist`` lets a
user reach only the pages below until a device is verified in the session. An account without a
confirmed device sets one up first (``totp_beginnen`` → ``totp_bevestigen``, which hands out the
recovery codes once); one with a device types its code (``tweede_factor_controleren``). A
coordinator can take a user's devices away (``tweede_factor_resetten``) so the user sets up a
new one at the next login.
"""

import base64
import binascii

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit import Actie, vastleggen
from accounts.models import User
from accounts.permissions import mag_tweede_factor_resetten

APP_NAAM, HERSTEL_NAAM = "app", "herstelcodes"


def heeft_tweede_factor(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def totp_beginnen(user: User) -> TOTPDevice:
    """The unconfirmed app device ``user`` is setting up (a new secret the first time)."""
    apparaat = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return apparaat or TOTPDevice.objects.create(user=user, name=APP_NAAM, confirmed=False)


def geheim_van(apparaat: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed in (base32, in groups of four)."""
    tekst = base64.b32encode(apparaat.bin_key).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


def qr_svg(apparaat: TOTPDevice) -> str:
    """The ``otpauth://`` address of the device as an inline SVG QR code, drawn here (no other host)."""
    return segno.make(apparaat.config_url, error="m").svg_inline(scale=4, title="QR-code voor uw app")


@transaction.atomic
def totp_bevestigen(*, user: User, apparaat: TOTPDevice, code: str, request=None) -> list[str] | None:
    """Confirm the app device with a code it shows; returns the new recovery codes (shown once),
    or ``None`` when the code is wrong."""
    if apparaat.user_id != user.pk or not apparaat.verify_token(_cijfers(code)):
        return None
    apparaat.confirmed = True
    apparaat.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=apparaat.pk).delete()
    codes = herstelcodes_maken(user)
    vastleggen(Actie.TWEEDE_FACTOR_INGESTELD, request=request, gebruiker=user, object=user)
    return codes


def herstelcodes_maken(user: User) -> list[str]:
    """A fresh set of single-use recovery codes, replacing any earlier set."""
    StaticDevice.objects.filter(user=user).delete()
    apparaat = StaticDevice.objects.create(user=user, name=HERSTEL_NAAM, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.HERSTELCODES_AANTAL)]
    StaticToken.objects.bulk_create(StaticToken(device=apparaat, token=c) for c in codes)
    return codes


def _cijfers(code: str) -> str:
    return "".join(code.split())


@transaction.atomic  # django-otp locks the device row (select_for_update) while it checks a code
def tweede_factor_controleren(*, user: User, code: str) -> Device | None:
    """The confirmed device that accepts ``code`` (the app's six digits or a recovery code, which
    is then used up), or ``None``. django-otp slows down guessing: after each wrong code a device
    refuses for a doubling number of seconds."""
    code = _cijfers(code).lower()
    for apparaat in devices_for_user(user, confirmed=True, for_verify=True):
        if apparaat.verify_token(code):
            return apparaat
    return None


@transaction.atomic
def tweede_factor_resetten(*, user: User, door: User, request=None) -> None:
    """Remove ``user``'s devices: at the next login they set up a new app (a lost phone)."""
    if not mag_tweede_factor_resetten(door, user):
        raise PermissionDenied
    for apparaat in devices_for_user(user, confirmed=None):
        apparaat.delete()
    vastleggen(Actie.TWEEDE_FACTOR_GERESET, request=request, gebruiker=door, object=user)


def demo_totp_instellen(user: User, sleutel_hex: str) -> TOTPDevice:
    """The demo accounts' app device with a fixed, published secret (``make run`` only)."""
    binascii.unhexlify(sleutel_hex)  # a malformed key fails here, not at the first login
    apparaat, _ = TOTPDevice.objects.update_or_create(
        user=user, name="demo", defaults={"key": sleutel_hex, "confirmed": True}
    )
    return apparaat
