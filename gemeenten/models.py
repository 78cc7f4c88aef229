import datetime

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from toolkit.datums import datum_kort


class Provincie(models.Model):
    cbs_code = models.CharField(
        "CBS-code", max_length=4, unique=True, validators=[RegexValidator(r"^PV\d{2}$")]
    )
    naam = models.CharField(max_length=50, unique=True)

    class Meta:
        ordering = ["naam"]
        verbose_name_plural = "provincies"

    def __str__(self) -> str:
        return self.naam


class GemeenteQuerySet(models.QuerySet):
    def bestaand_op(self, datum: datetime.date) -> "GemeenteQuerySet":
        """The municipalities that exist on ``datum`` (valid from inclusive, to exclusive)."""
        return self.filter(
            Q(geldig_van__isnull=True) | Q(geldig_van__lte=datum),
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=datum),
        )

    def in_provincies(self, provincies) -> "GemeenteQuerySet":
        return self.filter(provincie__in=provincies)


class Gemeente(models.Model):
    cbs_code = models.CharField(
        "CBS-code",
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", "Een CBS-code is GM gevolgd door vier cijfers.")],
    )
    naam = models.CharField(max_length=80)
    provincie = models.ForeignKey(Provincie, on_delete=models.PROTECT, related_name="gemeenten")
    geldig_van = models.DateField(
        null=True, blank=True, help_text="Leeg: bestond al vóór de periode van het programma."
    )
    geldig_tot = models.DateField(
        null=True, blank=True, help_text="De eerste dag waarop de gemeente niet meer bestaat."
    )

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name_plural = "gemeenten"
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_van__isnull=True)
                | Q(geldig_tot__isnull=True)
                | Q(geldig_tot__gt=models.F("geldig_van")),
                name="gemeente_geldig_tot_na_van",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    def bestaat_op(self, datum: datetime.date) -> bool:
        return (self.geldig_van is None or self.geldig_van <= datum) and (
            self.geldig_tot is None or datum < self.geldig_tot
        )


class Inwonertal(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="inwonertallen")
    peildatum = models.DateField()
    inwoners = models.PositiveIntegerField(
        validators=[MinValueValidator(1, message="Het aantal inwoners moet groter zijn dan 0.")]
    )

    history = HistoricalRecords(verbose_name="versie van een inwonertal")

    class Meta:
        ordering = ["gemeente", "-peildatum"]
        verbose_name_plural = "inwonertallen"
        constraints = [models.UniqueConstraint(fields=["gemeente", "peildatum"], name="inwonertal_uniek")]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.inwoners} op {datum_kort(self.peildatum)}"


class Herindeling(models.Model):
    """One dissolved municipality going (wholly or partly) into another on a date.

    A row per pair, because a municipality can be split over several successors.
    """

    class Soort(models.TextChoices):
        SAMENVOEGING = "samenvoeging", "Samenvoeging"
        TOEVOEGING = "toevoeging", "Toevoeging"
        SPLITSING = "splitsing", "Splitsing"
        NAAMSWIJZIGING = "naamswijziging", "Naamswijziging"

    datum = models.DateField()
    opgeheven = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="opgegaan_in")
    opvolger = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="voortgekomen_uit")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    toelichting = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["datum", "opgeheven__naam"]
        verbose_name_plural = "herindelingen"
        constraints = [models.UniqueConstraint(fields=["opgeheven", "opvolger"], name="herindeling_uniek")]

    def __str__(self) -> str:
        return f"{self.opgeheven} → {self.opvolger} ({datum_kort(self.datum)})"


class Organisatie(models.Model):
    """A provincial CMO (Centrum voor Maatschappelijke Ontwikkeling) that employs advisers."""

    naam = models.CharField(max_length=120, unique=True)
    provincies = models.ManyToManyField(Provincie, related_name="organisaties")
    is_placeholder = models.BooleanField(
        "plaatshouder",
        default=False,
        help_text="Een organisatie die in de bronnen niet bij naam bekend is (alleen demodata).",
    )

    class Meta:
        ordering = ["naam"]
        verbose_name = "CMO"
        verbose_name_plural = "CMO's"

    def __str__(self) -> str:
        return self.naam


class ContactpersoonQuerySet(models.QuerySet):
    def van_gemeenten(self, gemeenten) -> "ContactpersoonQuerySet":
        return self.filter(gemeente__in=gemeenten)


class Contactpersoon(models.Model):
    """An official the programme writes to about a municipality: invitations and reminders.

    An address belongs to one municipality, as an account does (``accounts.User.gemeente``).
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="contactpersonen")
    naam = models.CharField(max_length=120)
    email = models.EmailField("e-mailadres", unique=True)
    functie = models.CharField(max_length=120, blank=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    gewijzigd_door = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ContactpersoonQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="versie van een contactpersoon")

    class Meta:
        ordering = ["gemeente__naam", "naam"]
        verbose_name = "contactpersoon"
        verbose_name_plural = "contactpersonen"

    def __str__(self) -> str:
        return f"{self.naam} <{self.email}>"

    @property
    def audit_omschrijving(self) -> str:
        return f"contactpersoon #{self.pk} van {self.gemeente}"
