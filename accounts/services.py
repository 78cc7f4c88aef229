"""Accounts: invitations for municipal officials, and the demo accounts for ``make run``.

An invitation is a personal, single-use link that expires after ``UITNODIGING_GELDIG_DAGEN``.
Each invitation made and each account it creates is recorded in the audit trail (decision 0021).
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp import devices_for_user

from accounts.audit import Actie, alles_vastleggen, vastleggen
from accounts.models import GEWIST_DOMEIN, Uitnodiging, User, hash_token
from accounts.permissions import (
    mag_account_kennen,
    mag_persoonsgegevens_beheren,
    mag_uitnodigen,
    zichtbare_gemeenten,
)
from accounts.tweefactor import demo_totp_instellen
from gemeenten.models import Gemeente, Organisatie
from toolkit.mail import bericht


class UitnodigingOngeldig(Exception):
    """The link was used already, has expired or never existed; ``reden`` says which, in Dutch."""

    def __init__(self, reden: str):
        self.reden = reden
        super().__init__(reden)


@transaction.atomic
def uitnodiging_maken(
    *, email: str, gemeente: Gemeente, door: User, basis_url: str
) -> tuple[Uitnodiging, str]:
    """Create an invitation and mail its link; returns the invitation and the raw token."""
    if not mag_uitnodigen(door, gemeente):
        raise ValidationError("U mag voor deze gemeente geen uitnodiging versturen.")
    email = User.objects.normalize_email(email).lower()
    bestaand = User.objects.filter(email__iexact=email).select_related("gemeente").first()
    # Only who may know the account hears it exists; for anyone else the invitation goes out as
    # to any address, and its link tells the account's holder to log in (issue 16).
    if bestaand is not None and mag_account_kennen(door, bestaand):
        raise ValidationError({"email": "Voor dit e-mailadres bestaat al een account."})
    uitnodiging, token = _nieuwe_uitnodiging(email, gemeente, door)
    uitnodiging.full_clean()
    uitnodiging.save()
    vastleggen(Actie.AANGEMAAKT, gebruiker=door, object=uitnodiging)
    link = uitnodiging_link(basis_url, token)
    transaction.on_commit(lambda: _uitnodiging_mailen(uitnodiging, link))
    return uitnodiging, token


def _nieuwe_uitnodiging(email: str, gemeente: Gemeente, door: User | None) -> tuple[Uitnodiging, str]:
    token = secrets.token_urlsafe(32)
    uitnodiging = Uitnodiging(
        email=email,
        gemeente=gemeente,
        token_hash=hash_token(token),
        uitgenodigd_door=door,
        verloopt_op=timezone.now() + datetime.timedelta(days=settings.UITNODIGING_GELDIG_DAGEN),
    )
    return uitnodiging, token


def uitnodiging_link(basis_url: str, token: str) -> str:
    return basis_url.rstrip("/") + reverse("accounts:uitnodiging", args=[token])


def uitnodigingen_aanmaken(
    ontvangers: list[tuple[str, Gemeente]], *, door: User | None
) -> list[tuple[Uitnodiging, str]]:
    """Invitations for many addresses at once (a round's bulk mailing), in a constant number of
    queries; returns each with its raw token. The caller has checked who may invite and mails
    the links itself."""
    nieuw = [_nieuwe_uitnodiging(email, gemeente, door) for email, gemeente in ontvangers]
    opgeslagen = Uitnodiging.objects.bulk_create([u for u, _ in nieuw])
    alles_vastleggen(Actie.AANGEMAAKT, opgeslagen, gebruiker=door, toelichting="uitnodiging van een ronde")
    return [(u, token) for u, (_, token) in zip(opgeslagen, nieuw, strict=True)]


def _uitnodiging_mailen(uitnodiging: Uitnodiging, link: str) -> None:
    bericht(
        onderwerp=f"Uitnodiging Goed voor Elkaar voor {uitnodiging.gemeente}",
        template="accounts/email/uitnodiging",
        context={"uitnodiging": uitnodiging, "link": link, "dagen": settings.UITNODIGING_GELDIG_DAGEN},
        aan=uitnodiging.email,
    ).send()


def uitnodiging_zoeken(token: str) -> Uitnodiging:
    """The invitation behind ``token`` if it can still be used; else ``UitnodigingOngeldig``."""
    uitnodiging = Uitnodiging.objects.select_related("gemeente").filter(token_hash=hash_token(token)).first()
    if uitnodiging is None:
        raise UitnodigingOngeldig(
            "Deze uitnodigingslink bestaat niet. Controleer of u de hele link hebt gekopieerd."
        )
    if uitnodiging.is_gebruikt:
        raise UitnodigingOngeldig(
            "Deze uitnodigingslink is al gebruikt. U kunt inloggen met uw e-mailadres en wachtwoord."
        )
    if uitnodiging.is_verlopen:
        raise UitnodigingOngeldig(
            "Deze uitnodigingslink is verlopen. Vraag uw adviseur of MOVISIE om een nieuwe uitnodiging."
        )
    return uitnodiging


@transaction.atomic
def uitnodiging_accepteren(*, token: str, naam: str, wachtwoord: str) -> User:
    """Create the official's account from a valid invitation; the link cannot be used again."""
    uitnodiging = uitnodiging_zoeken(token)
    # Lock the row so two simultaneous clicks create one account.
    uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if uitnodiging.is_gebruikt:
        raise UitnodigingOngeldig("Deze uitnodigingslink is al gebruikt.")
    if User.objects.filter(email__iexact=uitnodiging.email).exists():
        raise UitnodigingOngeldig("Voor dit e-mailadres bestaat al een account. U kunt inloggen.")
    user = User(email=uitnodiging.email, naam=naam, rol=User.Rol.GEMEENTE, gemeente=uitnodiging.gemeente)
    user.set_password(wachtwoord)
    user.full_clean()
    user.save()
    vastleggen(
        Actie.AANGEMAAKT, gebruiker=user, object=user, toelichting=f"met uitnodiging #{uitnodiging.pk}"
    )
    uitnodiging.gebruikt_op = timezone.now()
    uitnodiging.account = user
    uitnodiging.save(update_fields=["gebruikt_op", "account"])
    return user


def uitnodigingen_voor(user: User):
    """The invitations ``user`` may see: for the municipalities in their scope, newest first."""

    return Uitnodiging.objects.filter(gemeente__in=zichtbare_gemeenten(user)).select_related(
        "gemeente", "uitgenodigd_door"
    )


DEMO_WACHTWOORD = "GoedVoorElkaar2012"
# The demo accounts' authenticator secret: fixed and published (README, ``make run``), so anyone
# trying the product adds it to an app once. Only ``demo_accounts_maken`` uses it; a production
# deployment never runs the demo commands, and its accounts set up their own secret.
DEMO_TOTP_SLEUTEL = b"GoedVoorElkaar-Demo!".hex()
DEMO_ACCOUNTS = [
    {"email": "coordinator@demo.goedvoorelkaar.nl", "naam": "Coby Coördinator", "rol": User.Rol.COORDINATOR},
    {
        "email": "adviseur@demo.goedvoorelkaar.nl",
        "naam": "Arend Adviseur",
        "rol": User.Rol.ADVISEUR,
        "cmo": "Partoer",
    },
    {
        "email": "gemeente@demo.goedvoorelkaar.nl",
        "naam": "Gea Gemeente",
        "rol": User.Rol.GEMEENTE,
        "cbs_code": "GM1900",
    },
]


@transaction.atomic
def demo_accounts_maken() -> list[User]:
    """One account per role for trying the product; existing accounts are left as they are, except
    that none of them may use the technical admin (``/beheer/``): the demo coordinator is a
    coordinator in the product, not a superuser (issue 16). An operator makes a staff account
    of their own with ``createsuperuser``."""

    accounts = []
    for gegevens in DEMO_ACCOUNTS:
        user = User.objects.filter(email=gegevens["email"]).first()
        if user is None:
            user = User(email=gegevens["email"], naam=gegevens["naam"], rol=gegevens["rol"])
            if "cmo" in gegevens:
                user.organisatie = Organisatie.objects.get(naam=gegevens["cmo"])
            if "cbs_code" in gegevens:
                user.gemeente = Gemeente.objects.get(cbs_code=gegevens["cbs_code"])
            user.set_password(DEMO_WACHTWOORD)
            user.full_clean()
            user.save()
            vastleggen(Actie.AANGEMAAKT, object=user, toelichting="demo-account")
        elif user.is_staff or user.is_superuser:  # made by an earlier version as a superuser
            user.is_staff = user.is_superuser = False
            user.save(update_fields=["is_staff", "is_superuser"])
            vastleggen(Actie.GEWIJZIGD, object=user, toelichting="demo-account zonder beheer")
        demo_totp_instellen(user, DEMO_TOTP_SLEUTEL)
        accounts.append(user)
    return accounts


@transaction.atomic
def account_wissen(*, user: User, door: User) -> User:
    """Erase an account's personal data on request (AVG): the row stays, so what it did (sessions,
    metingen, the audit trail) keeps pointing at "account #<nummer>", but its address, name,
    password and second factor are gone and it can no longer log in."""
    if not mag_persoonsgegevens_beheren(door) or door.pk == user.pk:
        raise PermissionDenied
    oud = user.email
    user.email = f"gewist-{user.pk}@{GEWIST_DOMEIN}"
    user.naam = ""
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    for apparaat in devices_for_user(user, confirmed=None):
        apparaat.delete()
    Uitnodiging.objects.filter(email__iexact=oud).update(email=user.email)
    return user
