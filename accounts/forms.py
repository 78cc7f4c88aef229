from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils import timezone

from accounts.models import User
from accounts.permissions import zichtbare_gemeenten
from gemeenten.forms import GemeenteKeuzeVeld
from gemeenten.models import Gemeente
from toolkit.invoer import FoutenMetVeldnaam


class InlogForm(FoutenMetVeldnaam, AuthenticationForm):
    username = forms.EmailField(
        label="E-mailadres", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    password = forms.CharField(
        label="Wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def clean_username(self) -> str:
        # Addresses are stored lower-case; someone typing "Coby@…" still logs in.
        return self.cleaned_data["username"].strip().lower()

    error_messages = {
        # One message for both cases, so the form does not reveal which addresses have an account.
        "invalid_login": "Het e-mailadres of het wachtwoord klopt niet.",
        "inactive": "Het e-mailadres of het wachtwoord klopt niet.",
    }


class WachtwoordVergetenForm(FoutenMetVeldnaam, PasswordResetForm):
    email = forms.EmailField(
        label="E-mailadres", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        # Unlike Django's default, also accounts that never had a password: advisers added to the
        # pool choose their first password this way.

        return User.objects.filter(email__iexact=email.strip(), is_active=True)


class NieuwWachtwoordForm(FoutenMetVeldnaam, SetPasswordForm):
    pass


class UitnodigingForm(FoutenMetVeldnaam, forms.Form):
    email = forms.EmailField(label="E-mailadres van de ambtenaar", max_length=254)
    gemeente = GemeenteKeuzeVeld(label="Gemeente", queryset=Gemeente.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = (
            zichtbare_gemeenten(user).bestaand_op(timezone.localdate()).select_related("provincie")
        )


class UitnodigingAccepterenForm(FoutenMetVeldnaam, forms.Form):
    naam = forms.CharField(label="Uw naam", max_length=120)
    wachtwoord1 = forms.CharField(
        label="Kies een wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    wachtwoord2 = forms.CharField(
        label="Herhaal het wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        w1, w2 = data.get("wachtwoord1"), data.get("wachtwoord2")
        if w1 and w2 and w1 != w2:
            self.add_error("wachtwoord2", "De twee wachtwoorden zijn niet gelijk.")
        elif w1:
            try:
                password_validation.validate_password(w1, User(email=self.email, naam=data.get("naam", "")))
            except forms.ValidationError as exc:
                self.add_error("wachtwoord1", exc)
        return data


class TweedeFactorForm(FoutenMetVeldnaam, forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="De zes cijfers die uw authenticator-app nu toont, of een van uw herstelcodes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


class TotpInstellenForm(FoutenMetVeldnaam, forms.Form):
    code = forms.CharField(
        label="Code uit de app",
        max_length=10,
        help_text="Typ de zes cijfers die de app toont nadat u de code hebt toegevoegd.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )
