from django import forms
from django.utils import timezone

from accounts.permissions import zichtbare_organisaties
from gemeenten.models import Organisatie, Provincie
from gemeenten.programma import PROGRAMMA_START, VANAF_BEGIN, binnen_programma
from rapportage.models import Rapport
from rapportage.permissions import mag_rapport_aanvragen
from toolkit.invoer import DatumVeld, FoutenMetVeldnaam
from toolkit.keuzevelden import ModelKeuze

MAANDEN = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
KWARTALEN = [(k, f"K{k} ({MAANDEN[3 * k - 3]}–{MAANDEN[3 * k - 1]})") for k in range(1, 5)]


class RapportAanvraagForm(FoutenMetVeldnaam, forms.Form):
    # Which kind each period field belongs to: the others are hidden (app.js) and ignored.
    VOOR_SOORT = {"peildatum": "eind", "jaar": "maand kwartaal", "maand": "maand", "kwartaal": "kwartaal"}

    soort = forms.ChoiceField(
        label="Soort rapport",
        choices=Rapport.Soort.choices,
        widget=forms.RadioSelect,
        initial=Rapport.Soort.EIND,
    )
    peildatum = DatumVeld(
        label="Peildatum (eindrapportage)",
        required=False,
        help_text="Het rapport telt wat op deze dag was vastgelegd.",
        error_messages={"invalid": "Vul bij Peildatum een datum in, bijvoorbeeld 1-10-2012."},
        validators=[VANAF_BEGIN],
    )
    jaar = forms.IntegerField(
        label="Jaar (maand- en kwartaalrapportage)",
        required=False,
        min_value=PROGRAMMA_START.year,
        max_value=2100,
        error_messages={
            "invalid": "Vul bij Jaar een jaartal in, bijvoorbeeld 2011.",
            "min_value": f"Het programma begon in {PROGRAMMA_START.year}: vul bij Jaar {PROGRAMMA_START.year} of later in.",
            "max_value": "Vul bij Jaar een jaartal in, bijvoorbeeld 2011.",
        },
    )
    maand = forms.TypedChoiceField(
        label="Maand (maandrapportage)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "— kies een maand —"), *((i, naam) for i, naam in enumerate(MAANDEN, start=1))],
        error_messages={"invalid_choice": "Kies bij Maand een maand uit de lijst."},
    )
    kwartaal = forms.TypedChoiceField(
        label="Kwartaal (kwartaalrapportage)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "— kies een kwartaal —"), *KWARTALEN],
        error_messages={"invalid_choice": "Kies bij Kwartaal een kwartaal uit de lijst."},
    )
    lezing = forms.ChoiceField(
        label="Welke stand",
        choices=[
            (Rapport.Lezing.ZOALS_BEKEND, "Zoals bekend op de peildatum — elke keer dezelfde cijfers"),
            (
                Rapport.Lezing.MET_CORRECTIES,
                "Met latere correcties tot en met vandaag — met een lijst van wat veranderde",
            ),
        ],
        widget=forms.RadioSelect,
        initial=Rapport.Lezing.ZOALS_BEKEND,
        required=False,
        help_text=(
            "Een gesprek dat na de peildatum is verwijderd of gewijzigd, of een meting die later is "
            "heropend, telt in de eerste stand zoals het toen was."
        ),
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
        kwargs.setdefault("initial", self.standaard(timezone.localdate()))
        super().__init__(*args, **kwargs)
        if not mag_rapport_aanvragen(user):  # not a national one: an adviser, for their own CMO
            del self.fields["provincie"]
            self.fields["organisatie"].queryset = zichtbare_organisaties(user)
            self.fields["organisatie"].required = True
            self.fields["organisatie"].empty_label = None

    @staticmethod
    def standaard(vandaag) -> dict:
        """Defaults inside the programme's period (2009–2012): today, or its last day."""
        dag = binnen_programma(vandaag)
        return {"peildatum": dag, "jaar": dag.year, "maand": dag.month, "kwartaal": (dag.month - 1) // 3 + 1}

    def velden(self):
        """Each field with the kinds of report it belongs to (empty: every kind)."""
        for veld in self:
            yield veld, self.VOOR_SOORT.get(veld.name, "")

    def clean(self):
        """A period field of another kind than the one chosen was hidden: its value and any
        error in it do not count."""
        soort = self.cleaned_data.get("soort")
        for naam, soorten in self.VOOR_SOORT.items():
            if soort and soort not in soorten.split():
                self.errors.pop(naam, None)
                self.cleaned_data.pop(naam, None)
        return self.cleaned_data

    def clean_lezing(self) -> str:
        return self.cleaned_data["lezing"] or Rapport.Lezing.ZOALS_BEKEND

    def periode(self) -> dict:
        d = self.cleaned_data
        if d["soort"] == Rapport.Soort.EIND:
            return {"peildatum": d.get("peildatum")}
        if d["soort"] == Rapport.Soort.MAAND:
            return {"jaar": d.get("jaar"), "maand": d.get("maand")}
        return {"jaar": d.get("jaar"), "kwartaal": d.get("kwartaal")}


class PlanningForm(FoutenMetVeldnaam, forms.Form):
    """A coordinator switches the scheduled reports of one kind on or off."""

    soort = forms.ChoiceField(choices=[("maand", "Maandrapportage"), ("kwartaal", "Kwartaalrapportage")])
    actief = forms.BooleanField(required=False)
