"""An imported session or pool period meets the rules of the services a user's input goes through:
the same refusals, the scope from advies.permissions, and only a coordinator imports."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import User
from advies.models import Adviesgesprek, Thema
from advies.permissions import cmo_op
from advies.services import adviesgesprek_log, adviseur_toevoegen
from advies.uitwisseling import (
    ADVISEUR_KOLOMMEN,
    GESPREK_KOLOMMEN,
    adviseurs_importeren,
    gesprekken_importeren,
)
from gemeenten.models import Gemeente, Organisatie
from toolkit.export import csv_bytes
from toolkit.tabular import Fout, ImportFout

pytestmark = pytest.mark.django_db


def gesprek(adviseur: str, datum: str, gemeente: str, uren: str = "1,5") -> list[str]:
    return [datum, "", adviseur, gemeente, "vrijwilligerswerk", "Vertalen", uren, f"Gesprek in {gemeente}."]


def gesprekken(*rijen) -> bytes:
    return csv_bytes(GESPREK_KOLOMMEN, rijen)


def geweigerd(**velden) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        adviesgesprek_log(**velden)
    return exc.value.message_dict


def test_hours_out_of_range_are_refused_with_the_message_the_adviser_gets(adviseur_friesland):
    online = geweigerd(
        adviseur=adviseur_friesland,
        datum=datetime.date(2012, 3, 1),
        gemeenten=Gemeente.objects.filter(cbs_code="GM1900"),
        onderwerp="vrijwilligerswerk",
        themas=Thema.objects.filter(naam="Vertalen"),
        uren=Decimal("100"),
        verslag="Te lang.",
    )
    with pytest.raises(ImportFout) as exc:
        gesprekken_importeren(gesprekken(gesprek(adviseur_friesland.email, "2012-03-01", "GM1900", "100")))
    assert online == {"uren": ["Meer dan 99 uur voor één gesprek is niet mogelijk."]}
    assert exc.value.fouten == [Fout(2, online["uren"][0], "uren")]


@pytest.fixture
def bas(referentiedata):
    """An adviser who worked for Partoer (Friesland) from June 2009 until 2011, and for Alleato
    (Utrecht) since."""
    adviseurs_importeren(
        csv_bytes(
            ADVISEUR_KOLOMMEN,
            [
                ["Bas Verhuisd", "bas@example.nl", "Partoer", "2009-06-01", "2011-01-01"],
                ["Bas Verhuisd", "bas@example.nl", "Alleato", "2011-01-01", ""],
            ],
        )
    )
    return "bas@example.nl"


def test_an_imported_session_lies_in_the_scope_of_the_cmo_of_its_day(bas):
    with pytest.raises(ImportFout) as exc:
        gesprekken_importeren(
            gesprekken(gesprek(bas, "2010-05-01", "GM0080"), gesprek(bas, "2010-05-02", "GM0344"))
        )
    assert exc.value.fouten == [Fout(3, "Utrecht ligt buiten de provincie(s) van Partoer.", "gemeenten")]
    assert not Adviesgesprek.objects.exists()

    gesprekken_importeren(
        gesprekken(gesprek(bas, "2010-05-01", "GM0080"), gesprek(bas, "2012-05-02", "GM0344"))
    )
    assert dict(Adviesgesprek.objects.values_list("datum__year", "organisatie__naam")) == {
        2010: "Partoer",
        2012: "Alleato",
    }


def test_the_scope_of_a_day_comes_from_the_permissions_and_today_the_adviser_is_at_alleato(bas):
    adviseur = User.objects.get(email=bas)
    assert Organisatie.objects.get(pk=cmo_op(adviseur, datetime.date(2010, 5, 1))).naam == "Partoer"
    assert cmo_op(adviseur, datetime.date(2008, 5, 1)) is None
    vandaag = geweigerd(
        adviseur=adviseur,
        datum=datetime.date(2012, 5, 1),
        gemeenten=Gemeente.objects.filter(cbs_code="GM0080"),
        onderwerp="vrijwilligerswerk",
        themas=Thema.objects.filter(naam="Vertalen"),
        uren=Decimal("1"),
        verslag="Niet meer in Friesland.",
    )
    assert vandaag == {"gemeenten": ["Leeuwarden ligt buiten de provincie(s) van uw CMO."]}


def test_a_session_of_a_day_outside_the_pool_is_refused_on_the_adviser(bas):
    with pytest.raises(ImportFout) as exc:
        gesprekken_importeren(gesprekken(gesprek(bas, "2009-05-01", "GM0080")))
    assert exc.value.fouten == [
        Fout(2, "Bas Verhuisd was op 1 mei 2009 geen actieve adviseur in de pool.", "adviseur")
    ]


def test_a_session_before_the_programme_is_refused_on_its_date(bas):
    with pytest.raises(ImportFout) as exc:
        gesprekken_importeren(gesprekken(gesprek(bas, "2008-05-01", "GM0080")))
    assert [(f.kolom, f.bericht) for f in exc.value.fouten] == [
        (
            "datum",
            "Deze datum ligt te ver terug: kies een datum vanaf 1-1-2009 (het begin van het programma).",
        )
    ]


def test_only_a_coordinator_or_a_management_command_imports_sessions(adviseur_friesland, coordinator):
    bestand = gesprekken(gesprek(adviseur_friesland.email, "2012-03-01", "GM1900"))
    with pytest.raises(PermissionDenied):
        gesprekken_importeren(bestand, door=adviseur_friesland)
    assert not Adviesgesprek.objects.exists()
    assert gesprekken_importeren(bestand, door=coordinator) == 1


def test_a_pool_period_ending_before_it_starts_is_refused_by_the_service(referentiedata):
    with pytest.raises(ValidationError) as exc:
        adviseur_toevoegen(
            naam="Omgekeerd",
            email="omgekeerd@example.nl",
            organisatie=Organisatie.objects.get(naam="Partoer"),
            actief_van=datetime.date(2011, 1, 1),
            actief_tot=datetime.date(2010, 1, 1),
            door=None,
        )
    with pytest.raises(ImportFout) as fout:
        adviseurs_importeren(
            csv_bytes(
                ADVISEUR_KOLOMMEN, [["Omgekeerd", "omgekeerd@example.nl", "Partoer", "1-1-2011", "1-1-2010"]]
            )
        )
    assert exc.value.message_dict == {"actief_tot": ["actief_tot moet na actief_van liggen."]}
    assert fout.value.fouten == [Fout(2, "actief_tot moet na actief_van liggen.", "actief_tot")]
