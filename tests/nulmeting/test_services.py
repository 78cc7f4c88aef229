"""Writes to a meting: saving pages, conflicts between colleagues, submitting, reopening, loading
questionnaires, the eenmeting and its comparison with the nulmeting."""

import re

import pytest
import yaml
from django.core.exceptions import PermissionDenied, ValidationError

from gemeenten.models import Gemeente
from nulmeting import scoring, selectors, services
from nulmeting.definitie import DEFINITIES_DIR
from nulmeting.models import Antwoord, Meting, MetingGebeurtenis, Score, Vraag, Vragenlijst
from nulmeting.services import VragenlijstVergrendeld
from tests.nulmeting.antwoorden import alles_goed, antwoorden_voor, scores_van

STAP_1 = ["VW-VERTALEN-1", "VW-VERTALEN-2", "VW-VERTALEN-3", "VW-VERTALEN-4", "VW-VERTALEN-5"]


@pytest.fixture
def sudwest(referentiedata) -> Gemeente:
    return Gemeente.objects.get(cbs_code="GM1900")


def opslaan(gemeente, vragenlijst, door, waarden, origineel=None):
    return services.antwoorden_opslaan(
        gemeente=gemeente, vragenlijst=vragenlijst, waarden=waarden, origineel=origineel or {}, door=door
    )


def pagina(vragenlijst, gemeente, codes=STAP_1) -> dict[str, str]:
    """What a page shows when it is opened: the stored answers of its questions."""
    opgeslagen = services.antwoorden_van(services.meting_voor(gemeente, vragenlijst))
    return {c: opgeslagen.get(c, "") for c in codes}


# --- saving -------------------------------------------------------------------------------------


def test_saving_a_page_stores_a_concept_with_who_and_what(nulmeting, sudwest, ambtenaar_sudwest):
    meting, conflicten = opslaan(
        sudwest,
        nulmeting,
        ambtenaar_sudwest,
        {"VW-VERTALEN-1": "ja", "VW-VERTALEN-2": "jaarlijks", "VW-VERTALEN-5": "Loopt via het steunpunt."},
    )
    assert conflicten == []
    meting.refresh_from_db()
    assert meting.status == Meting.Status.CONCEPT and meting.ingediend_op is None
    assert services.antwoorden_van(meting) == {
        "VW-VERTALEN-1": "ja",
        "VW-VERTALEN-2": "jaarlijks",
        "VW-VERTALEN-5": "Loopt via het steunpunt.",
    }
    assert set(meting.antwoorden.values_list("gewijzigd_door", flat=True)) == {ambtenaar_sudwest.pk}
    # a second page adds to the same meting
    opslaan(sudwest, nulmeting, ambtenaar_sudwest, {"VW-VERBINDEN-3": "30"})
    assert Meting.objects.count() == 1
    assert services.antwoorden_van(meting)["VW-VERBINDEN-3"] == "30"


def test_an_official_of_another_municipality_cannot_save(nulmeting, sudwest, ambtenaar_utrecht):
    with pytest.raises(PermissionDenied):
        opslaan(sudwest, nulmeting, ambtenaar_utrecht, {"VW-VERTALEN-1": "ja"})
    assert Meting.objects.count() == 0 and Antwoord.objects.count() == 0


def test_an_answer_the_second_colleague_did_not_touch_keeps_the_first_colleagues_change(
    nulmeting, sudwest, ambtenaar_sudwest, collega_sudwest
):
    opslaan(sudwest, nulmeting, ambtenaar_sudwest, {"VW-VERTALEN-1": "nee"})
    # both open page 1 now
    gezien_door_a = pagina(nulmeting, sudwest)
    gezien_door_b = pagina(nulmeting, sudwest)
    assert gezien_door_a["VW-VERTALEN-1"] == "nee"

    _, conflicten = opslaan(
        sudwest, nulmeting, ambtenaar_sudwest, {**gezien_door_a, "VW-VERTALEN-1": "ja"}, gezien_door_a
    )
    assert conflicten == []

    meting, conflicten = opslaan(
        sudwest,
        nulmeting,
        collega_sudwest,
        {**gezien_door_b, "VW-VERTALEN-1": "nee", "VW-VERTALEN-2": "incidenteel", "VW-VERTALEN-3": "ja"},
        gezien_door_b,
    )
    # B left VW-VERTALEN-1 as they saw it: that is no conflict, and A's change stays.
    assert conflicten == []
    opgeslagen = services.antwoorden_van(meting)
    assert opgeslagen["VW-VERTALEN-1"] == "ja"  # A's answer is not overwritten
    assert opgeslagen["VW-VERTALEN-2"] == "incidenteel"  # B's other answers are saved
    assert opgeslagen["VW-VERTALEN-3"] == "ja"
    assert meting.antwoorden.get(vraag__code="VW-VERTALEN-1").gewijzigd_door == ambtenaar_sudwest
    assert meting.antwoorden.get(vraag__code="VW-VERTALEN-2").gewijzigd_door == collega_sudwest


def test_conflict_when_both_start_from_an_empty_page(nulmeting, sudwest, ambtenaar_sudwest, collega_sudwest):
    leeg = pagina(nulmeting, sudwest)
    opslaan(sudwest, nulmeting, ambtenaar_sudwest, {**leeg, "VW-VERTALEN-2": "jaarlijks"}, leeg)
    meting, conflicten = opslaan(
        sudwest,
        nulmeting,
        collega_sudwest,
        {**leeg, "VW-VERTALEN-2": "nooit", "VW-VERTALEN-4": "actief"},
        leeg,
    )
    assert [(c.vraag, c.hun_waarde, c.door) for c in conflicten] == [
        ("VW-VERTALEN-2", "jaarlijks", "Anna de Vries")
    ]
    assert services.antwoorden_van(meting) == {"VW-VERTALEN-2": "jaarlijks", "VW-VERTALEN-4": "actief"}


def test_after_seeing_the_conflict_the_colleague_can_save_their_choice(
    nulmeting, sudwest, ambtenaar_sudwest, collega_sudwest
):
    leeg = pagina(nulmeting, sudwest)
    opslaan(sudwest, nulmeting, ambtenaar_sudwest, {**leeg, "VW-VERTALEN-2": "jaarlijks"}, leeg)
    _, conflicten = opslaan(sudwest, nulmeting, collega_sudwest, {**leeg, "VW-VERTALEN-2": "nooit"}, leeg)
    assert conflicten
    opnieuw_gezien = pagina(nulmeting, sudwest)
    meting, conflicten = opslaan(
        sudwest, nulmeting, collega_sudwest, {**opnieuw_gezien, "VW-VERTALEN-2": "nooit"}, opnieuw_gezien
    )
    assert conflicten == []
    assert services.antwoorden_van(meting)["VW-VERTALEN-2"] == "nooit"


def test_the_same_user_saving_again_from_an_old_page_is_not_a_conflict(nulmeting, sudwest, ambtenaar_sudwest):
    leeg = pagina(nulmeting, sudwest)
    opslaan(sudwest, nulmeting, ambtenaar_sudwest, {**leeg, "VW-VERTALEN-1": "ja"}, leeg)
    # the same page, opened before the first save (back button, second tab)
    meting, conflicten = opslaan(
        sudwest, nulmeting, ambtenaar_sudwest, {**leeg, "VW-VERTALEN-1": "nee"}, leeg
    )
    assert conflicten == []
    assert services.antwoorden_van(meting)["VW-VERTALEN-1"] == "nee"


def test_a_colleague_saving_the_same_value_is_not_a_conflict(
    nulmeting, sudwest, ambtenaar_sudwest, collega_sudwest
):
    leeg = pagina(nulmeting, sudwest)
    opslaan(sudwest, nulmeting, ambtenaar_sudwest, {**leeg, "VW-VERTALEN-1": "ja"}, leeg)
    _, conflicten = opslaan(sudwest, nulmeting, collega_sudwest, {**leeg, "VW-VERTALEN-1": "ja"}, leeg)
    assert conflicten == []


# --- submitting ---------------------------------------------------------------------------------


def test_submitting_scores_and_twice_submits_once(nulmeting, sudwest, ambtenaar_sudwest):
    antwoorden = antwoorden_voor(nulmeting.opbouw, {"VW-VERTALEN": 6, "MZ-RESPIJT": 5, "MZ-ADVIES": 8})
    meting, _ = opslaan(sudwest, nulmeting, ambtenaar_sudwest, antwoorden)
    eerste = services.meting_indienen(meting=meting, door=ambtenaar_sudwest)
    tweede = services.meting_indienen(meting=meting, door=ambtenaar_sudwest)

    meting.refresh_from_db()
    assert meting.is_ingediend and meting.ingediend_door == ambtenaar_sudwest
    assert eerste.ingediend_op == tweede.ingediend_op == meting.ingediend_op
    assert list(meting.gebeurtenissen.values_list("soort", flat=True)) == [MetingGebeurtenis.Soort.INGEDIEND]
    scores = scores_van(meting)
    assert len(scores) == 13 and Score.objects.count() == 13
    assert scores["VW-VERTALEN"] == (6, True)
    assert scores["MZ-RESPIJT"] == (5, False)
    assert scores["MZ-ADVIES"] == (8, True)
    assert scores["VW-VERBINDEN"] == (0, False)
    opgeslagen = {
        s.basisfunctie.code: (s.maximum, s.drempel) for s in meting.scores.select_related("basisfunctie")
    }
    assert opgeslagen["VW-VERANKEREN"] == (11, 8)


def test_stored_scores_equal_the_scoring_of_the_same_answers_and_rescoring_changes_nothing(
    nulmeting, sudwest, ambtenaar_sudwest
):
    antwoorden = alles_goed(nulmeting)
    antwoorden.update(antwoorden_voor(nulmeting.opbouw, {"MZ-PRAKTISCH": 5, "VW-VERBINDEN": 7}))
    meting, _ = opslaan(sudwest, nulmeting, ambtenaar_sudwest, antwoorden)
    meting = services.meting_indienen(meting=meting, door=ambtenaar_sudwest)
    verwacht = {
        u.basisfunctie: (u.punten, u.goed_voor_elkaar)
        for u in scoring.score(nulmeting.opbouw.basisfuncties, antwoorden)
    }
    assert scores_van(meting) == verwacht
    services.meting_scoren(meting)
    assert scores_van(meting) == verwacht
    assert Score.objects.count() == 13


def test_saving_after_submission_is_refused_and_changes_nothing(nulmeting, sudwest, ambtenaar_sudwest):
    meting, _ = opslaan(sudwest, nulmeting, ambtenaar_sudwest, {"VW-VERTALEN-1": "ja"})
    services.meting_indienen(meting=meting, door=ambtenaar_sudwest)
    with pytest.raises(ValidationError, match="al ingediend"):
        opslaan(sudwest, nulmeting, ambtenaar_sudwest, {"VW-VERTALEN-1": "nee", "VW-VERTALEN-3": "ja"})
    assert services.antwoorden_van(meting) == {"VW-VERTALEN-1": "ja"}


def test_a_coordinator_reopens_with_a_reason_and_the_official_corrects_and_resubmits(
    nulmeting, sudwest, ambtenaar_sudwest, coordinator
):
    # the worked example of docs/scoring.md: 2 + 2 + 0 + 1 = 5, one short of the threshold
    antwoorden = {
        "MZ-RESPIJT-1": "ja",
        "MZ-RESPIJT-2": "ja",
        "MZ-RESPIJT-3": "nee",
        "MZ-RESPIJT-4": "doorverwijzing",
    }
    meting, _ = opslaan(sudwest, nulmeting, ambtenaar_sudwest, antwoorden)
    services.meting_indienen(meting=meting, door=ambtenaar_sudwest)
    assert scores_van(meting)["MZ-RESPIJT"] == (5, False)

    services.meting_heropenen(meting=meting, door=coordinator, reden="  Respijtzorg verkeerd ingevuld.  ")
    meting.refresh_from_db()
    assert meting.status == Meting.Status.CONCEPT and meting.ingediend_op is None
    assert meting.scores.count() == 0
    heropend = meting.gebeurtenissen.get(soort=MetingGebeurtenis.Soort.HEROPEND)
    assert (heropend.door, heropend.reden) == (coordinator, "Respijtzorg verkeerd ingevuld.")
    # the answers are still there
    assert services.antwoorden_van(meting) == antwoorden

    _, conflicten = opslaan(sudwest, nulmeting, ambtenaar_sudwest, {"MZ-RESPIJT-4": "bemiddeling"})
    assert conflicten == []
    services.meting_indienen(meting=meting, door=ambtenaar_sudwest)
    meting.refresh_from_db()
    assert meting.is_ingediend
    assert scores_van(meting)["MZ-RESPIJT"] == (6, True)
    assert meting.scores.count() == 13
    assert list(meting.gebeurtenissen.values_list("soort", flat=True)) == [
        "ingediend",
        "heropend",
        "ingediend",
    ]


@pytest.mark.parametrize("reden", ["", "   "])
def test_reopening_without_a_reason_is_refused(nulmeting, sudwest, ambtenaar_sudwest, coordinator, reden):
    meting, _ = opslaan(sudwest, nulmeting, ambtenaar_sudwest, alles_goed(nulmeting))
    services.meting_indienen(meting=meting, door=ambtenaar_sudwest)
    with pytest.raises(ValidationError) as fout:
        services.meting_heropenen(meting=meting, door=coordinator, reden=reden)
    assert "reden" in fout.value.message_dict
    meting.refresh_from_db()
    assert meting.is_ingediend and meting.scores.count() == 13
    assert not meting.gebeurtenissen.filter(soort=MetingGebeurtenis.Soort.HEROPEND).exists()


def test_only_a_coordinator_reopens(nulmeting, sudwest, ambtenaar_sudwest, adviseur_friesland):
    meting, _ = opslaan(sudwest, nulmeting, ambtenaar_sudwest, alles_goed(nulmeting))
    services.meting_indienen(meting=meting, door=ambtenaar_sudwest)
    for wie in (ambtenaar_sudwest, adviseur_friesland):
        with pytest.raises(PermissionDenied):
            services.meting_heropenen(meting=meting, door=wie, reden="Graag nog iets aanpassen.")
    meting.refresh_from_db()
    assert meting.is_ingediend and meting.scores.count() == 13


def test_a_concept_cannot_be_reopened(nulmeting, sudwest, ambtenaar_sudwest, coordinator):
    meting, _ = opslaan(sudwest, nulmeting, ambtenaar_sudwest, {"VW-VERTALEN-1": "ja"})
    with pytest.raises(ValidationError, match="niet ingediend"):
        services.meting_heropenen(meting=meting, door=coordinator, reden="Waarom niet.")


# --- loading questionnaires ---------------------------------------------------------------------


def test_loading_the_same_definition_twice_changes_nothing(db):
    pad = DEFINITIES_DIR / "nulmeting_2009.yaml"
    eerste, gewijzigd = services.vragenlijst_laden(pad)
    assert gewijzigd is True
    vragen = list(Vraag.objects.filter(vragenlijst=eerste).values_list("pk", "code"))
    assert len(vragen) == 70
    tweede, gewijzigd = services.vragenlijst_laden(pad)
    assert gewijzigd is False and tweede.pk == eerste.pk
    assert list(Vraag.objects.filter(vragenlijst=eerste).values_list("pk", "code")) == vragen
    assert Vragenlijst.objects.count() == 1


def gewijzigde_definitie(tmp_path, **wijziging):
    ruw = yaml.safe_load((DEFINITIES_DIR / "nulmeting_2009.yaml").read_text(encoding="utf-8"))
    ruw["basisfuncties"][0].update(wijziging)
    pad = tmp_path / "nulmeting_2009.yaml"
    pad.write_text(yaml.safe_dump(ruw, allow_unicode=True), encoding="utf-8")
    return pad


def test_a_definition_without_answers_may_still_change(nulmeting, tmp_path):
    vragenlijst, gewijzigd = services.vragenlijst_laden(gewijzigde_definitie(tmp_path, drempel=5))
    assert gewijzigd is True and vragenlijst.pk == nulmeting.pk
    vragenlijst.refresh_from_db()
    assert vragenlijst.opbouw.basisfuncties[0].drempel == 5


def test_a_definition_with_answers_is_locked(nulmeting, sudwest, ambtenaar_sudwest, tmp_path):
    opslaan(sudwest, nulmeting, ambtenaar_sudwest, {"VW-VERTALEN-1": "ja"})
    with pytest.raises(VragenlijstVergrendeld, match="nieuwe versie"):
        services.vragenlijst_laden(gewijzigde_definitie(tmp_path, drempel=5))
    nulmeting.refresh_from_db()
    assert Vragenlijst.objects.get(pk=nulmeting.pk).opbouw.basisfuncties[0].drempel == 6
    assert Vraag.objects.filter(vragenlijst=nulmeting).count() == 70
    # loading the unchanged file is still fine
    assert services.vragenlijst_laden(DEFINITIES_DIR / "nulmeting_2009.yaml")[1] is False


# --- eenmeting ----------------------------------------------------------------------------------


def test_a_coordinator_opens_an_eenmeting_on_the_same_questions(nulmeting, coordinator, ambtenaar_sudwest):
    een = services.eenmeting_openen(
        basis=nulmeting, code="eenmeting-2012", naam="Eenmeting 2012", door=coordinator
    )
    assert (een.soort, een.basis, een.naam, een.is_open) == (
        Vragenlijst.Soort.EENMETING,
        nulmeting,
        "Eenmeting 2012",
        True,
    )
    assert [v.code for v in een.opbouw.vragen] == [v.code for v in nulmeting.opbouw.vragen]
    assert [b.drempel for b in een.opbouw.basisfuncties] == [
        b.drempel for b in nulmeting.opbouw.basisfuncties
    ]
    assert Vraag.objects.filter(vragenlijst=een).count() == 70
    with pytest.raises(ValidationError):
        services.eenmeting_openen(basis=nulmeting, code="eenmeting-2012", naam="Nog een", door=coordinator)
    with pytest.raises(PermissionDenied):
        services.eenmeting_openen(basis=nulmeting, code="eenmeting-2013", naam="2013", door=ambtenaar_sudwest)
    with pytest.raises(ValidationError):
        services.eenmeting_openen(basis=een, code="tweemeting", naam="Op een eenmeting", door=coordinator)
    assert Vragenlijst.objects.count() == 2


NUL = {"VW-VERTALEN": 5, "VW-VERBINDEN": 7, "VW-VERSTERKEN": 3, "VW-VERBREIDEN": 4, "VW-VERANKEREN": 9}
EEN = {"VW-VERTALEN": 6, "VW-VERBINDEN": 6, "VW-VERSTERKEN": 5, "VW-VERBREIDEN": 4, "VW-VERANKEREN": 8}
ONTWIKKELING = {
    "VW-VERTALEN": "verbeterd",  # 5 → 6: now goed voor elkaar
    "VW-VERBINDEN": "achteruitgegaan",  # 7 → 6: no longer goed voor elkaar
    "VW-VERSTERKEN": "verbeterd",  # 3 → 5: more points, still not goed
    "VW-VERBREIDEN": "gelijk gebleven",  # 4 → 4
    "VW-VERANKEREN": "achteruitgegaan",  # 9 → 8: fewer points, still goed
}


@pytest.fixture
def nul_en_een(nulmeting, sudwest, ambtenaar_sudwest, coordinator, indienen):
    indienen(sudwest, nulmeting, antwoorden_voor(nulmeting.opbouw, NUL), door=ambtenaar_sudwest)
    een = services.eenmeting_openen(
        basis=nulmeting, code="eenmeting-2012", naam="Eenmeting 2012", door=coordinator
    )
    meting = indienen(sudwest, een, antwoorden_voor(een.opbouw, EEN), door=ambtenaar_sudwest)
    return meting


def test_the_comparison_says_improved_unchanged_or_declined(nul_en_een):
    rijen = {r.basisfunctie.code: r for r in selectors.vergelijking(nul_en_een)}
    assert len(rijen) == 13
    for code, ontwikkeling in ONTWIKKELING.items():
        assert rijen[code].ontwikkeling == ontwikkeling, code
        assert (rijen[code].nul.punten, rijen[code].een.punten) == (NUL[code], EEN[code])
    for code in set(rijen) - set(ONTWIKKELING):
        assert rijen[code].ontwikkeling == "gelijk gebleven"
    assert [r.basisfunctie.code for r in selectors.vergelijking(nul_en_een)][:5] == list(NUL)


def test_the_eenmeting_result_page_shows_the_comparison(nul_en_een, login, ambtenaar_sudwest):
    client = login(ambtenaar_sudwest)
    html = client.get("/nulmeting/GM1900/eenmeting-2012/uitslag/").content.decode()
    assert "Nulmeting 2009 en Eenmeting 2012 vergeleken" in html
    teken = {
        "verbeterd": "▲ verbeterd",
        "achteruitgegaan": "▼ achteruitgegaan",
        "gelijk gebleven": "■ gelijk gebleven",
    }
    namen = {
        "VW-VERTALEN": "Vertalen maatschappelijke ontwikkeling",
        "VW-VERBINDEN": "Verbinden en makelen",
        "VW-VERSTERKEN": "Versterken",
        "VW-VERBREIDEN": "Verbreiden",
        "VW-VERANKEREN": "Verankeren",
    }
    vergelijking = html[html.index("Nulmeting 2009 en Eenmeting 2012 vergeleken") :]
    for code, ontwikkeling in ONTWIKKELING.items():
        rij = re.search(
            rf"<th scope=\"row\" class=\"fw-normal\">{namen[code]}</th>(.*?)</tr>", vergelijking, re.S
        )
        assert rij, code
        assert teken[ontwikkeling] in rij.group(1), code
        assert f"{NUL[code]} / " in rij.group(1) and f"{EEN[code]} / " in rij.group(1)
    # the nulmeting's own result page has no comparison
    nul = client.get("/nulmeting/GM1900/nulmeting-2009/uitslag/").content.decode()
    assert "Nulmeting 2009 en Eenmeting 2012 vergeleken" not in nul


def test_no_comparison_while_the_nulmeting_is_not_submitted(
    nulmeting, sudwest, ambtenaar_sudwest, coordinator, indienen
):
    opslaan(sudwest, nulmeting, ambtenaar_sudwest, {"VW-VERTALEN-1": "ja"})
    een = services.eenmeting_openen(
        basis=nulmeting, code="eenmeting-2012", naam="Eenmeting 2012", door=coordinator
    )
    meting = indienen(sudwest, een, alles_goed(een), door=ambtenaar_sudwest)
    assert selectors.vergelijking(meting) is None
