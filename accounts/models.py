import hashlib

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("Een account heeft een e-mailadres nodig.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.setdefault("rol", User.Rol.COORDINATOR)
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An account; ``rol`` decides what it may see (see ``accounts.permissions``)."""

    class Rol(models.TextChoices):
        COORDINATOR = "coordinator", "Coördinator"
        ADVISEUR = "adviseur", "Adviseur"
        GEMEENTE = "gemeente", "Gemeente"

    email = models.EmailField("e-mailadres", unique=True)
    naam = models.CharField(max_length=120, blank=True)
    rol = models.CharField(max_length=20, choices=Rol.choices)
    gemeente = models.ForeignKey(
        "gemeenten.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
    )
    organisatie = models.ForeignKey(
        "gemeenten.Organisatie",
        verbose_name="CMO",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
    )
    is_active = models.BooleanField("actief", default=True)
    is_staff = models.BooleanField("toegang tot beheer", default=False)
    date_joined = models.DateTimeField("aangemaakt op", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "account"
        verbose_name_plural = "accounts"
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(rol="gemeente") | Q(gemeente__isnull=False, organisatie__isnull=True),
                name="gemeente_account_heeft_gemeente",
            ),
            models.CheckConstraint(
                condition=~Q(rol="adviseur") | Q(organisatie__isnull=False, gemeente__isnull=True),
                name="adviseur_account_heeft_cmo",
            ),
        ]

    def __str__(self) -> str:
        return self.naam or self.email

    @property
    def audit_omschrijving(self) -> str:
        return f"account #{self.pk}"

    def get_full_name(self) -> str:
        return self.naam or self.email

    def get_short_name(self) -> str:
        return self.naam.split(" ")[0] if self.naam else self.email

    @property
    def is_coordinator(self) -> bool:
        return self.rol == self.Rol.COORDINATOR

    @property
    def is_adviseur(self) -> bool:
        return self.rol == self.Rol.ADVISEUR

    @property
    def is_gemeente(self) -> bool:
        return self.rol == self.Rol.GEMEENTE

    @property
    def is_gewist(self) -> bool:
        """Erased on request (AVG): the row stays, under a placeholder address, without a name."""
        return self.email.endswith("@" + GEWIST_DOMEIN)


GEWIST_DOMEIN = "gewist.invalid"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class UitnodigingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(gebruikt_op__isnull=True, verloopt_op__gt=timezone.now())


class Uitnodiging(models.Model):
    """A single-use link for a municipal official to create an account.

    Only the SHA-256 of the token is stored, so a database dump cannot be used to log in.
    """

    email = models.EmailField("e-mailadres")
    gemeente = models.ForeignKey("gemeenten.Gemeente", on_delete=models.CASCADE, related_name="uitnodigingen")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    uitgenodigd_door = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="verstuurde_uitnodigingen"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    verloopt_op = models.DateTimeField()
    gebruikt_op = models.DateTimeField(null=True, blank=True)
    account = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="uitnodigingen"
    )

    objects = UitnodigingQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name_plural = "uitnodigingen"

    def __str__(self) -> str:
        return f"{self.email} voor {self.gemeente}"

    @property
    def audit_omschrijving(self) -> str:
        return f"uitnodiging #{self.pk} voor {self.gemeente}"

    @property
    def is_verlopen(self) -> bool:
        return self.verloopt_op <= timezone.now()

    @property
    def is_gebruikt(self) -> bool:
        return self.gebruikt_op is not None


class AuditregelQuerySet(models.QuerySet):
    """Entries are only ever added: updating or deleting them through the ORM is refused here, and
    on PostgreSQL by a trigger as well (migration ``0003_audit_alleen_toevoegen``). Only
    ``accounts.audit.audit_opschonen`` removes entries past their retention, through the database
    switch the trigger allows."""

    def update(self, **kwargs):
        raise AuditNietWijzigbaar("Het auditlog kan niet worden gewijzigd.")

    def delete(self):
        raise AuditNietWijzigbaar("Het auditlog kan niet worden gewist.")

    def voor_lijst(self) -> "AuditregelQuerySet":
        return self.select_related("gebruiker").order_by("-tijdstip", "-pk")


class AuditNietWijzigbaar(Exception):
    pass


class Auditregel(models.Model):
    """One entry of the audit trail (BIO2 8.15.01): who, from where, did what to which object, with
    what result, when. Never a password or a token; an erased person keeps their entries under
    the account's number (``gebruiker`` is kept, the account itself is anonymised)."""

    class Actie(models.TextChoices):
        INLOGGEN = "inloggen", "Ingelogd"
        INLOGGEN_MISLUKT = "inloggen_mislukt", "Inloggen mislukt"
        GEBLOKKEERD = "geblokkeerd", "Tijdelijk geblokkeerd"
        UITLOGGEN = "uitloggen", "Uitgelogd"
        BEKEKEN = "bekeken", "Bekeken"
        EXPORT = "export", "Export of download"
        AANGEMAAKT = "aangemaakt", "Aangemaakt"
        GEWIJZIGD = "gewijzigd", "Gewijzigd"
        VERWIJDERD = "verwijderd", "Verwijderd"
        HERSTELD = "hersteld", "Hersteld"
        GEWEIGERD = "geweigerd", "Toegang geweigerd"
        TOKEN_GEBRUIKT = "token_gebruikt", "Link gebruikt"
        TWEEDE_FACTOR_INGESTELD = "tweede_factor_ingesteld", "Tweede factor ingesteld"
        TWEEDE_FACTOR_GERESET = "tweede_factor_gereset", "Tweede factor opnieuw in te stellen"
        PERSOONSGEGEVENS_GEWIST = "persoonsgegevens_gewist", "Persoonsgegevens gewist"

    class Resultaat(models.TextChoices):
        GELUKT = "gelukt", "Gelukt"
        MISLUKT = "mislukt", "Mislukt"
        GEWEIGERD = "geweigerd", "Geweigerd"

    tijdstip = models.DateTimeField(default=timezone.now, db_index=True)
    # No database constraint and no cascade: an entry outlives whatever it points at.
    gebruiker = models.ForeignKey(
        User, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+"
    )
    rol = models.CharField(max_length=20, blank=True)
    adres = models.GenericIPAddressField("IP-adres", null=True, blank=True)
    actie = models.CharField(max_length=30, choices=Actie.choices, db_index=True)
    object_soort = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_omschrijving = models.CharField(max_length=200, blank=True)
    resultaat = models.CharField(max_length=20, choices=Resultaat.choices, default=Resultaat.GELUKT)
    toelichting = models.CharField(max_length=200, blank=True)

    objects = AuditregelQuerySet.as_manager()

    class Meta:
        ordering = ["-tijdstip", "-pk"]
        verbose_name = "auditregel"
        verbose_name_plural = "auditlog"
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.get_actie_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditNietWijzigbaar("Een auditregel kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditNietWijzigbaar("Een auditregel kan niet worden gewist.")

    @property
    def wie(self) -> str:
        if self.gebruiker_id is None:
            return "onbekend"
        if self.gebruiker is None or self.gebruiker.is_gewist:
            return f"account #{self.gebruiker_id}"
        return self.gebruiker.email
