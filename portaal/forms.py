from django import forms

from toolkit.invoer import FoutenMetVeldnaam


class PersoonZoekenForm(FoutenMetVeldnaam, forms.Form):
    email = forms.EmailField(label="E-mailadres van de persoon", max_length=254)


class PersoonWissenForm(PersoonZoekenForm):
    bevestigen = forms.BooleanField(
        label="Ik weet dat dit niet ongedaan kan worden gemaakt",
        error_messages={"required": "Vink aan dat u de gegevens echt wilt wissen."},
    )
