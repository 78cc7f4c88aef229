from django import forms
from django.conf import settings

from gemeenten.models import Gemeente, Provincie
from toolkit.keuzevelden import ModelKeuze


class GemeenteKeuzeVeld(ModelKeuze):
    def label_from_instance(self, gemeente: Gemeente) -> str:
        return f"{gemeente.naam} ({gemeente.provincie.naam})"


class BestandForm(forms.Form):
    """An upload of a CSV or XLSX file, limited in size and type before anything reads it."""

    bestand = forms.FileField(
        label="Bestand (CSV of Excel)",
        help_text="CSV met ; of , als scheidingsteken, of een Excel-bestand (.xlsx).",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if not bestand.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Kies een CSV-bestand of een Excel-bestand (.xlsx).")
        if bestand.size > settings.UPLOAD_MAX_BYTES:
            limiet = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"Het bestand is groter dan {limiet} MB.")
        return bestand


class GemeenteFilterForm(forms.Form):
    zoek = forms.CharField(label="Zoek op naam of CBS-code", required=False, max_length=80)
    provincie = ModelKeuze(
        label="Provincie", queryset=Provincie.objects.none(), required=False, empty_label="Alle provincies"
    )

    def __init__(self, *args, provincies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provincie"].queryset = provincies


class ContactpersoonForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=120)
    email = forms.EmailField(label="E-mailadres", max_length=254)
    functie = forms.CharField(
        label="Functie", max_length=120, required=False, help_text="Bijvoorbeeld: beleidsmedewerker Wmo."
    )
