import uuid

import pytest

from accounts.models import User
from gemeenten.models import Gemeente, Organisatie
from gemeenten.services import referentiedata_laden
from goedvoorelkaar.celery import app as celery_app
from nulmeting.models import Vragenlijst
from tests.accounts.factories import WACHTWOORD, AdviseurFactory, CoordinatorFactory, GemeenteAccountFactory
from tests.nulmeting.factories import nulmeting_2009
from tests.tweede_factor import app_van, code_voor


@pytest.fixture
def referentiedata(db):
    """The real provinces, 2009 and 2012 municipalities, mergers and CMOs."""
    referentiedata_laden()


@pytest.fixture
def nulmeting(db) -> Vragenlijst:
    """The nulmeting 2009, loaded from its definition. Without the reference data: a test that
    needs municipalities asks for ``referentiedata`` as well."""
    return nulmeting_2009()


@pytest.fixture
def coordinator(db) -> User:
    return CoordinatorFactory(email="coordinator@example.nl")


@pytest.fixture
def adviseur_friesland(referentiedata) -> User:
    """An adviser of Partoer, the CMO of Friesland."""
    return AdviseurFactory(
        email="adviseur@partoer.example.nl", organisatie=Organisatie.objects.get(naam="Partoer")
    )


@pytest.fixture
def ambtenaar_sudwest(referentiedata) -> User:
    """An official of Súdwest-Fryslân (Friesland)."""
    return GemeenteAccountFactory(
        email="ambtenaar@sudwest.example.nl", gemeente=Gemeente.objects.get(cbs_code="GM1900")
    )


@pytest.fixture
def ambtenaar_utrecht(referentiedata) -> User:
    """An official of Utrecht (province of Utrecht)."""
    return GemeenteAccountFactory(
        email="ambtenaar@utrecht.example.nl", gemeente=Gemeente.objects.get(cbs_code="GM0344")
    )


@pytest.fixture
def login(client):
    """Log ``client`` in as a user, through the real login pages: password, then the code of the
    user's authenticator app (tests/tweede_factor.py)."""

    def _login(user: User):
        apparaat = app_van(user)
        response = client.post("/account/inloggen/", {"username": user.email, "password": WACHTWOORD})
        assert response.status_code == 302, response.content.decode()[:500]
        response = client.post("/account/tweede-stap/", {"code": code_voor(apparaat)})
        assert response.status_code == 302, response.content.decode()[:500]
        return client

    return _login


@pytest.fixture
def lege_cache(settings):
    """A cache of this test's own (local memory), empty: maps drawn by other tests are not in it,
    and emptying it never flushes the Redis database that Celery's broker shares with the cache
    in CI. Call the fixture's value for a fresh one halfway through a test."""

    def nieuw():
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"test-{uuid.uuid4()}",
            }
        }

    nieuw()
    return nieuw


@pytest.fixture
def themas_en_basisfuncties(transactional_db):
    """The basisfuncties and themes come from data migrations, which the flush after every
    transactional test wipes; put them back the way the migrations do."""
    import importlib

    from django.apps import apps

    for module in ("nulmeting.migrations.0002_basisfuncties", "advies.migrations.0002_themas"):
        importlib.import_module(module).aanmaken(apps, None)


@pytest.fixture
def taken_in_dit_proces(monkeypatch):
    """Celery tasks run in the test's own process, as on the embedded default, also where CI gives
    Celery a broker: a worker could not see the test's transaction, and the mail lands in
    ``mailoutbox``."""
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", True)


@pytest.fixture
def wachtrij_onbereikbaar(monkeypatch):
    """Celery's broker is a closed port on loopback (Redis down): publishing a task fails at once."""
    from tests.worker_helpers import vrije_poort

    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "broker_url", f"redis://127.0.0.1:{vrije_poort()}/0")
    monkeypatch.setitem(celery_app.conf, "task_publish_retry_policy", {"max_retries": 1, "interval_start": 0})
    _nieuwe_verbindingen()  # the pools were made for the real broker
    yield
    _nieuwe_verbindingen()


def _nieuwe_verbindingen():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
