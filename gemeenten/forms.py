from django import forms

from gemeenten.models import Gemeente, Provincie
from toolkit.invoer import FoutenMetVeldnaam
from toolkit.keuzevelden import ModelKeuze


class GemeenteKeuzeVeld(ModelKeuze):
    def label_from_instance(self, gemeente: Gemeente) -> str:
        return f"{gemeente.naam} ({gemeente.provincie.naam})"


class GemeenteFilterForm(FoutenMetVeldnaam, forms.Form):
    zoek = forms.CharField(label="Zoek op naam of CBS-code", required=False, max_length=80)
    provincie = ModelKeuze(
        label="Provincie", queryset=Provincie.objects.none(), required=False, empty_label="Alle provincies"
    )

    def __init__(self, *args, provincies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provincie"].queryset = provincies


class ContactpersoonForm(FoutenMetVeldnaam, forms.Form):
    naam = forms.CharField(label="Naam", max_length=120)
    email = forms.EmailField(label="E-mailadres", max_length=254)
    functie = forms.CharField(
        label="Functie", max_length=120, required=False, help_text="Bijvoorbeeld: beleidsmedewerker Wmo."
    )
