import datetime
from pathlib import Path

import pytest

from gemeenten.models import Organisatie
from rapportage.bouwen import rapport_bouwen
from rapportage.models import Rapport
from tests.rapportage.factories import RapportFactory


@pytest.fixture
def rapporten(referentiedata, coordinator):
    landelijk = RapportFactory(aangevraagd_door=coordinator)  # the eindrapportage as of 1-10-2012
    partoer = RapportFactory(
        soort="kwartaal",
        periode_van=datetime.date(2011, 1, 1),
        peildatum=datetime.date(2011, 3, 31),
        organisatie=Organisatie.objects.get(naam="Partoer"),
        aangevraagd_door=coordinator,
    )
    for rapport in (landelijk, partoer):
        rapport_bouwen(rapport.pk)
    return landelijk, partoer


def test_an_adviser_sees_and_downloads_only_their_cmos_reports(login, adviseur_friesland, rapporten):
    landelijk, partoer = rapporten
    client = login(adviseur_friesland)
    lijst = client.get("/rapportage/").content.decode()
    assert f"/rapportage/{partoer.pk}/" in lijst and f"/rapportage/{landelijk.pk}/" not in lijst
    for formaat in ("pdf", "xlsx", "html", "json"):
        assert client.get(f"/rapportage/{partoer.pk}/download/{formaat}/").status_code == 200
        assert client.get(f"/rapportage/{landelijk.pk}/download/{formaat}/").status_code == 404


def test_an_adviser_may_only_request_their_own_cmo(login, adviseur_friesland):
    client = login(adviseur_friesland)
    stamm = Organisatie.objects.get(naam="Stamm")
    response = client.post(
        "/rapportage/", {"soort": "kwartaal", "jaar": "2011", "kwartaal": "1", "organisatie": stamm.pk}
    )
    assert response.status_code == 200 and not Rapport.objects.exists()
    client.post(
        "/rapportage/",
        {
            "soort": "kwartaal",
            "jaar": "2011",
            "kwartaal": "1",
            "organisatie": adviseur_friesland.organisatie_id,
        },
    )
    rapport = Rapport.objects.get()
    assert rapport.organisatie_id == adviseur_friesland.organisatie_id and rapport.provincie_id is None
    assert rapport_bouwen(rapport.pk).status == "klaar"


def test_officials_have_no_reports(login, ambtenaar_sudwest, rapporten):
    client = login(ambtenaar_sudwest)
    assert client.get("/rapportage/").status_code == 403
    assert client.get(f"/rapportage/{rapporten[0].pk}/download/pdf/").status_code == 403


def test_building_twice_keeps_one_set_of_files(rapporten, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    landelijk, _ = rapporten
    Rapport.objects.filter(pk=landelijk.pk).update(status="bezig")
    rapport_bouwen(landelijk.pk)  # files now in this test's own folder
    Rapport.objects.filter(pk=landelijk.pk).update(status="bezig")  # as after a worker died mid-run
    rapport_bouwen(landelijk.pk)
    landelijk.refresh_from_db()
    bestanden = sorted(p.name for p in Path(landelijk.pdf.path).parent.iterdir())
    assert landelijk.status == "klaar" and landelijk.pogingen == 3
    assert bestanden == sorted(f"{landelijk.bestandsnaam}.{f}" for f in ("html", "pdf", "xlsx"))


def test_the_html_report_page_has_a_strict_policy(login, coordinator, rapporten):
    response = login(coordinator).get(f"/rapportage/{rapporten[0].pk}/download/html/")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "Tabel 2.3" in response.content.decode()
