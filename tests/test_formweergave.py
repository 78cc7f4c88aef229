"""The project's form renderer writes selects in Python; the HTML must be Django's, to the byte."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from accounts.forms import UitnodigingForm
from advies.filters import GesprekkenFilter
from advies.forms import AdviseurForm, GesprekForm, TrajectForm, VerplaatsForm
from gemeenten.forms import GemeenteFilterForm
from gemeenten.models import Gemeente, Provincie
from rapportage.forms import RapportAanvraagForm
from toolkit import formweergave
from toolkit.formweergave import SnelleWeergave


class Proefformulier(forms.Form):
    gewoon = forms.ChoiceField(choices=[("a", "A & <b>"), ("b", mark_safe("<em>B</em>"))], required=False)
    groepen = forms.ChoiceField(
        choices=[
            ("Noord", [("gr", "Groningen"), ("fr", "Friesland")]),
            ("Zuid", [("li", 'Limburg "L"')]),
            ("x", "X"),
        ]
    )
    meerdere = forms.MultipleChoiceField(choices=[(1, "een"), (2, "twee"), (3, "drie")])
    leeg = forms.ChoiceField(choices=[])
    met_attrs = forms.ChoiceField(
        choices=[("", "—"), ("1", "1")],
        widget=forms.Select(
            attrs={"class": "form-select", "disabled": True, "data-x": 'a"b', "hidden": False}
        ),
    )


def beide(formulier_maken) -> tuple[str, str]:
    """Every field of the form rendered by Django's renderer and by ours."""
    uit = []
    for renderer in (DjangoTemplates(), SnelleWeergave()):
        formulier = formulier_maken()
        formulier.renderer = renderer
        uit.append("\n".join(str(veld) for veld in formulier))
    return uit[0], uit[1]


@pytest.mark.parametrize(
    "data",
    [{}, {"gewoon": "a", "groepen": "fr", "meerdere": ["1", "3"], "met_attrs": "1"}, {"gewoon": "<script>"}],
)
def test_select_html_is_djangos_on_edge_cases(data, monkeypatch):
    gebouwd = []
    echt = formweergave.select_html
    monkeypatch.setattr(formweergave, "select_html", lambda widget: gebouwd.append(1) or echt(widget))
    django_html, onze_html = beide(lambda: Proefformulier(data or None))
    assert onze_html == django_html
    assert len(gebouwd) == 5, "every select went through the Python path"


@pytest.mark.django_db
def test_select_html_is_djangos_on_every_form_of_the_project(
    referentiedata, coordinator, adviseur_friesland, ambtenaar_sudwest
):
    gemeente = Gemeente.objects.get(cbs_code="GM1900")
    formulieren = [
        lambda: UitnodigingForm(user=coordinator),
        lambda: UitnodigingForm({"gemeente": gemeente.pk}, user=adviseur_friesland),
        lambda: GesprekForm(user=adviseur_friesland),
        lambda: GesprekkenFilter({"gemeente": gemeente.pk, "onderwerp": "mantelzorg"}, user=coordinator).form,
        lambda: GesprekkenFilter({}, user=adviseur_friesland).form,
        lambda: GesprekkenFilter({}, user=ambtenaar_sudwest).form,
        lambda: TrajectForm(user=adviseur_friesland),
        lambda: AdviseurForm(),
        lambda: VerplaatsForm(),
        lambda: GemeenteFilterForm(provincies=Provincie.objects.all()),
        lambda: RapportAanvraagForm(user=coordinator),
        lambda: RapportAanvraagForm({"soort": "maand", "maand": "3"}, user=adviseur_friesland),
    ]
    for maken in formulieren:
        django_html, onze_html = beide(maken)
        assert onze_html == django_html, type(maken()).__name__


def test_the_project_uses_this_renderer(settings):
    assert settings.FORM_RENDERER == "toolkit.formweergave.SnelleWeergave"
    assert isinstance(forms.Form().renderer, SnelleWeergave)


@pytest.mark.django_db
def test_no_select_of_the_project_starts_with_djangos_dashes(
    referentiedata, coordinator, adviseur_friesland, ambtenaar_sudwest
):
    """Issue 17: selects started with "---------"; an empty choice reads "— kies —" (or names what
    it means, such as "Alle" or "Geen traject")."""
    formulieren = [
        UitnodigingForm(user=coordinator),
        GesprekForm(user=adviseur_friesland),
        GesprekkenFilter({}, user=coordinator).form,
        TrajectForm(user=adviseur_friesland),
        AdviseurForm(),
        VerplaatsForm(),
        GemeenteFilterForm(provincies=Provincie.objects.all()),
        RapportAanvraagForm(user=coordinator),
    ]
    for formulier in formulieren:
        html = str(formulier)
        assert "---------" not in html, type(formulier).__name__
    assert '<option value="" selected>— kies —</option>' in str(
        TrajectForm(user=adviseur_friesland)["onderwerp"]
    )
    assert '<option value="" selected>— kies —</option>' in str(AdviseurForm()["organisatie"])
    assert '<option value="" selected>— kies —</option>' in str(UitnodigingForm(user=coordinator)["gemeente"])
