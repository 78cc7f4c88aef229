from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format


def _pad(rapport: "Rapport", bestandsnaam: str) -> str:
    return f"rapporten/{rapport.pk}/{bestandsnaam}"


RANGTELWOORDEN = ("eerste", "tweede", "derde", "vierde")


def kwartaal_naam(van) -> str:
    """A quarter as written Dutch names it: 'tweede kwartaal 2011'."""
    return f"{RANGTELWOORDEN[(van.month - 1) // 3]} kwartaal {van.year}"


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

    class Lezing(models.TextChoices):
        ZOALS_BEKEND = "zoals_bekend", "Zoals bekend op de peildatum"
        MET_CORRECTIES = "met_correcties", "Met latere correcties"

    soort = models.CharField(max_length=20, choices=Soort.choices)
    lezing = models.CharField(
        max_length=20,
        choices=Lezing.choices,
        default=Lezing.ZOALS_BEKEND,
        help_text="Zoals bekend op de peildatum (elke keer dezelfde cijfers), of met wat later is verbeterd.",
    )
    bekend_op = models.DateTimeField(
        null=True, blank=True, help_text="Bij 'met latere correcties': tot en met welk moment."
    )
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
    wachtend_sinds = models.DateTimeField(
        default=timezone.now, help_text="Sinds wanneer de run (opnieuw) op de bouw wacht."
    )
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
    gepland = models.BooleanField(
        default=False, help_text="Gemaakt volgens de planning (Celery beat), niet op verzoek."
    )
    gemeld_op = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Wanneer de ontvangers een mail kregen dat het geplande rapport klaar is.",
    )

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
            # A scheduled report is made once per kind, period and CMO (or the whole country).
            models.UniqueConstraint(
                fields=["soort", "periode_van"],
                condition=Q(gepland=True, organisatie__isnull=True, provincie__isnull=True),
                name="rapport_gepland_landelijk_eenmaal",
            ),
            models.UniqueConstraint(
                fields=["soort", "periode_van", "organisatie"],
                condition=Q(gepland=True, organisatie__isnull=False),
                name="rapport_gepland_cmo_eenmaal",
            ),
            models.CheckConstraint(
                condition=Q(lezing="zoals_bekend", bekend_op__isnull=True)
                | Q(lezing="met_correcties", bekend_op__isnull=False),
                name="rapport_correcties_tot_moment",
            ),
        ]

    def __str__(self) -> str:
        lezing = (
            f" (met correcties tot en met {date_format(timezone.localtime(self.bekend_op), 'DATE_FORMAT')})"
            if self.bekend_op
            else ""
        )
        return f"{self.get_soort_display()} {self.periode_omschrijving}{self.afbakening_omschrijving}{lezing}"

    @property
    def periode_omschrijving(self) -> str:

        if self.soort == self.Soort.EIND:
            return f"per {date_format(self.peildatum, 'DATE_FORMAT')}"
        if self.soort == self.Soort.MAAND:
            return date_format(self.periode_van, "F Y")
        return kwartaal_naam(self.periode_van)

    @property
    def kwartaal(self) -> int:
        """The quarter (1–4) the period begins in."""
        return (self.periode_van.month - 1) // 3 + 1

    @property
    def afbakening_omschrijving(self) -> str:
        if self.provincie_id:
            return f" — provincie {self.provincie}"
        if self.organisatie_id:
            return f" — {self.organisatie}"
        return ""

    @property
    def bestandsnaam(self) -> str:
        if self.soort == self.Soort.EIND:
            deel = self.peildatum.isoformat()
        elif self.soort == self.Soort.KWARTAAL:
            deel = f"{self.periode_van.year}-K{self.kwartaal}"
        else:
            deel = self.periode_van.strftime("%Y-%m")
        scope = (
            f"-{self.provincie.cbs_code}"
            if self.provincie_id
            else f"-cmo{self.organisatie_id}"
            if self.organisatie_id
            else ""
        )
        lezing = "-met-correcties" if self.lezing == self.Lezing.MET_CORRECTIES else ""
        return f"{self.soort}rapportage-{deel}{scope}{lezing}"


class Planning(models.Model):
    """Whether the monthly or the quarterly reports are made by themselves (Celery beat), and from
    when: a period that ended before ``vanaf`` is never made afterwards."""

    soort = models.CharField(
        max_length=20,
        unique=True,
        choices=[(Rapport.Soort.MAAND, "Maandrapportage"), (Rapport.Soort.KWARTAAL, "Kwartaalrapportage")],
    )
    actief = models.BooleanField(default=True)
    vanaf = models.DateField(
        help_text="De eerste dag waarop een rapport volgens de planning gemaakt mag worden."
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "planningen"

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {'aan' if self.actief else 'uit'}"
