"""A closed questionnaire (``Vragenlijst.is_open`` False) can no longer be opened, started, saved
or submitted, by any entry point, GET or POST; each says so in Dutch. A submitted result stays."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError

from gemeenten.models import Gemeente
from nulmeting import services
from nulmeting.models import Meting
from tests.nulmeting.antwoorden import alles_goed

BASIS = "/nulmeting/GM1900/nulmeting-2009"
MELDING = "Nulmeting 2009 is gesloten: u kunt deze vragenlijst niet meer invullen, wijzigen of indienen."


def meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def gesloten(nulmeting, coordinator):
    return services.vragenlijst_sluiten(vragenlijst=nulmeting, door=coordinator)


@pytest.fixture
def ambtenaar(login, ambtenaar_sudwest, nulmeting):
    return login(ambtenaar_sudwest)


@pytest.mark.parametrize(
    ("methode", "pad", "data"),
    [
        ("get", "/stap/1/", {}),
        ("get", "/stap/13/", {}),
        ("post", "/stap/1/", {"VW-VERTALEN-1": "ja", "actie": "opslaan"}),
        ("post", "/stap/1/", {"VW-VERTALEN-1": "ja", "actie": "volgende"}),
        ("get", "/samenvatting/", {}),
        ("post", "/samenvatting/", {}),
    ],
)
def test_a_closed_questionnaire_cannot_be_begun(ambtenaar, gesloten, methode, pad, data):
    response = getattr(ambtenaar, methode)(BASIS + pad, data)
    assert response.status_code == 302 and response.url == "/nulmeting/"
    assert meldingen(response) == [MELDING]
    assert not Meting.objects.exists()
    pagina = ambtenaar.get("/nulmeting/").content.decode()
    assert MELDING in pagina and "Beginnen" not in pagina and "Gesloten" in pagina


def test_a_concept_of_a_closed_questionnaire_can_be_read_not_changed(ambtenaar, nulmeting, coordinator):
    ambtenaar.post(f"{BASIS}/stap/1/", {"VW-VERTALEN-1": "ja", "actie": "opslaan"}, follow=True)
    meting = Meting.objects.get()
    services.vragenlijst_sluiten(vragenlijst=nulmeting, door=coordinator)

    # Saving a page and submitting are refused, with the message, and change nothing.
    for pad, data in (("/stap/1/", {"VW-VERTALEN-1": "nee", "actie": "opslaan"}), ("/samenvatting/", {})):
        response = ambtenaar.post(BASIS + pad, data, follow=True)
        assert response.redirect_chain == [("/nulmeting/", 302)] and MELDING in response.content.decode()
    meting.refresh_from_db()
    assert not meting.is_ingediend and meting.antwoorden.get().waarde == "ja"

    # The summary still shows the answers, says why they cannot change, and offers no button.
    pagina = ambtenaar.get(f"{BASIS}/samenvatting/").content.decode()
    assert "Nulmeting 2009 is gesloten: deze antwoorden zijn niet ingediend" in pagina
    assert "Definitief indienen" not in pagina and "wijzigen" not in pagina
    lijst = ambtenaar.get("/nulmeting/").content.decode()
    assert "Gesloten; niet ingediend (concept" in lijst and "Verder invullen" not in lijst
    assert "Antwoorden bekijken" in lijst


def test_a_submitted_result_of_a_closed_questionnaire_stays(ambtenaar, nulmeting, indienen, coordinator):
    indienen("GM1900", nulmeting, alles_goed(nulmeting))
    services.vragenlijst_sluiten(vragenlijst=nulmeting, door=coordinator)
    assert ambtenaar.get(f"{BASIS}/uitslag/").status_code == 200
    assert ambtenaar.get(f"{BASIS}/stap/1/").url == f"{BASIS}/uitslag/"  # to the result, as before
    assert "Uitkomst bekijken" in ambtenaar.get("/nulmeting/").content.decode()


def test_the_services_refuse_a_closed_questionnaire_too(nulmeting, coordinator, referentiedata):
    gemeente = Gemeente.objects.get(cbs_code="GM1900")
    meting, _ = services.antwoorden_opslaan(
        gemeente=gemeente,
        vragenlijst=nulmeting,
        waarden={"VW-VERTALEN-1": "ja"},
        origineel={},
        door=coordinator,
    )
    services.vragenlijst_sluiten(vragenlijst=nulmeting, door=coordinator)
    nulmeting.refresh_from_db()
    for poging in (
        lambda: services.antwoorden_opslaan(
            gemeente=gemeente,
            vragenlijst=nulmeting,
            waarden={"VW-VERTALEN-1": "nee"},
            origineel={},
            door=coordinator,
        ),
        lambda: services.meting_indienen(meting=meting, door=coordinator),
    ):
        with pytest.raises(ValidationError, match="Nulmeting 2009 is gesloten"):
            poging()


def test_only_a_coordinator_closes_a_questionnaire(nulmeting, ambtenaar_sudwest, adviseur_friesland):
    for user in (ambtenaar_sudwest, adviseur_friesland):
        with pytest.raises(PermissionDenied):
            services.vragenlijst_sluiten(vragenlijst=nulmeting, door=user)
    nulmeting.refresh_from_db()
    assert nulmeting.is_open
