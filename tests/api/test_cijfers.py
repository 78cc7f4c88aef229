"""The open figures: readable by anyone, the shares per basisfunctie only as the spiegel's
disclosure rule publishes them (decision 0022: no figure that differs by fewer than 5
municipalities from another, bands instead of shares near 0% and 100%), participation and
sessions in both readings, and the same numbers in the CSV/XLSX download. The municipal figures
of the API equal the nulmeting's own export."""

import datetime
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from api.cijfers import KOLOMMEN
from gemeenten.models import Gemeente
from nulmeting.models import Meting
from nulmeting.services import meting_heropenen
from tests.api.conftest import metingen_indienen
from toolkit.tabular import lees_tabel

CIJFERS = "/api/v1/cijfers/"


def cijfers(**vraag) -> dict:
    response = Client().get(CIJFERS, vraag)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_anyone_reads_the_figures_of_a_province_and_of_the_country(friese_metingen, lege_cache):
    friesland = cijfers(peildatum="2012-10-01", provincie="PV21")
    assert friesland["gebied"] == {"niveau": "provincie", "cbs_code": "PV21", "naam": "Friesland"}
    assert friesland["deelname"] == {"gemeenten": 27, "deelnemers": 6, "procent": 22}
    verbreiden = next(b for b in friesland["basisfuncties"] if b["basisfunctie"] == "Verbreiden")
    # The country's 7 metingen and Friesland's 6 differ in one municipality (Utrecht's): the
    # rule publishes the country and holds Friesland back, or the difference would be Utrecht's.
    assert verbreiden == {
        "basisfunctie": "Verbreiden",
        "domein": "vrijwilligerswerk",
        "n": 0,
        "procent": None,
        "band": "nog niet te tonen",
        "stand": None,
    }
    land = cijfers(peildatum="2012-10-01")
    assert land["gebied"]["niveau"] == "land" and land["deelname"]["deelnemers"] == 7
    verbreiden = next(b for b in land["basisfuncties"] if b["basisfunctie"] == "Verbreiden")
    assert (verbreiden["n"], verbreiden["procent"], verbreiden["band"]) == (
        5,
        None,
        "bij minder dan 5 gemeenten",
    )
    assert verbreiden["stand"] == "2010-04-01T00:00:00+02:00"  # the first cut-off after March 2010
    assert land["bekend_op"] == "2012-10-02T00:00:00+02:00"  # the end of the peildatum


def test_a_share_over_fewer_metingen_than_the_spiegel_shows_is_left_out(
    friese_metingen, lege_cache, settings
):
    utrecht = cijfers(peildatum="2012-10-01", provincie="PV26")
    assert utrecht["deelname"]["deelnemers"] == 1  # participation is not a result: it is shown
    assert {(b["n"], b["procent"], b["band"]) for b in utrecht["basisfuncties"]} == {
        (0, None, "minder dan 5 metingen")
    }
    # The spiegel's own rule decides: lowered, Friesland's 3 of 6 is shown, rounded (a fresh cache).
    settings.SPIEGEL_MINIMUM_N = 1
    lege_cache()
    friesland = cijfers(peildatum="2012-10-01", provincie="PV21")
    assert verbreiden_van(friesland) == (5, 50, "")


def verbreiden_van(cijfers_json: dict) -> tuple:
    b = next(b for b in cijfers_json["basisfuncties"] if b["basisfunctie"] == "Verbreiden")
    return b["n"], b["procent"], b["band"]


def test_moving_the_peildatum_does_not_give_away_one_municipality(referentiedata, nulmeting, lege_cache):
    """The differencing attack on the open figures: ten Frisian nulmetingen (5 'goed') in March
    2010 and one more, 'goed', in May. The figures of April and of June must not differ: their
    difference would be that one municipality's result."""
    codes = list(
        Gemeente.objects.filter(provincie__cbs_code="PV21")
        .bestaand_op(datetime.date(2010, 6, 30))
        .order_by("cbs_code")
        .values_list("cbs_code", flat=True)[:11]
    )
    metingen_indienen(nulmeting, [(c, "2010-03-01", i % 2 == 0) for i, c in enumerate(codes[:10])])
    april = cijfers(peildatum="2010-04-30", provincie="PV21")
    assert verbreiden_van(april) == (10, 50, "")
    metingen_indienen(nulmeting, [(codes[10], "2010-05-03", True)])
    juni = cijfers(peildatum="2010-06-30", provincie="PV21")
    assert juni["basisfuncties"] == april["basisfuncties"]  # held back: only one municipality moved
    assert juni["deelname"]["deelnemers"] == april["deelname"]["deelnemers"] + 1


def test_as_known_on_the_peildatum_a_meting_reopened_later_still_counts(
    friese_metingen, coordinator, lege_cache
):
    meting = Meting.objects.get(gemeente__cbs_code=friese_metingen[0])
    meting_heropenen(meting=meting, door=coordinator, reden="Verkeerd ingevuld.")
    zoals_bekend = cijfers(peildatum="2012-10-01", provincie="PV21")
    met_correcties = cijfers(peildatum="2012-10-01", provincie="PV21", lezing="met_correcties")
    assert zoals_bekend["deelname"]["deelnemers"] == 6 and zoals_bekend["lezing"] == "zoals_bekend"
    assert met_correcties["deelname"]["deelnemers"] == 5
    assert met_correcties["bekend_op"][:10] == datetime.date.today().isoformat()


def test_a_peildatum_before_the_metingen_counts_none(friese_metingen, lege_cache):
    vroeg = cijfers(peildatum="2009-06-30", provincie="PV21")
    assert vroeg["deelname"]["deelnemers"] == 0 and vroeg["basisfuncties"] == []


def test_the_figures_are_computed_once_and_then_read_from_the_cache(
    friese_metingen, lege_cache, django_assert_num_queries
):
    eerste = cijfers(peildatum="2012-10-01", provincie="PV21")
    with django_assert_num_queries(1):  # the province's code checked; the figures from the cache
        assert cijfers(peildatum="2012-10-01", provincie="PV21") == eerste
    land = cijfers(peildatum="2012-10-01")
    with django_assert_num_queries(0):
        assert cijfers(peildatum="2012-10-01") == land


def rijen_uit(cijfers_json: dict) -> list[tuple]:
    """The numbers of the JSON, in the export's rows (onderdeel, naam, n, aantal, procent, toelichting)."""
    d, g = cijfers_json["deelname"], cijfers_json["gesprekken"]
    return [
        ("deelname", "nulmeting ingediend", d["gemeenten"], d["deelnemers"], d["procent"], None),
        *(
            ("basisfunctie", b["basisfunctie"], b["n"], None, b["procent"], b["band"] or None)
            for b in cijfers_json["basisfuncties"]
        ),
        ("gesprekken", "aantal", None, g["aantal"], None, None),
        ("gesprekken", "uren", None, g["uren"], None, None),
        ("gesprekken", "gemeenten met advies", None, g["gemeenten_met_advies"], None, None),
        *(("onderwerp", o["onderwerp"], None, o["aantal"], None, None) for o in cijfers_json["onderwerpen"]),
        *(("thema", t["thema"], None, t["aantal"], None, None) for t in cijfers_json["themas"]),
    ]


def getal(waarde):
    if waarde in (None, ""):
        return None
    return (
        float(str(waarde).replace(",", "."))
        if "," in str(waarde) or isinstance(waarde, float)
        else int(waarde)
    )


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "vraag", [{"provincie": "PV21"}, {}, {"provincie": "PV26", "lezing": "met_correcties"}]
)
def test_the_download_gives_the_same_numbers_as_the_api(friese_metingen, lege_cache, formaat, vraag):
    vraag = {"peildatum": "2012-10-01", **vraag}
    verwacht = rijen_uit(cijfers(**vraag))
    response = Client().get(f"/api/v1/cijfers/export.{formaat}", vraag)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    inhoud = b"".join(response.streaming_content) if response.streaming else response.content
    if formaat == "csv":
        tabel = lees_tabel(inhoud, "cijfers.csv")
        rijen = [[rij.get(k) for k in KOLOMMEN] for _, rij in tabel.rijen]
    else:
        blad = load_workbook(io.BytesIO(inhoud)).active
        assert [c.value for c in blad[1]] == KOLOMMEN
        rijen = [list(r) for r in blad.iter_rows(min_row=2, values_only=True)]
    gekregen = [(r[0], r[1], getal(r[3]), getal(r[4]), getal(r[5]), r[6] or None) for r in rijen]
    assert gekregen == verwacht


def test_the_api_gives_the_same_scores_as_the_nulmeting_export(
    friese_metingen, login, coordinator, sleutel_voor
):
    export = login(coordinator).get("/nulmeting/export/nulmeting-2009.csv")
    assert export.status_code == 200
    tabel = lees_tabel(export.content, "export.csv")
    uit_export = {
        rij["cbs_code"]: {k: v for k, v in rij.items() if k.startswith(("punten_", "goed_"))}
        for _, rij in tabel.rijen
    }
    api = sleutel_voor(coordinator).get("/api/v1/metingen/", {"vragenlijst": "nulmeting-2009"}).json()
    uit_api = {
        m["gemeente"]: {
            **{f"punten_{s['basisfunctie'].lower()}": str(s["punten"]) for s in m["scores"]},
            **{
                f"goed_{s['basisfunctie'].lower()}": "ja" if s["goed_voor_elkaar"] else "nee"
                for s in m["scores"]
            },
        }
        for m in api["results"]
    }
    assert len(uit_api) == api["count"] == 7
    assert uit_api == uit_export
