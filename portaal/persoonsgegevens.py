"""One person's data across the apps, for a coordinator answering a request under the AVG
(docs/privacy.md): everything held under an e-mail address, as a download, and its erasure.

Erasure removes the person's contact entries (and their earlier versions), replaces the address
and name in the mail log of rounds and in invitations, and anonymises their account
(``accounts.services.account_wissen``). The audit trail keeps its entries: they name the account
by number only, which after erasure leads to no one (a pseudonymised record).
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat, Replace

from accounts.audit import Actie, vastleggen
from accounts.models import GEWIST_DOMEIN, Auditregel, Uitnodiging, User
from accounts.permissions import mag_persoonsgegevens_beheren
from accounts.services import account_wissen
from gemeenten.models import Contactpersoon
from gemeenten.services import contactgegevens_verlopen, contactpersonen_opschonen
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
    for contact in Contactpersoon.objects.filter(email__iexact=email):
        contact.history.all().delete()
        contact.delete()
    Contactpersoon.history.filter(email__iexact=email).delete()
    _adressen_vervangen(
        Verzending.objects.filter(email__iexact=email), Uitnodiging.objects.filter(email__iexact=email)
    )
    vastleggen(
        Actie.PERSOONSGEGEVENS_GEWIST,
        request=request,
        gebruiker=door,
        object=user,
        toelichting="op verzoek (AVG)",
    )


def _adressen_vervangen(verzendingen, uitnodigingen) -> None:
    """Put a pseudonym in place of the address and name in mail-log lines and invitations; a
    mail server's reason for refusing a mail loses the address it quoted. Each line keeps an
    address of its own, so the log's rule of one mail per address still holds."""
    verzendingen.update(
        reden=Replace("reden", F("email"), Value("[adres gewist]")),
        email=Concat(Value("gewist-"), Cast("pk", CharField()), Value(f"@{GEWIST_DOMEIN}")),
        naam="",
    )
    uitnodigingen.update(email=f"gewist@{GEWIST_DOMEIN}")


@transaction.atomic
def contactgegevens_opschonen(*, vandaag: datetime.date | None = None) -> int:
    """Once the programme has ended for the configured time (``contacten_verwijderen_vanaf``):
    remove the municipalities' contacts and the addresses rounds mailed them at (mail log and the
    invitations nobody used). Returns how many contacts were removed."""
    if not contactgegevens_verlopen(vandaag):
        return 0
    aantal = contactpersonen_opschonen(vandaag=vandaag)
    _adressen_vervangen(
        Verzending.objects.exclude(email__endswith=f"@{GEWIST_DOMEIN}"),
        Uitnodiging.objects.filter(gebruikt_op__isnull=True).exclude(email__endswith=f"@{GEWIST_DOMEIN}"),
    )
    return aantal
