from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format


def _pad(rapport: "Rapport", bestandsnaam: str) -> str:
    return f"rapporten/{rapport.pk}/{bestandsnaam}"


class Rapport(models.Model):
    """One requested report run: what was asked, its state, and the files it produced."""

    class Soort(models.TextChoices):
        MAAND = "maand", "Maandrapportage"
        KWARTAAL = "kwartaal", "Kwartaalrapportage"
        EIND = "eind", "Eindrapportage"

    class Status(models.TextChoices):
        WACHTEND = "wachtend", "Wachtend"
        BEZIG = "bezig", "Bezig"
        KLAAR = "klaar", "Klaar"
        MISLUKT = "mislukt", "Mislukt"

    soort = models.CharField(max_length=20, choices=Soort.choices)
    periode_van = models.DateField()
    peildatum = models.DateField(help_text="Het rapport telt wat op deze dag was vastgelegd.")
    provincie = models.ForeignKey(
        "gemeenten.Provincie", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisatie = models.ForeignKey(
        "gemeenten.Organisatie",
        verbose_name="CMO",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WACHTEND)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangevraagd_op = models.DateTimeField(default=timezone.now)
    gestart_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(default=0)
    html = models.FileField(upload_to=_pad, blank=True)
    pdf = models.FileField(upload_to=_pad, blank=True)
    xlsx = models.FileField(upload_to=_pad, blank=True)
    cijfers = models.JSONField(null=True, blank=True, help_text="De getallen van het rapport (formaat json).")
    reden = models.CharField(
        max_length=300, blank=True, help_text="Waarom het maken mislukte, in een zin voor de gebruiker."
    )
    fout = models.TextField(blank=True, help_text="De technische foutmelding, voor de beheerder.")

    class Meta:
        ordering = ["-aangevraagd_op"]
        verbose_name_plural = "rapporten"
        constraints = [
            models.CheckConstraint(
                condition=Q(periode_van__lte=models.F("peildatum")), name="rapport_periode_geldig"
            ),
            models.CheckConstraint(
                condition=Q(provincie__isnull=True) | Q(organisatie__isnull=True),
                name="rapport_een_afbakening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.periode_omschrijving}{self.afbakening_omschrijving}"

    @property
    def periode_omschrijving(self) -> str:

        if self.soort == self.Soort.EIND:
            return f"per {date_format(self.peildatum, 'j F Y')}"
        if self.soort == self.Soort.MAAND:
            return date_format(self.periode_van, "F Y")
        return f"{(self.periode_van.month - 1) // 3 + 1}e kwartaal {self.periode_van.year}"

    @property
    def afbakening_omschrijving(self) -> str:
        if self.provincie_id:
            return f" — provincie {self.provincie}"
        if self.organisatie_id:
            return f" — {self.organisatie}"
        return ""

    @property
    def bestandsnaam(self) -> str:
        deel = (
            self.peildatum.isoformat()
            if self.soort == self.Soort.EIND
            else self.periode_van.strftime("%Y-%m")
        )
        scope = (
            f"-{self.provincie.cbs_code}"
            if self.provincie_id
            else f"-cmo{self.organisatie_id}"
            if self.organisatie_id
            else ""
        )
        return f"{self.soort}rapportage-{deel}{scope}"
