"""What a municipality can do next with a result: links offered under the result page by the apps
built on the nulmeting (advice requests, the policy plan). This app does not know them: each
registers a provider (``aanbieder_registreren``, from its ``AppConfig.ready``), and the result page
asks ``vervolgstappen``.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Vervolgstap:
    tekst: str
    url: str
    toelichting: str = ""


Aanbieder = Callable[..., list[Vervolgstap]]
_aanbieders: list[Aanbieder] = []


def aanbieder_registreren(aanbieder: Aanbieder) -> Aanbieder:
    """Register ``aanbieder(user, meting, zwakke_basisfuncties) -> list[Vervolgstap]`` (once)."""
    if aanbieder not in _aanbieders:
        _aanbieders.append(aanbieder)
    return aanbieder


def vervolgstappen(user, meting, zwakke_basisfuncties) -> list[Vervolgstap]:
    """The next steps every registered provider offers ``user`` under ``meting``'s result."""
    return [stap for aanbieder in _aanbieders for stap in aanbieder(user, meting, zwakke_basisfuncties)]
