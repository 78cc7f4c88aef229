"""Disclosure control of the spiegel (decision 0022): an official, adviser or anonymous visitor
can never work out another municipality's result from the figures of its province, the country
or the panel of an eenmeting — not by comparing the page before and after one meting is
submitted or reopened, not from a 0% or 100%. A coordinator sees the exact figures."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.permissions import mag_exacte_groepscijfers_zien
from gemeenten.models import Gemeente
from nulmeting import services
from nulmeting.afscherming import LAND, Aandeel, aandeel, afgerond, groepscijfers, peilmoment
from nulmeting.models import Basisfunctie, Meting
from tests.kaart_helpers import kaarten_op, titels
from tests.nulmeting.antwoorden import goed_of_niet
from tests.nulmeting.test_views import spiegel_cellen
from tests.tweede_factor import geverifieerd_inloggen

URL = "/nulmeting/GM1900/nulmeting-2009/uitslag/"
VERTALEN = "Vertalen maatschappelijke ontwikkeling"
VERANKEREN = "Verankeren"

pytestmark = pytest.mark.usefixtures("lege_cache")


def op(dag: str):
    """Travel to ``dag`` (ISO, noon Amsterdam time) for the block."""
    return time_machine.travel(datetime.datetime.fromisoformat(f"{dag}T12:00+01:00"), tick=False)


def friesland(aantal: int) -> list[Gemeente]:
    """``aantal`` Frisian municipalities other than Súdwest-Fryslân."""
    gemeenten = list(
        Gemeente.objects.filter(provincie__naam="Friesland", geldig_tot__isnull=True)
        .exclude(cbs_code="GM1900")
        .order_by("cbs_code")[:aantal]
    )
    assert len(gemeenten) == aantal
    return gemeenten


def cellen(client, url=URL) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    return spiegel_cellen(response.content.decode())


# --- the rule for one figure ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("goed", "n", "verwacht"),
    [
        (10, 27, Aandeel(35, 25)),  # 37% → 35%, N 27 → 25
        (10, 26, Aandeel(40, 25)),  # 38.5% → 40%
        (0, 27, Aandeel(None, 25, "bij minder dan 5 gemeenten")),  # no "0%"
        (4, 27, Aandeel(None, 25, "bij minder dan 5 gemeenten")),
        (27, 27, Aandeel(None, 25, "bij alle op minder dan 5 na")),  # no "100%"
        (23, 27, Aandeel(None, 25, "bij alle op minder dan 5 na")),
        (5, 10, Aandeel(50, 10)),
        (2, 4, Aandeel(None, 0, "minder dan 5 metingen")),
        (0, 0, Aandeel(None, 0)),
    ],
)
def test_one_figure_is_banded_and_rounded(goed, n, verwacht):
    assert aandeel(goed, n, exact=False) == verwacht


def test_a_coordinator_figure_is_exact():
    assert aandeel(10, 27, exact=True) == Aandeel(37, 27, exact=True)
    assert aandeel(0, 27, exact=True).tekst == "0% (N=27)"
    assert aandeel(10, 27, exact=False).tekst == "35% (N≈25)"


def test_rounding_half_up_to_five():
    assert [afgerond(n) for n in (0, 2, 3, 7, 8, 12, 13, 27, 28)] == [0, 0, 5, 5, 10, 10, 15, 25, 30]


def test_the_cut_off_is_the_first_of_the_month_in_local_time():
    moment = datetime.datetime.fromisoformat("2026-12-01T00:30+01:00")
    assert peilmoment(moment).isoformat() == "2026-12-01T00:00:00+01:00"
    moment = datetime.datetime.fromisoformat("2026-11-30T23:30+00:00")  # 1 December in Amsterdam
    assert peilmoment(moment).isoformat() == "2026-12-01T00:00:00+01:00"


# --- the differencing attack ----------------------------------------------------------------


@pytest.fixture
def friesland_ingediend(referentiedata, nulmeting, indienen, ambtenaar_sudwest):
    """In October 2026: Súdwest-Fryslân and 20 other Frisian municipalities submitted; 8 of the 21
    have Vertalen 'goed voor elkaar', none has Verankeren."""
    opbouw = nulmeting.opbouw
    with op("2026-10-10"):
        indienen("GM1900", nulmeting, goed_of_niet(opbouw, {"VW-VERTALEN"}), door=ambtenaar_sudwest)
        for i, gemeente in enumerate(friesland(20)):
            indienen(gemeente, nulmeting, goed_of_niet(opbouw, {"VW-VERTALEN"} if i < 7 else set()))
    return nulmeting


def test_the_attack_submit_and_reopen_recovers_nothing(
    client, ambtenaar_sudwest, coordinator, friesland_ingediend, indienen
):
    """The attack of issue 16: note the province's figures, let one meting be reopened and another
    be submitted, compare. Every province and country figure the official sees stays the same —
    that day, and at the next month's cut-off too, as fewer than 5 municipalities changed."""
    nulmeting = friesland_ingediend
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    opbouw = nulmeting.opbouw
    vlieland, nieuw = friesland(21)[0], friesland(21)[20]
    with op("2026-11-05"):
        voor = cellen(client)
        assert voor[VERTALEN][3] == "40% (N≈20)"  # 8 of 21 = 38%
        services.meting_heropenen(
            meting=Meting.objects.get(gemeente=vlieland), door=coordinator, reden="Fout hersteld"
        )
        na_heropenen = cellen(client)
        indienen(nieuw, nulmeting, goed_of_niet(opbouw, {"VW-VERTALEN"}))
        na_indienen = cellen(client)
    with op("2026-12-03"):
        volgende_maand = cellen(client)
    for stand in (na_heropenen, na_indienen, volgende_maand):
        assert {naam: rij[3:] for naam, rij in stand.items()} == {naam: rij[3:] for naam, rij in voor.items()}
    # the coordinator, who sees every result anyway, sees the change at once and exactly
    geverifieerd_inloggen(client, coordinator)
    with op("2026-12-03"):
        assert cellen(client)[VERTALEN][3] == "38% (N=21)"  # 8 of 21: Vlieland out, one more in


def test_figures_move_on_once_five_municipalities_changed(
    client, ambtenaar_sudwest, friesland_ingediend, indienen
):
    """Not frozen for ever: five more submissions show at the next cut-off, never before."""
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    with op("2026-11-05"):
        for gemeente in friesland(25)[20:]:
            indienen(gemeente, friesland_ingediend, goed_of_niet(friesland_ingediend.opbouw, {"VW-VERTALEN"}))
        assert cellen(client)[VERTALEN][3] == "40% (N≈20)"
    with op("2026-12-03"):
        assert cellen(client)[VERTALEN][3] == "50% (N≈25)"  # 13 of 26


def test_a_small_change_between_two_large_ones_is_not_shown(
    referentiedata, nulmeting, indienen, coordinator, ambtenaar_sudwest
):
    """Figures A, then B (5 more), then C = A plus one: C differs from B by 4 but from A by 1, so
    the province keeps B — comparing with any figure shown before isolates at least 5."""
    opbouw = nulmeting.opbouw
    gemeenten = friesland(26)
    with op("2026-09-10"):
        for i, g in enumerate(gemeenten[:15]):
            indienen(g, nulmeting, goed_of_niet(opbouw, {"VW-VERTALEN"} if i < 6 else set()))
    with op("2026-10-10"):
        for g in gemeenten[15:20]:
            indienen(g, nulmeting, goed_of_niet(opbouw, {"VW-VERTALEN"}))
    with op("2026-11-10"):
        for g in gemeenten[15:20]:
            services.meting_heropenen(meting=Meting.objects.get(gemeente=g), door=coordinator, reden="Fout")
        indienen(gemeenten[20], nulmeting, goed_of_niet(opbouw, set()))
    vertalen = Basisfunctie.objects.get(code="VW-VERTALEN").pk
    figuur = {}
    for dag in ("2026-10-05", "2026-11-05", "2026-12-05"):
        with op(dag):
            figuur[dag] = groepscijfers(nulmeting, ambtenaar_sudwest).van("PV21", vertalen)
    assert (figuur["2026-10-05"].procent, figuur["2026-10-05"].n) == (40, 15)  # 6 of 15
    assert (figuur["2026-11-05"].procent, figuur["2026-11-05"].n) == (55, 20)  # 11 of 20
    assert figuur["2026-12-05"] == figuur["2026-11-05"]  # not 6 of 16, next to 6 of 15


# --- all or nothing -------------------------------------------------------------------------


def test_no_zero_or_hundred_percent_tells_what_every_municipality_did(
    client, ambtenaar_sudwest, adviseur_friesland, friesland_ingediend
):
    for user in (ambtenaar_sudwest, adviseur_friesland):
        geverifieerd_inloggen(client, user)
        with op("2026-11-05"):
            pagina = client.get(URL).content.decode()
        rijen = spiegel_cellen(pagina)
        assert rijen[VERANKEREN][3:] == ["bij minder dan 5 gemeenten (N≈20)"] * 2  # not "0%"
        assert not re.search(r"\b(0|100)% \(N", pagina)
    with op("2026-11-05"):
        pagina = client.get(URL + "?basisfunctie=VW-VERANKEREN").content.decode()
    (svg, _), *_ = kaarten_op(pagina)
    assert (
        titels(svg)["PV21"]
        == "Friesland\n% 'goed voor elkaar': geen cijfer (bij minder dan 5 gemeenten; N≈20)"
    )


def test_the_official_s_own_result_stays_exact(client, ambtenaar_sudwest, friesland_ingediend):
    geverifieerd_inloggen(client, ambtenaar_sudwest)
    with op("2026-11-05"):
        rijen = cellen(client)
    assert rijen[VERTALEN][:3] == ["✔ goed voor elkaar", "6 / 8", "6"]
    assert rijen[VERANKEREN][0] == "✘ nog niet"


def test_an_anonymous_visitor_gets_the_protected_figures(friesland_ingediend):
    """What the open API asks: the same function, for nobody in particular."""
    vertalen = Basisfunctie.objects.get(code="VW-VERTALEN").pk
    with op("2026-11-05"):
        cijfers = groepscijfers(friesland_ingediend, AnonymousUser())
        assert not cijfers.exact and cijfers.peilmoment == peilmoment(timezone.now())
    assert (cijfers.van("PV21", vertalen).procent, cijfers.van(LAND, vertalen).procent) == (40, 40)


@pytest.mark.parametrize("aantal", [1, 5])
def test_metingen_imported_with_an_earlier_date_do_not_change_a_cut_off_already_shown(
    ambtenaar_sudwest, coordinator, friesland_ingediend, aantal
):
    """A cut-off's figures read only the versions stored when they were first worked out: metingen
    imported afterwards with an earlier date of submission count from the next cut-off on — one
    is held back there too, five show."""
    nulmeting = friesland_ingediend
    vertalen = Basisfunctie.objects.get(code="VW-VERTALEN").pk
    with op("2026-11-05"):
        voor = groepscijfers(nulmeting, ambtenaar_sudwest).van("PV21", vertalen)
        assert (voor.procent, voor.n) == (40, 20)  # 8 of 21
        for gemeente in friesland(20 + aantal)[20:]:
            services.meting_importeren(
                gemeente=gemeente,
                vragenlijst=nulmeting,
                ingediend_op=datetime.datetime.fromisoformat("2026-10-20T10:00+02:00"),
                antwoorden=goed_of_niet(nulmeting.opbouw, {"VW-VERTALEN"}),
                door=coordinator,
            )
        assert groepscijfers(nulmeting, ambtenaar_sudwest).van("PV21", vertalen) == voor
    with op("2026-12-05"):
        volgende = groepscijfers(nulmeting, ambtenaar_sudwest).van("PV21", vertalen)
    assert (volgende.procent, volgende.n) == ((40, 20) if aantal == 1 else (50, 25))  # 13 of 26


def test_only_a_coordinator_sees_exact_group_figures(coordinator, adviseur_friesland, ambtenaar_sudwest):
    assert mag_exacte_groepscijfers_zien(coordinator)
    for kijker in (adviseur_friesland, ambtenaar_sudwest, AnonymousUser(), None):
        assert not mag_exacte_groepscijfers_zien(kijker)
    coordinator.is_active = False
    assert not mag_exacte_groepscijfers_zien(coordinator)
