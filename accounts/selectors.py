"""Reads about accounts for coordinators: the audit trail, searched, and the access review
(BIO2 5.18.02): every account with its role, scope, last login, second factor and who invited it."""

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import Auditregel, Uitnodiging, User

AUDIT_KOLOMMEN = [
    "tijdstip",
    "account",
    "rol",
    "IP-adres",
    "actie",
    "resultaat",
    "soort object",
    "objectnummer",
    "object",
    "toelichting",
]
TOEGANG_KOLOMMEN = [
    "e-mailadres",
    "naam",
    "rol",
    "bereik",
    "actief",
    "beheer (staff)",
    "laatst ingelogd",
    "tweede factor",
    "uitgenodigd door",
    "account sinds",
]


def audit_rijen(regels: QuerySet[Auditregel]):
    for r in regels.voor_lijst().iterator(chunk_size=2000):
        yield [
            r.tijdstip,
            r.wie,
            r.rol,
            r.adres,
            r.get_actie_display(),
            r.get_resultaat_display(),
            r.object_soort,
            r.object_id,
            r.object_omschrijving,
            r.toelichting,
        ]


def toegangsoverzicht() -> QuerySet[User]:
    """Every account, with its second factors (an authenticator app, a passkey) and the
    inviter's address annotated. Recovery codes alone are no second factor: they come with the app."""
    uitnodiger = Uitnodiging.objects.filter(account=OuterRef("pk")).order_by("aangemaakt_op")
    return (
        User.objects.select_related("gemeente", "organisatie")
        .annotate(
            heeft_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            heeft_passkey=Exists(WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True)),
            uitgenodigd_door=Subquery(uitnodiger.values("uitgenodigd_door__email")[:1]),
        )
        .order_by("rol", "email")
    )


def tweede_factoren(user: User) -> str:
    """Which second factors an account from ``toegangsoverzicht`` has, in words ("": none)."""
    soorten = [naam for naam, heeft in (("app", user.heeft_app), ("passkey", user.heeft_passkey)) if heeft]
    return " en ".join(soorten)


def bereik(user: User) -> str:
    return str(user.gemeente or user.organisatie or ("alles" if user.is_coordinator else ""))


def toegang_rijen(accounts: QuerySet[User]):
    for u in accounts:
        yield [
            u.email,
            u.naam,
            u.get_rol_display(),
            bereik(u),
            u.is_active,
            u.is_staff,
            u.last_login,
            tweede_factoren(u) or "nee",
            u.uitgenodigd_door or "",
            u.date_joined,
        ]
