import datetime
from decimal import Decimal

import pytest
from django.test import Client

from advies.models import Thema
from advies.services import adviesgesprek_log
from gemeenten.models import Gemeente
from tests.accounts.factories import WACHTWOORD, AdviseurFactory
from tests.advies.advies_helpers import cmo, gemeenten, themas
from tests.tweede_factor import app_van, code_voor


@pytest.fixture
def gesprek_friesland(adviseur_friesland):
    """A joint session of the Friesland adviser with Súdwest-Fryslân and Leeuwarden."""
    return adviesgesprek_log(
        adviseur=adviseur_friesland,
        datum=datetime.date(2012, 3, 1),
        gemeenten=Gemeente.objects.filter(cbs_code__in=["GM1900", "GM0080"]),
        onderwerp="beide",
        themas=Thema.objects.filter(code__in=["VW-VERTALEN", "MZ-RESPIJT"]),
        uren=Decimal("2.5"),
        verslag="Gesprek over de nieuwe nota.",
    )


@pytest.fixture
def als(db):
    """A fresh browser session (test client) logged in as ``user`` through the real login pages
    (password, then the code of the user's app); several can be open at once, like two people at
    two desks."""

    def _als(user) -> Client:
        client = Client()
        apparaat = app_van(user)
        response = client.post("/account/inloggen/", {"username": user.email, "password": WACHTWOORD})
        assert response.status_code == 302, response.content.decode()[:500]
        response = client.post("/account/tweede-stap/", {"code": code_voor(apparaat)})
        assert response.status_code == 302, response.content.decode()[:500]
        return client

    return _als


# --- Users ----------------------------------------------------------------------------------------


@pytest.fixture
def collega_partoer(referentiedata):
    """A second adviser of Partoer: sees the CMO's sessions, changes only their own."""
    return AdviseurFactory(
        email="collega@partoer.example.nl", naam="Carla Collega", organisatie=cmo("Partoer")
    )


@pytest.fixture
def adviseur_utrecht(referentiedata):
    """An adviser of Alleato, the CMO of the province of Utrecht."""
    return AdviseurFactory(
        email="adviseur@alleato.example.nl", naam="Umar Utrecht", organisatie=cmo("Alleato")
    )


@pytest.fixture
def loggen(adviseur_friesland):
    """Log a session through the service with sensible defaults (a Friesland session in 2012)."""

    def _loggen(
        *,
        adviseur=None,
        datum=datetime.date(2012, 3, 1),
        codes=("GM1900",),
        onderwerp="vrijwilligerswerk",
        thema_codes=("VW-VERTALEN",),
        uren=Decimal("1.5"),
        verslag="Verslag van het gesprek.",
        **kwargs,
    ):
        return adviesgesprek_log(
            adviseur=adviseur or adviseur_friesland,
            datum=datum,
            gemeenten=gemeenten(*codes),
            onderwerp=onderwerp,
            themas=themas(*thema_codes),
            uren=uren,
            verslag=verslag,
            **kwargs,
        )

    return _loggen


# --- A submitted nulmeting with known weak basisfuncties ----------------------------------------------


@pytest.fixture
def nulmeting_indienen(coordinator):
    """Submit a nulmeting 2009 for a municipality through the services: every basisfunctie gets full
    points except those in ``zwak``, whose questions stay unanswered (0 points, so not 'goed voor elkaar')."""
    from nulmeting.models import Vragenlijst
    from nulmeting.services import antwoorden_opslaan, meting_indienen, vragenlijsten_laden

    def _indienen(cbs_code: str, zwak: set[str]):
        vragenlijsten_laden()
        vragenlijst = Vragenlijst.objects.get(code="nulmeting-2009")
        antwoorden = {}
        for basisfunctie in vragenlijst.opbouw.basisfuncties:
            if basisfunctie.code in zwak:
                continue
            for vraag in basisfunctie.vragen:
                if vraag.type == "getal":
                    antwoorden[vraag.code] = str(vraag.schijven[-1].vanaf)
                elif vraag.opties:
                    antwoorden[vraag.code] = max(vraag.opties, key=lambda o: o.punten).waarde
        meting, conflicten = antwoorden_opslaan(
            gemeente=Gemeente.objects.get(cbs_code=cbs_code),
            vragenlijst=vragenlijst,
            waarden=antwoorden,
            origineel={},
            door=coordinator,
        )
        assert conflicten == []
        return meting_indienen(meting=meting, door=coordinator)

    return _indienen
