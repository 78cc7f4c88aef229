"""The coordinator's questions in the monthly and quarterly reports, on the hand-made programme of
test_periodecijfers: who joined and who is missing per province, sessions per adviser and per CMO,
sessions logged late, weak basisfuncties without a session, trajecten and rounds; a province's
numbers add up to the national ones."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from accounts.models import User
from advies.models import Thema
from advies.services import adviesgesprek_log, adviestraject_opslaan
from gemeenten.models import Gemeente, Provincie
from rapportage.bouwen import inhoud_voor
from rapportage.selectors import Afbakening
from rondes.services import ronde_openen
from tests.rapportage.rapportage_helpers import moment
from tests.rapportage.test_periodecijfers import MAART, PROVINCIE, gehouden, programma, tabel  # noqa: F401

D = datetime.date
pytestmark = pytest.mark.usefixtures("programma")


def _maart(afbakening=None):
    return inhoud_voor("maand", MAART[0], MAART[1], afbakening or Afbakening())


def test_participation_per_province_names_who_joined_this_month_and_who_is_missing():
    inhoud = _maart()
    # Amersfoort (GM0307) and Leeuwarden (GM0080) submitted in March; Utrecht's and Friesland's others not.
    nieuw = tabel(inhoud, "8").rijen
    assert sorted(r[0] for r in nieuw) == ["Amersfoort", "Leeuwarden"]
    per_provincie = {r[0]: r[1:] for r in tabel(inhoud, "7").rijen}
    friesland = per_provincie["Friesland"]
    assert friesland[2] - friesland[1] == friesland[3] == 1  # one new participant in March
    assert friesland[0] == friesland[2] + friesland[4]  # municipalities = participants + missing
    ontbrekend = {r[0]: r for r in tabel(inhoud, "9").rijen}
    assert ontbrekend["Friesland"][1] == friesland[4]
    assert "Leeuwarden" not in ontbrekend["Friesland"][2]


def test_a_province_adds_up_to_the_national_numbers():
    landelijk = _maart()
    delen = [
        _maart(Afbakening.maak(provincie=Provincie.objects.get(naam=naam)))
        for naam in ("Friesland", "Utrecht")
    ]
    rijen = {r[0]: r for r in tabel(landelijk, "7").rijen}
    for deel in delen:
        for rij in tabel(deel, "7").rijen:
            assert rij[0] == "Totaal" or rijen[rij[0]] == rij
    assert (
        sum(d.cijfers["deze_periode"]["gesprekken"] for d in delen)
        == landelijk.cijfers["deze_periode"]["gesprekken"]
    )
    per_cmo = landelijk.cijfers["gesprekken_per_cmo"]
    for deel in delen:
        for cmo, telling in deel.cijfers["gesprekken_per_cmo"].items():
            assert per_cmo[cmo] == telling


def test_sessions_per_adviser_and_per_cmo_against_the_month_before():
    inhoud = _maart()
    maart = gehouden(*MAART, MAART[1])
    februari = gehouden(D(2011, 2, 1), D(2011, 2, 28), D(2011, 2, 28))
    alle = gehouden(D(2000, 1, 1), MAART[1], MAART[1])
    verwacht = {
        cmo: [sum(g.cmo == cmo for g in maart), sum(g.cmo == cmo for g in februari)]
        for cmo in {g.cmo for g in alle}
    }
    rijen = {r[0]: r[1:] for r in tabel(inhoud, "10a").rijen}
    for cmo, (deze, vorige) in verwacht.items():
        assert rijen[cmo] == [deze, vorige, deze - vorige, sum(g.cmo == cmo for g in alle)]
    assert {r[1] for r in tabel(inhoud, "10").rijen} == set(verwacht)
    assert all(r[0].startswith("Adviseur ") for r in tabel(inhoud, "10").rijen)


def test_a_session_logged_more_than_thirty_days_late_counts_in_the_month_it_was_logged(coordinator):
    adviseur = Gemeente.objects.get(cbs_code="GM0344")
    gesprek_van = {"Utrecht": "alleato@example.nl"}
    adviesgesprek_log(
        adviseur=User.objects.get(email=gesprek_van["Utrecht"]),
        datum=D(2011, 1, 20),
        gemeenten=[adviseur],
        onderwerp="mantelzorg",
        themas=Thema.objects.filter(code="MZ-VISIE"),
        uren=Decimal("1"),
        verslag="Laat.",
        gerapporteerd_op=moment(2011, 3, 2),
        geimporteerd=True,
    )
    inhoud = _maart()
    assert inhoud.cijfers["laat_vastgelegd"] == {"Alleato": {"deze_periode": 1, "cumulatief": 1}}
    assert tabel(inhoud, "11").rijen[-1] == ["Totaal", 1, 0, 1, 1]
    februari = inhoud_voor("maand", D(2011, 2, 1), D(2011, 2, 28), Afbakening())
    assert februari.cijfers.get("laat_vastgelegd", {}) == {}


def test_weak_basisfuncties_without_a_session_on_them():
    inhoud = _maart()
    zwak = inhoud.cijfers["zwak_zonder_gesprek"]
    # Four nulmetingen by 31 March, none with any basisfunctie 'goed voor elkaar' (no answers).
    assert {v["zwak"] for v in zwak.values()} == {4}
    # Vertalen was discussed with Bolsward (through Súdwest-Fryslân), Leeuwarden and Amersfoort,
    # not with Utrecht; Respijtzorg with all four; nothing else had a session on it.
    assert zwak["Vertalen maatschappelijke ontwikkeling"]["zonder_gesprek"] == 1
    assert zwak["Respijtzorg"]["zonder_gesprek"] == 0
    assert zwak["Informatie"]["zonder_gesprek"] == 4


def test_trajecten_hours_against_budget_and_the_response_of_open_rounds(nulmeting, coordinator):
    leider = User.objects.get(email="partoer@example.nl")
    with time_machine.travel(moment(2011, 3, 1), tick=False):
        traject = _traject(leider)
    adviesgesprek_log(
        adviseur=leider, datum=D(2011, 3, 20), gemeenten=Gemeente.objects.filter(cbs_code="GM0080"),
        onderwerp="vrijwilligerswerk", themas=Thema.objects.filter(code="VW-VERTALEN"), uren=Decimal("2.5"),
        verslag="Traject.", gerapporteerd_op=moment(2011, 3, 20), geimporteerd=True, traject=traject,
    )  # fmt: skip
    with time_machine.travel(moment(2011, 2, 1), tick=False):
        ronde_openen(vragenlijst=nulmeting, naam="Nulmeting Utrecht", opent_op=D(2011, 2, 1), sluit_op=D(2011, 6, 30),
                     provincies=Provincie.objects.filter(naam="Utrecht"), door=coordinator)  # fmt: skip
    inhoud = _maart()
    assert tabel(inhoud, "13").rijen == [["Vrijwilligersbeleid Leeuwarden", "Partoer", 10.0, 2.5, 2.5, 25]]
    [ronde] = tabel(inhoud, "14").rijen
    utrecht = Gemeente.objects.filter(provincie__naam="Utrecht").bestaand_op(D(2011, 2, 1)).count()
    # Utrecht (GM0344) submitted on 1 February, before March; Amersfoort (GM0307) on 1 March.
    assert ronde[:5] == ["Nulmeting Utrecht", utrecht, 1, 1, 2]


def _traject(leider: User):
    return adviestraject_opslaan(
        door=leider,
        gemeenten=Gemeente.objects.filter(cbs_code="GM0080"),
        titel="Vrijwilligersbeleid Leeuwarden",
        onderwerp="vrijwilligerswerk",
        status="lopend",
        doel="Doel.",
        werkwijze="Werkwijze.",
        inzet_uren=Decimal("10"),
        tijdspad="Voorjaar.",
        verwachte_opbrengst="Beleid.",
        borging="Raad.",
    )
