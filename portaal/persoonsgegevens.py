"""One person's data across the apps, for a coordinator answering a request under the AVG
(docs/privacy.md): everything held under an e-mail address, as a download, and its erasure.

Erasure removes the person's contact entries (and their earlier versions), replaces the address
and name in the mail log of rounds and in invitations, and anonymises their account
(``accounts.services.account_wissen``). The audit trail keeps its entries: they name the account
by number only, which after erasure leads to no one (a pseudonymised record).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.audit import Actie, vastleggen
from accounts.models import GEWIST_DOMEIN, Auditregel, Uitnodiging, User
from accounts.permissions import mag_persoonsgegevens_beheren
from accounts.services import account_wissen
from gemeenten.models import Contactpersoon
from rondes.models import Verzending


def account_van(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).select_related("gemeente", "organisatie").first()


def persoonsgegevens_van(email: str) -> dict:
    """Everything stored about ``email``, as plain data (for the page and the JSON download)."""
    user = account_van(email)
    gegevens = {
        "e-mailadres": email,
        "account": None,
        "contactpersoon": [
            {"gemeente": str(c.gemeente), "naam": c.naam, "e-mailadres": c.email, "functie": c.functie}
            for c in Contactpersoon.objects.filter(email__iexact=email).select_related("gemeente")
        ],
        "uitnodigingen": [
            {
                "gemeente": str(u.gemeente),
                "aangemaakt_op": u.aangemaakt_op.isoformat(),
                "gebruikt": u.is_gebruikt,
            }
            for u in Uitnodiging.objects.filter(email__iexact=email).select_related("gemeente")
        ],
        "mails": [
            {
                "ronde": str(v.ronde),
                "soort": v.get_soort_display(),
                "dag": v.dag.isoformat(),
                "status": v.status,
            }
            for v in Verzending.objects.filter(email__iexact=email).select_related("ronde")
        ],
        "auditlog": [],
    }
    if user is not None:
        gegevens["account"] = {
            "naam": user.naam,
            "rol": user.get_rol_display(),
            "gemeente": str(user.gemeente or ""),
            "cmo": str(user.organisatie or ""),
            "aangemaakt_op": user.date_joined.isoformat(),
            "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
        }
        gegevens["auditlog"] = [
            {"tijdstip": r.tijdstip.isoformat(), "actie": r.get_actie_display(), "ip-adres": r.adres}
            for r in Auditregel.objects.filter(gebruiker=user).order_by("tijdstip")
        ]
    return gegevens


def heeft_gegevens(gegevens: dict) -> bool:
    return bool(
        gegevens["account"] or gegevens["contactpersoon"] or gegevens["uitnodigingen"] or gegevens["mails"]
    )


@transaction.atomic
def persoonsgegevens_wissen(*, email: str, door: User, request=None) -> None:
    """Erase what is stored about ``email`` (see the module's docstring); the audit trail records
    that it happened, under the account's number, never the address."""
    if not mag_persoonsgegevens_beheren(door):
        raise PermissionDenied
    user = account_van(email)
    if user is not None:
        account_wissen(user=user, door=door)
    vervanging = f"gewist@{GEWIST_DOMEIN}"
    for contact in Contactpersoon.objects.filter(email__iexact=email):
        contact.history.all().delete()
        contact.delete()
    Contactpersoon.history.filter(email__iexact=email).delete()
    for verzending in Verzending.objects.filter(email__iexact=email):
        verzending.email = f"gewist-{verzending.pk}@{GEWIST_DOMEIN}"
        verzending.naam = ""
        verzending.save(update_fields=["email", "naam"])
    Uitnodiging.objects.filter(email__iexact=email).update(email=vervanging)
    vastleggen(
        Actie.PERSOONSGEGEVENS_GEWIST,
        request=request,
        gebruiker=door,
        object=user,
        toelichting="op verzoek (AVG)",
    )
