from django.conf import settings
from django.db import models
from django.utils import timezone

from toolkit.getallen import nl_getal


class Importrun(models.Model):
    """An upload too large to import within the request, run by a worker: the file until the run
    ends, how far it got, and its outcome (the first problems and their count, or what was stored).
    """

    class Status(models.TextChoices):
        WACHTEND = "wachtend", "Wacht op zijn beurt"
        BEZIG = "bezig", "Bezig"
        GELUKT = "gelukt", "Geïmporteerd"
        MISLUKT = "mislukt", "Niet geïmporteerd"

    class Fase(models.TextChoices):
        LEZEN = "lezen", "Bestand lezen"
        CONTROLEREN = "controleren", "Regels controleren"
        OPSLAAN = "opslaan", "Opslaan"

    soort = models.CharField(max_length=40)
    opties = models.JSONField(default=dict, blank=True)
    bestandsnaam = models.CharField(max_length=255)
    inhoud = models.BinaryField(blank=True, help_text="Het bestand; leeg zodra de import klaar is.")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="importruns")
    titel = models.CharField(max_length=120, help_text="De titel van de importpagina.")
    terug_naar = models.CharField(max_length=300, help_text="Het adres van de importpagina.")
    verder_naar = models.CharField(
        max_length=300, help_text="Waar de gebruiker na een gelukte import verder gaat."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WACHTEND)
    fase = models.CharField(max_length=12, choices=Fase.choices, blank=True)
    verwerkt = models.PositiveIntegerField(default=0)
    totaal = models.PositiveIntegerField(default=0)
    fouten = models.JSONField(default=list, blank=True)
    aantal_fouten = models.PositiveIntegerField(default=0)
    uitkomst = models.CharField(max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gestart_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "importrun"
        verbose_name_plural = "importruns"
        indexes = [models.Index(fields=["status", "aangemaakt_op"])]

    def __str__(self) -> str:
        return f"Import van {self.bestandsnaam}"

    @property
    def is_klaar(self) -> bool:
        return self.status in (self.Status.GELUKT, self.Status.MISLUKT)

    @property
    def overige_fouten(self) -> int:
        return self.aantal_fouten - len(self.fouten)

    @property
    def stand(self) -> str:
        """How far the run got, in a sentence for the page and its live region."""
        if self.status == self.Status.BEZIG and self.fase == self.Fase.CONTROLEREN and self.totaal:
            return f"Regels controleren: {nl_getal(self.verwerkt)} van {nl_getal(self.totaal)}"
        if self.status == self.Status.BEZIG and self.fase:
            return self.get_fase_display()
        return self.get_status_display()
