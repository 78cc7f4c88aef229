"""Accounts: invitations for municipal officials, and the demo accounts for ``make run``.

An invitation is a personal, single-use link that expires after ``UITNODIGING_GELDIG_DAGEN``.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Uitnodiging, User, hash_token
from accounts.permissions import mag_uitnodigen, zichtbare_gemeenten
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
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "Voor dit e-mailadres bestaat al een account."})
    uitnodiging, token = _nieuwe_uitnodiging(email, gemeente, door)
    uitnodiging.full_clean()
    uitnodiging.save()
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
    """One account per role for trying the product; existing accounts are left as they are."""

    accounts = []
    for gegevens in DEMO_ACCOUNTS:
        user = User.objects.filter(email=gegevens["email"]).first()
        if user is None:
            user = User(email=gegevens["email"], naam=gegevens["naam"], rol=gegevens["rol"])
            if "cmo" in gegevens:
                user.organisatie = Organisatie.objects.get(naam=gegevens["cmo"])
            if "cbs_code" in gegevens:
                user.gemeente = Gemeente.objects.get(cbs_code=gegevens["cbs_code"])
            user.is_staff = user.is_superuser = gegevens["rol"] == User.Rol.COORDINATOR
            user.set_password(DEMO_WACHTWOORD)
            user.full_clean()
            user.save()
        accounts.append(user)
    return accounts
