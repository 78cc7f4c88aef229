"""The typetest: 14 a/b questions; a-answers on the even questions decide smal/breed (4 or more:
smal), on the odd questions dirigent/op afstand (4 or more: dirigent). Pure rules first, then the
pages an official uses."""

import re

import pytest

from accounts.models import Auditregel
from nulmeting import typetest
from nulmeting.models import TypetestUitslag

EVEN = [2, 4, 6, 8, 10, 12, 14]
ONEVEN = [1, 3, 5, 7, 9, 11, 13]

# (a-answers on the even questions, on the odd questions) → type; the boundaries 3 and 4 on both.
GRENZEN = {(4, 4): "I", (3, 4): "II", (4, 3): "III", (3, 3): "IV"}


def antwoorden(a_even: int, a_oneven: int, *, van_achteren: bool = False) -> dict[int, str]:
    """All 14 answered: ``a_even`` even and ``a_oneven`` odd questions with a, the rest b."""
    even = EVEN[::-1] if van_achteren else EVEN
    oneven = ONEVEN[::-1] if van_achteren else ONEVEN
    gekozen = set(even[:a_even]) | set(oneven[:a_oneven])
    return {n: "a" if n in gekozen else "b" for n in range(1, 15)}


@pytest.mark.parametrize("van_achteren", [False, True], ids=["eerste", "laatste"])
@pytest.mark.parametrize(("a_even", "a_oneven"), list(GRENZEN))
def test_type_at_every_boundary(a_even, a_oneven, van_achteren):
    resultaat = typetest.bereken(antwoorden(a_even, a_oneven, van_achteren=van_achteren))
    assert (resultaat.a_even, resultaat.a_oneven) == (a_even, a_oneven)
    assert resultaat.beleid == ("smal" if a_even >= 4 else "breed")
    assert resultaat.sturing == ("dirigent" if a_oneven >= 4 else "op_afstand")
    assert resultaat.type == GRENZEN[(a_even, a_oneven)]


@pytest.mark.parametrize(
    ("a_even", "a_oneven", "type"),
    [(0, 0, "IV"), (7, 7, "I"), (7, 0, "III"), (0, 7, "II"), (4, 2, "III"), (2, 5, "II")],
)
def test_type_at_the_extremes(a_even, a_oneven, type):
    assert typetest.bereken(antwoorden(a_even, a_oneven)).type == type


def test_docs_example_gives_type_iii():
    # docs/scoring.md: even 2, 4, 8, 12 answered a (4) → smal; odd 3 and 7 (2) → op afstand.
    gekozen = {2, 4, 8, 12, 3, 7}
    resultaat = typetest.bereken({n: "a" if n in gekozen else "b" for n in range(1, 15)})
    assert (resultaat.a_even, resultaat.a_oneven, resultaat.type) == (4, 2, "III")


@pytest.mark.parametrize(
    "fout",
    [
        {n: "a" for n in range(1, 14)},  # question 14 missing
        {},
        {n: "a" for n in range(1, 16)},  # a question 15 that does not exist
        {**{n: "a" for n in range(1, 15)}, 7: "c"},
        {**{n: "a" for n in range(1, 15)}, 7: ""},
        {**{n: "a" for n in range(1, 15)}, 7: None},
        {**{n: "b" for n in range(1, 15)}, 2: "A"},
        {str(n): "a" for n in range(1, 15)},  # numbers as text are not question numbers
        {n - 1: "a" for n in range(1, 15)},  # 0..13
    ],
    ids=["14-ontbreekt", "leeg", "vraag-15", "c", "leeg-antwoord", "none", "hoofdletter", "tekst", "0-13"],
)
def test_missing_or_invalid_answers_are_refused(fout):
    with pytest.raises(ValueError, match="14 vragen"):
        typetest.bereken(fout)


def test_the_definition_matches_the_counting_rule():
    definitie = typetest.definitie()
    assert [v["nummer"] for v in definitie["vragen"]] == list(range(1, 15))
    assert all(v["a"] and v["b"] for v in definitie["vragen"])
    for code, (beleid, sturing) in {
        "I": ("smal", "dirigent"),
        "II": ("breed", "dirigent"),
        "III": ("smal", "op_afstand"),
        "IV": ("breed", "op_afstand"),
    }.items():
        assert (definitie["typen"][code]["beleid"], definitie["typen"][code]["sturing"]) == (beleid, sturing)
    assert len(definitie["gespreksvragen"]) >= 3


# --- pages ---------------------------------------------------------------------------------------


def typetest_post(a_even: int, a_oneven: int) -> dict[str, str]:
    return {f"vraag_{n}": a for n, a in antwoorden(a_even, a_oneven).items()}


def test_an_official_takes_the_typetest_twice_and_sees_the_earlier_result(login, ambtenaar_sudwest):
    client = login(ambtenaar_sudwest)
    url = "/nulmeting/GM1900/typetest/"
    assert "Typetest vrijwillige inzet en Wmo" in client.get(url).content.decode()

    eerste = client.post(url, typetest_post(4, 4), follow=True)
    html = eerste.content.decode()
    assert "Type I: De ambitie voorbij" in html
    assert "4 van de 7 even vragen met a beantwoord" in html
    assert "4 van de 7 oneven vragen met a beantwoord" in html
    assert "Eerdere uitslagen" not in html
    eerste_pk = TypetestUitslag.objects.get().pk

    tweede = client.post(url, typetest_post(3, 3), follow=True)
    html = tweede.content.decode()
    assert "Type IV: In de leunstoel" in html
    assert "3 van de 7 even vragen met a beantwoord" in html
    assert "Breedte van het beleid: <strong>breed</strong>" in html
    assert "Sturing: <strong>regie op afstand</strong>" in html
    assert "Eerdere uitslagen" in html
    assert f'href="/nulmeting/GM1900/typetest/{eerste_pk}/"' in html
    assert re.search(r"type I</a>", html)
    assert TypetestUitslag.objects.filter(gemeente__cbs_code="GM1900").count() == 2

    # the start page lists both
    start = client.get("/nulmeting/").content.decode()
    assert "Type I —" in start and "Type IV —" in start

    # the earlier result stays readable as it was
    oud = client.get(f"/nulmeting/GM1900/typetest/{eerste_pk}/").content.decode()
    assert "Type I: De ambitie voorbij" in oud
    # opening a result is in the audit trail, like a nulmeting's result
    bekeken = Auditregel.objects.filter(actie=Auditregel.Actie.BEKEKEN, toelichting="typetest")
    assert {r.object_soort for r in bekeken} == {"nulmeting.typetestuitslag"}
    assert [r.object_id for r in bekeken].count(str(eerste_pk)) == 2  # after filling it in, and now


def test_missing_answers_are_marked_at_the_question_and_chosen_answers_kept(login, ambtenaar_sudwest):
    client = login(ambtenaar_sudwest)
    data = typetest_post(4, 3)
    del data["vraag_5"], data["vraag_12"]
    response = client.post("/nulmeting/GM1900/typetest/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert TypetestUitslag.objects.count() == 0
    assert html.count("Kies a of b.") == 4, "at each open question and in the error summary above"
    assert 'href="#id_vraag_5_0"' in html and 'href="#id_vraag_12_0"' in html
    assert re.search(r'id="fout-vraag_5">Kies a of b\.</p>', html)
    assert re.search(r'id="fout-vraag_12">Kies a of b\.</p>', html)
    assert "Nog niet alle vragen zijn beantwoord" in html
    # every answer that was given is still selected
    for naam, waarde in data.items():
        assert re.search(rf'name="{naam}" id="[^"]+" value="{waarde}" checked', html), naam
    assert 'name="vraag_5" id="id_vraag_5_0" value="a" aria-invalid="true">' in html
    assert 'name="vraag_5" id="id_vraag_5_1" value="b" aria-invalid="true">' in html


def test_an_adviser_cannot_take_the_typetest_for_a_municipality(login, adviseur_friesland):
    client = login(adviseur_friesland)
    assert client.post("/nulmeting/GM1900/typetest/", typetest_post(4, 4)).status_code == 403
    assert TypetestUitslag.objects.count() == 0


def test_an_official_cannot_see_or_take_another_municipalitys_typetest(
    login, ambtenaar_sudwest, ambtenaar_utrecht
):
    utrecht = login(ambtenaar_utrecht)
    utrecht.post("/nulmeting/GM0344/typetest/", typetest_post(4, 4))
    uitslag = TypetestUitslag.objects.get()
    utrecht.logout()
    client = login(ambtenaar_sudwest)
    assert client.get(f"/nulmeting/GM0344/typetest/{uitslag.pk}/").status_code == 403
    assert client.post("/nulmeting/GM0344/typetest/", typetest_post(3, 3)).status_code == 403
    # nor through their own municipality's address
    assert client.get(f"/nulmeting/GM1900/typetest/{uitslag.pk}/").status_code == 404
    assert TypetestUitslag.objects.count() == 1


def test_statement_14_reads_as_one_sentence_with_either_answer():
    """Issue 17: "... moet de gemeente maatschappelijke organisaties vooral ... in beweging brengt"
    was not Dutch; the stem now ends where a finite verb fits both answers."""
    (vraag,) = [v for v in typetest.definitie()["vragen"] if v["nummer"] == 14]
    stam = vraag["tekst"].removesuffix(" ...")
    assert f"{stam} {vraag['a']}".endswith(
        "dat zij maatschappelijke organisaties in beweging brengt en mede verantwoordelijk maakt voor het resultaat."
    )
    assert f"{stam} {vraag['b']}".endswith(
        "dat zij maatschappelijke organisaties ondersteunt en waardeert om wat zij nu al doen."
    )
    assert " moet " not in stam
