"""Every error message names the field and says what to do (issue 17): Django's own messages
("Dit veld is verplicht.", "Selecteer een geldige keuze.") are replaced on every form of the
project by ones that name the field; a message a form sets itself stays. The summary before
submitting a meting links to each unanswered scored question."""

import importlib
import inspect

import pytest
from django import forms

from advies.forms import GesprekForm
from gemeenten.forms import ContactpersoonForm
from nulmeting import services
from rondes.forms import RondeForm
from tests.nulmeting.antwoorden import goed_of_niet
from toolkit.invoer import FoutenMetVeldnaam

pytestmark = pytest.mark.django_db


class Voorbeeld(FoutenMetVeldnaam, forms.Form):
    naam = forms.CharField(label="Naam", max_length=5)
    aantal = forms.IntegerField(label="Aantal")
    kleur = forms.ChoiceField(label="Kleur", choices=[("r", "rood")])
    akkoord = forms.BooleanField(label="Akkoord")
    eigen = forms.CharField(label="Eigen", error_messages={"required": "Mijn eigen bericht."})


def test_djangos_messages_name_the_field_and_say_what_to_do():
    form = Voorbeeld({"naam": "te lang hier", "aantal": "veel", "kleur": "blauw"})
    assert form.errors == {
        "naam": ["Maak ‘Naam’ korter: hoogstens 5 tekens (nu 12)."],
        "aantal": ["Vul bij ‘Aantal’ een getal in."],
        "kleur": ["Kies bij ‘Kleur’ een van de mogelijkheden uit de lijst."],
        "akkoord": ["Vink ‘Akkoord’ aan om verder te gaan."],
        "eigen": ["Mijn eigen bericht."],
    }
    assert Voorbeeld({})["kleur"].errors == ["Kies bij ‘Kleur’ een van de mogelijkheden."]


def test_the_project_forms_name_their_fields(adviseur_friesland):
    gesprek = GesprekForm({}, user=adviseur_friesland)
    assert gesprek.errors["verslag"] == ["Vul ‘Kort verslag’ in."]
    assert gesprek.errors["onderwerp"] == ["Kies bij ‘Onderwerp’ een van de mogelijkheden."]
    assert gesprek.errors["gemeenten"] == ["Kies ten minste één gemeente."]  # its own message stays
    contact = ContactpersoonForm({})
    assert all("‘" in fout for fouten in contact.errors.values() for fout in fouten), contact.errors
    ronde = RondeForm({})
    assert ronde.errors and all(
        "‘" in f or " bij " in f for fouten in ronde.errors.values() for f in fouten
    ), ronde.errors


PROJECT_APPS = ["accounts", "gemeenten", "nulmeting", "advies", "rondes", "rapportage", "portaal", "api"]


def test_every_form_of_the_project_names_its_fields():
    """No form of an app is left with Django's nameless messages: each mixes in the rule."""
    zonder = [
        f"{module.__name__}.{naam}"
        for module in (importlib.import_module(f"{app}.forms") for app in PROJECT_APPS)
        for naam, klasse in inspect.getmembers(module, inspect.isclass)
        if issubclass(klasse, forms.BaseForm)
        and klasse.__module__ == module.__name__
        and not issubclass(klasse, FoutenMetVeldnaam)
    ]
    assert zonder == []


def test_the_summary_links_to_each_unanswered_scored_question(login, ambtenaar_sudwest, nulmeting):
    opbouw = nulmeting.opbouw
    antwoorden = goed_of_niet(opbouw, {b.code for b in opbouw.basisfuncties})
    tweede = opbouw.basisfuncties[1]
    weg = [v for v in tweede.vragen if v.telt_mee][:2]
    for vraag in weg:
        antwoorden.pop(vraag.code, None)
    services.antwoorden_opslaan(
        gemeente=ambtenaar_sudwest.gemeente,
        vragenlijst=nulmeting,
        waarden=antwoorden,
        origineel={},
        door=ambtenaar_sudwest,
    )
    html = login(ambtenaar_sudwest).get(f"/nulmeting/GM1900/{nulmeting.code}/samenvatting/").content.decode()
    assert "Nog 2 vragen zonder antwoord" in html
    for vraag in weg:
        assert (
            f'href="/nulmeting/GM1900/{nulmeting.code}/stap/2/#vraag-{vraag.code}">2. {tweede.naam}: ' in html
        )
    stap = login(ambtenaar_sudwest).get(f"/nulmeting/GM1900/{nulmeting.code}/stap/2/").content.decode()
    assert f'id="vraag-{weg[0].code}" tabindex="-1"' in stap


class MetRegels(FoutenMetVeldnaam, forms.Form):
    email = forms.EmailField(label="E-mailadres")
    uren = forms.DecimalField(label="Uren", min_value=0, max_value=24)
    eigen = forms.EmailField(label="Eigen", error_messages={"invalid": "Mijn eigen melding."})


@pytest.mark.parametrize(
    ("gegevens", "veld", "melding"),
    [
        ({"email": "geen-adres", "uren": "1"}, "email", "Vul bij ‘E-mailadres’ een geldig e-mailadres in"),
        ({"email": "a@b.nl", "uren": "-1"}, "uren", "Vul bij ‘Uren’ 0 of meer in."),
        ({"email": "a@b.nl", "uren": "25"}, "uren", "Vul bij ‘Uren’ 24 of minder in."),
        ({"email": "a@b.nl", "uren": "twee"}, "uren", "Vul bij ‘Uren’ een getal in."),
    ],
)
def test_validator_messages_name_their_field_too(gegevens, veld, melding):
    form = MetRegels(gegevens | {"eigen": "a@b.nl"})
    assert not form.is_valid()
    assert form.errors[veld][0].startswith(melding), form.errors


def test_a_message_a_form_sets_itself_is_kept():
    form = MetRegels({"email": "a@b.nl", "uren": "1", "eigen": "fout"})
    assert form.errors["eigen"] == ["Mijn eigen melding."]
