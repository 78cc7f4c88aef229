"""A report part computes its numbers once: its sentences, its tables (HTML and XLSX) and its
JSON keys all show those same numbers, and a section reads its parts in order."""

import datetime
import io
import json

from openpyxl import load_workbook

from rapportage import eind, inhoud, periode, weergave
from rapportage.bouwstenen import Deel, RapportInhoud, Sectie, Stand, Tabel
from rapportage.selectors import Afbakening

PEIL = datetime.date(2012, 10, 1)
STAND = Stand(PEIL, Afbakening(), "heel Nederland")


def rapport_van(*delen) -> RapportInhoud:
    return RapportInhoud(
        "Rapport", "Ondertitel", PEIL, [Sectie.uit("Sectie", "sectie", *delen)], {}, leeg=False
    )


def blad(rapport: RapportInhoud, naam: str) -> list[tuple]:
    werkboek = load_workbook(io.BytesIO(weergave.xlsx(rapport)), read_only=True)
    return [
        rij for rij in werkboek[naam].iter_rows(min_row=2, values_only=True) if rij and rij[1] is not None
    ]


def json_van(rapport: RapportInhoud) -> dict:
    return json.loads(weergave.json_bytes(rapport))


def test_the_basisfuncties_give_the_same_percentages_to_table_xlsx_and_json():
    deel = eind.Basisfuncties(
        STAND,
        {
            "vrijwilligerswerk": [("Verbreiden", 30, 68), ("Verankeren", 4, 10)],
            "mantelzorg": [("Informatie", 22, 50)],
        },
        metingen=44,
        deelnemers=41,
    )
    rapport = rapport_van(deel)
    tabel_21 = rapport.tabellen[0]
    cijfers = json_van(rapport)["tabel_2_1_vrijwilligerswerk_goed_voor_elkaar_procent"]
    assert (
        cijfers
        == {rij[0]: rij[2] for rij in tabel_21.rijen}
        == {r[0]: r[2] for r in blad(rapport, "Tabel 2.1")}
    )
    assert cijfers == {"Verbreiden": 68, "Verankeren": 10}
    assert tabel_21.weergave()[0] == ["Verbreiden", "30", "68%"]
    assert tabel_21.basis == (
        "Basis: ingediende nulmetingen, elk van een gemeente zoals die bestond toen zij indiende (N = 44); "
        "stand per 1 oktober 2012. Herindelingen meegerekend komen die neer op 41 deelnemende gemeenten in de "
        "indeling van 1 oktober 2012; het percentage is dat van de nulmetingen, zoals de evaluatie het telde."
    )
    assert json_van(rapport)["tabel_2_2_mantelzorg_goed_voor_elkaar_procent"] == {"Informatie": 50}


def test_the_key_figures_say_in_words_what_table_4_1_and_the_json_hold():
    pool = eind.Adviseurspool(STAND, 2009, 47, 14, 47, 33, {}, gesprekken=1359)
    bereik = {
        "gesprekken": 1359,
        "uren": 3692.0,
        "gemeenten_met_advies": 206,
        "gesprekken_per_gemeente": 7.26,
    }
    deel = eind.Kerncijfers.bereken(STAND, {"deelnemers": 386, "procent": 93}, bereik, pool, 197)
    rapport = rapport_van(pool, deel)
    waarden = {rij[0]: rij[1] for rij in blad(rapport, "Tabel 4.1")}
    kengetallen = json_van(rapport)["hoofdstuk_4_kengetallen"]
    assert waarden["Adviesgesprekken vastgelegd"] == kengetallen["adviesgesprekken_totaal"] == 1359
    assert waarden["Aandeel van de deelnemende gemeenten met advies (%)"] == 53
    assert kengetallen["gemeenten_met_advies_procent_van_deelnemers"] == 53
    # beside it the share in one unit: participants with a session, both on the peildatum's borders
    assert waarden["Deelnemende gemeenten met ten minste één adviesgesprek"] == 197
    assert waarden["Idem, als aandeel van de deelnemende gemeenten (%)"] == 51
    assert (kengetallen["deelnemers_met_advies"], kengetallen["deelnemers_met_advies_procent"]) == (197, 51)
    assert waarden["Uren advies"] == kengetallen["uren"] == 3692
    assert (
        waarden["Gesprekken per geadviseerde gemeente (gemiddeld)"],
        kengetallen["gesprekken_per_gemeente_gemiddeld"],
    ) == (7.3, 7.26)
    assert rapport.secties[0].alineas[1] == (
        "In totaal hadden 206 gemeenten ten minste één adviesgesprek: 53% van de deelnemende gemeenten, "
        "met gemiddeld 7,3 gesprekken per gemeente."
    )
    assert "Tot en met de peildatum zijn 1.359 adviesgesprekken vastgelegd." in rapport.secties[0].alineas[0]
    assert (
        json_van(rapport)["adviseurspool"]["pool_oktober_2012"]
        == waarden["Actieve adviseurs op 1 oktober 2012"]
    )


def test_a_periods_themes_and_onderwerp_are_the_same_in_tables_and_json():
    deze = periode.Periode("kwartaal", datetime.date(2011, 4, 1), datetime.date(2011, 1, 1), STAND)
    deel = periode.Gespreksinhoud(
        deze,
        [("Vertalen", "vrijwilligerswerk", 19), ("Versterken", "vrijwilligerswerk", 0)],
        [("vrijwilligerswerk", 43, 40), ("mantelzorg", 34, 31), ("beide", 31, 29)],
        gesprekken=108,
    )
    rapport = rapport_van(deel)
    assert json_van(rapport)["themas"] == {"Vertalen": 19, "Versterken": 0}
    assert blad(rapport, "Tabel 2") == [("Vertalen", "vrijwilligerswerk", 19)]  # ticked themes only
    assert {r[0]: r[1] for r in blad(rapport, "Tabel 3")} == {
        "Vrijwilligerswerk": 43,
        "Mantelzorg": 34,
        "Beide": 31,
    }
    assert json_van(rapport)["onderwerp"] == {"vrijwilligerswerk": 43, "mantelzorg": 34, "beide": 31}
    assert (
        rapport.tabellen[0].basis
        == "Basis: adviesgesprekken van dit kwartaal (N = 108); stand per 1 oktober 2012."
    )


class Deel1(Deel):
    def alineas(self):
        return ["Eerste."]

    def onderdelen(self):
        return [Tabel("1", "Een", ["A", "B"], [["x", 1]], "Basis.")]

    def cijfers(self):
        return {"een": 1, "twee": 2}


class Deel2(Deel):
    def cijfers(self):
        return {"drie": 3}


def test_a_section_reads_its_parts_in_order_and_the_json_starts_with_the_reports_own_keys():
    sectie = Sectie.uit("Titel", "anker", Deel1(), Deel2())
    assert (sectie.alineas, [t.nummer for t in sectie.onderdelen]) == (["Eerste."], ["1"])
    rapport = RapportInhoud("R", "O", PEIL, [sectie], {"peildatum": "2012-10-01"}, leeg=False)
    assert list(rapport.cijfers) == ["peildatum", "een", "twee", "drie"]


def test_the_reports_json_keys_keep_their_order(db):
    eindrapport = inhoud.eindrapportage(PEIL, Afbakening())
    assert list(eindrapport.cijfers) == [
        "peildatum",
        "afbakening",
        "lezing",
        "bevindingen",
        "deelname",
        "tabel_2_1_vrijwilligerswerk_goed_voor_elkaar_procent",
        "tabel_2_2_mantelzorg_goed_voor_elkaar_procent",
        "adviseurspool",
        "figuur_2_1_adviesgesprekken_cumulatief",
        "figuur_2_2_onderwerp_procent",
        "tabel_2_3_thema_vrijwilligerswerk_aangekruist",
        "tabel_2_4_thema_mantelzorg_aangekruist",
        "voor_en_na",
        "hoofdstuk_4_kengetallen",
        "bereik",
    ]
    kwartaal = inhoud.periode_rapportage(
        "kwartaal",
        datetime.date(2011, 4, 1),
        datetime.date(2011, 6, 30),
        datetime.date(2011, 1, 1),
        Afbakening(),
    )
    assert list(kwartaal.cijfers) == [
        "soort",
        "periode",
        "afbakening",
        "lezing",
        "deze_periode",
        "vorige_periode",
        "cumulatief",
        "pool_einde_periode",
        "deelname",
        "themas",
        "onderwerp",
        "trend",
        "deelname_per_provincie",
        "gesprekken_per_cmo",
        "laat_vastgelegd",
        "zwak_zonder_gesprek",
        "rondes",
        "bereik",
    ]
    assert [s.anker for s in kwartaal.secties] == [
        "samenvatting",
        "inhoud",
        "spreiding",
        "trend",
        "deelname",
        "adviseurs",
        "opvolging",
        "bereik",
    ]
