"""What the API's lists hold: the filters on municipality, province and period return the right
rows, municipalities carry their mergers, a municipality's detail its status, and a finished
report its files, downloadable with the same token."""

import datetime

import pytest

from gemeenten.models import Gemeente
from rapportage.bouwen import rapport_bouwen
from tests.api.conftest import metingen_indienen
from tests.rapportage.factories import RapportFactory

pytestmark = pytest.mark.django_db


def _alles(api, url: str) -> list[dict]:
    """Every row of a paged list."""
    rijen, pagina = [], api.get(url).json()
    rijen += pagina["results"]
    while pagina["next"]:
        pagina = api.get(pagina["next"]).json()
        rijen += pagina["results"]
    return rijen


def test_municipalities_on_a_date_and_their_mergers(referentiedata, coordinator, sleutel_voor):
    api = sleutel_voor(coordinator)
    for datum in ("2009-01-01", "2012-10-01"):
        verwacht = Gemeente.objects.bestaand_op(datetime.date.fromisoformat(datum)).count()
        assert api.get(f"/api/v1/gemeenten/?bestaand_op={datum}").json()["count"] == verwacht
    [bolsward] = _alles(api, "/api/v1/gemeenten/?gemeente=GM0064")
    assert bolsward["geldig_tot"] is not None
    assert [o["gemeente"] for o in bolsward["opgegaan_in"]] == ["GM1900"]
    [sudwest] = _alles(api, "/api/v1/gemeenten/?gemeente=GM1900")
    assert "GM0064" in {v["gemeente"] for v in sudwest["voortgekomen_uit"]}
    friesland = _alles(api, "/api/v1/gemeenten/?provincie=PV21&bestaand_op=2012-10-01")
    assert {g["provincie"]["cbs_code"] for g in friesland} == {"PV21"}
    assert (
        len(friesland)
        == Gemeente.objects.bestaand_op(datetime.date(2012, 10, 1)).filter(provincie__cbs_code="PV21").count()
    )


def test_metingen_by_municipality_province_and_period(referentiedata, nulmeting, coordinator, sleutel_voor):
    metingen_indienen(
        nulmeting,
        [("GM0080", "2009-06-30", True), ("GM0064", "2009-07-01", False), ("GM0344", "2010-03-01", True)],
    )
    api = sleutel_voor(coordinator)

    def codes(query: str) -> list[str]:
        return sorted(m["gemeente"] for m in _alles(api, f"/api/v1/metingen/?{query}"))

    assert codes("gemeente=gm0080") == ["GM0080"]
    assert codes("provincie=PV21") == ["GM0064", "GM0080"]
    assert codes("ingediend_vanaf=2009-07-01") == ["GM0064", "GM0344"]
    assert codes("ingediend_tot_en_met=2009-07-01") == ["GM0064", "GM0080"]
    assert codes("ingediend_vanaf=2009-07-01&ingediend_tot_en_met=2009-12-31") == ["GM0064"]
    assert codes("vragenlijst=nulmeting-2009&status=ingediend") == ["GM0064", "GM0080", "GM0344"]


def test_a_municipality_s_detail_says_its_nulmeting_came_from_its_predecessors(
    referentiedata, nulmeting, ambtenaar_sudwest, sleutel_voor
):
    metingen_indienen(nulmeting, [("GM0064", "2009-10-01", True)])
    detail = sleutel_voor(ambtenaar_sudwest).get("/api/v1/gemeenten/GM1900/").json()
    [stand] = [s for s in detail["vragenlijsten"] if s["vragenlijst"] == "nulmeting-2009"]
    assert (stand["status"], stand["ingediend"], stand["door_voorgangers"]) == ("geen", True, True)


def test_a_finished_report_lists_its_files_and_they_download_with_the_same_token(
    referentiedata, coordinator, sleutel_voor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    klaar = RapportFactory(
        soort="maand", periode_van=datetime.date(2011, 3, 1), peildatum=datetime.date(2011, 3, 31)
    )
    rapport_bouwen(klaar.pk)
    RapportFactory(
        soort="kwartaal", periode_van=datetime.date(2011, 1, 1), peildatum=datetime.date(2011, 3, 31)
    )
    api = sleutel_voor(coordinator)
    rapporten = {r["soort"]: r for r in _alles(api, "/api/v1/rapporten/")}
    assert rapporten["kwartaal"]["bestanden"] is None  # still waiting: no files yet
    bestanden = rapporten["maand"]["bestanden"]
    assert set(bestanden) == {"html", "pdf", "xlsx", "json"}
    for formaat, adres in bestanden.items():
        response = api.get(adres)
        assert response.status_code == 200, formaat
    assert _alles(api, "/api/v1/rapporten/?soort=maand&peildatum_vanaf=2011-03-31")[0]["id"] == klaar.pk
    assert _alles(api, "/api/v1/rapporten/?peildatum_tot_en_met=2011-03-30") == []
