from django import forms
from django.core.validators import URLValidator
from django.utils import timezone

from advies.models import (
    Adviesaanvraag,
    Adviesgesprek,
    Adviestraject,
    Beleidsstap,
    Bijeenkomst,
    Onderwerp,
    Thema,
)
from advies.permissions import (
    aanvragen_om_te_beantwoorden,
    gemeenten_om_voor_te_loggen,
    trajecten_om_aan_te_koppelen,
)
from advies.services import controleer_aanvraag, controleer_bijeenkomst, controleer_gesprek
from gemeenten.models import Gemeente, Organisatie, Provincie
from gemeenten.programma import TOT_HORIZON, VANAF_BEGIN
from nulmeting.models import Basisfunctie, Meting
from toolkit.datums import datum_kort
from toolkit.getallen import zonder_nullen
from toolkit.invoer import DatumVeld, FoutenMetVeldnaam
from toolkit.keuzevelden import MeervoudigeModelKeuze, ModelKeuze, met_lege_keuze


class GemeentenVeld(MeervoudigeModelKeuze):
    def label_from_instance(self, gemeente: Gemeente) -> str:
        return f"{gemeente.naam} ({gemeente.provincie.naam})"


class ThemaVeld(MeervoudigeModelKeuze):
    def label_from_instance(self, thema: Thema) -> str:
        return thema.naam


class AanvraagKeuze(ModelKeuze):
    def label_from_instance(self, aanvraag: Adviesaanvraag) -> str:
        return f"{aanvraag.gemeente}, gevraagd op {datum_kort(timezone.localdate(aanvraag.ingediend_op))}"


class GesprekForm(FoutenMetVeldnaam, forms.Form):
    datum = DatumVeld(
        label="Datum van het gesprek",
        validators=[VANAF_BEGIN],
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
        decimal_places=2,
        localize=True,
        help_text="Inclusief voorbereiding en reistijd, in kwartieren: bijvoorbeeld 2,5 of 4,25.",
        error_messages={
            "invalid": "Vul bij Uren een aantal uren in, bijvoorbeeld 2,5 of 4,25.",
            "required": "Vul bij Uren in hoe lang het gesprek duurde, bijvoorbeeld 1,5.",
            "max_decimal_places": "Vul bij Uren hooguit twee cijfers na de komma in, bijvoorbeeld 4,25.",
            "min_value": "Vul bij Uren meer dan 0 in, bijvoorbeeld 0,25 voor een kwartier.",
            "max_value": "Meer dan 99 uur voor één gesprek is niet mogelijk: vul bij Uren 99 of minder in.",
        },
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
    aanvraag = AanvraagKeuze(
        label="Beantwoordt adviesaanvraag",
        queryset=Adviesaanvraag.objects.none(),
        required=False,
        empty_label="Geen aanvraag",
        help_text="Een gesprek voor een aanvraag sluit die aanvraag af.",
    )
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *args, user, gesprek: Adviesgesprek | None = None, **kwargs):
        if gesprek is not None and data is None:
            kwargs["initial"] = {
                "datum": gesprek.datum,
                "gemeenten": list(gesprek.gemeenten.all()),
                "onderwerp": gesprek.onderwerp,
                "themas": list(gesprek.themas.all()),
                "uren": zonder_nullen(gesprek.uren),
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
        if gesprek is None:
            self.fields["aanvraag"].queryset = aanvragen_om_te_beantwoorden(adviseur).select_related(
                "gemeente"
            )
        else:
            del self.fields["aanvraag"]

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
        aanvraag = data.get("aanvraag")
        if aanvraag and aanvraag.gemeente not in (data.get("gemeenten") or [aanvraag.gemeente]):
            regels.setdefault("gemeenten", []).append(
                f"Een gesprek voor deze aanvraag is met {aanvraag.gemeente}; kies die gemeente."
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
        return {k: v for k, v in self.cleaned_data.items() if k not in ("versie", "aanvraag")}


class TrajectForm(FoutenMetVeldnaam, forms.ModelForm):
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
        self.fields["onderwerp"].choices = met_lege_keuze(Onderwerp.choices)
        leider = self.instance.leider if self.instance.pk else user
        bestaand = list(self.instance.gemeenten.all()) if self.instance.pk else []
        self.fields["gemeenten"].queryset = (
            gemeenten_om_voor_te_loggen(leider, bestaand).select_related("provincie").order_by("naam")
        )


class AdviseurForm(FoutenMetVeldnaam, forms.Form):
    naam = forms.CharField(label="Naam", max_length=120)
    email = forms.EmailField(label="E-mailadres")
    organisatie = ModelKeuze(label="CMO", queryset=Organisatie.objects.all())
    actief_van = DatumVeld(label="Actief vanaf", initial=timezone.localdate, validators=[TOT_HORIZON])


class PeriodeEindeForm(FoutenMetVeldnaam, forms.Form):
    per = DatumVeld(
        label="Niet meer actief vanaf",
        initial=timezone.localdate,
        validators=[TOT_HORIZON],
    )


class VerplaatsForm(FoutenMetVeldnaam, forms.Form):
    naar = ModelKeuze(label="Naar CMO", queryset=Organisatie.objects.all())
    per = DatumVeld(
        label="Bij de nieuwe CMO vanaf",
        initial=timezone.localdate,
        validators=[TOT_HORIZON],
    )


class AanvraagForm(FoutenMetVeldnaam, forms.Form):
    """An official's advice request, on weak basisfuncties of a submitted result or on all of it."""

    basisfuncties = MeervoudigeModelKeuze(
        label="Over welke basisfuncties?",
        queryset=Basisfunctie.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text="Kruis niets aan als u advies wilt over de uitkomst als geheel.",
    )
    vraag = forms.CharField(
        label="Uw vraag",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Een paar zinnen: wat wilt u bereiken, waar loopt u tegenaan?",
        error_messages={"required": "Schrijf kort op waarover u advies wilt."},
    )
    voorkeursperiode = forms.CharField(
        label="Wanneer komt een gesprek u het beste uit?",
        max_length=120,
        required=False,
        help_text="Bijvoorbeeld 'na de zomer' of 'voor 1 maart'.",
    )

    def __init__(self, *args, gemeente: Gemeente, meting: Meting | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeente, self.meting = gemeente, meting
        if meting is None:
            del self.fields["basisfuncties"]
        else:
            self.fields["basisfuncties"].queryset = Basisfunctie.objects.filter(
                scores__meting=meting, scores__goed_voor_elkaar=False
            ).order_by("volgorde")

    def clean(self):
        data = super().clean()
        regels = controleer_aanvraag(
            gemeente=self.gemeente,
            meting=self.meting,
            basisfuncties=data.get("basisfuncties") or [],
            vraag=data.get("vraag") or "",
        )
        for veld, fouten in regels.items():
            veld = None if veld == "__all__" else veld
            if veld is None or (veld in self.fields and veld not in self.errors):
                self.add_error(veld, fouten)
        return data


class GesprekKeuze(MeervoudigeModelKeuze):
    def label_from_instance(self, gesprek: Adviesgesprek) -> str:
        return (
            f"{datum_kort(gesprek.datum)}: {gesprek.get_onderwerp_display().lower()} met {gesprek.adviseur}"
        )


class BeleidsstapForm(FoutenMetVeldnaam, forms.Form):
    status = forms.ChoiceField(label="Stand", choices=Beleidsstap.Status.choices, widget=forms.RadioSelect)
    datum = DatumVeld(
        label="Datum",
        required=False,
        validators=[TOT_HORIZON],
        help_text="Wanneer de stap begon of klaar was, of klaar moet zijn.",
        error_messages={"invalid": "Vul een datum in, bijvoorbeeld 1-10-2012."},
    )
    notitie = forms.CharField(
        label="Notitie", max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    document = forms.URLField(
        label="Link naar een document",
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Optioneel: waar een stuk bij deze stap staat, bijvoorbeeld de nota op de website van de gemeente.",
        error_messages={"invalid": "Vul een webadres in dat begint met https:// of http://."},
    )
    gesprekken = GesprekKeuze(
        label="Adviesgesprekken die bij deze stap hoorden",
        queryset=Adviesgesprek.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, gemeente: Gemeente, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gesprekken"].queryset = (
            Adviesgesprek.objects.actief()
            .filter(gemeenten=gemeente)
            .select_related("adviseur")
            .order_by("-datum")
        )


class ReactieForm(FoutenMetVeldnaam, forms.Form):
    reactie = forms.CharField(
        label="Uw reactie als adviseur",
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De gemeente ziet uw reactie bij deze stap. Laat leeg om een reactie weg te halen.",
    )


class BijeenkomstForm(FoutenMetVeldnaam, forms.Form):
    datum = DatumVeld(
        label="Datum",
        validators=[VANAF_BEGIN],
        error_messages={
            "invalid": "Vul een datum in, bijvoorbeeld 1-10-2012.",
            "required": "Vul de datum van de bijeenkomst in.",
        },
    )
    soort = forms.ChoiceField(label="Soort", choices=Bijeenkomst.Soort.choices, widget=forms.RadioSelect)
    titel = forms.CharField(label="Titel of onderwerp", max_length=160)
    themas = ThemaVeld(
        label="Thema's",
        queryset=Thema.objects.order_by("volgorde"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    provincies = MeervoudigeModelKeuze(
        label="Voor de provincie(s)",
        queryset=Provincie.objects.order_by("naam"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text="Bij een regionale bijeenkomst verplicht; een bijeenkomst kan voor meer provincies zijn.",
    )
    gemeenten = GemeentenVeld(
        label="Aanwezige gemeenten",
        queryset=Gemeente.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input gemeente-keuze"}),
    )
    deelnemers = forms.IntegerField(
        label="Aantal deelnemers",
        min_value=1,
        max_value=2000,
        error_messages={"invalid": "Vul een heel aantal in, bijvoorbeeld 25."},
    )
    verslag = forms.CharField(
        label="Kort verslag", max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, data=None, *args, bijeenkomst: Bijeenkomst | None = None, **kwargs):
        if bijeenkomst is not None and data is None:
            kwargs["initial"] = {
                "datum": bijeenkomst.datum,
                "soort": bijeenkomst.soort,
                "titel": bijeenkomst.titel,
                "themas": list(bijeenkomst.themas.all()),
                "provincies": list(bijeenkomst.provincies.all()),
                "gemeenten": list(bijeenkomst.gemeenten.all()),
                "deelnemers": bijeenkomst.deelnemers,
                "verslag": bijeenkomst.verslag,
            }
        super().__init__(data, *args, **kwargs)
        bestaand = [g.pk for g in bijeenkomst.gemeenten.all()] if bijeenkomst else []
        vandaag = timezone.localdate()
        self.fields["gemeenten"].queryset = (
            Gemeente.objects.filter(
                pk__in=list(Gemeente.objects.bestaand_op(vandaag).values_list("pk", flat=True)) + bestaand
            )
            .select_related("provincie")
            .order_by("provincie__naam", "naam")
        )

    def clean(self):
        data = super().clean()
        regels = controleer_bijeenkomst(
            datum=data.get("datum"),
            soort=data.get("soort") or "",
            provincies=data.get("provincies") or [],
            gemeenten=data.get("gemeenten") or [],
            deelnemers=data.get("deelnemers"),
        )
        for veld, fouten in regels.items():
            if veld in self.fields and veld not in self.errors:
                self.add_error(veld, fouten)
        return data
