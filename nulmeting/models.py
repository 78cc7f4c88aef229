from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from nulmeting import definitie as definities
from toolkit.datums import datum_kort


class Domein(models.TextChoices):
    VRIJWILLIGERSWERK = "vrijwilligerswerk", "Vrijwilligerswerk"
    MANTELZORG = "mantelzorg", "Mantelzorg"


class Basisfunctie(models.Model):
    """One of the 13 basic support functions (5 for volunteering, 8 for informal care)."""

    code = models.CharField(max_length=30, unique=True)
    naam = models.CharField(max_length=80, unique=True)
    domein = models.CharField(max_length=20, choices=Domein.choices)
    omschrijving = models.TextField(blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["volgorde"]
        verbose_name_plural = "basisfuncties"

    def __str__(self) -> str:
        return self.naam


class Vragenlijst(models.Model):
    """A versioned questionnaire, loaded from a definition file; locked once answered."""

    class Soort(models.TextChoices):
        NULMETING = "nulmeting", "Nulmeting"
        EENMETING = "eenmeting", "Eenmeting"

    code = models.CharField(max_length=40, unique=True)
    naam = models.CharField(max_length=120)
    soort = models.CharField(max_length=20, choices=Soort.choices)
    versie = models.PositiveSmallIntegerField(default=1)
    inleiding = models.TextField(blank=True)
    definitie = models.JSONField(help_text="De definitie zoals geladen; bron voor de puntentelling.")
    basis = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervolgmetingen",
        help_text="Bij een eenmeting: de nulmeting waarmee de uitkomst wordt vergeleken.",
    )
    is_open = models.BooleanField("open voor invullen", default=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["aangemaakt_op"]
        verbose_name_plural = "vragenlijsten"

    def __str__(self) -> str:
        return self.naam

    @cached_property
    def opbouw(self) -> definities.VragenlijstDef:
        return definities.parse(self.definitie)


class Vraag(models.Model):
    class Type(models.TextChoices):
        JANEE = "janee", "Ja/nee"
        MEERKEUZE = "meerkeuze", "Meerkeuze"
        GETAL = "getal", "Getal"
        TOELICHTING = "toelichting", "Toelichting"

    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.CASCADE, related_name="vragen")
    basisfunctie = models.ForeignKey(Basisfunctie, on_delete=models.PROTECT, related_name="vragen")
    code = models.CharField(max_length=40)
    tekst = models.TextField()
    help = models.TextField(blank=True)
    type = models.CharField(max_length=20, choices=Type.choices)
    volgorde = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["vragenlijst", "volgorde"]
        verbose_name_plural = "vragen"
        constraints = [models.UniqueConstraint(fields=["vragenlijst", "code"], name="vraagcode_uniek")]

    def __str__(self) -> str:
        return self.code


class MetingQuerySet(models.QuerySet):
    def ingediend(self):
        return self.filter(status=Meting.Status.INGEDIEND)


class Meting(models.Model):
    """One municipality's filling-in of one questionnaire: concept, then ingediend."""

    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        INGEDIEND = "ingediend", "Ingediend"

    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.PROTECT, related_name="metingen")
    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.PROTECT, related_name="metingen")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CONCEPT)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gewijzigd_op = models.DateTimeField(default=timezone.now)
    ingediend_op = models.DateTimeField(null=True, blank=True)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_geimporteerd = models.BooleanField("geïmporteerd", default=False)

    objects = MetingQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="versie van een meting")

    class Meta:
        ordering = ["-gewijzigd_op"]
        verbose_name_plural = "metingen"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "vragenlijst"], name="een_meting_per_gemeente"),
            models.CheckConstraint(
                condition=Q(status="concept") | Q(ingediend_op__isnull=False), name="ingediend_heeft_datum"
            ),
        ]
        indexes = [models.Index(fields=["vragenlijst", "status", "ingediend_op"])]

    def __str__(self) -> str:
        return f"{self.vragenlijst} — {self.gemeente}"

    @property
    def is_ingediend(self) -> bool:
        return self.status == self.Status.INGEDIEND


class Antwoord(models.Model):
    meting = models.ForeignKey(Meting, on_delete=models.CASCADE, related_name="antwoorden")
    vraag = models.ForeignKey(Vraag, on_delete=models.PROTECT, related_name="antwoorden")
    waarde = models.TextField(blank=True)
    gewijzigd_op = models.DateTimeField(default=timezone.now)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(verbose_name="versie van een antwoord")

    class Meta:
        verbose_name_plural = "antwoorden"
        constraints = [models.UniqueConstraint(fields=["meting", "vraag"], name="een_antwoord_per_vraag")]

    def __str__(self) -> str:
        return f"{self.vraag.code}: {self.waarde}"


class Score(models.Model):
    """The stored result per basisfunctie, computed once by the scoring service on submission."""

    meting = models.ForeignKey(Meting, on_delete=models.CASCADE, related_name="scores")
    basisfunctie = models.ForeignKey(Basisfunctie, on_delete=models.PROTECT, related_name="scores")
    punten = models.PositiveSmallIntegerField()
    maximum = models.PositiveSmallIntegerField()
    drempel = models.PositiveSmallIntegerField()
    goed_voor_elkaar = models.BooleanField()
    history = HistoricalRecords(verbose_name="versie van een score")

    class Meta:
        ordering = ["basisfunctie__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["meting", "basisfunctie"], name="een_score_per_basisfunctie")
        ]
        indexes = [models.Index(fields=["basisfunctie", "goed_voor_elkaar"])]

    def __str__(self) -> str:
        return f"{self.basisfunctie}: {self.punten}/{self.maximum}"


class MetingGebeurtenis(models.Model):
    """What happened to a meting and by whom: submitted, reopened (with the reason), imported."""

    class Soort(models.TextChoices):
        INGEDIEND = "ingediend", "Ingediend"
        HEROPEND = "heropend", "Heropend"
        GEIMPORTEERD = "geimporteerd", "Geïmporteerd"

    meting = models.ForeignKey(Meting, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    op = models.DateTimeField(default=timezone.now)
    reden = models.TextField(blank=True)

    class Meta:
        ordering = ["op"]
        verbose_name_plural = "gebeurtenissen"

    def __str__(self) -> str:
        return f"{self.get_soort_display()} op {datum_kort(self.op)}"


class Peilstand(models.Model):
    """Which versions of metingen and scores had been stored when the figures of a monthly cut-off
    were first worked out (decision 0022): the cut-off's snapshot reads only those, so a meting
    imported later with an earlier date of submission cannot change figures already shown."""

    peilmoment = models.DateTimeField(unique=True)
    laatste_metingversie = models.PositiveBigIntegerField(default=0)
    laatste_scoreversie = models.PositiveBigIntegerField(default=0)
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["peilmoment"]
        verbose_name_plural = "peilstanden"

    def __str__(self) -> str:
        return f"Peilstand {datum_kort(self.peilmoment)}"


class TypetestUitslag(models.Model):
    """One filling-in of the typetest; a municipality can take it again, earlier results stay."""

    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.CASCADE, related_name="typetests")
    ingevuld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ingevuld_op = models.DateTimeField(default=timezone.now)
    antwoorden = models.JSONField(help_text="Vraagnummer → 'a' of 'b'.")
    a_even = models.PositiveSmallIntegerField("a-antwoorden op even vragen")
    a_oneven = models.PositiveSmallIntegerField("a-antwoorden op oneven vragen")
    type = models.CharField(max_length=3)

    class Meta:
        ordering = ["-ingevuld_op"]
        verbose_name = "typetestuitslag"
        verbose_name_plural = "typetestuitslagen"

    def __str__(self) -> str:
        return f"Type {self.type} ({self.gemeente})"
