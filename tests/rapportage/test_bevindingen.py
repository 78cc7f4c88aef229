"""The eindrapportage's findings in words: every number a sentence states equals the same number in
the report's JSON, and a finding whose numbers are missing is left out rather than guessed."""

import datetime

from rapportage.bevindingen import Bevindingen, Inleiding, waarde_op
from rapportage.bouwstenen import Stand
from rapportage.selectors import Afbakening
from tests.rapportage.bevindingen_helpers import getallen_in, onherleidbare_getallen

PEIL = datetime.date(2012, 10, 1)
STAND = Stand(PEIL, Afbakening(), "heel Nederland")
CIJFERS = {
    "deelname": {
        "gemeenten_2009": 441,
        "nulmeting_2009_deelnemers": 379,
        "nulmeting_2009_procent": 86,
        "nulmeting_2009_periode": ["2009-03-01", "2009-12-31"],
        "gemeenten_per_2012_01_01": 415,
        "nulmeting_totaal_deelnemers": 386,
        "nulmeting_totaal_procent": 93,
    },
    "tabel_2_1_vrijwilligerswerk_goed_voor_elkaar_procent": {
        "Verbreiden": 68,
        "Verankeren": 10,
        "Versterken": 46,
    },
    "tabel_2_2_mantelzorg_goed_voor_elkaar_procent": {"Informatie": 50, "Educatie": None},
    "adviseurspool": {
        "adviseurs_totaal": 47,
        "cmo_organisaties": 14,
        "pool_max_2009": 47,
        "pool_oktober_2012": 33,
    },
    "figuur_2_1_adviesgesprekken_cumulatief": {"2009-12-31": 66, "2010-12-31": 591, "2012-10-01": 1359},
    "figuur_2_2_onderwerp_procent": {"vrijwilligerswerk": 40, "mantelzorg": 30, "beide": 30},
    "tabel_2_3_thema_vrijwilligerswerk_aangekruist": {"Vertalen": 327, "Verbreiden": 22},
    "tabel_2_4_thema_mantelzorg_aangekruist": {"Visie en beleid": 408},
    "hoofdstuk_4_kengetallen": {
        "gemeenten_met_advies": 206,
        "gemeenten_met_advies_procent_van_deelnemers": 53,
        "adviesgesprekken_totaal": 1359,
        "gesprekken_per_gemeente_gemiddeld": 6.97,
        "uren": 3692.5,
    },
}


def _rapport_json(cijfers: dict) -> dict:
    return {**cijfers, **Bevindingen.uit(cijfers, STAND).cijfers()}


def test_every_number_of_every_finding_is_the_number_in_the_json():
    cijfers = _rapport_json(CIJFERS)
    teksten = [b["tekst"] for b in cijfers["bevindingen"]]
    assert "Op 1 oktober 2012 deden 386 van de 415 gemeenten mee (93%)" in " ".join(teksten)
    assert any("1.359 adviesgesprekken" in t for t in teksten)
    assert any("3.692,5 uur" in t for t in teksten)
    assert onherleidbare_getallen(cijfers) == []


def test_the_check_catches_a_number_that_is_not_in_the_json():
    cijfers = _rapport_json(CIJFERS)
    cijfers["bevindingen"][0]["tekst"] += " Daarna kwamen er 12 bij."
    cijfers["deelname"]["gemeenten_2009"] = 440
    assert len(onherleidbare_getallen(cijfers)) == 2


def test_dates_and_references_are_not_read_as_numbers():
    assert getallen_in("Op 31 december 2011 waren het er 1.033 (figuur 2.1), 6,5 per gemeente.") == [
        "1.033",
        "6,5",
    ]


def test_a_domain_without_two_measured_basisfuncties_gets_no_sentence_about_highest_and_lowest():
    teksten = " ".join(b.tekst for b in Bevindingen.uit(CIJFERS, STAND).bevindingen)
    assert "Verbreiden het vaakst 'goed voor elkaar' (in 68%" in teksten
    assert "Van de basisfuncties mantelzorg" not in teksten  # Educatie has no percentage


def test_without_sessions_the_findings_say_so_and_claim_nothing_about_them():
    zonder = {k: v for k, v in CIJFERS.items() if not k.startswith(("figuur", "tabel_2_3", "tabel_2_4"))}
    zonder["hoofdstuk_4_kengetallen"] = {**CIJFERS["hoofdstuk_4_kengetallen"], "adviesgesprekken_totaal": 0}
    teksten = [b.tekst for b in Bevindingen.uit(zonder, STAND).bevindingen]
    assert "Tot en met 1 oktober 2012 is nog geen adviesgesprek vastgelegd." in teksten
    assert not any("uur" in t or "thema" in t for t in teksten)


def test_a_missing_key_leaves_its_finding_out():
    zonder_pool = {k: v for k, v in CIJFERS.items() if k != "adviseurspool"}
    teksten = " ".join(b.tekst for b in Bevindingen.uit(zonder_pool, STAND).bevindingen)
    assert "adviseurspool" not in teksten and "1.359 adviesgesprekken" not in teksten
    assert waarde_op(CIJFERS, ("adviseurspool", "nergens")) is None


def test_the_introduction_names_the_reading_and_the_area():
    tekst = " ".join(Inleiding(STAND).alineas())
    assert "zoals bekend op 1 oktober 2012" in tekst and "heel Nederland" in tekst
    assert "drie stappen" in tekst
