"""API tokens: each belongs to a user and sees what that user sees; only a hash is stored, the
token itself is shown once. Every use (and every refused use of a known token) is logged."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiSleutel(models.Model):
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_sleutels"
    )
    naam = models.CharField(max_length=120, help_text="Waarvoor de sleutel dient, bijvoorbeeld 'Power BI'.")
    voorvoegsel = models.CharField(max_length=12, help_text="Het begin van de sleutel, om hem te herkennen.")
    sleutel_hash = models.CharField(max_length=64, unique=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verloopt_op = models.DateTimeField()
    ingetrokken_op = models.DateTimeField(null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = "API-sleutel"
        verbose_name_plural = "API-sleutels"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verloopt_op__gt=models.F("aangemaakt_op")), name="sleutel_verloopt_later"
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.voorvoegsel}…)"

    @property
    def audit_omschrijving(self) -> str:
        """Neither the token's beginning nor its owner's address: the audit trail names no secret."""
        return f"API-sleutel #{self.pk} van account #{self.gebruiker_id}"

    @property
    def is_ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None

    def is_verlopen(self, moment=None) -> bool:
        return (moment or timezone.now()) >= self.verloopt_op

    @property
    def is_geldig(self) -> bool:
        return not self.is_ingetrokken and not self.is_verlopen()


class SleutelGebruik(models.Model):
    """One request made with a token: when, what, from where, and why it was refused (if it was)."""

    sleutel = models.ForeignKey(ApiSleutel, on_delete=models.CASCADE, related_name="gebruik")
    moment = models.DateTimeField(default=timezone.now, db_index=True)
    methode = models.CharField(max_length=10)
    pad = models.CharField(max_length=500)
    ip_adres = models.GenericIPAddressField(null=True, blank=True)
    geweigerd = models.CharField(max_length=20, blank=True, help_text="Leeg: toegelaten.")

    class Meta:
        ordering = ["-moment"]
        verbose_name = "gebruik van een API-sleutel"
        verbose_name_plural = "gebruik van API-sleutels"

    def __str__(self) -> str:
        return f"{self.methode} {self.pad} ({self.moment:%Y-%m-%d %H:%M})"
