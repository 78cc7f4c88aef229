"""Long lists are filtered (django-filter) and paged, the filters kept in the URL, in the paging
links and in the export: the nulmeting overview (name, province, status, round), the session
list and the adviser pool. Their query counts do not grow with the rows."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advies.services import adviesgesprek_verwijderen
from gemeenten.models import Gemeente, Provincie
from nulmeting.services import antwoorden_opslaan
from rondes.services import ronde_openen
from tests.accounts.factories import AdviseurFactory
from tests.advies.advies_helpers import cmo
from tests.advies.factories import AdviseurPeriodeFactory
from tests.nulmeting.antwoorden import goed_of_niet
from tests.tweede_factor import geverifieerd_inloggen

pytestmark = pytest.mark.django_db


def als(user) -> Client:
    client = Client()
    geverifieerd_inloggen(client, user)
    return client


def _get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def _namen(response) -> list[str]:
    return [g.naam for g in response.context["pagina"]]


@pytest.fixture
def als_coordinator(coordinator) -> Client:
    return als(coordinator)


@pytest.fixture
def friesland(referentiedata):
    return Provincie.objects.get(naam="Friesland")


@pytest.fixture
def stand(referentiedata, nulmeting, indienen, coordinator):
    """Súdwest-Fryslân and Leeuwarden submitted, Achtkarspelen has a concept."""
    indienen("GM1900", nulmeting, goed_of_niet(nulmeting.opbouw, set()))
    indienen("GM0080", nulmeting, goed_of_niet(nulmeting.opbouw, set()))
    antwoorden_opslaan(
        gemeente=Gemeente.objects.get(cbs_code="GM0059"),
        vragenlijst=nulmeting,
        waarden={"VW-VERTALEN-1": "ja"},
        origineel={},
        door=coordinator,
    )


# --- The nulmeting overview ---------------------------------------------------------------------


def test_overview_is_paged_and_the_paging_links_keep_the_filters(login, coordinator, stand):
    client = als(coordinator)
    response = _get(client, "/nulmeting/overzicht/")
    assert len(response.context["pagina"].object_list) == 50
    assert (
        response.context["pagina"].paginator.count
        == Gemeente.objects.bestaand_op(response.context["vandaag"]).count()
    )
    html = _get(client, "/nulmeting/overzicht/?naam=a&status=niet_uitgenodigd").content.decode()
    assert "naam=a&amp;status=niet_uitgenodigd&amp;pagina=2" in html


def test_overview_by_province_status_and_name(login, coordinator, stand, friesland):
    client = als(coordinator)
    assert _namen(_get(client, "/nulmeting/overzicht/?status=ingediend")) == ["Leeuwarden", "Súdwest-Fryslân"]
    assert _namen(_get(client, "/nulmeting/overzicht/?status=concept")) == ["Achtkarspelen"]
    in_friesland = _namen(_get(client, f"/nulmeting/overzicht/?provincie={friesland.pk}"))
    assert len(in_friesland) == 27 and "Ameland" in in_friesland
    assert _namen(_get(client, f"/nulmeting/overzicht/?provincie={friesland.pk}&naam=LEEUWARDEN")) == [
        "Leeuwarden"
    ]
    niet = _namen(_get(client, f"/nulmeting/overzicht/?provincie={friesland.pk}&status=niet_uitgenodigd"))
    assert "Leeuwarden" not in niet and "Achtkarspelen" not in niet and len(niet) == 24


def test_overview_by_round(login, coordinator, stand, nulmeting, friesland):
    ronde = ronde_openen(
        vragenlijst=nulmeting,
        naam="Friesland",
        opent_op=timezone.localdate(),
        sluit_op=timezone.localdate().replace(year=2099),
        provincies=[friesland],
        door=coordinator,
    )
    namen = _namen(_get(als(coordinator), f"/nulmeting/overzicht/?ronde={ronde.pk}"))
    assert len(namen) == 27 and set(namen) == set(
        Gemeente.objects.filter(deelnames__ronde=ronde).values_list("naam", flat=True)
    )


def test_overview_refuses_a_bad_filter_with_a_message_and_lists_everything(login, coordinator, stand):
    response = _get(als(coordinator), "/nulmeting/overzicht/?status=weg&provincie=99999999999999999999")
    form = response.context["filter_form"]
    assert "status" in form.errors and "provincie" in form.errors
    assert response.context["pagina"].paginator.count > 400


def test_the_export_follows_the_overviews_filters(login, coordinator, stand, friesland):
    client = als(coordinator)
    html = _get(client, f"/nulmeting/overzicht/?provincie={friesland.pk}&status=ingediend").content.decode()
    assert (
        f'href="/nulmeting/export/nulmeting-2009.csv?provincie={friesland.pk}&amp;status=ingediend">CSV'
        in html
    )
    alles = _get(client, "/nulmeting/export/nulmeting-2009.csv").content.decode("utf-8-sig")
    gefilterd = _get(client, "/nulmeting/export/nulmeting-2009.csv?naam=leeuw").content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(alles)))) == 1 + 3
    rijen = list(
        csv.DictReader(io.StringIO(gefilterd), delimiter=";" if ";" in gefilterd.split("\n")[0] else ",")
    )
    assert [r["cbs_code"] for r in rijen] == ["GM0080"]


def test_overview_query_count_is_bounded_whatever_the_page(als_coordinator, stand, friesland):
    client = als_coordinator
    _get(client, "/nulmeting/overzicht/")
    for filters in ("", f"provincie={friesland.pk}&status=niet_uitgenodigd", "naam=e"):
        tellingen = set()
        for pagina in (1, 2):
            with CaptureQueriesContext(connection) as vastgelegd:
                _get(client, f"/nulmeting/overzicht/?{filters}&pagina={pagina}")
            tellingen.add(len(vastgelegd.captured_queries))
        # a page's predecessors and their visibility cost a query or two when there are any
        assert max(tellingen) <= 17 and max(tellingen) - min(tellingen) <= 2, filters


# --- The session list ---------------------------------------------------------------------------


def test_session_list_filters_page_and_export_alike(login, coordinator, loggen, friesland):
    for dag in range(1, 29):
        loggen(datum=datetime.date(2012, 2, dag), codes=("GM0080",) if dag % 2 else ("GM1900",))
    client = als(coordinator)
    response = _get(client, "/advies/gesprekken/")
    assert response.context["pagina"].paginator.count == 28 and len(response.context["pagina"]) == 25
    leeuwarden = Gemeente.objects.get(cbs_code="GM0080")
    query = f"gemeente={leeuwarden.pk}&van=10-2-2012"
    response = _get(client, f"/advies/gesprekken/?{query}")
    assert response.context["pagina"].paginator.count == 9  # the odd days 11..27
    html = response.content.decode()
    assert f'href="/advies/gesprekken/export.csv?gemeente={leeuwarden.pk}&amp;van=10-2-2012">CSV' in html
    export = _get(client, f"/advies/gesprekken/export.csv?{query}").content.decode("utf-8-sig")
    assert len(export.strip().splitlines()) == 1 + 9


def test_session_list_hides_deleted_sessions_unless_a_coordinator_asks(
    login, coordinator, adviseur_friesland, loggen
):
    weg = loggen()
    loggen()
    adviesgesprek_verwijderen(gesprek=weg, door=adviseur_friesland)
    assert _get(als(coordinator), "/advies/gesprekken/").context["pagina"].paginator.count == 1
    verwijderd = _get(als(coordinator), "/advies/gesprekken/?verwijderd=on").context["pagina"]
    assert [g.pk for g in verwijderd] == [weg.pk]
    adviseur = _get(als(adviseur_friesland), "/advies/gesprekken/?verwijderd=on")
    assert "verwijderd" not in adviseur.context["form"].fields
    assert adviseur.context["pagina"].paginator.count == 1


# --- The adviser pool ---------------------------------------------------------------------------


def test_pool_by_name_cmo_and_state_paged(login, coordinator, referentiedata):
    partoer = cmo("Partoer")
    for i in range(30):
        AdviseurPeriodeFactory(
            user=AdviseurFactory(
                email=f"a{i}@partoer.example.nl", naam=f"Pool Persoon {i}", organisatie=partoer
            )
        )
    client = als(coordinator)
    response = _get(client, "/advies/adviseurs/")
    assert len(response.context["pagina"]) == 25 and response.context["pagina"].paginator.count >= 30
    assert [p.user.naam for p in _get(client, "/advies/adviseurs/?naam=persoon 17").context["pagina"]] == [
        "Pool Persoon 17"
    ]
    bij_partoer = _get(client, f"/advies/adviseurs/?organisatie={partoer.pk}&stand=actief").context["pagina"]
    assert bij_partoer.paginator.count >= 30
    assert all(p.organisatie == partoer for p in bij_partoer)
    assert (
        _get(client, "/advies/adviseurs/?stand=beeindigd&naam=persoon").context["pagina"].paginator.count == 0
    )


def test_pool_query_count_does_not_grow_with_the_pool(login, coordinator, referentiedata):
    client = als(coordinator)
    partoer = cmo("Partoer")
    AdviseurPeriodeFactory(user=AdviseurFactory(email="eerste@partoer.example.nl", organisatie=partoer))
    _get(client, "/advies/adviseurs/")
    with CaptureQueriesContext(connection) as weinig:
        _get(client, "/advies/adviseurs/")
    for i in range(30):
        AdviseurPeriodeFactory(user=AdviseurFactory(email=f"b{i}@partoer.example.nl", organisatie=partoer))
    with CaptureQueriesContext(connection) as veel:
        _get(client, "/advies/adviseurs/?pagina=2")
    assert len(veel.captured_queries) == len(weinig.captured_queries)
