"""The result page, the overview and the export ask the database a fixed number of questions,
however many municipalities have submitted (DESIGN.md: aggregation happens in the database)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gemeenten.models import Gemeente
from nulmeting import services
from nulmeting.models import Meting
from tests.nulmeting.antwoorden import goed_of_niet
from tests.tweede_factor import geverifieerd_inloggen

# A fixed bound, far below one query per municipality at 40 submissions (one of them the session's
# verified second-factor device).
MAX_QUERIES = 21


@pytest.fixture
def aanvullen(referentiedata, nulmeting, indienen, coordinator, ambtenaar_sudwest):
    """``aanvullen(n)``: submitted nulmetingen for n municipalities spread over the provinces
    (Súdwest-Fryslân first), an eenmeting for every other one, and one concept that does not count."""
    opbouw = nulmeting.opbouw
    codes = [b.code for b in opbouw.basisfuncties]
    een = services.eenmeting_openen(
        basis=nulmeting, code="eenmeting-2012", naam="Eenmeting 2012", door=coordinator
    )
    gemeenten = list(
        Gemeente.objects.bestaand_op(timezone.localdate())
        .exclude(cbs_code="GM1900")
        .order_by("provincie__naam", "cbs_code")
    )
    indienen("GM1900", nulmeting, goed_of_niet(opbouw, set(codes[:4])), door=ambtenaar_sudwest)
    indienen("GM1900", een, goed_of_niet(opbouw, set(codes[2:9])), door=ambtenaar_sudwest)
    services.antwoorden_opslaan(
        gemeente=gemeenten[0],
        vragenlijst=nulmeting,
        waarden={"VW-VERTALEN-1": "ja"},
        origineel={},
        door=coordinator,
    )

    def _tot(aantal: int):
        begin = Meting.objects.filter(vragenlijst=nulmeting).ingediend().count()
        for i in range(begin, aantal):
            gemeente = gemeenten[(7 * i) % len(gemeenten)]
            indienen(gemeente, nulmeting, goed_of_niet(opbouw, set(codes[: i % 14])))
            if i % 2:
                indienen(gemeente, een, goed_of_niet(opbouw, set(codes[i % 5 :])))
        assert Meting.objects.filter(vragenlijst=nulmeting).ingediend().count() == aantal

    return _tot


def pagina_queries(client, user, url: str) -> int:
    geverifieerd_inloggen(client, user)
    with CaptureQueriesContext(connection) as vastgelegd:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(vastgelegd.captured_queries)


PAGINAS = [
    ("ambtenaar_sudwest", "/nulmeting/GM1900/nulmeting-2009/uitslag/"),
    ("ambtenaar_sudwest", "/nulmeting/GM1900/eenmeting-2012/uitslag/"),
    ("ambtenaar_sudwest", "/nulmeting/GM1900/nulmeting-2009/uitslag/?basisfunctie=MZ-INFORMATIE"),
    ("adviseur_friesland", "/nulmeting/GM1900/nulmeting-2009/uitslag/"),
    ("adviseur_friesland", "/nulmeting/overzicht/"),
    ("adviseur_friesland", "/nulmeting/export/nulmeting-2009.csv"),
    ("coordinator", "/nulmeting/GM1900/eenmeting-2012/uitslag/"),
    ("coordinator", "/nulmeting/overzicht/"),
    ("coordinator", "/nulmeting/overzicht/?vragenlijst=eenmeting-2012"),
    ("coordinator", "/nulmeting/overzicht/?status=ingediend&naam=e"),
    ("coordinator", "/nulmeting/export/nulmeting-2009.csv"),
    ("coordinator", "/nulmeting/export/nulmeting-2009.xlsx"),
    ("coordinator", "/nulmeting/export/nulmeting-2009.csv?status=ingediend&naam=e"),
    ("coordinator", "/nulmeting/export/eenmeting-2012.csv"),
]


def test_queries_do_not_grow_with_the_number_of_submissions(
    client, request, aanvullen, django_assert_max_num_queries
):
    gebruikers = {naam: request.getfixturevalue(naam) for naam, _ in PAGINAS}

    aanvullen(5)
    for naam, url in PAGINAS:  # warm up: first-request caches do not count
        pagina_queries(client, gebruikers[naam], url)
    bij_5 = {(naam, url): pagina_queries(client, gebruikers[naam], url) for naam, url in PAGINAS}

    aanvullen(40)
    bij_40 = {(naam, url): pagina_queries(client, gebruikers[naam], url) for naam, url in PAGINAS}
    assert bij_40 == bij_5

    for naam, url in PAGINAS:
        geverifieerd_inloggen(client, gebruikers[naam])
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get(url)


def test_the_pages_measured_really_hold_the_submissions(client, aanvullen, coordinator, adviseur_friesland):
    aanvullen(40)
    geverifieerd_inloggen(client, coordinator)
    overzicht = client.get("/nulmeting/overzicht/?status=ingediend").content.decode()
    assert overzicht.count("✔ ingediend") == 40  # one page of 50
    assert client.get("/nulmeting/overzicht/?status=concept").content.decode().count("✎ concept") == 1
    export = client.get("/nulmeting/export/nulmeting-2009.csv").content.decode("utf-8-sig")
    assert len(export.strip().splitlines()) == 1 + 41  # header, 40 submitted and 1 concept
    uitslag = client.get("/nulmeting/GM1900/nulmeting-2009/uitslag/").content.decode()
    assert "(N=40)" in uitslag
    geverifieerd_inloggen(client, adviseur_friesland)
    friesland = Meting.objects.filter(
        gemeente__provincie__naam="Friesland", vragenlijst__code="nulmeting-2009"
    )
    export = client.get("/nulmeting/export/nulmeting-2009.csv").content.decode("utf-8-sig")
    assert len(export.strip().splitlines()) == 1 + friesland.count()
    assert friesland.count() > 1
