from django import forms
from django.utils import timezone

from gemeenten.models import Provincie
from gemeenten.programma import TOT_HORIZON
from nulmeting.models import Vragenlijst
from toolkit.invoer import DatumVeld, FoutenMetVeldnaam
from toolkit.keuzevelden import MeervoudigeModelKeuze, ModelKeuze

DATUM_FOUT = {"invalid": "Vul een datum in, bijvoorbeeld 1-10-2012."}


def datumveld(label: str, **kwargs) -> DatumVeld:
    """A round's date: planned, so from the programme's start up to the planning horizon."""
    return DatumVeld(
        label=label,
        error_messages=DATUM_FOUT,
        validators=[TOT_HORIZON],
        **kwargs,
    )


class RondeForm(FoutenMetVeldnaam, forms.Form):
    vragenlijst = ModelKeuze(
        label="Vragenlijst",
        queryset=Vragenlijst.objects.order_by("-aangemaakt_op"),
        empty_label=None,
    )
    naam = forms.CharField(
        label="Naam van de ronde", max_length=120, help_text="Bijvoorbeeld: Eenmeting najaar 2013."
    )
    opent_op = datumveld("Opent op", help_text="Doelgroep: de gemeenten die op deze dag bestaan.")
    sluit_op = datumveld(
        "Sluit op", help_text="De laatste dag waarop de ronde loopt; daarna geen herinneringen meer."
    )
    provincies = MeervoudigeModelKeuze(
        label="Provincies",
        queryset=Provincie.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kies niets voor alle gemeenten van Nederland.",
    )
    herinnering_na_dagen = forms.IntegerField(
        label="Herinnering na (dagen)",
        min_value=1,
        max_value=90,
        initial=14,
        help_text="Dagen na de uitnodiging, en na de vorige herinnering.",
    )
    max_herinneringen = forms.IntegerField(
        label="Hoogstens herinneringen per gemeente", min_value=0, max_value=10, initial=2
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"opent_op": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("opent_op") and data.get("sluit_op") and data["sluit_op"] < data["opent_op"]:
            self.add_error("sluit_op", "De ronde kan niet sluiten vóór ze opent.")
        return data


class HeropenForm(FoutenMetVeldnaam, forms.Form):
    sluit_op = datumveld("Nieuwe sluitingsdatum")

    def clean_sluit_op(self):
        sluit_op = self.cleaned_data["sluit_op"]
        if sluit_op < timezone.localdate():
            raise forms.ValidationError("Kies een sluitingsdatum vanaf vandaag.")
        return sluit_op


class OpnieuwVersturenForm(FoutenMetVeldnaam, forms.Form):
    """Which municipalities' failed invitations to send again (none chosen: all), and whether the
    in-doubt ones go too."""

    deelnemers = MeervoudigeModelKeuze(
        label="Gemeenten", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    ook_onzeker = forms.BooleanField(
        label="Ook de onzekere uitnodigingen opnieuw versturen. Die zijn misschien al aangekomen; "
        "de ontvanger krijgt ze dan twee keer.",
        required=False,
    )

    def __init__(self, *args, ronde, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnemers"].queryset = ronde.deelnemers.all()
        self.fields["deelnemers"].error_messages.update(
            invalid_choice="Kies gemeenten uit deze ronde.", invalid_pk_value="Kies gemeenten uit deze ronde."
        )
