"""Hostile input: arbitrary values posted to the forms and imports never cause a server error
and never leave a half-written record behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from advies.models import Adviesgesprek, Adviestraject
from gemeenten.models import Inwonertal
from nulmeting.models import Antwoord, Meting
from nulmeting.services import vragenlijsten_laden
from rapportage.models import Rapport
from tests.vuur_helpers import bestanden, tekst

INSTELLINGEN = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

waarden = st.dictionaries(
    st.sampled_from(
        [
            "datum",
            "gemeenten",
            "onderwerp",
            "themas",
            "uren",
            "verslag",
            "vervolgafspraken",
            "traject",
            "versie",
            "email",
            "gemeente",
            "naam",
            "reden",
            "soort",
            "peildatum",
            "jaar",
            "maand",
            "kwartaal",
            "provincie",
            "organisatie",
            "titel",
            "status",
            "inzet_uren",
            "doel",
            "actie",
            "bestand",
            "wachtwoord1",
            "wachtwoord2",
            "zoek",
            "pagina",
            "vragenlijst",
            "opent_op",
            "sluit_op",
            "provincies",
            "herinnering_na_dagen",
            "max_herinneringen",
            "functie",
            "pauzeren",
            "terug",
        ]
    ),
    tekst,
    max_size=12,
)


def geen_serverfout(response):
    assert response.status_code < 500, response.content[:300]


@pytest.fixture
def vragenlijst(referentiedata):
    vragenlijsten_laden()


@INSTELLINGEN
@given(data=waarden)
def test_the_session_form_refuses_anything_odd_without_a_partial_write(login, adviseur_friesland, data):
    client = login(adviseur_friesland)
    voor = Adviesgesprek.objects.count()
    geen_serverfout(client.post("/advies/gesprekken/nieuw/", data))
    na = Adviesgesprek.objects.count()
    assert na in (voor, voor + 1)
    # refused, or accepted as a complete session: none lacks a municipality or a theme
    assert not Adviesgesprek.objects.filter(Q(gemeenten=None) | Q(themas=None)).exists()


@INSTELLINGEN
@given(data=waarden, stap=st.integers(min_value=-5, max_value=20))
def test_a_questionnaire_page_refuses_anything_odd(login, ambtenaar_sudwest, vragenlijst, data, stap):
    client = login(ambtenaar_sudwest)
    data = {**data, "VW-VERBINDEN-3": data.get("naam", "veel"), "VW-VERTALEN-2": data.get("soort", "x")}
    geen_serverfout(client.post(f"/nulmeting/GM1900/nulmeting-2009/stap/{stap}/", data))
    assert [a.pk for a in Antwoord.objects.all() if len(a.waarde) > 4000] == []


@INSTELLINGEN
@given(data=waarden)
def test_other_forms_never_fail(login, coordinator, adviseur_friesland, vragenlijst, data):
    beheer = login(coordinator)
    for url in ["/rapportage/", "/account/uitnodigen/", "/nulmeting/eenmeting-openen/", "/advies/adviseurs/"]:
        geen_serverfout(beheer.post(url, data))
        geen_serverfout(beheer.get(url, data))
    for url in [
        "/advies/gesprekken/",
        "/gemeenten/",
        "/nulmeting/overzicht/",
        "/advies/gesprekken/export.csv",
    ]:
        geen_serverfout(beheer.get(url, data))
    assert not Rapport.objects.exclude(status__in=["wachtend", "bezig", "klaar", "mislukt"]).exists()


@INSTELLINGEN
@given(data=waarden)
@example(data={"provincies": str(2**63), "vragenlijst": str(2**63)})  # found once: SQLite overflowed
def test_the_round_and_contact_forms_refuse_anything_odd_without_a_partial_write(
    login, coordinator, vragenlijst, data
):
    from gemeenten.models import Contactpersoon
    from rondes.models import Deelnemer, Ronde

    client = login(coordinator)
    voor = (Ronde.objects.count(), Deelnemer.objects.count())
    geen_serverfout(client.post("/rondes/nieuw/", data))
    rondes = Ronde.objects.count()
    assert rondes in (voor[0], voor[0] + 1)
    assert rondes == voor[0] + 1 or Deelnemer.objects.count() == voor[1], (
        "refused, yet a target group was written"
    )
    contacten = Contactpersoon.objects.count()
    geen_serverfout(client.post("/gemeenten/GM1900/contactpersonen/nieuw/", data))
    assert Contactpersoon.objects.count() in (contacten, contacten + 1)
    assert [c.pk for c in Contactpersoon.objects.all() if not (c.naam.strip() and "@" in c.email)] == []


@INSTELLINGEN
@given(data=waarden)
def test_the_traject_form_refuses_anything_odd(client, adviseur_friesland, data):
    from tests.accounts.factories import WACHTWOORD

    client.post("/account/inloggen/", {"username": adviseur_friesland.email, "password": WACHTWOORD})
    voor = Adviestraject.objects.count()
    geen_serverfout(client.post("/advies/trajecten/nieuw/", data))
    assert Adviestraject.objects.count() in (voor, voor + 1)


@INSTELLINGEN
@given(inhoud=bestanden, naam=st.sampled_from(["x.csv", "x.xlsx", "x.txt", "x.CSV"]))
def test_uploads_never_fail_and_store_nothing_when_wrong(login, coordinator, vragenlijst, inhoud, naam):
    client = login(coordinator)
    from gemeenten.models import Contactpersoon

    def tellingen():
        return tuple(m.objects.count() for m in (Inwonertal, Meting, Adviesgesprek, Contactpersoon))

    voor = tellingen()
    for url in [
        "/gemeenten/inwonertallen/",
        "/nulmeting/importeren/",
        "/advies/gesprekken/importeren/",
        "/gemeenten/contactpersonen/importeren/",
    ]:
        response = client.post(url, {"bestand": SimpleUploadedFile(naam, inhoud)})
        geen_serverfout(response)
        # refused (the page shows why): nothing changed
        assert response.status_code != 200 or tellingen() == voor, url


def test_an_oversized_upload_is_refused_at_the_field(login, coordinator, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = login(coordinator).post(
        "/gemeenten/inwonertallen/", {"bestand": SimpleUploadedFile("groot.csv", b"x" * 2000)}
    )
    assert "Het bestand is groter dan" in response.content.decode()
    assert not Inwonertal.objects.exists()
