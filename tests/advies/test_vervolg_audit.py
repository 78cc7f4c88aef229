"""Every change made through the product is in the audit trail (issue 16, decision 0021), also
where django-simple-history keeps no versions: advice requests (made, taken on, closed by a
session), the steps of the nine-step plan and an adviser's reaction, a typetest filled in, a
report requested and its schedule switched, inhabitants imported. Each entry says who, what and
which object."""

import datetime

import pytest

from accounts.models import Auditregel
from advies.services import (
    adviesaanvraag_aannemen,
    adviesaanvraag_indienen,
    beleidsstap_bijwerken,
    beleidsstap_reageren,
)
from gemeenten.models import Gemeente, Inwonertal
from gemeenten.uitwisseling import inwonertallen_importeren
from nulmeting.services import typetest_invullen
from rapportage import planning
from rapportage.services import rapport_aanvragen
from tests.advies.advies_helpers import themas

pytestmark = pytest.mark.django_db

Actie = Auditregel.Actie


def regels(model: str) -> list[tuple]:
    return list(
        Auditregel.objects.filter(object_soort=model)
        .order_by("pk")
        .values_list("actie", "gebruiker", "object_id", "toelichting")
    )


def test_an_advice_request_made_taken_on_and_closed_is_recorded_each_time(
    referentiedata, nulmeting_indienen, ambtenaar_sudwest, adviseur_friesland, als
):
    meting = nulmeting_indienen("GM1900", {"MZ-RESPIJT"})
    aanvraag = adviesaanvraag_indienen(
        gemeente=ambtenaar_sudwest.gemeente,
        door=ambtenaar_sudwest,
        vraag="Hoe regelen we respijtzorg?",
        voorkeursperiode="",
        meting=meting,
        basis_url="http://testserver/",
    )
    adviesaanvraag_aannemen(aanvraag=aanvraag, door=adviseur_friesland)
    response = als(adviseur_friesland).post(
        "/advies/gesprekken/nieuw/",
        {
            "datum": "1-3-2012",
            "gemeenten": [ambtenaar_sudwest.gemeente.pk],
            "onderwerp": "mantelzorg",
            "themas": [themas("MZ-RESPIJT")[0].pk],
            "uren": "2",
            "verslag": "Respijtzorg besproken.",
            "aanvraag": aanvraag.pk,
        },
    )
    assert response.status_code == 302
    aanvraag.refresh_from_db()
    pk = str(aanvraag.pk)
    assert regels("advies.adviesaanvraag") == [
        (Actie.AANGEMAAKT, ambtenaar_sudwest.pk, pk, ""),
        (Actie.GEWIJZIGD, adviseur_friesland.pk, pk, "aangenomen"),
        (Actie.GEWIJZIGD, adviseur_friesland.pk, pk, f"afgesloten met gesprek #{aanvraag.gesprek_id}"),
    ]


def test_a_plan_step_and_the_advisers_reaction_are_recorded(
    referentiedata, ambtenaar_sudwest, adviseur_friesland
):
    sudwest = ambtenaar_sudwest.gemeente
    beleidsstap_bijwerken(gemeente=sudwest, stap=2, door=ambtenaar_sudwest, status="bezig")
    rij = beleidsstap_bijwerken(gemeente=sudwest, stap=2, door=ambtenaar_sudwest, status="klaar")
    beleidsstap_reageren(gemeente=sudwest, stap=2, door=adviseur_friesland, reactie="Goed plan.")
    beleidsstap_reageren(gemeente=sudwest, stap=2, door=adviseur_friesland, reactie="")
    pk = str(rij.pk)
    assert regels("advies.beleidsstap") == [
        (Actie.AANGEMAAKT, ambtenaar_sudwest.pk, pk, "status: bezig"),
        (Actie.GEWIJZIGD, ambtenaar_sudwest.pk, pk, "status: klaar"),
        (Actie.GEWIJZIGD, adviseur_friesland.pk, pk, "reactie"),
        (Actie.GEWIJZIGD, adviseur_friesland.pk, pk, "reactie verwijderd"),
    ]


def test_a_typetest_filled_in_is_recorded(referentiedata, ambtenaar_sudwest):
    uitslag = typetest_invullen(
        gemeente=ambtenaar_sudwest.gemeente,
        door=ambtenaar_sudwest,
        antwoorden=dict.fromkeys(range(1, 15), "a"),
    )
    assert regels("nulmeting.typetestuitslag") == [
        (Actie.AANGEMAAKT, ambtenaar_sudwest.pk, str(uitslag.pk), "")
    ]


def test_a_report_requested_and_a_schedule_switched_are_recorded(referentiedata, coordinator):
    rapport = rapport_aanvragen(soort="eind", peildatum=datetime.date(2012, 10, 1), door=coordinator)
    gepland = rapport_aanvragen(soort="eind", peildatum=datetime.date(2012, 10, 1), door=None)
    assert regels("rapportage.rapport") == [
        (Actie.AANGEMAAKT, coordinator.pk, str(rapport.pk), ""),
        (Actie.AANGEMAAKT, None, str(gepland.pk), "volgens de planning"),
    ]
    uit = planning.planning_wijzigen(soort="maand", actief=False, door=coordinator)
    assert regels("rapportage.planning") == [(Actie.GEWIJZIGD, coordinator.pk, str(uit.pk), "")]
    assert Auditregel.objects.get(object_soort="rapportage.planning").object_omschrijving.endswith(": uit")


def test_inhabitants_imported_are_recorded_per_figure_with_who(referentiedata, coordinator):
    inwonertallen_importeren(
        b"cbs_code;peildatum;inwoners\nGM1900;1-1-2012;83.591\nGM0344;1-1-2012;316275\n",
        "i.csv",
        door=coordinator,
    )
    inwonertallen_importeren(
        b"cbs_code;peildatum;inwoners\nGM1900;1-1-2012;83.600\n", "i.csv", door=coordinator
    )
    sudwest = Inwonertal.objects.get(gemeente=Gemeente.objects.get(cbs_code="GM1900"), peildatum="2012-01-01")
    per_figuur = [
        (actie, wie) for actie, wie, pk, _ in regels("gemeenten.inwonertal") if pk == str(sudwest.pk)
    ]
    assert per_figuur == [(Actie.AANGEMAAKT, coordinator.pk), (Actie.GEWIJZIGD, coordinator.pk)]
    assert len(regels("gemeenten.inwonertal")) == 3
