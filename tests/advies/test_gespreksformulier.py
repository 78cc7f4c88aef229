"""The session form: quarter hours with a decimal comma, the chosen municipalities listed above
the search (chips), every group of checkboxes marked as one Tab stop, and a delete that asks first."""

import re
from decimal import Decimal

import pytest

from advies.models import Adviesgesprek
from tests.advies.test_views import LIJST, NIEUW, formulier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("invoer", "uren"), [("4,25", Decimal("4.25")), ("0,75", Decimal("0.75")), ("2", Decimal("2"))]
)
def test_quarter_hours_are_accepted_with_a_decimal_comma(als, adviseur_friesland, invoer, uren):
    response = als(adviseur_friesland).post(NIEUW, formulier(uren=invoer))
    assert response.status_code == 302 and response.url == LIJST
    gesprek = Adviesgesprek.objects.get()
    gesprek.refresh_from_db()
    assert gesprek.uren == uren


@pytest.mark.parametrize(
    ("invoer", "bericht"),
    [
        ("4,255", "Vul bij Uren hooguit twee cijfers na de komma in, bijvoorbeeld 4,25."),
        ("0", "Vul bij Uren meer dan 0 in, bijvoorbeeld 0,25 voor een kwartier."),
        ("120", "vul bij Uren 99 of minder in."),
        ("", "Vul bij Uren in hoe lang het gesprek duurde"),
    ],
)
def test_wrong_hours_name_the_field_and_say_what_to_do(als, adviseur_friesland, invoer, bericht):
    response = als(adviseur_friesland).post(NIEUW, formulier(uren=invoer))
    assert response.status_code == 200 and not Adviesgesprek.objects.exists()
    assert any(bericht in e for e in response.context["form"].errors["uren"]), response.context["form"].errors
    assert f'value="{invoer}"' in response.content.decode() or not invoer


def test_the_chosen_municipalities_are_listed_above_the_search(als, adviseur_friesland):
    html = als(adviseur_friesland).post(NIEUW, formulier(verslag="")).content.decode()
    gekozen = re.search(r'<ul class="list-inline mb-0 chips"[^>]*>(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r'<li class="list-inline-item">(.*?)</li>', gekozen) == [
        "Leeuwarden (Friesland)",
        "Súdwest-Fryslân (Friesland)",
    ]
    assert (
        html.index('data-chips="gemeenten-lijst"')
        < html.index('id="gemeente-zoek"')
        < html.index('id="gemeenten-lijst"')
    )


def test_a_new_form_has_no_chips_yet_and_says_so(als, adviseur_friesland):
    html = als(adviseur_friesland).get(NIEUW).content.decode()
    assert re.search(r'<ul class="list-inline mb-0 chips"[^>]*></ul>', html)
    assert "Nog geen gemeente gekozen." in html


def test_each_group_of_checkboxes_is_marked_for_the_arrow_keys(als, adviseur_friesland):
    html = als(adviseur_friesland).get(NIEUW).content.decode()
    assert html.count('data-pijltjes="input[type=checkbox]"') == 3  # municipalities, two theme domains
    assert 'data-pijltjes="button"' in html  # the chips


def test_a_deleted_session_is_not_deleted_again_and_the_page_goes_to_its_detail(
    als, adviseur_friesland, gesprek_friesland
):
    client = als(adviseur_friesland)
    client.post(f"/advies/gesprekken/{gesprek_friesland.pk}/verwijderen/")
    response = client.get(f"/advies/gesprekken/{gesprek_friesland.pk}/verwijderen/")
    assert response.status_code == 302 and response.url == f"/advies/gesprekken/{gesprek_friesland.pk}/"
