"""The maps in the reports: eindrapportage maps 1–3 on the 2009 and 2012 borders with their
tables, the kwartaalrapportage's province map, a scope zooms, the JSON stays as it was."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from advies.models import Thema
from advies.services import adviesgesprek_log
from gemeenten.models import Gemeente, Provincie
from rapportage import inhoud, weergave
from rapportage import selectors as s
from rapportage.bouwen import inhoud_voor
from rapportage.bouwstenen import Figuur
from tests.accounts.factories import AdviseurFactory
from tests.kaart_helpers import titels
from tests.rapportage.rapportage_helpers import indienen, moment

PEIL = datetime.date(2012, 10, 1)
CIJFERS = {"peildatum", "afbakening", "lezing", "bevindingen", "deelname", "tabel_2_1_vrijwilligerswerk_goed_voor_elkaar_procent",
           "tabel_2_2_mantelzorg_goed_voor_elkaar_procent", "adviseurspool", "figuur_2_1_adviesgesprekken_cumulatief",
           "figuur_2_2_onderwerp_procent", "tabel_2_3_thema_vrijwilligerswerk_aangekruist",
           "tabel_2_4_thema_mantelzorg_aangekruist", "voor_en_na", "hoofdstuk_4_kengetallen", "bereik"}  # fmt: skip


pytestmark = pytest.mark.usefixtures("lege_cache")


@pytest.fixture
def programma(referentiedata, nulmeting):
    """Bolsward and Leeuwarden submitted in 2009, Utrecht in 2012; sessions with Sneek (2010),
    Súdwest-Fryslân and Leeuwarden (2012), and one logged after the peildatum."""
    indienen(nulmeting, [("GM0064", datetime.date(2009, 10, 1), {}), ("GM0080", datetime.date(2009, 11, 1), {}),
                         ("GM0344", datetime.date(2012, 2, 1), {})])  # fmt: skip
    adviseur = AdviseurFactory(email="a@partoer.example.nl", organisatie_id=Provincie.objects.get(
        naam="Friesland").organisaties.get().pk)  # fmt: skip
    for datum, codes, gelogd in [
        (datetime.date(2010, 6, 1), ["GM0091"], moment(2010, 6, 2)),
        (datetime.date(2012, 3, 1), ["GM1900", "GM0080"], moment(2012, 3, 2)),
        (datetime.date(2012, 9, 30), ["GM0080"], moment(2012, 10, 5)),
    ]:
        adviesgesprek_log(adviseur=adviseur, datum=datum, gemeenten=Gemeente.objects.filter(cbs_code__in=codes),
                          onderwerp="mantelzorg", themas=Thema.objects.filter(code="MZ-RESPIJT"), uren=Decimal("1"),
                          verslag="v", gerapporteerd_op=gelogd)  # fmt: skip


def kaarten_van(rapport) -> list[Figuur]:
    return [o for sectie in rapport.secties for o in sectie.onderdelen if getattr(o, "soort", "") == "Kaart"]


def waarden(figuur) -> dict[str, str]:
    return {r.code: r.waarde for r in figuur.kaart.rijen}


def test_the_eindrapportage_has_three_maps_on_the_right_borders(programma):
    rapport = inhoud.eindrapportage(PEIL, s.Afbakening())
    start, nu, gesprekken = kaarten_van(rapport)
    assert [k.nummer for k in (start, nu, gesprekken)] == ["1", "2", "3"]
    assert (start.kaart.jaar, len(start.kaart.rijen)) == (2009, 441)
    assert {c for c, w in waarden(start).items() if w == "Ja"} == {"GM0064", "GM0080"}
    assert (nu.kaart.jaar, len(nu.kaart.rijen)) == (2012, 415)
    # Bolsward lives on in Súdwest-Fryslân: it takes part on the 2012 borders.
    assert {c for c, w in waarden(nu).items() if w == "Ja"} == {"GM1900", "GM0080", "GM0344"}
    assert rapport.cijfers["deelname"]["nulmeting_totaal_deelnemers"] == 3
    assert rapport.cijfers["deelname"]["nulmeting_2009_deelnemers"] == 2
    # Sneek's session counts in Súdwest-Fryslân; the session logged after the peildatum does not count.
    assert (waarden(gesprekken)["GM1900"], waarden(gesprekken)["GM0080"]) == ("2", "1")
    for figuur in (start, nu, gesprekken):
        tooltip = titels(figuur.svg)
        assert {
            r.code: f"{r.naam}\n{figuur.kaart.eenheid}: {r.waarde}" for r in figuur.kaart.rijen
        } == tooltip
        assert "<a " not in figuur.svg  # a report file links nowhere
    assert set(rapport.cijfers) == CIJFERS


def test_the_maps_are_in_the_html_pdf_and_xlsx(programma):
    rapport = inhoud.eindrapportage(PEIL, s.Afbakening())
    bestanden = weergave.bestanden(rapport)
    html = bestanden["html"].decode()
    for nummer in ("1", "2", "3"):
        assert f'<figure id="kaart-{nummer}" class="kaart">' in html
        assert f'href="#kaart-{nummer}">Kaart {nummer} ' in html  # table of contents
    assert html.count('<details class="kaart-tabel kaart-tabel-gemeente">') == 3
    assert '<a href="#tabel-21">Tabel 2.1 ' in html and '<a href="#figuur-21">Figuur 2.1 ' in html
    assert bestanden["pdf"].startswith(b"%PDF")
    werkboek = load_workbook(io.BytesIO(bestanden["xlsx"]), read_only=True)
    assert {"Kaart 1", "Kaart 2", "Kaart 3", "Tabel 2.1"} <= set(werkboek.sheetnames)
    kaart_2 = [
        r for r in werkboek["Kaart 2"].iter_rows(min_row=2, values_only=True) if r and r[2] in ("Ja", "Nee")
    ]
    assert len(kaart_2) == 415 and sum(r[2] == "Ja" for r in kaart_2) == 3
    kaart_3 = {r[0]: r[2] for r in werkboek["Kaart 3"].iter_rows(min_row=2, values_only=True) if r and r[1]}
    assert kaart_3["Súdwest-Fryslân"] == 2


def test_a_report_for_one_province_zooms_to_it(programma):
    friesland = s.Afbakening.maak(provincie=Provincie.objects.get(naam="Friesland"))
    figuren = kaarten_van(inhoud.eindrapportage(PEIL, friesland))
    assert len(figuren) == 3
    for figuur in figuren:
        assert {r.provincie for r in figuur.kaart.rijen} == {"Friesland"}
        assert not any(code.startswith("GM0344") for code in titels(figuur.svg))


def test_the_kwartaalrapportage_maps_sessions_per_province(programma):
    rapport = inhoud_voor("kwartaal", datetime.date(2012, 1, 1), datetime.date(2012, 3, 31), s.Afbakening())
    (kaart,) = kaarten_van(rapport)
    assert kaart.kaart.niveau == "provincie" and len(kaart.kaart.rijen) == 12
    tabel_4 = next(
        o for sectie in rapport.secties for o in sectie.onderdelen if getattr(o, "nummer", "") == "4"
    )
    assert {r[0]: str(r[1]) for r in tabel_4.rijen} == {"Friesland": "1"}
    assert waarden(kaart) == {**{r.code: "0" for r in kaart.kaart.rijen}, "PV21": "1"}
    assert re.search(r"Friesland\nAdviesgesprekken: 1", "\n".join(titels(kaart.svg).values()))
    maand = inhoud_voor("maand", datetime.date(2012, 3, 1), datetime.date(2012, 3, 31), s.Afbakening())
    assert kaarten_van(maand) == []
