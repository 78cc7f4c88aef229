"""Scoring per basisfunctie, straight from the definition file (no database).

The expected points come from the points the definition lists per answer, and the thresholds and
maxima from the table in docs/scoring.md, which a coordinator uses to check a result by hand.
"""

from decimal import Decimal

import pytest

from nulmeting.scoring import punten_voor, score
from tests.nulmeting.antwoorden import antwoorden_met_punten, combinaties, definitie_2009, keuzes

OPBOUW = definitie_2009()
BASISFUNCTIES = {b.code: b for b in OPBOUW.basisfuncties}
GETALVRAGEN = [v for v in OPBOUW.vragen if v.type == "getal"]

# docs/scoring.md, "Maximum points and drempel per basisfunctie (versie 1)".
TABEL_IN_DOCS = {
    "VW-VERTALEN": (8, 6),
    "VW-VERBINDEN": (10, 7),
    "VW-VERSTERKEN": (10, 7),
    "VW-VERBREIDEN": (8, 6),
    "VW-VERANKEREN": (11, 8),
    "MZ-INFORMATIE": (10, 7),
    "MZ-ADVIES": (8, 6),
    "MZ-EMOTIONEEL": (10, 7),
    "MZ-PRAKTISCH": (8, 6),
    "MZ-EDUCATIE": (8, 6),
    "MZ-RESPIJT": (8, 6),
    "MZ-MATERIEEL": (8, 6),
    "MZ-FINANCIEEL": (8, 6),
}


def uitslag_van(code: str, antwoorden: dict[str, str]):
    [uitslag] = score([BASISFUNCTIES[code]], antwoorden)
    return uitslag


def rond_de_drempel(code: str) -> tuple[dict[str, str], dict[str, str], str]:
    """Answers exactly at the threshold, and the same answers with one question one point lower.

    Where the basisfunctie has a number question, that is the one that changes, so the boundary
    between two bands (schijven) is what decides.
    """
    basisfunctie = BASISFUNCTIES[code]
    getallen = {v.code for v in basisfunctie.vragen if v.type == "getal"}
    opties = {v.code: {p: w for w, p in keuzes(v)} for v in basisfunctie.vragen if v.telt_mee}
    kandidaten = []
    for combinatie in combinaties(basisfunctie):
        if sum(p for _, p in combinatie.values()) != basisfunctie.drempel:
            continue
        for vraag, (_, punten) in combinatie.items():
            if punten - 1 in opties[vraag]:
                kandidaten.append((vraag not in getallen, combinatie, vraag, punten))
    assert kandidaten, f"{code}: geen antwoorden precies op de drempel"
    _, combinatie, vraag, punten = min(kandidaten, key=lambda k: k[0])
    op = {c: w for c, (w, _) in combinatie.items()}
    eronder = {**op, vraag: opties[vraag][punten - 1]}
    return op, eronder, vraag


def test_the_file_holds_the_thirteen_basisfuncties_of_the_programme():
    namen = [b.naam for b in OPBOUW.basisfuncties]
    assert namen == [
        "Vertalen maatschappelijke ontwikkeling",
        "Verbinden en makelen",
        "Versterken",
        "Verbreiden",
        "Verankeren",
        "Informatie",
        "Advies en begeleiding",
        "Emotionele steun",
        "Praktische hulp",
        "Educatie",
        "Respijtzorg",
        "Materiële hulp",
        "Financiële tegemoetkoming",
    ]
    assert all(3 <= sum(v.telt_mee for v in b.vragen) <= 6 for b in OPBOUW.basisfuncties)


@pytest.mark.parametrize("code", list(TABEL_IN_DOCS))
def test_maximum_and_threshold_match_the_table_in_the_docs(code):
    maximum, drempel = TABEL_IN_DOCS[code]
    uitslag = uitslag_van(code, {})
    assert (uitslag.maximum, uitslag.drempel) == (maximum, drempel)


@pytest.mark.parametrize("code", list(BASISFUNCTIES))
def test_exactly_at_the_threshold_is_goed_voor_elkaar(code):
    op, _, _ = rond_de_drempel(code)
    uitslag = uitslag_van(code, op)
    assert uitslag.punten == BASISFUNCTIES[code].drempel
    assert uitslag.goed_voor_elkaar is True


@pytest.mark.parametrize("code", list(BASISFUNCTIES))
def test_one_point_below_the_threshold_is_not_goed_voor_elkaar(code):
    _, eronder, _ = rond_de_drempel(code)
    uitslag = uitslag_van(code, eronder)
    assert uitslag.punten == BASISFUNCTIES[code].drempel - 1
    assert uitslag.goed_voor_elkaar is False


@pytest.mark.parametrize(
    "code", [b.code for b in OPBOUW.basisfuncties if any(v.type == "getal" for v in b.vragen)]
)
def test_the_number_question_decides_at_the_threshold_where_there_is_one(code):
    op, eronder, vraag = rond_de_drempel(code)
    assert vraag in {v.code for v in GETALVRAGEN}
    # the number sits exactly on a band's lower bound; one band lower misses the threshold
    assert op[vraag] != eronder[vraag]
    assert uitslag_van(code, op).goed_voor_elkaar and not uitslag_van(code, eronder).goed_voor_elkaar


@pytest.mark.parametrize("code", list(BASISFUNCTIES))
def test_all_unanswered_scores_zero_and_all_best_answers_score_the_maximum(code):
    basisfunctie = BASISFUNCTIES[code]
    leeg = uitslag_van(code, {})
    assert (leeg.punten, leeg.goed_voor_elkaar) == (0, False)
    beste = antwoorden_met_punten(basisfunctie, basisfunctie.max_punten)
    vol = uitslag_van(code, beste)
    assert (vol.punten, vol.goed_voor_elkaar) == (TABEL_IN_DOCS[code][0], True)


def test_an_unanswered_question_counts_as_zero_like_an_empty_value():
    antwoorden = {
        "MZ-RESPIJT-1": "ja",
        "MZ-RESPIJT-2": "ja",
        "MZ-RESPIJT-3": "nee",
        "MZ-RESPIJT-4": "bemiddeling",
    }
    assert uitslag_van("MZ-RESPIJT", antwoorden).punten == 6
    # leaving out the 'nee' (0 points) changes nothing
    zonder_nee = {c: w for c, w in antwoorden.items() if c != "MZ-RESPIJT-3"}
    assert uitslag_van("MZ-RESPIJT", zonder_nee).punten == 6
    assert uitslag_van("MZ-RESPIJT", {**antwoorden, "MZ-RESPIJT-3": ""}).punten == 6
    # leaving out a 'ja' costs its 2 points and the verdict
    for onbeantwoord in (
        {c: w for c, w in antwoorden.items() if c != "MZ-RESPIJT-1"},
        {**antwoorden, "MZ-RESPIJT-1": ""},
    ):
        uitslag = uitslag_van("MZ-RESPIJT", onbeantwoord)
        assert (uitslag.punten, uitslag.goed_voor_elkaar) == (4, False)


def test_the_worked_example_in_the_docs():
    # ja (2) + ja (2) + nee (0) + "alleen doorverwezen" (1) = 5 < 6: not goed voor elkaar.
    antwoorden = {
        "MZ-RESPIJT-1": "ja",
        "MZ-RESPIJT-2": "ja",
        "MZ-RESPIJT-3": "nee",
        "MZ-RESPIJT-4": "doorverwijzing",
    }
    uitslag = uitslag_van("MZ-RESPIJT", antwoorden)
    assert (uitslag.punten, uitslag.maximum, uitslag.drempel, uitslag.goed_voor_elkaar) == (5, 8, 6, False)
    uitslag = uitslag_van("MZ-RESPIJT", {**antwoorden, "MZ-RESPIJT-4": "bemiddeling"})
    assert (uitslag.punten, uitslag.goed_voor_elkaar) == (6, True)


@pytest.mark.parametrize("vraag", GETALVRAGEN, ids=lambda v: v.code)
def test_number_bands_below_at_and_between(vraag):
    schijven = vraag.schijven
    # below the first band: nothing
    assert punten_voor(vraag, str(schijven[0].vanaf - 1)) == 0
    assert punten_voor(vraag, str(schijven[0].vanaf - Decimal("0.01"))) == 0
    # exactly at each lower bound: that band's points
    assert [punten_voor(vraag, str(s.vanaf)) for s in schijven] == [s.punten for s in schijven]
    assert len(schijven) >= 2, "bands next to each other, for the checks below"
    for lager, hoger in zip(schijven, schijven[1:], strict=False):
        # just below a band's lower bound: the band before
        assert punten_voor(vraag, str(hoger.vanaf - Decimal("0.5"))) == lager.punten
        # between two bands: still the lower one
        assert punten_voor(vraag, str((lager.vanaf + hoger.vanaf) / 2)) == lager.punten
    # far above the last band: the last band's points
    assert punten_voor(vraag, str(schijven[-1].vanaf * 1000 + 1)) == schijven[-1].punten


def test_number_bands_as_documented_for_verbinden_en_makelen():
    # docs/scoring.md: bands 0→0, 1→1, 25→2: 0 gives 0, 24 gives 1, 25 or more gives 2.
    vraag = next(v for v in GETALVRAGEN if v.code == "VW-VERBINDEN-3")
    assert [punten_voor(vraag, w) for w in ("0", "1", "24", "24.99", "25", "250")] == [0, 1, 1, 1, 2, 2]


def test_a_number_that_is_not_a_number_scores_nothing():
    vraag = GETALVRAGEN[0]
    assert punten_voor(vraag, "veel") == 0
    assert punten_voor(vraag, None) == 0


def test_scoring_the_same_answers_twice_gives_the_same_result():
    antwoorden = {}
    for b in OPBOUW.basisfuncties:
        antwoorden.update(antwoorden_met_punten(b, b.drempel - (len(b.code) % 2)))
    eerste = score(OPBOUW.basisfuncties, antwoorden)
    tweede = score(OPBOUW.basisfuncties, dict(reversed(list(antwoorden.items()))))
    assert eerste == tweede
    assert [u.basisfunctie for u in eerste] == list(BASISFUNCTIES)


def test_a_toelichting_never_scores():
    toelichtingen = [v for v in OPBOUW.vragen if v.type == "toelichting"]
    assert len(toelichtingen) == 13
    for vraag in toelichtingen:
        for tekst in ("ja", "2", "jaarlijks", "Wij hebben alles goed geregeld", "100000"):
            assert punten_voor(vraag, tekst) == 0
    antwoorden = {v.code: "ja" for v in toelichtingen}
    assert all(u.punten == 0 for u in score(OPBOUW.basisfuncties, antwoorden))


def test_an_unknown_option_value_scores_nothing():
    vraag = next(v for v in OPBOUW.vragen if v.code == "VW-VERANKEREN-1")
    assert punten_voor(vraag, "met_doelen") == 3
    assert punten_voor(vraag, "Met_doelen") == 0
