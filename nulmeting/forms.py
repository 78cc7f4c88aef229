from decimal import Decimal

from django import forms

from nulmeting.definitie import BasisfunctieDef, VraagDef
from nulmeting.typetest import AANTAL_VRAGEN
from toolkit.invoer import FoutenMetVeldnaam


def vraagveld(vraag: VraagDef) -> forms.Field:
    """The field of one question, online and in an import (``nulmeting.uitwisseling``)."""
    gemeen = {"label": vraag.tekst, "help_text": vraag.help, "required": False}
    if vraag.type in ("janee", "meerkeuze"):
        return forms.ChoiceField(
            choices=[(o.waarde, o.label) for o in vraag.opties], widget=forms.RadioSelect, **gemeen
        )
    if vraag.type == "getal":
        veld = forms.DecimalField(
            min_value=vraag.minimum,
            max_value=vraag.maximum,
            max_digits=12,
            decimal_places=2,
            localize=True,
            error_messages={
                "invalid": "Vul een getal in, bijvoorbeeld 12 of 2,5.",
                "min_value": "Het getal mag niet kleiner zijn dan %(limit_value)s.",
                "max_value": "Het getal mag niet groter zijn dan %(limit_value)s.",
            },
            **gemeen,
        )
        if vraag.eenheid:
            veld.help_text = f"{vraag.help} (in {vraag.eenheid})".strip()
        veld.widget.attrs["inputmode"] = "decimal"
        return veld
    return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), strip=True, **gemeen)


def als_tekst(waarde) -> str:
    """The stored form of an answer: option value, text, or a number without trailing zeros."""
    if waarde is None:
        return ""
    if isinstance(waarde, Decimal):
        return format(waarde.normalize(), "f")
    return str(waarde)


class BasisfunctieForm(FoutenMetVeldnaam, forms.Form):
    """One page of the questionnaire: the questions of one basisfunctie."""

    def __init__(self, *args, basisfunctie: BasisfunctieDef, origineel: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.basisfunctie = basisfunctie
        for vraag in basisfunctie.vragen:
            self.fields[vraag.code] = vraagveld(vraag)
            self.fields[f"origineel-{vraag.code}"] = forms.CharField(
                required=False, widget=forms.HiddenInput, initial=origineel.get(vraag.code, "")
            )

    def waarden(self) -> dict[str, str]:
        return {v.code: als_tekst(self.cleaned_data.get(v.code)) for v in self.basisfunctie.vragen}

    def origineel(self) -> dict[str, str]:
        return {v.code: self.cleaned_data.get(f"origineel-{v.code}", "") for v in self.basisfunctie.vragen}

    def vraagvelden(self):
        return [self[v.code] for v in self.basisfunctie.vragen]


class HeropenForm(FoutenMetVeldnaam, forms.Form):
    reden = forms.CharField(
        label="Reden voor heropenen",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De gemeente ziet deze reden bij haar meting.",
        error_messages={"required": "Geef een reden op om de meting te heropenen."},
    )


class TypetestForm(FoutenMetVeldnaam, forms.Form):
    def __init__(self, *args, definitie: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for vraag in definitie["vragen"]:
            self.fields[f"vraag_{vraag['nummer']}"] = forms.ChoiceField(
                label=f"{vraag['nummer']}. {vraag['tekst']}",
                choices=[("a", vraag["a"]), ("b", vraag["b"])],
                widget=forms.RadioSelect,
                error_messages={"required": "Kies a of b."},
            )

    def antwoorden(self) -> dict[int, str]:
        return {n: self.cleaned_data[f"vraag_{n}"] for n in range(1, AANTAL_VRAGEN + 1)}


class EenmetingForm(FoutenMetVeldnaam, forms.Form):
    naam = forms.CharField(label="Naam", max_length=120, initial="Eenmeting 2012")
    code = forms.SlugField(
        label="Code",
        max_length=40,
        initial="eenmeting-2012",
        help_text="Kleine letters, cijfers en streepjes.",
    )
