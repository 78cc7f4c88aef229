"""The maand- and kwartaalrapportage's numbers on a small hand-made programme, against an
independent count over the programme's own list (never the selectors): two provinces and their
CMOs, Bolsward merging into Súdwest-Fryslân, sessions logged late, a deleted session. Every sheet
of the XLSX holds exactly its table."""

import datetime
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import pytest
import time_machine

from advies.models import Thema
from advies.services import adviesgesprek_log, adviesgesprek_verwijderen, adviseur_toevoegen
from gemeenten.models import Gemeente, Organisatie
from rapportage import weergave
from rapportage.bouwen import inhoud_voor
from rapportage.selectors import Afbakening
from tests.rapportage.rapportage_helpers import elk_blad_is_zijn_tabel, indienen, moment, pdf_tekst

D = datetime.date
PROVINCIE = {"GM0064": "Friesland", "GM0080": "Friesland", "GM0091": "Friesland", "GM1900": "Friesland",
             "GM0344": "Utrecht", "GM0307": "Utrecht"}  # fmt: skip
CMO = {"Friesland": "Partoer", "Utrecht": "Alleato"}
THEMA = {"VW-VERTALEN": "Vertalen", "MZ-RESPIJT": "Respijtzorg", "MZ-VISIE": "Visie en beleid"}


@dataclass(frozen=True)
class Gesprek:
    datum: datetime.date
    gelogd: datetime.date
    codes: tuple[str, ...]
    onderwerp: str
    themas: tuple[str, ...]
    uren: Decimal
    verwijderd: bool = False

    @property
    def cmo(self) -> str:
        return CMO[PROVINCIE[self.codes[0]]]


GESPREKKEN = [
    Gesprek(D(2010, 5, 10), D(2010, 5, 11), ("GM0064",), "vrijwilligerswerk", ("VW-VERTALEN",), Decimal("1")),
    Gesprek(D(2010, 11, 3), D(2010, 11, 3), ("GM0091", "GM0064"), "beide", ("VW-VERTALEN", "MZ-RESPIJT"), Decimal("2")),
    Gesprek(D(2010, 12, 20), D(2011, 1, 5), ("GM0344",), "mantelzorg", ("MZ-RESPIJT",), Decimal("1.5")),  # late
    Gesprek(D(2011, 1, 14), D(2011, 1, 14), ("GM0307",), "mantelzorg", ("MZ-VISIE",), Decimal("1")),
    Gesprek(D(2011, 2, 14), D(2011, 2, 15), ("GM1900",), "vrijwilligerswerk", ("VW-VERTALEN",), Decimal("2")),
    Gesprek(D(2011, 2, 25), D(2011, 3, 2), ("GM0080",), "mantelzorg", ("MZ-RESPIJT",), Decimal("1")),  # late
    Gesprek(D(2010, 12, 31), D(2010, 12, 31), ("GM0080",), "vrijwilligerswerk", ("VW-VERTALEN",), Decimal("1")),  # edge
    Gesprek(D(2011, 2, 28), D(2011, 2, 28), ("GM0307",), "vrijwilligerswerk", ("VW-VERTALEN",), Decimal("1")),  # edge
    Gesprek(D(2011, 3, 1), D(2011, 3, 4), ("GM1900", "GM0080"), "beide", ("VW-VERTALEN", "MZ-VISIE"), Decimal("3")),
    Gesprek(D(2011, 3, 10), D(2011, 3, 10), ("GM0344",), "mantelzorg", ("MZ-RESPIJT",), Decimal("2"), verwijderd=True),
    Gesprek(D(2011, 3, 15), D(2011, 3, 15), ("GM0344", "GM0307"), "mantelzorg", ("MZ-RESPIJT", "MZ-VISIE"), Decimal("1.5")),
    Gesprek(D(2011, 3, 28), D(2011, 4, 2), ("GM0080",), "vrijwilligerswerk", ("VW-VERTALEN",), Decimal("1")),  # late
    Gesprek(D(2011, 4, 5), D(2011, 4, 5), ("GM0344",), "beide", ("MZ-RESPIJT",), Decimal("1")),  # after
]  # fmt: skip
# Amersfoort submits on 1 March: a month before that ran a day too long would count it twice.
METINGEN = [("GM0064", D(2010, 11, 15)), ("GM0344", D(2011, 2, 1)), ("GM0080", D(2011, 3, 10)),
            ("GM0307", D(2011, 3, 1))]  # fmt: skip

MAART, FEBRUARI = (D(2011, 3, 1), D(2011, 3, 31)), (D(2011, 2, 1), D(2011, 2, 28))
KWARTAAL_1, KWARTAAL_4 = (D(2011, 1, 1), D(2011, 3, 31)), (D(2010, 10, 1), D(2010, 12, 31))


@pytest.fixture
def programma(referentiedata, nulmeting, coordinator):
    """The programme above, stored through the services."""
    adviseurs = {
        naam: adviseur_toevoegen(naam=f"Adviseur {naam}", email=f"{naam.lower()}@example.nl",
                                 organisatie=Organisatie.objects.get(naam=naam), actief_van=D(2009, 1, 1), door=None,
                                 vastgelegd_op=moment(2009, 1, 1))
        for naam in CMO.values()
    }  # fmt: skip
    for g in GESPREKKEN:
        gesprek = adviesgesprek_log(
            adviseur=adviseurs[g.cmo].user,
            datum=g.datum,
            gemeenten=Gemeente.objects.filter(cbs_code__in=g.codes),
            onderwerp=g.onderwerp,
            themas=Thema.objects.filter(code__in=g.themas),
            uren=g.uren,
            verslag="Gesprek.",
            gerapporteerd_op=moment(g.gelogd.year, g.gelogd.month, g.gelogd.day),
            geimporteerd=True,
        )
        if g.verwijderd:
            with time_machine.travel(moment(*verwijderd_op(g).timetuple()[:3]), tick=False):
                adviesgesprek_verwijderen(gesprek=gesprek, door=coordinator)
    indienen(nulmeting, [(code, datum, {}) for code, datum in METINGEN])


# The independent count: plain Python over the lists above.
def verwijderd_op(g: Gesprek) -> datetime.date:
    """A deleted session was deleted the day after it was logged."""
    return g.gelogd + datetime.timedelta(days=1)


def gehouden(van, tot, peildatum) -> list[Gesprek]:
    """Held from ``van`` to ``tot``, logged by the peildatum, not deleted by then."""
    return [
        g
        for g in GESPREKKEN
        if van <= g.datum <= tot
        and g.gelogd <= peildatum
        and not (g.verwijderd and verwijderd_op(g) <= peildatum)
    ]


def tellingen(van, tot, peildatum=None) -> dict:
    gesprekken = gehouden(van, tot, peildatum or tot)
    return {
        "nieuwe_nulmetingen": sum(van <= datum <= tot for _, datum in METINGEN),
        "gesprekken": len(gesprekken),
        "uren": float(sum(g.uren for g in gesprekken)),
        "gemeenten_met_advies": len({code for g in gesprekken for code in g.codes}),
    }


def verwacht_overzicht(periode, vorige) -> dict:
    # The period before is counted as it stood at its own end (what was logged by then).
    return {
        "deze_periode": tellingen(*periode),
        "vorige_periode": tellingen(*vorige),
        "cumulatief": tellingen(D(2000, 1, 1), periode[1]),
    }


def kwartaal(datum) -> str:
    return f"{datum.year} K{(datum.month - 1) // 3 + 1}"


def verwachte_trend(tot) -> dict:
    gesprekken = gehouden(D(2000, 1, 1), tot, tot)
    per_kwartaal = Counter(kwartaal(g.datum) for g in gesprekken)
    metingen = Counter(kwartaal(datum) for _, datum in METINGEN if datum <= tot)
    kwartalen, maand = set(metingen), min(g.datum for g in gesprekken)
    while maand <= tot:  # every quarter from the first session on, empty ones too
        kwartalen.add(kwartaal(maand))
        maand = D(maand.year + (maand.month + 3 > 12), (maand.month + 2) % 12 + 1, 1)
    return {k: {"gesprekken": per_kwartaal[k], "nieuwe_nulmetingen": metingen[k]} for k in sorted(kwartalen)}


def tabel(inhoud, nummer):
    return next(t for t in inhoud.tabellen if t.soort == "Tabel" and t.nummer == nummer)


def zonder_nullen(telling: dict) -> dict:
    return {k: v for k, v in telling.items() if v}


def test_the_month_against_the_month_before_and_cumulative(programma):
    inhoud = inhoud_voor("maand", MAART[0], MAART[1], Afbakening())
    cijfers, verwacht = inhoud.cijfers, verwacht_overzicht(MAART, FEBRUARI)
    for sleutel, waarde in verwacht.items():
        assert cijfers[sleutel] == waarde, sleutel
    assert cijfers["deze_periode"]["gesprekken"] == 2  # 1 and 15 March; not the deleted or the late one
    rijen = {rij[0]: rij[1:] for rij in tabel(inhoud, "1").rijen}
    for naam, sleutel in [("Adviesgesprekken", "gesprekken"), ("Uren advies", "uren"),
                          ("Ingediende nulmetingen", "nieuwe_nulmetingen")]:  # fmt: skip
        deze, vorige = verwacht["deze_periode"][sleutel], verwacht["vorige_periode"][sleutel]
        assert rijen[naam] == [deze, vorige, deze - vorige, verwacht["cumulatief"][sleutel]]
    assert rijen["Actieve adviseurs (einde periode)"] == [2, 2, 0, None]
    _inhoud_en_spreiding_kloppen(inhoud, gehouden(*MAART, MAART[1]))


def test_the_quarter_and_its_trend_over_the_quarters_before(programma):
    inhoud = inhoud_voor("kwartaal", KWARTAAL_1[0], KWARTAAL_1[1], Afbakening())
    cijfers = inhoud.cijfers
    for sleutel, waarde in verwacht_overzicht(KWARTAAL_1, KWARTAAL_4).items():
        assert cijfers[sleutel] == waarde, sleutel
    trend = verwachte_trend(KWARTAAL_1[1])
    assert cijfers["trend"] == trend
    assert list(trend) == ["2010 K2", "2010 K3", "2010 K4", "2011 K1"]
    assert tabel(inhoud, "6").rijen == [
        [k, v["gesprekken"], v["nieuwe_nulmetingen"]] for k, v in trend.items()
    ]
    _inhoud_en_spreiding_kloppen(inhoud, gehouden(*KWARTAAL_1, KWARTAAL_1[1]))


def _inhoud_en_spreiding_kloppen(inhoud, gesprekken: list[Gesprek]) -> None:
    cijfers = inhoud.cijfers
    themas = Counter(THEMA[code] for g in gesprekken for code in g.themas)
    assert zonder_nullen(cijfers["themas"]) == themas
    assert zonder_nullen(cijfers["onderwerp"]) == Counter(g.onderwerp for g in gesprekken)
    per_provincie = sorted(
        [provincie, sum(provincie in {PROVINCIE[c] for c in g.codes} for g in gesprekken),
         len({c for g in gesprekken for c in g.codes if PROVINCIE[c] == provincie})]
        for provincie in {PROVINCIE[c] for g in gesprekken for c in g.codes}
    )  # fmt: skip
    assert tabel(inhoud, "4").rijen == per_provincie
    per_cmo = sorted(
        [cmo, sum(g.cmo == cmo for g in gesprekken), float(sum(g.uren for g in gesprekken if g.cmo == cmo))]
        for cmo in {g.cmo for g in gesprekken}
    )
    assert tabel(inhoud, "5").rijen == per_cmo


def test_every_sheet_of_the_quarterly_xlsx_is_its_table(programma):
    inhoud = inhoud_voor("kwartaal", KWARTAAL_1[0], KWARTAAL_1[1], Afbakening())
    assert {t.blad for t in inhoud.tabellen} >= {f"Tabel {n}" for n in "123456"} | {"Kaart 1"}
    elk_blad_is_zijn_tabel(inhoud, weergave.bestanden(inhoud, formaten=("xlsx",))["xlsx"])
    assert tabel(inhoud, "1").rijen[1][1] == inhoud.cijfers["deze_periode"]["gesprekken"]


@pytest.mark.parametrize(("soort", "periode"), [("maand", MAART), ("kwartaal", KWARTAAL_1)])
def test_cumulative_figures_add_up_to_the_eindrapportage_of_the_same_date(
    programma, nulmeting, soort, periode
):
    """Both count nulmetingen as submitted metingen and participation on the same borders."""
    indienen(nulmeting, [("GM1900", D(2011, 1, 20), {})])  # Súdwest-Fryslân, after Bolsward merged into it
    van, tot = periode
    deze = inhoud_voor(soort, van, tot, Afbakening())
    eind = inhoud_voor("eind", tot, tot, Afbakening())
    basisfuncties = next(t for t in eind.tabellen if t.nummer == "2.1")
    assert f"(N = {deze.cijfers['cumulatief']['nieuwe_nulmetingen']})" in basisfuncties.basis
    assert (
        deze.cijfers["cumulatief"]["gesprekken"]
        == eind.cijfers["hoofdstuk_4_kengetallen"]["adviesgesprekken_totaal"]
    )
    assert deze.cijfers["deelname"]["deelnemers"] == eind.cijfers["deelname"]["nulmeting_totaal_deelnemers"]
    # Bolsward's and Súdwest-Fryslân's own metingen come to one participant: the text says why.
    alineas = " ".join(a for sectie in deze.secties for a in sectie.alineas)
    assert deze.cijfers["deelname"]["deelnemers"] < deze.cijfers["cumulatief"]["nieuwe_nulmetingen"]
    assert "sindsdien zijn samengevoegd" in alineas
    assert "deelnemende gemeenten in de indeling van" in basisfuncties.basis


@pytest.mark.parametrize(("soort", "periode"), [("maand", MAART), ("kwartaal", KWARTAAL_1)])
def test_the_files_of_a_periodic_report_hold_its_numbers_and_titles(programma, soort, periode):
    """The XLSX holds every table as a sheet, the JSON file is the report's numbers, and the PDF's
    own text (pdftotext) holds every table and figure title and 'pagina x van y' on every page but
    none that is missing."""
    inhoud = inhoud_voor(soort, periode[0], periode[1], Afbakening())
    bestanden = weergave.bestanden(inhoud)
    elk_blad_is_zijn_tabel(inhoud, bestanden["xlsx"])
    assert json.loads(bestanden["json"]) == json.loads(json.dumps(inhoud.cijfers, default=str))
    paginas = pdf_tekst(bestanden["pdf"])
    assert [f"pagina {i} van {len(paginas)}" in p for i, p in enumerate(paginas, start=1)] == [True] * len(
        paginas
    )
    tekst = " ".join(paginas)
    titels = [f"{o.soort} {o.nummer} {o.titel}" for sectie in inhoud.secties for o in sectie.onderdelen]
    assert len(titels) >= 6 and [t for t in titels if t not in tekst] == []
    assert all(sectie.titel in tekst for sectie in inhoud.secties)
