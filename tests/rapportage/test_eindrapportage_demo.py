"""The demo programme, built through the product's own services, reproduces every number the
programme's evaluation published (tests/rapportage/eindrapportage_2012.json)."""

import datetime
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from accounts.services import demo_accounts_maken
from advies.models import Adviesaanvraag, Adviesgesprek, Beleidsstap, Bijeenkomst
from gemeenten.models import Provincie
from nulmeting.services import vragenlijsten_laden
from rapportage import inhoud, weergave
from rapportage.demo import demo_data_bouwen
from rapportage.selectors import Afbakening
from tests.rapportage.bevindingen_helpers import DATUM, getallen_in, onherleidbare_getallen
from tests.rapportage.rapportage_helpers import elk_blad_is_zijn_tabel, pdf_tekst
from toolkit.getallen import nl_getal

REFERENTIE = json.loads((Path(__file__).parent / "eindrapportage_2012.json").read_text(encoding="utf-8"))
PEILDATUM = datetime.date(2012, 10, 1)
PAGINAS = 22  # the demo eindrapportage's PDF: cover, contents, summary, introduction, chapters, annex
# Chapter 4 also quotes website visitors and social-media followers: numbers the product does not
# hold (it has no website statistics), so the report cannot and does not reproduce them.
JAAR = re.compile(r"\b(?:19|20)\d{2}\b")  # a year is no statement of a number
NIET_IN_DE_GEGEVENS = {
    "website_unieke_bezoekers_per_maand",
    "website_lancering",
    "linkedin_leden_eind",
    "twitter_volgers_eind",
    "social_media_start",
}


@pytest.fixture
def eindrapport(db):
    """The demo programme and its eindrapportage as of 2012-10-01 (one build, checked four ways)."""
    from gemeenten.services import referentiedata_laden

    referentiedata_laden()
    vragenlijsten_laden()
    demo_accounts_maken()
    assert demo_data_bouwen() is not None
    rapport = inhoud.eindrapportage(PEILDATUM, Afbakening())
    return rapport, weergave.bestanden(rapport)


def _vergelijk(referentie: dict, berekend: dict, pad: str = "") -> list[str]:
    verschillen = []
    for sleutel, verwacht in referentie.items():
        if sleutel in ("bron", "peildatum") or sleutel in NIET_IN_DE_GEGEVENS:
            continue
        waar = f"{pad}{sleutel}"
        if sleutel not in berekend:
            verschillen.append(f"{waar} ontbreekt")
        elif isinstance(verwacht, dict):
            verschillen += _vergelijk(verwacht, berekend[sleutel], waar + ".")
        elif berekend[sleutel] != verwacht:
            verschillen.append(f"{waar}: verwacht {verwacht!r}, berekend {berekend[sleutel]!r}")
    return verschillen


def _every_published_number_is_reproduced(eindrapport):
    rapport, _ = eindrapport
    assert _vergelijk(REFERENTIE, rapport.cijfers) == []


def _every_finding_states_the_numbers_of_the_json(eindrapport):
    rapport, bestanden = eindrapport
    assert len(rapport.cijfers["bevindingen"]) >= 10
    assert onherleidbare_getallen(rapport.cijfers) == []
    tekst = " ".join(pdf_tekst(bestanden["pdf"]))
    assert "Op 1 oktober 2012 deden 386 van de 415 gemeenten mee (93%)" in tekst


def _the_pdf_is_a_document(eindrapport):
    """A cover with the title, peildatum, reading and date made; contents with page numbers."""
    _, bestanden = eindrapport
    omslag, inhoud, *_ = pdf_tekst(bestanden["pdf"])
    assert "Peildatum 1 oktober 2012" in omslag and "Zoals bekend op 1 oktober 2012" in omslag
    assert "Gemaakt op" in omslag and "pagina" not in omslag
    assert re.search(r"1 Inleiding \.+ 4", inhoud) and f"pagina 2 van {PAGINAS}" in inhoud


def _whole_numbers_stay_whole_numbers(eindrapport):
    rapport, _ = eindrapport
    for tabel in (
        "tabel_2_1_vrijwilligerswerk_goed_voor_elkaar_procent",
        "tabel_2_3_thema_vrijwilligerswerk_aangekruist",
    ):
        assert all(isinstance(v, int) for v in rapport.cijfers[tabel].values())


def _pdf_holds_every_title_on_its_pages(eindrapport):
    """The PDF's own text (pdftotext), not the HTML it came from: every table, figure and map title,
    and the demo's pages."""
    rapport, bestanden = eindrapport
    paginas = pdf_tekst(bestanden["pdf"])
    assert len(paginas) == PAGINAS
    tekst = " ".join(paginas)
    titels = [f"{o.soort} {o.nummer} {o.titel}" for sectie in rapport.secties for o in sectie.onderdelen]
    assert len(titels) >= 10
    # Each title twice: in the table of contents and at its table or figure.
    assert [titel for titel in titels if tekst.count(titel) < 2] == []
    assert all(sectie.titel in tekst for sectie in rapport.secties)


def _xlsx_sheets_hold_the_same_numbers_as_the_json(eindrapport):
    rapport, bestanden = eindrapport
    werkboek = load_workbook(io.BytesIO(bestanden["xlsx"]), read_only=True)
    tabel_23 = {
        rij[0]: rij[1]
        for rij in werkboek["Tabel 2.3"].iter_rows(min_row=2, values_only=True)
        if isinstance(rij[1], int)
    }
    assert tabel_23 == rapport.cijfers["tabel_2_3_thema_vrijwilligerswerk_aangekruist"]
    tabel_21 = {
        rij[0]: rij[2]
        for rij in werkboek["Tabel 2.1"].iter_rows(min_row=2, values_only=True)
        if isinstance(rij[2], int)
    }
    assert tabel_21 == rapport.cijfers["tabel_2_1_vrijwilligerswerk_goed_voor_elkaar_procent"]
    assert json.loads(bestanden["json"]) == json.loads(json.dumps(rapport.cijfers, default=str))
    elk_blad_is_zijn_tabel(rapport, bestanden["xlsx"])


def _maps_show_the_published_participation(eindrapport):
    rapport, bestanden = eindrapport
    kaarten = {
        o.nummer: o.kaart
        for sectie in rapport.secties
        for o in sectie.onderdelen
        if getattr(o, "kaart", None)
    }
    deelname = REFERENTIE["deelname"]
    for nummer, gemeenten, deelnemers in [
        ("1", deelname["gemeenten_2009"], deelname["nulmeting_2009_deelnemers"]),  # 379 of 441
        ("2", deelname["gemeenten_per_2012_01_01"], deelname["nulmeting_totaal_deelnemers"]),  # 386 of 415
    ]:
        assert dict(kaarten[nummer].legenda) == {"Nee": gemeenten - deelnemers, "Ja": deelnemers}
        assert len(kaarten[nummer].rijen) == gemeenten
    assert len(kaarten["3"].rijen) == deelname["gemeenten_per_2012_01_01"]
    assert "Kaart 3 Adviesgesprekken per gemeente" in bestanden["html"].decode()


def _themes_spread_over_the_months():
    """No theme has more than a quarter of its ticks up to the peildatum in one month."""
    vinkjes = list(
        Adviesgesprek.themas.through.objects.filter(adviesgesprek__datum__lte=PEILDATUM).values_list(
            "thema__domein", "thema__naam", "adviesgesprek__datum"
        )
    )
    totaal = Counter((domein, naam) for domein, naam, _ in vinkjes)
    per_maand = Counter((domein, naam, datum.year, datum.month) for domein, naam, datum in vinkjes)
    assert sum(totaal.values()) == sum(
        REFERENTIE["tabel_2_3_thema_vrijwilligerswerk_aangekruist"].values()
    ) + sum(REFERENTIE["tabel_2_4_thema_mantelzorg_aangekruist"].values())
    te_vol = [
        (domein, naam, jaar, maand, aantal, totaal[domein, naam])
        for (domein, naam, jaar, maand), aantal in per_maand.items()
        if aantal > totaal[domein, naam] / 4
    ]
    assert te_vol == []


def _sessions_per_municipality_vary():
    """Every class of the dashboard map holds municipalities: many with one to three sessions,
    some with more than ten; on average about seven, as the evaluation says."""
    per_gemeente = Counter(
        Adviesgesprek.gemeenten.through.objects.filter(adviesgesprek__datum__lte=PEILDATUM).values_list(
            "gemeente_id", flat=True
        )
    )
    assert sum(1 for n in per_gemeente.values() if n <= 3) >= 30
    assert sum(1 for n in per_gemeente.values() if n > 10) >= 10
    assert 6 <= sum(per_gemeente.values()) / len(per_gemeente) <= 8


def _sessions_fall_on_working_days():
    data = Adviesgesprek.objects.filter(datum__lte=PEILDATUM).values_list("datum", flat=True)
    assert {d.weekday() for d in data} <= {0, 1, 2, 3, 4}


def _the_follow_up_is_in_the_demo(eindrapport):
    """Issue 19's steps and issue 18's chapter 2.3 have data: requests, plans, regional meetings
    twice a year in every province in 2010 and 2011, and the eenmeting 2012."""
    rapport, _ = eindrapport
    assert Adviesaanvraag.objects.exists()
    assert Beleidsstap.objects.values("gemeente").distinct().count() >= 20
    regionaal = Bijeenkomst.objects.filter(soort="regionaal")
    for provincie in Provincie.objects.all():
        for jaar in (2010, 2011):
            for maanden in ((1, 6), (7, 12)):
                assert regionaal.filter(
                    provincies=provincie, datum__year=jaar, datum__month__range=maanden
                ).exists(), (provincie.naam, jaar, maanden)
    [voor_en_na] = [sectie for sectie in rapport.secties if sectie.anker == "voor-en-na"]
    assert [o.nummer for o in voor_en_na.onderdelen] == ["2.5", "2.3", "2.6", "2.4"]
    assert rapport.cijfers["voor_en_na"]["gemeenten"] >= 100


def _waarden(cijfers) -> set[str]:
    """Every number of the report's JSON, as a sentence would write it."""
    if isinstance(cijfers, dict):
        return set().union(*(_waarden(v) for v in cijfers.values())) if cijfers else set()
    if isinstance(cijfers, list):
        return set().union(*(_waarden(v) for v in cijfers)) if cijfers else set()
    if isinstance(cijfers, int | float) and not isinstance(cijfers, bool):
        return {nl_getal(cijfers)}
    return set()


def _every_sentence_states_numbers_of_the_json(eindrapport):
    """Not only the findings: every paragraph of every chapter states only numbers the report's
    JSON holds (dates, years and references to a table or figure aside)."""
    rapport, _ = eindrapport
    bekend = _waarden(rapport.cijfers)
    vreemd = [
        (sectie.anker, getal, alinea[:80])
        for sectie in rapport.secties
        for alinea in sectie.alineas
        for getal in getallen_in(JAAR.sub("", DATUM.sub("", alinea)))
        if getal not in bekend
    ]
    assert vreemd == [], "\n".join(map(str, vreemd))


def test_demo_programme_reproduces_the_evaluation(eindrapport):
    """Built once (about 20 s): every published number, whole numbers, the PDF, the XLSX, the maps."""
    _every_published_number_is_reproduced(eindrapport)
    _whole_numbers_stay_whole_numbers(eindrapport)
    _every_finding_states_the_numbers_of_the_json(eindrapport)
    _the_pdf_is_a_document(eindrapport)
    _pdf_holds_every_title_on_its_pages(eindrapport)
    _xlsx_sheets_hold_the_same_numbers_as_the_json(eindrapport)
    _maps_show_the_published_participation(eindrapport)
    _themes_spread_over_the_months()
    _sessions_per_municipality_vary()
    _sessions_fall_on_working_days()
    _the_follow_up_is_in_the_demo(eindrapport)
    _every_sentence_states_numbers_of_the_json(eindrapport)
