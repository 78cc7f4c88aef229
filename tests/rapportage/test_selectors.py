"""The aggregation layer on small hand-made datasets: mergers, late logging, scopes, rounding."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from advies.models import Thema
from advies.services import (
    adviesgesprek_log,
    adviesgesprek_verwijderen,
    adviseur_beeindigen,
    adviseur_toevoegen,
)
from gemeenten.models import Gemeente, Organisatie, Provincie
from rapportage import selectors as s
from rapportage.services import periode_van
from tests.accounts.factories import CoordinatorFactory
from tests.rapportage.rapportage_helpers import indienen, moment

PEIL = datetime.date(2012, 10, 1)
LANDELIJK = s.Afbakening()


def alles_ja(nulmeting) -> dict:
    from tests.nulmeting.antwoorden import alles_goed

    return alles_goed(nulmeting)


def test_participation_counts_a_merged_municipality_through_its_predecessor(referentiedata, nulmeting):
    indienen(
        nulmeting, [("GM0064", datetime.date(2009, 10, 1), {}), ("GM0080", datetime.date(2009, 11, 1), {})]
    )
    in_2009 = s.deelname(
        PEIL, LANDELIJK, indeling=datetime.date(2009, 1, 1), ingediend_tot=datetime.date(2009, 12, 31)
    )
    nu = s.deelname(PEIL, LANDELIJK)
    friesland_2009 = in_2009[in_2009["provincie"] == "Friesland"].iloc[0]
    friesland_nu = nu[nu["provincie"] == "Friesland"].iloc[0]
    # Bolsward and Leeuwarden of 31 Frisian municipalities in 2009; in 2012 Bolsward lives on in
    # Súdwest-Fryslân, so 2 of 27 take part.
    assert (friesland_2009.gemeenten, friesland_2009.deelnemers) == (31, 2)
    assert (friesland_nu.gemeenten, friesland_nu.deelnemers) == (27, 2)
    assert s.totaal(nu)["gemeenten"] == 415 and s.totaal(in_2009)["gemeenten"] == 441


def test_a_split_municipality_counts_for_both_successors(referentiedata, nulmeting):
    indienen(nulmeting, [("GM0993", datetime.date(2009, 10, 1), {})])  # Meerlo-Wanssum
    nu = s.deelname(PEIL, LANDELIJK)
    assert nu[nu["provincie"] == "Limburg"].iloc[0].deelnemers == 2


def test_a_submission_after_the_peildatum_does_not_count(referentiedata, nulmeting):
    indienen(nulmeting, [("GM0080", datetime.date(2012, 10, 2), {})])
    assert s.totaal(s.deelname(PEIL, LANDELIJK))["deelnemers"] == 0
    assert s.totaal(s.deelname(datetime.date(2012, 10, 2), LANDELIJK))["deelnemers"] == 1


def test_goed_voor_elkaar_percentages_are_rounded_half_up(referentiedata, nulmeting):
    # 1 of 8 municipalities has everything: 12.5% must print as 13%, as the evaluation rounded.
    codes = ["GM0080", "GM0064", "GM0091", "GM0104", "GM0683", "GM0710", "GM0344", "GM0363"]
    indienen(
        nulmeting,
        [(c, datetime.date(2009, 10, 1), alles_ja(nulmeting) if i == 0 else {}) for i, c in enumerate(codes)],
    )
    tabel = s.goed_per_basisfunctie(PEIL, LANDELIJK)
    assert set(tabel["n"]) == {8} and set(tabel["goed"]) == {1} and set(tabel["procent"]) == {13}
    friesland = s.goed_per_basisfunctie(
        PEIL, s.Afbakening.maak(provincie=Provincie.objects.get(naam="Friesland"))
    )
    assert set(friesland["n"]) == {6} and set(friesland["procent"]) == {17}


@pytest.fixture
def partoer_adviseur(referentiedata):
    return adviseur_toevoegen(
        naam="Pim Partoer",
        email="pim@partoer.example.nl",
        organisatie=Organisatie.objects.get(naam="Partoer"),
        actief_van=datetime.date(2009, 1, 1),
        door=None,
        vastgelegd_op=moment(2009, 1, 1),
    )


def log(adviseur, datum, gelogd, codes=("GM0080",), onderwerp="vrijwilligerswerk", themas=("VW-VERTALEN",)):
    return adviesgesprek_log(
        adviseur=adviseur.user,
        datum=datum,
        gemeenten=Gemeente.objects.filter(cbs_code__in=codes),
        onderwerp=onderwerp,
        themas=Thema.objects.filter(code__in=themas),
        uren=Decimal("2"),
        verslag="Gesprek.",
        gerapporteerd_op=gelogd,
        geimporteerd=True,
    )


def test_a_session_logged_late_does_not_count_before_it_was_logged(partoer_adviseur):
    log(partoer_adviseur, datetime.date(2012, 9, 20), moment(2012, 9, 21))
    log(partoer_adviseur, datetime.date(2012, 9, 25), moment(2012, 10, 5))  # held before, logged after
    per_maand = s.gesprekken_per_maand(PEIL, LANDELIJK)
    assert s.cumulatief_op(per_maand, [PEIL]) == {PEIL: 1}
    later = s.gesprekken_per_maand(datetime.date(2012, 10, 31), LANDELIJK)
    assert s.cumulatief_op(later, [datetime.date(2012, 9, 30)]) == {datetime.date(2012, 9, 30): 2}


def test_logged_on_the_peildatum_itself_counts(partoer_adviseur):
    log(partoer_adviseur, datetime.date(2012, 9, 30), moment(2012, 10, 1, 23))
    assert s.bereik(PEIL, LANDELIJK)["gesprekken"] == 1


def test_a_session_deleted_by_the_peildatum_does_not_count(partoer_adviseur):
    gesprek = log(partoer_adviseur, datetime.date(2012, 3, 1), moment(2012, 3, 2))
    with time_machine.travel(moment(2012, 5, 1), tick=False):
        adviesgesprek_verwijderen(gesprek=gesprek, door=partoer_adviseur.user)
    assert s.bereik(PEIL, LANDELIJK)["gesprekken"] == 0
    assert s.bereik(datetime.date(2012, 4, 30), LANDELIJK)["gesprekken"] == 1


def test_a_session_deleted_after_the_peildatum_counts_as_known_then_not_with_corrections(partoer_adviseur):
    gesprek = log(partoer_adviseur, datetime.date(2012, 3, 1), moment(2012, 3, 2))
    adviesgesprek_verwijderen(gesprek=gesprek, door=partoer_adviseur.user)
    assert s.bereik(PEIL, LANDELIJK)["gesprekken"] == 1
    assert s.bereik(PEIL, s.Afbakening(bekend_op=timezone.now()))["gesprekken"] == 0


def test_onderwerp_theme_and_reach_counts(partoer_adviseur):
    log(
        partoer_adviseur,
        datetime.date(2011, 3, 1),
        moment(2011, 3, 1),
        codes=("GM0080", "GM1900"),
        onderwerp="beide",
        themas=("VW-VERTALEN", "MZ-RESPIJT"),
    )
    log(
        partoer_adviseur,
        datetime.date(2011, 4, 1),
        moment(2011, 4, 1),
        onderwerp="mantelzorg",
        themas=("MZ-RESPIJT", "MZ-VISIE"),
    )
    log(partoer_adviseur, datetime.date(2011, 5, 1), moment(2011, 5, 1))
    onderwerpen = dict(
        zip(*[s.onderwerpen(PEIL, LANDELIJK)[k] for k in ("onderwerp", "aantal")], strict=True)
    )
    assert onderwerpen == {"vrijwilligerswerk": 1, "mantelzorg": 1, "beide": 1}
    themas = dict(zip(*[s.themas(PEIL, LANDELIJK)[k] for k in ("naam", "aantal")], strict=True))
    assert (themas["Respijtzorg"], themas["Vertalen"], themas["Visie en beleid"], themas["Verbinden"]) == (
        2,
        2,
        1,
        0,
    )
    bereik = s.bereik(PEIL, LANDELIJK)
    # Leeuwarden in 3 sessions, Súdwest-Fryslân in 1: 2 municipalities, 4 / 2 = 2 sessions each.
    assert (
        bereik["gesprekken"],
        bereik["gemeenten_met_advies"],
        bereik["gesprekken_per_gemeente"],
        bereik["uren"],
    ) == (3, 2, 2.0, 6.0)
    per_provincie = s.gesprekken_per_provincie(PEIL, LANDELIJK)
    assert per_provincie.to_dict("records") == [{"provincie": "Friesland", "gesprekken": 3, "gemeenten": 2}]
    utrecht = s.Afbakening.maak(provincie=Provincie.objects.get(naam="Utrecht"))
    assert s.bereik(PEIL, utrecht)["gesprekken"] == 0
    partoer = s.Afbakening.maak(organisatie=Organisatie.objects.get(naam="Partoer"))
    assert s.gesprekken_per_cmo(PEIL, partoer).to_dict("records") == [
        {"cmo": "Partoer", "gesprekken": 3, "uren": 6.0}
    ]


def test_pool_size_on_a_date(partoer_adviseur, referentiedata):
    tweede = adviseur_toevoegen(
        naam="Tess",
        email="tess@stamm.example.nl",
        organisatie=Organisatie.objects.get(naam="Stamm"),
        actief_van=datetime.date(2010, 1, 1),
        door=None,
        vastgelegd_op=moment(2010, 1, 1),
    )
    adviseur_beeindigen(
        periode=tweede,
        per=datetime.date(2012, 1, 1),
        door=CoordinatorFactory(),
        vastgelegd_op=moment(2012, 1, 1),
    )
    perioden = s.pool(PEIL, LANDELIJK)
    assert s.pool_grootte(perioden, datetime.date(2009, 6, 1)) == 1
    assert s.pool_grootte(perioden, datetime.date(2011, 6, 1)) == 2
    assert s.pool_grootte(perioden, PEIL) == 1
    assert s.pool_per_cmo(perioden, datetime.date(2011, 6, 1)).to_dict("records") == [
        {"cmo": "Partoer", "actief": 1},
        {"cmo": "Stamm", "actief": 1},
    ]


def test_an_empty_database_gives_zeros_and_says_so(db, tmp_path):
    from rapportage import inhoud

    rapport = inhoud.eindrapportage(PEIL, LANDELIJK)
    assert rapport.leeg
    assert rapport.cijfers["figuur_2_1_adviesgesprekken_cumulatief"]["2012-10-01"] == 0
    uitvoer = tmp_path / "leeg.html"
    call_command("rapport", "eind", "--peildatum", "2012-10-01", "--format", "html", "--out", str(uitvoer))
    assert "nog geen gegevens" in uitvoer.read_text()


@pytest.mark.parametrize(
    ("soort", "periode", "bericht"),
    [
        (
            "eind",
            {"peildatum": datetime.date(2099, 1, 1)},
            "De peildatum ligt in de toekomst: kies vandaag of een eerdere dag.",
        ),
        (
            "maand",
            {"jaar": 2099, "maand": 1},
            "Deze periode ligt in de toekomst: kies een eerder jaar of een eerdere maand of kwartaal.",
        ),
        ("maand", {"jaar": 2011, "maand": 13}, "Kies bij Maand de maand van het rapport."),
        # before the programme: also when a caller other than the form asks (a command, the API)
        (
            "eind",
            {"peildatum": datetime.date(2008, 12, 31)},
            "Deze datum ligt te ver terug: kies een datum vanaf 1-1-2009 (het begin van het programma).",
        ),
        (
            "kwartaal",
            {"jaar": 2008, "kwartaal": 4},
            "Deze periode ligt vóór het programma: vul bij Jaar 2009 of later in.",
        ),
        (
            "kwartaal",
            {"jaar": 2011, "kwartaal": 5},
            "Kies bij Kwartaal het kwartaal van het rapport (K1 tot en met K4).",
        ),
    ],
)
def test_bad_periods_are_refused_in_dutch(soort, periode, bericht):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        periode_van(soort, **periode)
    assert bericht in exc.value.messages


def test_periods_of_a_month_and_a_quarter():
    assert periode_van("maand", jaar=2011, maand=2) == (datetime.date(2011, 2, 1), datetime.date(2011, 2, 28))
    assert periode_van("kwartaal", jaar=2012, kwartaal=3) == (
        datetime.date(2012, 7, 1),
        datetime.date(2012, 9, 30),
    )


def test_the_command_refuses_an_unknown_province(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Onbekende provincie"):
        call_command(
            "rapport",
            "eind",
            "--peildatum",
            "2012-10-01",
            "--provincie",
            "PV99",
            "--format",
            "json",
            "--out",
            str(tmp_path / "x.json"),
        )


def test_participation_per_municipality_follows_the_successor_rule_on_the_2012_borders(
    referentiedata, nulmeting
):
    """The maps' numbers: Bolsward submitted in 2009, so Súdwest-Fryslân (2011) takes part; the
    per-municipality mapping adds up to the per-province table."""
    indienen(
        nulmeting, [("GM0064", datetime.date(2009, 10, 1), {}), ("GM0080", datetime.date(2012, 2, 1), {})]
    )
    in_2009 = s.deelname_per_gemeente(
        PEIL, LANDELIJK, indeling=datetime.date(2009, 1, 1), ingediend_tot=datetime.date(2009, 12, 31)
    )
    assert len(in_2009) == 441 and "GM1900" not in in_2009
    assert {c for c, ja in in_2009.items() if ja} == {"GM0064"}
    nu = s.deelname_per_gemeente(PEIL, LANDELIJK)
    assert len(nu) == 415 and "GM0064" not in nu
    assert {c for c, ja in nu.items() if ja} == {"GM1900", "GM0080"}
    assert sum(nu.values()) == s.totaal(s.deelname(PEIL, LANDELIJK))["deelnemers"]
    friesland = s.Afbakening.maak(provincie=Provincie.objects.get(naam="Friesland"))
    assert set(s.deelname_per_gemeente(PEIL, friesland)) == set(
        Gemeente.objects.bestaand_op(PEIL)
        .filter(provincie__naam="Friesland")
        .values_list("cbs_code", flat=True)
    )


def test_sessions_per_municipality_as_of_the_peildatum(partoer_adviseur, referentiedata):
    gesprek = {"onderwerp": "mantelzorg", "themas": Thema.objects.filter(code="MZ-RESPIJT"),
               "uren": Decimal("1"), "verslag": "v"}  # fmt: skip
    sneek_bolsward = Gemeente.objects.filter(cbs_code__in=["GM0091", "GM0064"])
    adviesgesprek_log(adviseur=partoer_adviseur.user, datum=datetime.date(2010, 6, 1), gemeenten=sneek_bolsward,
                      gerapporteerd_op=moment(2010, 6, 2), **gesprek)  # fmt: skip
    adviesgesprek_log(adviseur=partoer_adviseur.user, datum=datetime.date(2012, 9, 1),
                      gemeenten=Gemeente.objects.filter(cbs_code="GM1900"), gerapporteerd_op=moment(2012, 10, 2),
                      **gesprek)  # fmt: skip
    indeling = datetime.date(2012, 1, 1)
    assert s.gesprekken_per_gemeente(PEIL, LANDELIJK, indeling)["GM1900"] == 1  # logged after the peildatum
    assert s.gesprekken_per_gemeente(datetime.date(2012, 10, 2), LANDELIJK, indeling)["GM1900"] == 2
    in_2010 = s.gesprekken_per_gemeente(datetime.date(2010, 12, 31), LANDELIJK, datetime.date(2010, 12, 31))
    assert (in_2010["GM0091"], in_2010["GM0064"]) == (1, 1)
    assert s.provincie_codes(LANDELIJK)["Friesland"] == "PV21" and len(s.provincie_codes(LANDELIJK)) == 12
    partoer = s.Afbakening.maak(organisatie=Organisatie.objects.get(naam="Partoer"))
    assert s.provincie_codes(partoer) == {"Friesland": "PV21"}


def test_participants_with_advice_count_both_on_the_peildatums_borders(
    partoer_adviseur, referentiedata, nulmeting
):
    """Table 4.1's share in one unit: Súdwest-Fryslân took part through Sneek and was advised
    through Bolsward (before the merger); Leeuwarden was advised without taking part; Harlingen
    took part without advice. The published count takes the municipalities as they then existed."""
    indienen(
        nulmeting, [("GM0091", datetime.date(2009, 10, 1), {}), ("GM0072", datetime.date(2009, 10, 2), {})]
    )
    log(partoer_adviseur, datetime.date(2010, 6, 1), moment(2010, 6, 2), codes=("GM0064",))
    log(partoer_adviseur, datetime.date(2012, 3, 1), moment(2012, 3, 2), codes=("GM0080",))
    deelnemers = {c for c, ja in s.deelname_per_gemeente(PEIL, LANDELIJK).items() if ja}
    assert deelnemers == {"GM1900", "GM0072"}
    bereikt = s.bereik_per_provincie(PEIL, LANDELIJK)
    assert bereikt["nulmeting_en_gesprek"].sum() == 1
    assert bereikt["nulmeting"].sum() == s.totaal(s.deelname(PEIL, LANDELIJK))["deelnemers"] == 2
    assert s.bereik(PEIL, LANDELIJK)["gemeenten_met_advies"] == 2  # Bolsward and Leeuwarden, as then
    voor_het_gesprek = s.bereik_per_provincie(datetime.date(2010, 5, 31), LANDELIJK)
    assert voor_het_gesprek["nulmeting_en_gesprek"].sum() == 0
