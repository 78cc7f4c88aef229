"""Reads about accounts for coordinators: the audit trail, searched, and the access review
(BIO2 5.18.02): every account with its role, scope, last login, second factor and who invited it."""

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django_otp.plugins.otp_totp.models import TOTPDevice

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
    """Every account, with its second factor and the inviter's address annotated."""
    uitnodiger = Uitnodiging.objects.filter(account=OuterRef("pk")).order_by("aangemaakt_op")
    return (
        User.objects.select_related("gemeente", "organisatie")
        .annotate(
            heeft_tweede_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            uitgenodigd_door=Subquery(uitnodiger.values("uitgenodigd_door__email")[:1]),
        )
        .order_by("rol", "email")
    )


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
            u.heeft_tweede_factor,
            u.uitgenodigd_door or "",
            u.date_joined,
        ]
