"""Where a request came from (toolkit.clientadres, decision 0029): behind trusted proxies the
lockout, the audit trail and the API log read the same address, and an X-Forwarded-For entry the
client wrote itself changes none of them."""

import pytest
from django.test import RequestFactory

from accounts.models import Auditregel
from tests.accounts.factories import WACHTWOORD, CoordinatorFactory
from toolkit.clientadres import client_adres

LOGIN = "/account/inloggen/"
PROXY = "10.0.0.2"


def verzoek(doorgestuurd: str | None = None, peer: str = PROXY):
    extra = {"HTTP_X_FORWARDED_FOR": doorgestuurd} if doorgestuurd is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **extra)


@pytest.mark.parametrize(
    ("proxies", "doorgestuurd", "verwacht"),
    [
        (0, None, PROXY),
        (0, "203.0.113.9", PROXY),  # no proxy: the header is the client's own words
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the left entry was forged
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
        (2, "203.0.113.9", PROXY),  # fewer entries than proxies: not via them
        (1, None, PROXY),
        (1, "geen-adres", None),
        (1, " 2001:DB8::1 ", "2001:db8::1"),
    ],
)
def test_the_client_is_the_entry_as_many_from_the_right_as_there_are_trusted_proxies(
    settings, proxies, doorgestuurd, verwacht
):
    settings.VERTROUWDE_PROXIES = proxies
    assert client_adres(verzoek(doorgestuurd)) == verwacht


def test_a_peer_address_that_is_not_an_address_is_none(settings):
    settings.VERTROUWDE_PROXIES = 0
    assert client_adres(verzoek(peer="")) is None


def inloggen(client, email, wachtwoord, doorgestuurd):
    return client.post(
        LOGIN,
        {"username": email, "password": wachtwoord},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=doorgestuurd,
    )


@pytest.mark.django_db
def test_behind_a_proxy_the_lockout_and_the_audit_trail_see_the_client_not_the_proxy_or_a_forgery(
    client, settings
):
    settings.VERTROUWDE_PROXIES = 1
    gebruiker = CoordinatorFactory(email="coby@movisie.example.nl")
    for i in range(settings.AXES_ADRES_LIMIET):
        inloggen(client, f"iemand{i // 4}@example.nl", "raden", f"198.51.100.{i}, 203.0.113.9")
    assert inloggen(client, gebruiker.email, WACHTWOORD, "198.51.100.250, 203.0.113.9").status_code == 429
    assert inloggen(client, gebruiker.email, WACHTWOORD, "203.0.113.10").status_code == 302
    adressen = set(Auditregel.objects.values_list("adres", flat=True))
    assert adressen == {"203.0.113.9", "203.0.113.10"}
