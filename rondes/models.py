"""Rounds of a questionnaire and the mail that goes with them: invitations, announcements and
reminders, one record per recipient (see ``rondes.services``)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from toolkit.datums import datum_kort


class RondeQuerySet(models.QuerySet):
    def open_op(self, datum: datetime.date) -> "RondeQuerySet":
        return self.filter(opent_op__lte=datum, sluit_op__gte=datum, gesloten_op__isnull=True)


class Ronde(models.Model):
    """A questionnaire put to a target group of municipalities between two dates."""

    vragenlijst = models.ForeignKey("nulmeting.Vragenlijst", on_delete=models.PROTECT, related_name="rondes")
    naam = models.CharField(max_length=120)
    opent_op = models.DateField("opent op")
    sluit_op = models.DateField("sluit op", help_text="De laatste dag van de ronde.")
    provincies = models.ManyToManyField(
        "gemeenten.Provincie",
        blank=True,
        related_name="rondes",
        help_text="Leeg: alle gemeenten die op de openingsdatum bestaan.",
    )
    herinnering_na_dagen = models.PositiveSmallIntegerField("herinnering na (dagen)", default=14)
    max_herinneringen = models.PositiveSmallIntegerField("hoogstens herinneringen", default=2)
    gesloten_op = models.DateTimeField(null=True, blank=True, help_text="Eerder gesloten door MOVISIE.")
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RondeQuerySet.as_manager()
    # Reports read a round as it was known at their moment (decision 0013): one opened later with
    # an earlier opening date, or reopened later, does not change a report already made.
    history = HistoricalRecords(verbose_name="versie van een ronde")

    class Meta:
        ordering = ["-opent_op", "naam"]
        verbose_name_plural = "rondes"
        constraints = [
            models.CheckConstraint(condition=Q(sluit_op__gte=F("opent_op")), name="ronde_sluit_na_opening"),
            models.CheckConstraint(condition=Q(herinnering_na_dagen__gte=1), name="ronde_herinnering_na_dag"),
        ]

    def __str__(self) -> str:
        return self.naam

    def is_open_op(self, datum: datetime.date) -> bool:
        return self.gesloten_op is None and self.opent_op <= datum <= self.sluit_op

    @property
    def is_open(self) -> bool:
        return self.is_open_op(timezone.localdate())

    @property
    def is_gesloten(self) -> bool:
        return self.gesloten_op is not None or self.sluit_op < timezone.localdate()

    @property
    def status_label(self) -> str:
        if self.is_gesloten:
            return "gesloten"
        return "open" if self.is_open else "gepland"


class Deelnemer(models.Model):
    """A municipality in a round's target group. Its meting is the one of the round's questionnaire."""

    ronde = models.ForeignKey(Ronde, on_delete=models.CASCADE, related_name="deelnemers")
    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.PROTECT, related_name="deelnames")
    # The round's questionnaire again, so the database itself keeps a municipality in at most one
    # round per questionnaire (two rounds would mail it twice about the same meting).
    vragenlijst = models.ForeignKey("nulmeting.Vragenlijst", on_delete=models.PROTECT, related_name="+")
    herinneringen_gepauzeerd = models.BooleanField(default=False)
    gepauzeerd_op = models.DateTimeField(null=True, blank=True)
    gepauzeerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["gemeente__naam"]
        verbose_name_plural = "deelnemers"
        constraints = [
            models.UniqueConstraint(fields=["vragenlijst", "gemeente"], name="een_ronde_per_vragenlijst"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} in {self.ronde}"


class Verzendopdracht(models.Model):
    """One run of sending: a coordinator's bulk invitation, or a day's reminders of one round."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", "Wachtend"
        BEZIG = "bezig", "Bezig met versturen"
        KLAAR = "klaar", "Klaar"

    ronde = models.ForeignKey(Ronde, on_delete=models.CASCADE, related_name="opdrachten")
    soort = models.CharField(
        max_length=20, choices=[("uitnodiging", "Uitnodigingen"), ("herinnering", "Herinneringen")]
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WACHTEND)
    basis_url = models.URLField(help_text="Het adres van de site, voor de links in de mail.")
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gestart_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    bijgewerkt_op = models.DateTimeField(null=True, blank=True, help_text="Laatste teken van leven.")
    pogingen = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name_plural = "verzendopdrachten"

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.ronde} ({datum_kort(self.aangemaakt_op)})"


class Verzending(models.Model):
    """One mail to one address, and its line in the ledger: ``verzonden`` as soon as the mail
    server accepted it, ``onzeker`` when the worker died while sending it (it may have arrived).
    The unique constraints are the guarantee that nobody is mailed twice by accident: a killed and
    restarted send finds the record and does not send again; only a coordinator can send a failed
    or in-doubt mail again (``rondes.services.uitnodigingen_opnieuw_versturen``)."""

    class Soort(models.TextChoices):
        UITNODIGING = "uitnodiging", "Uitnodiging"
        AANKONDIGING = "aankondiging", "Aankondiging"
        HERINNERING = "herinnering", "Herinnering"

    class Status(models.TextChoices):
        WACHTEND = "wachtend", "In de wachtrij"
        BEZIG = "bezig", "Wordt verstuurd"
        VERZONDEN = "verzonden", "Verzonden"
        MISLUKT = "mislukt", "Mislukt"
        ONZEKER = "onzeker", "Onzeker"
        GEANNULEERD = "geannuleerd", "Niet verstuurd"

    ronde = models.ForeignKey(Ronde, on_delete=models.CASCADE, related_name="verzendingen")
    deelnemer = models.ForeignKey(Deelnemer, on_delete=models.CASCADE, related_name="verzendingen")
    opdracht = models.ForeignKey(Verzendopdracht, on_delete=models.CASCADE, related_name="verzendingen")
    soort = models.CharField(max_length=20, choices=Soort.choices)
    volgnummer = models.PositiveSmallIntegerField(default=0, help_text="0, of de hoeveelste herinnering.")
    email = models.EmailField("e-mailadres")
    naam = models.CharField(max_length=120, blank=True)
    heeft_account = models.BooleanField(default=False)
    dag = models.DateField(help_text="De dag waarop de mail is verstuurd of gepland.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WACHTEND)
    reden = models.TextField(blank=True, help_text="Waarom de mail niet (zeker) is aangekomen.")
    verzonden_op = models.DateTimeField(null=True, blank=True)
    uitnodiging = models.ForeignKey(
        "accounts.Uitnodiging", on_delete=models.SET_NULL, null=True, blank=True, related_name="verzendingen"
    )

    class Meta:
        ordering = ["-dag", "email"]
        verbose_name_plural = "verzendingen"
        constraints = [
            models.UniqueConstraint(
                fields=["ronde", "email"],
                condition=Q(soort__in=["uitnodiging", "aankondiging"]),
                name="een_uitnodiging_per_adres_per_ronde",
            ),
            models.UniqueConstraint(
                fields=["ronde", "email", "volgnummer"],
                condition=Q(soort="herinnering"),
                name="een_herinnering_per_adres_per_volgnummer",
            ),
            models.UniqueConstraint(
                fields=["email", "dag"],
                condition=Q(soort="herinnering"),
                name="hoogstens_een_herinnering_per_adres_per_dag",
            ),
        ]
        indexes = [models.Index(fields=["opdracht", "status"]), models.Index(fields=["deelnemer", "status"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} aan {self.email}"

    @property
    def link_gebruikt(self) -> bool:
        return bool(self.uitnodiging_id and self.uitnodiging.gebruikt_op)

    @property
    def status_label(self) -> str:
        if self.status == self.Status.VERZONDEN and self.link_gebruikt:
            return "Link gebruikt"
        return self.get_status_display()
