import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Onderwerp(models.TextChoices):
    VRIJWILLIGERSWERK = "vrijwilligerswerk", "Vrijwilligerswerk"
    MANTELZORG = "mantelzorg", "Mantelzorg"
    BEIDE = "beide", "Beide"


class AdviseurQuerySet(models.QuerySet):
    def actief_op(self, datum):
        return self.filter(Q(actief_tot__isnull=True) | Q(actief_tot__gt=datum), actief_van__lte=datum)


class Adviseur(models.Model):
    """A period in which a person advised for a CMO; a move to another CMO starts a new period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="adviseurschappen"
    )
    organisatie = models.ForeignKey(
        "gemeenten.Organisatie", verbose_name="CMO", on_delete=models.PROTECT, related_name="adviseurs"
    )
    actief_van = models.DateField()
    actief_tot = models.DateField(
        null=True, blank=True, help_text="De eerste dag waarop de adviseur niet meer actief is."
    )

    objects = AdviseurQuerySet.as_manager()

    class Meta:
        ordering = ["user__naam", "actief_van"]
        verbose_name_plural = "adviseurs"
        constraints = [
            models.CheckConstraint(
                condition=Q(actief_tot__isnull=True) | Q(actief_tot__gt=models.F("actief_van")),
                name="adviseur_actief_tot_na_van",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(actief_tot__isnull=True), name="een_open_periode_per_adviseur"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisatie})"

    def is_actief_op(self, datum) -> bool:
        return self.actief_van <= datum and (self.actief_tot is None or datum < self.actief_tot)


class Thema(models.Model):
    """A theme an adviser ticks on a session; a theme that is a basisfunctie links to it."""

    code = models.CharField(max_length=30, unique=True)
    naam = models.CharField(max_length=80)
    domein = models.CharField(max_length=20, choices=[c for c in Onderwerp.choices if c[0] != "beide"])
    basisfunctie = models.ForeignKey(
        "nulmeting.Basisfunctie", on_delete=models.PROTECT, null=True, blank=True, related_name="themas"
    )
    volgorde = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["volgorde"]
        verbose_name_plural = "thema's"
        constraints = [models.UniqueConstraint(fields=["domein", "naam"], name="thema_uniek_per_domein")]

    def __str__(self) -> str:
        return self.naam

    def past_bij(self, onderwerp: str) -> bool:
        return onderwerp == Onderwerp.BEIDE or onderwerp == self.domein


class Adviestraject(models.Model):
    class Status(models.TextChoices):
        VERKENNING = "verkenning", "Verkenning"
        LOPEND = "lopend", "Lopend"
        AFGEROND = "afgerond", "Afgerond"

    titel = models.CharField(max_length=160)
    gemeenten = models.ManyToManyField("gemeenten.Gemeente", related_name="adviestrajecten")
    leider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="trajectleider",
        on_delete=models.PROTECT,
        related_name="geleide_trajecten",
    )
    organisatie = models.ForeignKey(
        "gemeenten.Organisatie", verbose_name="CMO", on_delete=models.PROTECT, related_name="adviestrajecten"
    )
    onderwerp = models.CharField(max_length=20, choices=Onderwerp.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.VERKENNING)
    doel = models.TextField()
    werkwijze = models.TextField()
    inzet_uren = models.DecimalField(
        "inzet (uren begroot)",
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("9999"))],
    )
    tijdspad = models.TextField()
    verwachte_opbrengst = models.TextField()
    borging = models.TextField()
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gewijzigd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name_plural = "adviestrajecten"

    def __str__(self) -> str:
        return self.titel


class AdviesgesprekQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(verwijderd_op__isnull=True)

    def gerapporteerd_tot(self, moment):
        """Sessions as they were known at ``moment``: logged by then and not deleted."""
        return self.actief().filter(gerapporteerd_op__lte=moment)


class Adviesgesprek(models.Model):
    datum = models.DateField("datum gesprek")
    gerapporteerd_op = models.DateTimeField(default=timezone.now, editable=False)
    adviseur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="adviesgesprekken"
    )
    organisatie = models.ForeignKey(
        "gemeenten.Organisatie", verbose_name="CMO", on_delete=models.PROTECT, related_name="adviesgesprekken"
    )
    gemeenten = models.ManyToManyField("gemeenten.Gemeente", related_name="adviesgesprekken")
    onderwerp = models.CharField(max_length=20, choices=Onderwerp.choices)
    themas = models.ManyToManyField(Thema, verbose_name="thema's", related_name="gesprekken")
    uren = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("99"))],
    )
    verslag = models.TextField("kort verslag")
    vervolgafspraken = models.TextField(blank=True)
    traject = models.ForeignKey(
        Adviestraject, on_delete=models.SET_NULL, null=True, blank=True, related_name="gesprekken"
    )
    versie = models.PositiveIntegerField(default=1, editable=False)
    gewijzigd_op = models.DateTimeField(default=timezone.now)
    verwijderd_op = models.DateTimeField(null=True, blank=True)
    verwijderd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AdviesgesprekQuerySet.as_manager()

    class Meta:
        ordering = ["-datum", "-gerapporteerd_op"]
        verbose_name_plural = "adviesgesprekken"
        indexes = [
            models.Index(fields=["gerapporteerd_op"]),
            models.Index(fields=["organisatie", "datum"]),
            models.Index(fields=["adviseur", "datum"]),
        ]

    def __str__(self) -> str:
        return f"Adviesgesprek {self.datum:%d-%m-%Y}"

    @property
    def is_verwijderd(self) -> bool:
        return self.verwijderd_op is not None


class GesprekWijziging(models.Model):
    """History of a session: who did what when, and which fields changed from what to what."""

    class Soort(models.TextChoices):
        AANGEMAAKT = "aangemaakt", "Vastgelegd"
        GEWIJZIGD = "gewijzigd", "Gewijzigd"
        VERWIJDERD = "verwijderd", "Verwijderd"
        HERSTELD = "hersteld", "Hersteld"
        GEIMPORTEERD = "geimporteerd", "Geïmporteerd"

    gesprek = models.ForeignKey(Adviesgesprek, on_delete=models.CASCADE, related_name="wijzigingen")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    op = models.DateTimeField(default=timezone.now)
    velden = models.JSONField(default=dict, help_text="veld → [oud, nieuw]")
    versie = models.PositiveIntegerField(help_text="De versie van het gesprek na deze wijziging.")

    class Meta:
        ordering = ["op", "pk"]
        verbose_name_plural = "wijzigingen"

    LABELS = {"themas": "thema's", "traject": "adviestraject"}

    def __str__(self) -> str:
        return f"{self.get_soort_display()} op {self.op:%d-%m-%Y %H:%M}"

    def weergave(self) -> list[tuple[str, str, str]]:
        """The changed fields as (label, old, new), with Dutch dates, numbers and labels."""

        def nl(veld: str, waarde: str) -> str:
            if veld == "datum" and waarde:
                return datetime.date.fromisoformat(waarde).strftime("%-d-%-m-%Y")
            if veld == "uren":
                return waarde.replace(".", ",")
            if veld == "onderwerp" and waarde in Onderwerp.values:
                return Onderwerp(waarde).label
            return waarde

        return [
            (self.LABELS.get(veld, veld), nl(veld, oud), nl(veld, nieuw))
            for veld, (oud, nieuw) in self.velden.items()
        ]
