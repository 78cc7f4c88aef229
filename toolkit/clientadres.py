"""Where a request came from: the one rule the lockout (django-axes), the audit trail and the
API request log ask.

Behind ``VERTROUWDE_PROXIES`` reverse proxies, each appends the address it received the request
from to ``X-Forwarded-For``; the client is the entry that many places from the right, as
Werkzeug's ``ProxyFix`` reads it. Entries further left were written by the client and prove
nothing. Without proxies (the default) the header is ignored and the peer address counts.
"""

import ipaddress

from django.conf import settings


def client_adres(request) -> str | None:
    """The client's IP address, or ``None`` when none that is valid is known."""
    aantal = settings.VERTROUWDE_PROXIES
    adres = request.META.get("REMOTE_ADDR", "")
    if aantal > 0:
        doorgestuurd = [deel.strip() for deel in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(doorgestuurd) >= aantal and doorgestuurd[-aantal]:
            adres = doorgestuurd[-aantal]
    return _geldig(adres)


def _geldig(adres: str) -> str | None:
    try:
        return str(ipaddress.ip_address(adres))
    except ValueError:
        return None
