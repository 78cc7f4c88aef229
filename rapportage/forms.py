from django import forms
from django.utils import timezone

from accounts.permissions import zichtbare_organisaties
from gemeenten.models import Organisatie, Provincie
from rapportage.models import Rapport
from rapportage.permissions import mag_rapport_aanvragen
from toolkit.invoer import DatumInvoer
from toolkit.keuzevelden import ModelKeuze


class RapportAanvraagForm(forms.Form):
    soort = forms.ChoiceField(
        label="Soort rapport",
        choices=Rapport.Soort.choices,
        widget=forms.RadioSelect,
        initial=Rapport.Soort.EIND,
    )
    peildatum = forms.DateField(
        label="Peildatum (eindrapportage)",
        required=False,
        widget=DatumInvoer(),
        help_text="Het rapport telt wat op deze dag was vastgelegd.",
        error_messages={"invalid": "Vul een datum in, bijvoorbeeld 1-10-2012."},
    )
    jaar = forms.IntegerField(
        label="Jaar (maand- of kwartaalrapportage)", required=False, min_value=2000, max_value=2100
    )
    maand = forms.TypedChoiceField(
        label="Maand",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(i, i) for i in range(1, 13)],
    )
    kwartaal = forms.TypedChoiceField(
        label="Kwartaal",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (1, "1"), (2, "2"), (3, "3"), (4, "4")],
    )
    provincie = ModelKeuze(
        label="Alleen provincie",
        queryset=Provincie.objects.all(),
        required=False,
        empty_label="Heel Nederland",
    )
    organisatie = ModelKeuze(
        label="Alleen CMO", queryset=Organisatie.objects.all(), required=False, empty_label="Alle CMO's"
    )

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"peildatum": timezone.localdate(), "jaar": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        if not mag_rapport_aanvragen(user):  # not a national one: an adviser, for their own CMO
            del self.fields["provincie"]
            self.fields["organisatie"].queryset = zichtbare_organisaties(user)
            self.fields["organisatie"].required = True
            self.fields["organisatie"].empty_label = None

    def periode(self) -> dict:
        d = self.cleaned_data
        if d["soort"] == Rapport.Soort.EIND:
            return {"peildatum": d.get("peildatum")}
        if d["soort"] == Rapport.Soort.MAAND:
            return {"jaar": d.get("jaar"), "maand": d.get("maand")}
        return {"jaar": d.get("jaar"), "kwartaal": d.get("kwartaal")}
