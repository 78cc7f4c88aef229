"""The rules of logging, changing and deleting advice sessions, trajecten and the adviser pool,
tested at the service layer (the same rules hold for the form, the import and any future API)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import User
from advies import selectors, services
from advies.models import Adviesgesprek, Adviestraject, Adviseur
from advies.selectors import GesprekFilter, gesprekken_bekend_op
from tests.advies.advies_helpers import cmo, gemeenten, themas
from tests.advies.factories import AdviseurPeriodeFactory

pytestmark = pytest.mark.django_db


def _fouten(exc_info) -> dict[str, list[str]]:
    return exc_info.value.message_dict


# --- Logging a session ----------------------------------------------------------------------------


def test_logging_records_the_moment_of_logging_apart_from_the_date_held(loggen, adviseur_friesland):
    voor = timezone.now()
    gesprek = loggen(datum=datetime.date(2012, 3, 1), codes=("GM1900", "GM0080"))
    na = timezone.now()

    gesprek.refresh_from_db()
    assert gesprek.datum == datetime.date(2012, 3, 1)
    assert voor <= gesprek.gerapporteerd_op <= na
    assert gesprek.organisatie == cmo("Partoer")
    assert {g.cbs_code for g in gesprek.gemeenten.all()} == {"GM1900", "GM0080"}
    geschiedenis = selectors.versies_van(gesprek)
    assert [(v.soort, v.history_user, v.versie) for v in geschiedenis] == [
        ("aangemaakt", adviseur_friesland, 1)
    ]
    assert voor <= geschiedenis[0].history_date <= na


def test_a_mantelzorg_theme_on_a_vrijwilligerswerk_session_is_refused_at_themas(loggen):
    with pytest.raises(ValidationError) as exc:
        loggen(onderwerp="vrijwilligerswerk", thema_codes=("VW-VERTALEN", "MZ-RESPIJT"))
    assert list(_fouten(exc)) == ["themas"]
    assert _fouten(exc)["themas"] == ["Respijtzorg past niet bij het onderwerp vrijwilligerswerk."]
    assert not Adviesgesprek.objects.exists()


def test_a_vrijwilligerswerk_theme_on_a_mantelzorg_session_is_refused(loggen):
    with pytest.raises(ValidationError) as exc:
        loggen(onderwerp="mantelzorg", thema_codes=("VW-VERBINDEN",))
    assert _fouten(exc)["themas"] == ["Verbinden past niet bij het onderwerp mantelzorg."]


def test_beide_accepts_themes_of_both_domains(loggen):
    gesprek = loggen(onderwerp="beide", thema_codes=("VW-VERTALEN", "MZ-RESPIJT", "MZ-VISIE"))
    assert {t.naam for t in gesprek.themas.all()} == {"Vertalen", "Respijtzorg", "Visie en beleid"}


def test_at_least_one_theme_is_required(loggen):
    with pytest.raises(ValidationError) as exc:
        loggen(thema_codes=())
    assert _fouten(exc)["themas"] == ["Kruis ten minste één thema aan."]
    assert not Adviesgesprek.objects.exists()


def test_a_date_in_the_future_is_refused(loggen):
    with pytest.raises(ValidationError) as exc:
        loggen(datum=timezone.localdate() + datetime.timedelta(days=1))
    assert _fouten(exc)["datum"] == [
        "De datum ligt in de toekomst; leg een gesprek vast nadat het is gehouden."
    ]
    assert not Adviesgesprek.objects.exists()


def test_today_is_not_in_the_future(loggen):
    assert loggen(datum=timezone.localdate()).datum == timezone.localdate()


def test_the_service_refuses_a_municipality_outside_the_cmo_provinces(loggen):
    # Utrecht lies in the province of Utrecht; Partoer works in Friesland only.
    with pytest.raises(ValidationError) as exc:
        loggen(codes=("GM1900", "GM0344"))
    assert _fouten(exc)["gemeenten"] == ["Utrecht ligt buiten de provincie(s) van uw CMO."]
    assert not Adviesgesprek.objects.exists()


def test_the_adviser_of_the_other_cmo_may_log_for_utrecht(loggen, adviseur_utrecht):
    gesprek = loggen(adviseur=adviseur_utrecht, codes=("GM0344",))
    assert gesprek.organisatie == cmo("Alleato")


@pytest.mark.parametrize(
    ("code", "datum", "bericht"),
    [
        # Súdwest-Fryslân was formed on 1 January 2011.
        ("GM1900", datetime.date(2010, 6, 1), "Súdwest-Fryslân bestond niet op 1 juni 2010."),
        # Bolsward went into Súdwest-Fryslân on that day.
        ("GM0064", datetime.date(2012, 1, 1), "Bolsward bestond niet op 1 januari 2012."),
    ],
)
def test_a_municipality_that_did_not_exist_on_the_date_held_is_refused(loggen, code, datum, bericht):
    with pytest.raises(ValidationError) as exc:
        loggen(codes=(code,), datum=datum)
    assert _fouten(exc)["gemeenten"] == [bericht]
    assert not Adviesgesprek.objects.exists()


def test_a_dissolved_municipality_is_accepted_for_a_date_it_still_existed(loggen):
    gesprek = loggen(codes=("GM0064",), datum=datetime.date(2010, 6, 1))
    assert [g.naam for g in gesprek.gemeenten.all()] == ["Bolsward"]


@pytest.mark.parametrize("uren", [Decimal("0"), Decimal("-1"), Decimal("99.5"), Decimal("100"), None])
def test_hours_outside_the_bounds_are_refused(loggen, uren):
    with pytest.raises(ValidationError) as exc:
        loggen(uren=uren)
    assert "uren" in _fouten(exc)
    assert not Adviesgesprek.objects.exists()


@pytest.mark.parametrize("uren", [Decimal("0.1"), Decimal("1.5"), Decimal("99")])
def test_hours_within_the_bounds_are_kept(loggen, uren):
    gesprek = loggen(uren=uren)
    gesprek.refresh_from_db()
    assert gesprek.uren == uren


def test_an_official_or_coordinator_cannot_log_a_session(loggen, ambtenaar_sudwest, coordinator):
    for user in (ambtenaar_sudwest, coordinator):
        with pytest.raises(PermissionDenied):
            loggen(adviseur=user)
    assert not Adviesgesprek.objects.exists()


# --- Editing, history and conflicts ------------------------------------------------------------------


def test_an_edit_records_who_when_and_which_fields_changed_from_what_to_what(
    gesprek_friesland, adviseur_friesland
):
    voor = timezone.now()
    services.adviesgesprek_wijzigen(
        gesprek=gesprek_friesland,
        door=adviseur_friesland,
        versie=1,
        uren=Decimal("3.5"),
        verslag="Nota besproken; vervolg in mei.",
        gemeenten=gemeenten("GM1900"),
    )
    gesprek = Adviesgesprek.objects.get(pk=gesprek_friesland.pk)
    assert gesprek.uren == Decimal("3.5")
    assert gesprek.versie == 2
    wijziging = selectors.versies_van(gesprek)[-1]
    assert wijziging.history_user == adviseur_friesland
    assert wijziging.history_date >= voor
    assert wijziging.versie == 2
    assert wijziging.weergave() == [
        ("gemeenten", "Leeuwarden; Súdwest-Fryslân", "Súdwest-Fryslân"),
        ("uren", "2,5", "3,5"),
        ("verslag", "Gesprek over de nieuwe nota.", "Nota besproken; vervolg in mei."),
    ]
    assert [v.soort for v in selectors.versies_van(gesprek)] == ["aangemaakt", "gewijzigd"]


def test_an_edit_obeys_the_same_rules_as_logging(gesprek_friesland, adviseur_friesland):
    with pytest.raises(ValidationError) as exc:
        services.adviesgesprek_wijzigen(
            gesprek=gesprek_friesland, door=adviseur_friesland, versie=1, onderwerp="vrijwilligerswerk"
        )
    assert _fouten(exc)["themas"] == ["Respijtzorg past niet bij het onderwerp vrijwilligerswerk."]
    with pytest.raises(ValidationError) as exc:
        services.adviesgesprek_wijzigen(
            gesprek=gesprek_friesland, door=adviseur_friesland, versie=1, gemeenten=gemeenten("GM0344")
        )
    assert "gemeenten" in _fouten(exc)
    gesprek = Adviesgesprek.objects.get(pk=gesprek_friesland.pk)
    assert (gesprek.versie, gesprek.onderwerp) == (1, "beide")
    assert gesprek.history.count() == 1


def test_a_second_editor_of_the_same_version_is_told_who_changed_what_and_nothing_of_theirs_is_written(
    gesprek_friesland, adviseur_friesland, coordinator
):
    coordinator.naam = "Corrie Coördinator"
    coordinator.save(update_fields=["naam"])
    # Both open version 1; the coordinator saves first.
    services.adviesgesprek_wijzigen(
        gesprek=gesprek_friesland, door=coordinator, versie=1, verslag="Aangevuld door MOVISIE."
    )
    with pytest.raises(services.GewijzigdDoorAnder) as exc:
        services.adviesgesprek_wijzigen(
            gesprek=gesprek_friesland,
            door=adviseur_friesland,
            versie=1,
            uren=Decimal("8"),
            verslag="Mijn eigen versie.",
        )
    bericht = exc.value.bericht
    assert "Corrie Coördinator heeft dit gesprek gewijzigd nadat u het opende (verslag)" in bericht
    assert "Uw wijzigingen zijn niet opgeslagen" in bericht
    gesprek = Adviesgesprek.objects.get(pk=gesprek_friesland.pk)
    assert gesprek.verslag == "Aangevuld door MOVISIE."
    assert gesprek.uren == Decimal("2.5")
    assert gesprek.versie == 2
    assert [(v.soort, v.history_user) for v in selectors.versies_van(gesprek)] == [
        ("aangemaakt", adviseur_friesland),
        ("gewijzigd", coordinator),
    ]


def test_after_reading_the_new_version_the_second_editor_can_save(
    gesprek_friesland, adviseur_friesland, coordinator
):
    services.adviesgesprek_wijzigen(gesprek=gesprek_friesland, door=coordinator, versie=1, verslag="Nieuw.")
    services.adviesgesprek_wijzigen(
        gesprek=gesprek_friesland, door=adviseur_friesland, versie=2, uren=Decimal("3")
    )
    gesprek = Adviesgesprek.objects.get(pk=gesprek_friesland.pk)
    assert (gesprek.verslag, gesprek.uren, gesprek.versie) == ("Nieuw.", Decimal("3"), 3)


# --- Soft delete and restore, and who may change a session ------------------------------------------


def test_soft_delete_hides_the_session_from_lists_and_exports_and_a_coordinator_restores_it(
    gesprek_friesland, adviseur_friesland, coordinator, loggen
):
    ander = loggen(datum=datetime.date(2012, 4, 1))
    services.adviesgesprek_verwijderen(gesprek=gesprek_friesland, door=adviseur_friesland)

    assert Adviesgesprek.objects.filter(pk=gesprek_friesland.pk).exists(), "deleting is soft"
    for user in (adviseur_friesland, coordinator):
        lijst = selectors.gesprekken_voor_lijst(user, GesprekFilter())
        assert [g.pk for g in lijst] == [ander.pk]
        assert [r[0] for r in selectors.export_rijen(lijst)] == [ander.pk]
    verwijderd = selectors.gesprekken_voor_lijst(coordinator, GesprekFilter(alleen_verwijderd=True))
    assert [g.pk for g in verwijderd] == [gesprek_friesland.pk]
    # Only coordinators look into the bin.
    assert [
        g.pk
        for g in selectors.gesprekken_voor_lijst(adviseur_friesland, GesprekFilter(alleen_verwijderd=True))
    ] == [ander.pk]
    # A deleted session is not counted in reports "as of" any moment.
    assert not gesprekken_bekend_op(timezone.now()).filter(id=gesprek_friesland.pk).exists()

    with pytest.raises(PermissionDenied):
        services.adviesgesprek_herstellen(gesprek=gesprek_friesland, door=adviseur_friesland)
    services.adviesgesprek_herstellen(gesprek=gesprek_friesland, door=coordinator)

    lijst = selectors.gesprekken_voor_lijst(adviseur_friesland, GesprekFilter())
    assert {g.pk for g in lijst} == {ander.pk, gesprek_friesland.pk}
    assert [(v.soort, v.history_user) for v in selectors.versies_van(gesprek_friesland)] == [
        ("aangemaakt", adviseur_friesland),
        ("verwijderd", adviseur_friesland),
        ("hersteld", coordinator),
    ]


def test_a_deleted_session_cannot_be_edited(gesprek_friesland, adviseur_friesland):
    services.adviesgesprek_verwijderen(gesprek=gesprek_friesland, door=adviseur_friesland)
    with pytest.raises(PermissionDenied):
        services.adviesgesprek_wijzigen(
            gesprek=gesprek_friesland, door=adviseur_friesland, versie=2, uren=Decimal("1")
        )


def test_another_adviser_of_the_same_cmo_sees_but_cannot_edit_or_delete(gesprek_friesland, collega_partoer):
    assert [g.pk for g in selectors.gesprekken_voor_lijst(collega_partoer, GesprekFilter())] == [
        gesprek_friesland.pk
    ]
    with pytest.raises(PermissionDenied):
        services.adviesgesprek_wijzigen(
            gesprek=gesprek_friesland, door=collega_partoer, versie=1, verslag="Overschreven"
        )
    with pytest.raises(PermissionDenied):
        services.adviesgesprek_verwijderen(gesprek=gesprek_friesland, door=collega_partoer)
    gesprek = Adviesgesprek.objects.get(pk=gesprek_friesland.pk)
    assert (gesprek.verslag, gesprek.verwijderd_op, gesprek.versie) == (
        "Gesprek over de nieuwe nota.",
        None,
        1,
    )
    assert gesprek.history.count() == 1


def test_an_official_of_the_municipality_cannot_edit_delete_or_restore(gesprek_friesland, ambtenaar_sudwest):
    with pytest.raises(PermissionDenied):
        services.adviesgesprek_wijzigen(
            gesprek=gesprek_friesland, door=ambtenaar_sudwest, versie=1, verslag="x"
        )
    with pytest.raises(PermissionDenied):
        services.adviesgesprek_verwijderen(gesprek=gesprek_friesland, door=ambtenaar_sudwest)
    with pytest.raises(PermissionDenied):
        services.adviesgesprek_herstellen(gesprek=gesprek_friesland, door=ambtenaar_sudwest)
    gesprek = Adviesgesprek.objects.get(pk=gesprek_friesland.pk)
    assert (gesprek.verslag, gesprek.verwijderd_op) == ("Gesprek over de nieuwe nota.", None)


# --- Adviestrajecten -------------------------------------------------------------------------------------

PLAN = {
    "titel": "Mantelzorgbeleid Zuidwest-Friesland",
    "onderwerp": "mantelzorg",
    "status": "lopend",
    "doel": "Een gedragen visie op mantelzorgondersteuning.",
    "werkwijze": "Drie werksessies met ambtenaren en aanbieders.",
    "inzet_uren": Decimal("40"),
    "tijdspad": "Maart tot en met juni 2012.",
    "verwachte_opbrengst": "Een vastgestelde beleidsnotitie.",
    "borging": "Jaarlijkse evaluatie in de Wmo-raad.",
}


def test_a_traject_is_created_with_its_plan_van_aanpak(adviseur_friesland):
    traject = services.adviestraject_opslaan(
        door=adviseur_friesland, gemeenten=gemeenten("GM1900", "GM0080"), **PLAN
    )
    traject = Adviestraject.objects.get(pk=traject.pk)
    for veld, verwacht in PLAN.items():
        assert getattr(traject, veld) == verwacht, veld
    assert traject.leider == adviseur_friesland
    assert traject.organisatie == cmo("Partoer")
    assert {g.cbs_code for g in traject.gemeenten.all()} == {"GM1900", "GM0080"}


def test_a_traject_with_a_municipality_outside_the_cmo_provinces_is_refused(adviseur_friesland):
    with pytest.raises(ValidationError) as exc:
        services.adviestraject_opslaan(
            door=adviseur_friesland, gemeenten=gemeenten("GM1900", "GM0344"), **PLAN
        )
    assert _fouten(exc)["gemeenten"] == ["Utrecht ligt buiten de provincie(s) van de CMO."]
    assert not Adviestraject.objects.exists()


def test_only_the_leader_or_a_coordinator_changes_a_traject(adviseur_friesland, collega_partoer, coordinator):
    traject = services.adviestraject_opslaan(door=adviseur_friesland, gemeenten=gemeenten("GM1900"), **PLAN)
    with pytest.raises(PermissionDenied):
        services.adviestraject_opslaan(
            door=collega_partoer, traject=traject, gemeenten=gemeenten("GM1900"), status="afgerond"
        )
    services.adviestraject_opslaan(
        door=coordinator, traject=traject, gemeenten=gemeenten("GM1900"), status="afgerond"
    )
    assert Adviestraject.objects.get(pk=traject.pk).status == "afgerond"


def test_hours_used_sum_the_non_deleted_sessions_of_the_traject_and_are_shared_by_its_municipalities(
    adviseur_friesland, loggen, coordinator
):
    traject = services.adviestraject_opslaan(
        door=adviseur_friesland, gemeenten=gemeenten("GM1900", "GM0080"), **PLAN
    )
    mz = {"onderwerp": "mantelzorg", "thema_codes": ("MZ-VISIE",), "traject": traject}
    loggen(codes=("GM1900",), uren=Decimal("2.5"), **mz)
    loggen(codes=("GM0080",), uren=Decimal("1.5"), **mz)
    loggen(codes=("GM1900", "GM0080"), uren=Decimal("4"), **mz)  # joint: counted once
    weg = loggen(codes=("GM1900",), uren=Decimal("10"), **mz)
    services.adviesgesprek_verwijderen(gesprek=weg, door=adviseur_friesland)
    loggen(codes=("GM1900",), uren=Decimal("7"))  # not in the traject

    rij = selectors.trajecten_voor_lijst(adviseur_friesland).get(pk=traject.pk)
    assert rij.uren_besteed == Decimal("8.0")
    assert rij.inzet_uren == Decimal("40")
    # Each municipality page shows the one shared budget with the same hours used.
    for code in ("GM1900", "GM0080"):
        advies = selectors.gemeente_advies(coordinator, gemeenten(code)[0])
        assert [(t.pk, t.uren_besteed, t.inzet_uren) for t in advies["trajecten"]] == [
            (traject.pk, Decimal("8.0"), Decimal("40"))
        ]


def test_a_session_cannot_join_a_traject_of_another_cmo(adviseur_utrecht, loggen):
    traject = services.adviestraject_opslaan(door=adviseur_utrecht, gemeenten=gemeenten("GM0344"), **PLAN)
    with pytest.raises(ValidationError) as exc:
        loggen(traject=traject)
    assert _fouten(exc)["traject"] == ["Dit traject hoort bij een andere CMO."]


# --- The adviser pool ---------------------------------------------------------------------------------


def _aantal(datum: datetime.date) -> dict[str, int]:
    return {r["naam"]: r["actief"] for r in selectors.pool_op(datum) if r["actief"]}


def test_adding_an_adviser_creates_an_account_without_password_and_an_active_period(
    coordinator, referentiedata
):
    periode = services.adviseur_toevoegen(
        naam="Petra Pool",
        email="Petra.Pool@Partoer.example.nl",
        organisatie=cmo("Partoer"),
        actief_van=datetime.date(2009, 3, 1),
        door=coordinator,
    )
    user = User.objects.get(email="petra.pool@partoer.example.nl")
    assert periode.user == user
    assert (user.rol, user.organisatie, user.is_active) == ("adviseur", cmo("Partoer"), True)
    assert not user.has_usable_password()
    assert _aantal(datetime.date(2009, 2, 28)) == {}
    assert _aantal(datetime.date(2009, 3, 1)) == {"Partoer": 1}


def test_only_a_coordinator_manages_the_pool(adviseur_friesland):
    with pytest.raises(PermissionDenied):
        services.adviseur_toevoegen(
            naam="X",
            email="x@example.nl",
            organisatie=cmo("Partoer"),
            actief_van=datetime.date(2010, 1, 1),
            door=adviseur_friesland,
        )
    periode = AdviseurPeriodeFactory(user=adviseur_friesland)  # at Partoer
    with pytest.raises(PermissionDenied):
        services.adviseur_beeindigen(periode=periode, per=datetime.date(2011, 1, 1), door=adviseur_friesland)
    with pytest.raises(PermissionDenied):
        services.adviseur_verplaatsen(
            periode=periode, naar=cmo("Alleato"), per=datetime.date(2011, 1, 1), door=adviseur_friesland
        )
    assert Adviseur.objects.get(pk=periode.pk).actief_tot is None


def test_ending_a_period_takes_the_adviser_out_of_the_pool_from_that_day(coordinator, referentiedata):
    periode = services.adviseur_toevoegen(
        naam="Eva Einde",
        email="eva@partoer.example.nl",
        organisatie=cmo("Partoer"),
        actief_van=datetime.date(2009, 1, 1),
        door=coordinator,
    )
    services.adviseur_beeindigen(periode=periode, per=datetime.date(2011, 1, 1), door=coordinator)
    assert _aantal(datetime.date(2010, 12, 31)) == {"Partoer": 1}
    assert _aantal(datetime.date(2011, 1, 1)) == {}
    user = User.objects.get(email="eva@partoer.example.nl")
    assert not user.is_active, "a former adviser can no longer log in"
    with pytest.raises(ValidationError):
        services.adviseur_beeindigen(periode=periode, per=datetime.date(2008, 1, 1), door=coordinator)


def test_a_move_counts_the_adviser_at_the_old_cmo_before_and_at_the_new_one_after(
    coordinator, referentiedata
):
    periode = services.adviseur_toevoegen(
        naam="Vera Verhuis",
        email="vera@partoer.example.nl",
        organisatie=cmo("Partoer"),
        actief_van=datetime.date(2009, 1, 1),
        door=coordinator,
    )
    services.adviseur_toevoegen(
        naam="Blijft",
        email="blijft@partoer.example.nl",
        organisatie=cmo("Partoer"),
        actief_van=datetime.date(2009, 1, 1),
        door=coordinator,
    )
    nieuw = services.adviseur_verplaatsen(
        periode=periode, naar=cmo("Alleato"), per=datetime.date(2011, 7, 1), door=coordinator
    )
    assert (nieuw.organisatie, nieuw.actief_van, nieuw.actief_tot) == (
        cmo("Alleato"),
        datetime.date(2011, 7, 1),
        None,
    )
    assert _aantal(datetime.date(2011, 6, 30)) == {"Partoer": 2}
    assert _aantal(datetime.date(2011, 7, 1)) == {"Partoer": 1, "Alleato": 1}
    assert sum(r["actief"] for r in selectors.pool_op(datetime.date(2011, 7, 1))) == 2
    with pytest.raises(ValidationError):
        services.adviseur_verplaatsen(
            periode=nieuw, naar=cmo("Alleato"), per=datetime.date(2012, 1, 1), door=coordinator
        )


def test_an_adviser_who_moved_logs_for_the_new_cmos_provinces_only(coordinator, referentiedata, loggen):
    periode = services.adviseur_toevoegen(
        naam="Vera Verhuis",
        email="vera@partoer.example.nl",
        organisatie=cmo("Partoer"),
        actief_van=datetime.date(2009, 1, 1),
        door=coordinator,
    )
    services.adviseur_verplaatsen(
        periode=periode, naar=cmo("Alleato"), per=datetime.date(2011, 7, 1), door=coordinator
    )
    vera = User.objects.get(email="vera@partoer.example.nl")
    assert vera.is_active

    gesprek = loggen(adviseur=vera, codes=("GM0344",), datum=datetime.date(2012, 2, 1))
    assert gesprek.organisatie == cmo("Alleato")
    with pytest.raises(ValidationError) as exc:
        loggen(adviseur=vera, codes=("GM0080",), datum=datetime.date(2012, 2, 1))
    assert _fouten(exc)["gemeenten"] == ["Leeuwarden ligt buiten de provincie(s) van uw CMO."]


def test_a_move_scheduled_for_a_future_date_keeps_the_adviser_at_the_old_cmo_until_then(
    coordinator, referentiedata, loggen
):
    periode = services.adviseur_toevoegen(
        naam="Vera Verhuis",
        email="vera@partoer.example.nl",
        organisatie=cmo("Partoer"),
        actief_van=datetime.date(2009, 1, 1),
        door=coordinator,
    )
    volgende_maand = timezone.localdate() + datetime.timedelta(days=30)
    services.adviseur_verplaatsen(periode=periode, naar=cmo("Alleato"), per=volgende_maand, door=coordinator)
    assert _aantal(timezone.localdate()) == {"Partoer": 1}

    vera = User.objects.get(email="vera@partoer.example.nl")
    gesprek = loggen(adviseur=vera, codes=("GM0080",), datum=timezone.localdate())
    assert gesprek.organisatie == cmo("Partoer")


def test_an_adviser_added_with_a_period_that_already_ended_has_no_active_account(coordinator, referentiedata):
    services.adviseur_toevoegen(
        naam="Oud Adviseur",
        email="oud@partoer.example.nl",
        organisatie=cmo("Partoer"),
        actief_van=datetime.date(2009, 1, 1),
        actief_tot=datetime.date(2010, 6, 1),
        door=coordinator,
    )
    user = User.objects.get(email="oud@partoer.example.nl")
    assert not user.is_active


def test_pool_periods_cannot_overlap_with_two_open_periods(coordinator, referentiedata):
    services.adviseur_toevoegen(
        naam="Dubbel",
        email="dubbel@partoer.example.nl",
        organisatie=cmo("Partoer"),
        actief_van=datetime.date(2009, 1, 1),
        door=coordinator,
    )
    with pytest.raises(ValidationError) as exc:
        services.adviseur_toevoegen(
            naam="Dubbel",
            email="dubbel@partoer.example.nl",
            organisatie=cmo("Alleato"),
            actief_van=datetime.date(2010, 1, 1),
            door=coordinator,
        )
    assert "al actief" in " ".join(exc.value.messages)
    assert Adviseur.objects.count() == 1


def test_history_is_kept_for_every_kind_of_change(gesprek_friesland, adviseur_friesland, coordinator):
    services.adviesgesprek_wijzigen(
        gesprek=gesprek_friesland,
        door=adviseur_friesland,
        versie=1,
        themas=themas("VW-VERTALEN", "MZ-INFORMATIE"),
        vervolgafspraken="Terugkomen in juni.",
    )
    services.adviesgesprek_verwijderen(gesprek=gesprek_friesland, door=adviseur_friesland)
    services.adviesgesprek_herstellen(gesprek=gesprek_friesland, door=coordinator)
    rijen = selectors.versies_van(gesprek_friesland)
    assert [(v.soort, v.versie) for v in rijen] == [
        ("aangemaakt", 1),
        ("gewijzigd", 2),
        ("verwijderd", 3),
        ("hersteld", 4),
    ]
    assert rijen[1].weergave() == [
        ("thema's", "Respijtzorg; Vertalen", "Informatie; Vertalen"),
        ("vervolgafspraken", "", "Terugkomen in juni."),
    ]
    # Each version keeps the session as it then stood, its themes included.
    assert [sorted(r.thema.naam for r in v.themas.all()) for v in rijen] == [
        ["Respijtzorg", "Vertalen"],
        ["Informatie", "Vertalen"],
        ["Informatie", "Vertalen"],
        ["Informatie", "Vertalen"],
    ]


# --- Logging many sessions at once ----------------------------------------------------------------


def _vastgelegd(gesprek: Adviesgesprek) -> tuple:
    """All a session is once stored, its links and history included (its key aside)."""
    gesprek = Adviesgesprek.objects.get(pk=gesprek.pk)
    velden = ["datum", "gerapporteerd_op", "adviseur_id", "organisatie_id", "onderwerp", "uren", "verslag"]
    velden += ["vervolgafspraken", "traject_id", "versie", "gewijzigd_op", "verwijderd_op"]
    return (
        *(getattr(gesprek, veld) for veld in velden),
        sorted(g.cbs_code for g in gesprek.gemeenten.all()),
        sorted(t.code for t in gesprek.themas.all()),
        [
            (v.soort, v.history_user_id, v.history_date, v.weergave(), v.versie)
            for v in selectors.versies_van(gesprek)
        ],
    )


@pytest.mark.parametrize("geimporteerd", [False, True])
def test_a_batch_stores_exactly_what_single_logs_store(
    geimporteerd, adviseur_friesland, collega_partoer, monkeypatch
):
    nu = timezone.make_aware(datetime.datetime(2024, 5, 6, 10, 0))
    monkeypatch.setattr(timezone, "now", lambda: nu)
    Adviseur.objects.create(
        user=collega_partoer, organisatie=cmo("Partoer"), actief_van=datetime.date(2010, 1, 1)
    )
    gesprekken = [
        {
            "adviseur": adviseur_friesland,
            "datum": datetime.date(2012, 3, 1),
            "gemeenten": gemeenten("GM1900", "GM0080"),
            "onderwerp": "beide",
            "themas": themas("VW-VERTALEN", "MZ-RESPIJT"),
            "uren": Decimal("2.5"),
            "verslag": "  Gesprek over de nieuwe nota. ",
            "vervolgafspraken": "Terugbellen ",
        },
        {
            "adviseur": collega_partoer,
            "datum": datetime.date(2013, 6, 4),
            "gemeenten": gemeenten("GM1900") * 2,  # named twice, linked once
            "onderwerp": "mantelzorg",
            "themas": themas("MZ-RESPIJT"),
            "uren": Decimal("1.0"),
            "verslag": "Respijtzorg.",
            "gerapporteerd_op": timezone.make_aware(datetime.datetime(2013, 6, 5, 9, 30)),
        },
    ]
    door = {"geimporteerd": geimporteerd, "door": None}
    los = [services.adviesgesprek_log(**gesprek, **door) for gesprek in gesprekken]
    samen = services.adviesgesprekken_loggen(gesprekken, **door)

    assert [_vastgelegd(g) for g in samen] == [_vastgelegd(g) for g in los]
    assert [(g.pk is not None, g.versie) for g in samen] == [(True, 1), (True, 1)]


def test_a_batch_with_one_bad_session_stores_nothing_and_names_each_refused_one(adviseur_friesland):
    goed = {
        "adviseur": adviseur_friesland,
        "datum": datetime.date(2012, 3, 1),
        "gemeenten": gemeenten("GM1900"),
        "onderwerp": "vrijwilligerswerk",
        "themas": themas("VW-VERTALEN"),
        "uren": Decimal("1"),
        "verslag": "Goed.",
    }
    fout = {**goed, "uren": Decimal("0")}

    with pytest.raises(services.GesprekkenGeweigerd) as exc_info:
        services.adviesgesprekken_loggen([goed, fout, goed, fout])

    assert sorted(exc_info.value.fouten) == [1, 3]
    assert exc_info.value.fouten[1].message_dict == {"uren": ["Vul het aantal uren in (groter dan 0)."]}
    assert not Adviesgesprek.objects.exists()
    assert not Adviesgesprek.history.exists()
