"""Audit entries written from signals (wired in ``AccountsConfig.ready``): logins, failed logins,
lockouts and logouts from Django's and django-axes' signals, and every version that
django-simple-history stores (created, changed, deleted, restored) of any app's records."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from accounts.audit import Actie, Resultaat, vastleggen, versies_vastleggen_in_audit
from accounts.models import User
from toolkit.geschiedenis import versies_vastgelegd


def _account_van(credentials: dict | None) -> User | None:
    """The account a login attempt named, if it exists; the attempt itself (address, password) is
    never stored."""
    email = str((credentials or {}).get("username") or "").strip().lower()
    return User.objects.filter(email=email).first() if email else None


@receiver(user_logged_in)
def ingelogd(sender, request, user, **kwargs):
    vastleggen(Actie.INLOGGEN, request=request, gebruiker=user, toelichting="wachtwoord juist")


@receiver(user_logged_out)
def uitgelogd(sender, request, user, **kwargs):
    if user is not None:
        vastleggen(Actie.UITLOGGEN, request=request, gebruiker=user)


@receiver(user_login_failed)
def inloggen_mislukt(sender, credentials, request=None, **kwargs):
    vastleggen(
        Actie.INLOGGEN_MISLUKT,
        request=request,
        gebruiker=_account_van(credentials),
        resultaat=Resultaat.MISLUKT,
        toelichting="wachtwoord",
    )


@receiver(user_locked_out)
def geblokkeerd(sender, request, username, ip_address, **kwargs):
    vastleggen(
        Actie.GEBLOKKEERD,
        request=request,
        gebruiker=_account_van({"username": username}),
        resultaat=Resultaat.GEWEIGERD,
    )


@receiver(post_create_historical_record)
def versie_opgeslagen(sender, history_instance, **kwargs):
    versies_vastleggen_in_audit([history_instance])


@receiver(versies_vastgelegd)
def versies_in_bulk_opgeslagen(sender, versies, **kwargs):
    versies_vastleggen_in_audit(versies)
