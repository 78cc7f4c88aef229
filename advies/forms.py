from django import forms
from django.utils import timezone

from accounts.permissions import provincies_van, zichtbare_gemeenten, zichtbare_organisaties
from advies.models import Adviesgesprek, Adviestraject, Onderwerp, Thema
from advies.permissions import (
    adviseurs_van,
    gemeenten_om_voor_te_loggen,
    mag_verwijderde_gesprekken_zien,
    trajecten_om_aan_te_koppelen,
)
from advies.selectors import GesprekFilter
from advies.services import controleer_gesprek
from gemeenten.forms import GemeenteKeuzeVeld
from gemeenten.models import Gemeente, Organisatie, Provincie
from toolkit.invoer import DatumInvoer
from toolkit.keuzevelden import MeervoudigeModelKeuze, ModelKeuze


class GemeentenVeld(MeervoudigeModelKeuze):
    def label_from_instance(self, gemeente: Gemeente) -> str:
        return f"{gemeente.naam} ({gemeente.provincie.naam})"


class ThemaVeld(MeervoudigeModelKeuze):
    def label_from_instance(self, thema: Thema) -> str:
        return thema.naam


class GesprekForm(forms.Form):
    datum = forms.DateField(
        label="Datum van het gesprek",
        widget=DatumInvoer(),
        error_messages={
            "invalid": "Vul een datum in, bijvoorbeeld 1-10-2012.",
            "required": "Vul de datum van het gesprek in.",
        },
    )
    gemeenten = GemeentenVeld(
        label="Gemeente(n)",
        queryset=Gemeente.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input gemeente-keuze"}),
        help_text="Bij een gezamenlijk gesprek kiest u alle gemeenten die aan tafel zaten.",
        error_messages={"required": "Kies ten minste één gemeente."},
    )
    onderwerp = forms.ChoiceField(label="Onderwerp", choices=Onderwerp.choices, widget=forms.RadioSelect)
    themas = ThemaVeld(
        label="Besproken thema's",
        queryset=Thema.objects.order_by("volgorde"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input thema-keuze"}),
        error_messages={"required": "Kruis ten minste één thema aan."},
    )
    uren = forms.DecimalField(
        label="Uren",
        min_value=0.1,
        max_value=99,
        decimal_places=1,
        localize=True,
        help_text="Inclusief voorbereiding en reistijd, bijvoorbeeld 2,5.",
        error_messages={"invalid": "Vul een aantal uren in, bijvoorbeeld 2,5."},
    )
    verslag = forms.CharField(label="Kort verslag", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    vervolgafspraken = forms.CharField(
        label="Vervolgafspraken", required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 2})
    )
    traject = ModelKeuze(
        label="Hoort bij adviestraject",
        queryset=Adviestraject.objects.none(),
        required=False,
        empty_label="Geen traject",
    )
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *args, user, gesprek: Adviesgesprek | None = None, **kwargs):
        if gesprek is not None and data is None:
            kwargs["initial"] = {
                "datum": gesprek.datum,
                "gemeenten": list(gesprek.gemeenten.all()),
                "onderwerp": gesprek.onderwerp,
                "themas": list(gesprek.themas.all()),
                "uren": gesprek.uren,
                "verslag": gesprek.verslag,
                "vervolgafspraken": gesprek.vervolgafspraken,
                "traject": gesprek.traject,
                "versie": gesprek.versie,
            }
        super().__init__(data, *args, **kwargs)
        adviseur = gesprek.adviseur if gesprek else user
        bestaand = list(gesprek.gemeenten.all()) if gesprek else []
        self.adviseur = adviseur
        self.fields["gemeenten"].queryset = (
            gemeenten_om_voor_te_loggen(adviseur, bestaand).select_related("provincie").order_by("naam")
        )
        self.fields["traject"].queryset = trajecten_om_aan_te_koppelen(adviseur)
        self.fields["datum"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean(self):
        """The session's rules are the service's (``controleer_gesprek``); asked here too, so every
        field's problem shows at once. A field that failed its own check keeps that message."""
        data = super().clean()
        regels = controleer_gesprek(
            adviseur=self.adviseur,
            datum=data.get("datum"),
            gemeenten=data.get("gemeenten") or [],
            onderwerp=data.get("onderwerp") or "",
            themas=data.get("themas") or [],
            uren=data.get("uren"),
            traject=data.get("traject"),
            controleer_bereik=False,  # the choices already are the adviser's municipalities
        )
        for veld, fouten in regels.items():
            if veld in self.fields and veld not in self.errors:
                self.add_error(veld, fouten)
        return data

    def thema_groepen(self):
        """The theme checkboxes per domain, so the template can show them under a heading."""
        groepen = {"vrijwilligerswerk": [], "mantelzorg": []}
        themas = {str(t.pk): t for t in self.fields["themas"].queryset}
        for keuze in self["themas"]:
            groepen[themas[str(keuze.data["value"])].domein].append(keuze)
        return groepen

    def velden(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "versie"}


class GesprekFilterForm(forms.Form):
    van = forms.DateField(label="Van", required=False, widget=DatumInvoer())
    tot = forms.DateField(label="Tot en met", required=False, widget=DatumInvoer())
    provincie = ModelKeuze(
        label="Provincie", queryset=Provincie.objects.none(), required=False, empty_label="Alle"
    )
    organisatie = ModelKeuze(
        label="CMO", queryset=Organisatie.objects.none(), required=False, empty_label="Alle"
    )
    adviseur = ModelKeuze(label="Adviseur", queryset=None, required=False, empty_label="Alle")
    gemeente = GemeenteKeuzeVeld(
        label="Gemeente", queryset=Gemeente.objects.none(), required=False, empty_label="Alle"
    )
    onderwerp = forms.ChoiceField(
        label="Onderwerp", choices=[("", "Alle"), *Onderwerp.choices], required=False
    )
    thema = ModelKeuze(
        label="Thema", queryset=Thema.objects.order_by("volgorde"), required=False, empty_label="Alle"
    )
    verwijderd = forms.BooleanField(label="Alleen verwijderde gesprekken", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["provincie"].queryset = provincies_van(user)
        self.fields["gemeente"].queryset = (
            zichtbare_gemeenten(user).select_related("provincie").order_by("naam")
        )
        organisaties = zichtbare_organisaties(user)
        self.fields["organisatie"].queryset = organisaties
        self.fields["adviseur"].queryset = adviseurs_van(organisaties).order_by("naam")
        if not mag_verwijderde_gesprekken_zien(user):
            del self.fields["verwijderd"]
        if user.is_gemeente:
            for veld in ("provincie", "organisatie", "adviseur", "gemeente"):
                del self.fields[veld]

    def als_filter(self):

        d = self.cleaned_data if self.is_valid() else {}
        return GesprekFilter(
            van=d.get("van"),
            tot=d.get("tot"),
            provincie_id=d["provincie"].pk if d.get("provincie") else None,
            organisatie_id=d["organisatie"].pk if d.get("organisatie") else None,
            adviseur_id=d["adviseur"].pk if d.get("adviseur") else None,
            gemeente_id=d["gemeente"].pk if d.get("gemeente") else None,
            onderwerp=d.get("onderwerp") or "",
            thema_id=d["thema"].pk if d.get("thema") else None,
            alleen_verwijderd=bool(d.get("verwijderd")),
        )


class TrajectForm(forms.ModelForm):
    gemeenten = GemeentenVeld(
        label="Gemeente(n)",
        queryset=Gemeente.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input gemeente-keuze"}),
        help_text="Gemeenten die hun adviesuren bundelen, delen het budget van één traject.",
    )

    class Meta:
        model = Adviestraject
        fields = [
            "titel",
            "gemeenten",
            "onderwerp",
            "status",
            "doel",
            "werkwijze",
            "inzet_uren",
            "tijdspad",
            "verwachte_opbrengst",
            "borging",
        ]
        widgets = {
            veld: forms.Textarea(attrs={"rows": 3})
            for veld in ["doel", "werkwijze", "tijdspad", "verwachte_opbrengst", "borging"]
        }
        labels = {"inzet_uren": "Inzet (uren begroot)", "verwachte_opbrengst": "Verwachte opbrengst"}
        localized_fields = ["inzet_uren"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        leider = self.instance.leider if self.instance.pk else user
        bestaand = list(self.instance.gemeenten.all()) if self.instance.pk else []
        self.fields["gemeenten"].queryset = (
            gemeenten_om_voor_te_loggen(leider, bestaand).select_related("provincie").order_by("naam")
        )


class AdviseurForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=120)
    email = forms.EmailField(label="E-mailadres")
    organisatie = ModelKeuze(label="CMO", queryset=Organisatie.objects.all())
    actief_van = forms.DateField(label="Actief vanaf", widget=DatumInvoer(), initial=timezone.localdate)


class PeriodeEindeForm(forms.Form):
    per = forms.DateField(
        label="Niet meer actief vanaf",
        widget=DatumInvoer(),
        initial=timezone.localdate,
    )


class VerplaatsForm(forms.Form):
    naar = ModelKeuze(label="Naar CMO", queryset=Organisatie.objects.all())
    per = forms.DateField(
        label="Bij de nieuwe CMO vanaf",
        widget=DatumInvoer(),
        initial=timezone.localdate,
    )
