"""The kinds of import, by name, so a worker can run a queued import from what was stored.

An app describes each of its upload imports once, in its ``uitwisseling`` module, and registers
it: the upload page (``importen.views.ImportPagina``) and the Celery task run the same
``Importsoort``.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Importsoort:
    """``uitvoeren(bron, naam, *, door, voortgang, **opties)`` imports a file all or nothing (it
    raises ``toolkit.tabular.ImportFout``); ``opties`` are what the page adds from its request, as
    JSON (the questionnaire's code, say). ``gelukt`` words its result for the user."""

    naam: str
    uitvoeren: Callable[..., object]
    gelukt: Callable[[object], str]


_SOORTEN: dict[str, Importsoort] = {}


def registreer(soort: Importsoort) -> Importsoort:
    _SOORTEN[soort.naam] = soort
    return soort


def importsoort(naam: str) -> Importsoort:
    return _SOORTEN[naam]
