"""What the API shows, with the product's Dutch names. Read-only: every field comes from a
queryset the views scope with the apps' permissions modules."""

import datetime

from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from gemeenten.models import Gemeente, Herindeling, Organisatie, Provincie
from gemeenten.programma import VANAF_BEGIN
from nulmeting.models import Meting, Score
from rapportage.models import Rapport
from rondes.models import Ronde


class ProvincieSerializer(serializers.ModelSerializer):
    class Meta:
        model = Provincie
        fields = ["cbs_code", "naam"]


class OrganisatieSerializer(serializers.ModelSerializer):
    provincies = serializers.SlugRelatedField(slug_field="cbs_code", many=True, read_only=True)

    class Meta:
        model = Organisatie
        fields = ["id", "naam", "provincies", "is_placeholder"]


class OpgegaanInSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="opvolger.cbs_code")
    naam = serializers.CharField(source="opvolger.naam")

    class Meta:
        model = Herindeling
        fields = ["datum", "soort", "gemeente", "naam"]


class VoortgekomenUitSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="opgeheven.cbs_code")
    naam = serializers.CharField(source="opgeheven.naam")

    class Meta:
        model = Herindeling
        fields = ["datum", "soort", "gemeente", "naam"]


class GemeenteSerializer(serializers.ModelSerializer):
    provincie = ProvincieSerializer()
    opgegaan_in = OpgegaanInSerializer(many=True, help_text="De herindelingen waarin deze gemeente opging.")
    voortgekomen_uit = VoortgekomenUitSerializer(many=True, help_text="De gemeenten die in deze opgingen.")

    class Meta:
        model = Gemeente
        fields = [
            "cbs_code",
            "naam",
            "provincie",
            "geldig_van",
            "geldig_tot",
            "opgegaan_in",
            "voortgekomen_uit",
        ]


class ScoreSerializer(serializers.ModelSerializer):
    basisfunctie = serializers.CharField(source="basisfunctie.code")
    naam = serializers.CharField(source="basisfunctie.naam")
    domein = serializers.CharField(source="basisfunctie.domein")
    # Declared, not derived from the model: Django gives a small integer another range per
    # database, and the committed schema must be the same on SQLite and PostgreSQL.
    punten = serializers.IntegerField(min_value=0, max_value=32767, read_only=True)
    maximum = serializers.IntegerField(min_value=0, max_value=32767, read_only=True)

    class Meta:
        model = Score
        fields = ["basisfunctie", "naam", "domein", "punten", "maximum", "goed_voor_elkaar"]


class MetingSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="gemeente.cbs_code")
    gemeente_naam = serializers.CharField(source="gemeente.naam")
    provincie = serializers.CharField(source="gemeente.provincie.cbs_code")
    vragenlijst = serializers.CharField(source="vragenlijst.code")
    scores = ScoreSerializer(
        many=True, help_text="Per basisfunctie; leeg zolang de meting niet is ingediend."
    )

    class Meta:
        model = Meting
        fields = [
            "id",
            "gemeente",
            "gemeente_naam",
            "provincie",
            "vragenlijst",
            "status",
            "ingediend_op",
            "scores",
        ]


class RondeSerializer(serializers.ModelSerializer):
    vragenlijst = serializers.CharField(source="vragenlijst.code")
    provincies = serializers.SlugRelatedField(slug_field="cbs_code", many=True, read_only=True)

    class Meta:
        model = Ronde
        fields = ["id", "naam", "vragenlijst", "opent_op", "sluit_op", "gesloten_op", "provincies"]


class ResponsRijSerializer(serializers.Serializer):
    provincie = serializers.CharField(help_text="Naam van de provincie, of 'Totaal'.")
    doel = serializers.IntegerField()
    uitgenodigd = serializers.IntegerField()
    gestart = serializers.IntegerField()
    ingediend = serializers.IntegerField()
    procent = serializers.IntegerField(allow_null=True)


class RondeResponsSerializer(serializers.Serializer):
    ronde = RondeSerializer()
    respons = ResponsRijSerializer(many=True, help_text="Per provincie die u ziet, en het totaal daarvan.")


class BestandenSerializer(serializers.Serializer):
    html = serializers.URLField()
    pdf = serializers.URLField()
    xlsx = serializers.URLField()
    json = serializers.URLField()


class RapportSerializer(serializers.ModelSerializer):
    provincie = serializers.CharField(source="provincie.cbs_code", allow_null=True, default=None)
    organisatie = serializers.CharField(source="organisatie.naam", allow_null=True, default=None)
    titel = serializers.CharField(source="__str__")
    bestanden = serializers.SerializerMethodField()

    class Meta:
        model = Rapport
        fields = [
            "id",
            "titel",
            "soort",
            "lezing",
            "bekend_op",
            "periode_van",
            "peildatum",
            "provincie",
            "organisatie",
            "status",
            "aangevraagd_op",
            "klaar_op",
            "bestanden",
        ]

    def get_bestanden(self, rapport: Rapport) -> BestandenSerializer(allow_null=True):
        """The links to the files of a finished run (None before)."""
        if rapport.status != Rapport.Status.KLAAR:
            return None
        request = self.context["request"]
        return {
            formaat: request.build_absolute_uri(reverse("api:rapport_bestand", args=[rapport.pk, formaat]))
            for formaat in ("html", "pdf", "xlsx", "json")
        }


# The open figures (``rapportage.open_cijfers``): the question and the answer.


class CijferVraagSerializer(serializers.Serializer):
    peildatum = serializers.DateField(
        help_text="De dag waarop geteld wordt (JJJJ-MM-DD), vanaf 2009-01-01 tot en met vandaag.",
        error_messages={
            "invalid": "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2012-10-01.",
            "required": "Deze parameter is verplicht: de peildatum als JJJJ-MM-DD.",
        },
        validators=[VANAF_BEGIN],
    )
    vanaf = serializers.DateField(
        required=False,
        help_text="Tel alleen gesprekken vanaf deze dag (JJJJ-MM-DD); standaard alle.",
        error_messages={"invalid": "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2012-01-01."},
        validators=[VANAF_BEGIN],
    )
    lezing = serializers.ChoiceField(
        choices=Rapport.Lezing.choices,
        default=Rapport.Lezing.ZOALS_BEKEND,
        help_text="zoals_bekend: zoals bekend op de peildatum (vaste cijfers); met_correcties: met "
        "wat later is verbeterd, tot nu.",
        error_messages={"invalid_choice": "Kies zoals_bekend of met_correcties."},
    )
    provincie = serializers.SlugRelatedField(
        slug_field="cbs_code",
        queryset=Provincie.objects.all(),
        required=False,
        help_text="CBS-code van een provincie (bijvoorbeeld PV21); zonder: heel Nederland.",
        error_messages={
            "does_not_exist": "Er is geen provincie met code {value}.",
            "invalid": "Ongeldige code.",
        },
    )

    def validate_peildatum(self, waarde: datetime.date) -> datetime.date:
        if waarde > timezone.localdate():
            raise serializers.ValidationError("De peildatum ligt in de toekomst: kies vandaag of eerder.")
        return waarde

    def validate(self, gegevens: dict) -> dict:
        if gegevens.get("vanaf") and gegevens["vanaf"] > gegevens["peildatum"]:
            raise serializers.ValidationError({"vanaf": "Deze datum ligt na de peildatum."})
        return gegevens


class GebiedSerializer(serializers.Serializer):
    niveau = serializers.ChoiceField(choices=["land", "provincie"])
    cbs_code = serializers.CharField(allow_null=True)
    naam = serializers.CharField()


class DeelnameSerializer(serializers.Serializer):
    gemeenten = serializers.IntegerField(help_text="Gemeenten die op de peildatum bestonden.")
    deelnemers = serializers.IntegerField(
        help_text="Waarvan zelf of via een voorganger een nulmeting indiende."
    )
    procent = serializers.IntegerField(allow_null=True)


class BasisfunctieCijferSerializer(serializers.Serializer):
    basisfunctie = serializers.CharField()
    domein = serializers.CharField()
    n = serializers.IntegerField(
        help_text="Ingediende nulmetingen, afgerond op een veelvoud van 5 (zoals in de spiegel)."
    )
    procent = serializers.IntegerField(
        allow_null=True,
        help_text="Percentage 'goed voor elkaar', afgerond op 5; leeg als 'band' gevuld is.",
    )
    band = serializers.CharField(
        allow_blank=True,
        help_text="In plaats van een percentage, als minder dan 5 gemeenten aan één kant staan.",
    )
    stand = serializers.DateTimeField(
        allow_null=True, help_text="De maandgrens waarop dit cijfer is vastgesteld en gepubliceerd."
    )


class GesprekkenCijferSerializer(serializers.Serializer):
    aantal = serializers.IntegerField()
    uren = serializers.FloatField()
    gemeenten_met_advies = serializers.IntegerField()


class OnderwerpCijferSerializer(serializers.Serializer):
    onderwerp = serializers.CharField()
    aantal = serializers.IntegerField()


class ThemaCijferSerializer(serializers.Serializer):
    thema = serializers.CharField()
    domein = serializers.CharField()
    aantal = serializers.IntegerField()


class CijfersSerializer(serializers.Serializer):
    peildatum = serializers.DateField()
    vanaf = serializers.DateField(allow_null=True)
    lezing = serializers.ChoiceField(choices=Rapport.Lezing.choices)
    bekend_op = serializers.DateTimeField(help_text="Het moment waarvan de cijfers de kennis tonen.")
    gebied = GebiedSerializer()
    deelname = DeelnameSerializer()
    basisfuncties = BasisfunctieCijferSerializer(many=True)
    gesprekken = GesprekkenCijferSerializer()
    onderwerpen = OnderwerpCijferSerializer(many=True)
    themas = ThemaCijferSerializer(many=True)


class StandSerializer(serializers.Serializer):
    vragenlijst = serializers.CharField(source="vragenlijst.code")
    naam = serializers.CharField(source="vragenlijst.naam")
    status = serializers.SerializerMethodField(help_text="geen, concept of ingediend (de eigen meting).")
    ingediend = serializers.BooleanField(help_text="Zelf of via een gemeente die erin opging ingediend.")
    door_voorgangers = serializers.BooleanField()
    ingediend_op = serializers.DateTimeField(source="meting.ingediend_op", allow_null=True, default=None)
    scores = serializers.SerializerMethodField()

    def get_status(self, stand) -> str:
        return stand.meting.status if stand.meting else "geen"

    def get_scores(self, stand) -> ScoreSerializer(many=True):
        if not stand.meting or not stand.meting.is_ingediend:
            return []
        scores = stand.meting.scores.select_related("basisfunctie").order_by("basisfunctie__volgorde")
        return ScoreSerializer(scores, many=True).data


class GemeenteDetailSerializer(serializers.Serializer):
    gemeente = GemeenteSerializer()
    vragenlijsten = StandSerializer(many=True)
