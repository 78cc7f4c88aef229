import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from toolkit.datums import datum_kort
from toolkit.getallen import nl_uren


class Onderwerp(models.TextChoices):
    VRIJWILLIGERSWERK = "vrijwilligerswerk", "Vrijwilligerswerk"
    MANTELZORG = "mantelzorg", "Mantelzorg"
    BEIDE = "beide", "Beide"


def is_actief(actief_van: datetime.date, actief_tot: datetime.date | None, datum: datetime.date) -> bool:
    """The one rule for "an adviser period is active on ``datum``": from ``actief_van`` inclusive
    until ``actief_tot`` (the first day no longer active) exclusive, open-ended without one. For
    rows in hand (``Adviseur.is_actief_op``, the history rows of a report's pool);
    ``actief_op_filter`` is the same rule for a query."""
    return actief_van <= datum and (actief_tot is None or datum < actief_tot)


def actief_op_filter(datum: datetime.date, via: str = "") -> Q:
    """``is_actief`` as a query condition on adviser periods (or their versions), or with ``via``
    (e.g. ``"adviseurs"``) on a model that reaches them through that relation."""
    veld = f"{via}__" if via else ""
    return Q(**{f"{veld}actief_van__lte": datum}) & (
        Q(**{f"{veld}actief_tot__isnull": True}) | Q(**{f"{veld}actief_tot__gt": datum})
    )


class AdviseurQuerySet(models.QuerySet):
    def actief_op(self, datum: datetime.date) -> "AdviseurQuerySet":
        return self.filter(actief_op_filter(datum))


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
    history = HistoricalRecords(verbose_name="versie van een adviseursperiode")

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

    @property
    def audit_omschrijving(self) -> str:
        return f"adviseursperiode #{self.pk} bij {self.organisatie}"

    def is_actief_op(self, datum: datetime.date) -> bool:
        return is_actief(self.actief_van, self.actief_tot, datum)


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

    # Reports read a traject as known on a date (budget, CMO, municipalities); the service writes
    # one version per save (``advies.services.adviestraject_opslaan``).
    history = HistoricalRecords(verbose_name="versie van een adviestraject", m2m_fields=["gemeenten"])

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name_plural = "adviestrajecten"

    def __str__(self) -> str:
        return self.titel


class Wijzigingssoort(models.TextChoices):
    """What a version of a session records; stored as the version's change reason."""

    AANGEMAAKT = "aangemaakt", "Vastgelegd"
    GEWIJZIGD = "gewijzigd", "Gewijzigd"
    VERWIJDERD = "verwijderd", "Verwijderd"
    HERSTELD = "hersteld", "Hersteld"
    GEIMPORTEERD = "geimporteerd", "Geïmporteerd"


class VersieWeergave(models.Model):
    """How a version of a session reads on its history: what was done, and what changed."""

    LABELS = {"themas": "thema's", "traject": "adviestraject", "vervolgafspraken": "vervolgafspraken"}
    VELDEN = ["datum", "gemeenten", "onderwerp", "themas", "uren", "verslag", "vervolgafspraken", "traject"]

    class Meta:
        abstract = True

    @property
    def soort(self) -> str:
        return self.history_change_reason or ""

    def get_soort_display(self) -> str:
        soort = self.history_change_reason
        return Wijzigingssoort(soort).label if soort in Wijzigingssoort.values else "Gewijzigd"

    def weergave(self) -> list[tuple[str, str, str]]:
        """The changed fields against the previous version as (label, old, new), in Dutch."""
        vorige = self.prev_record
        if vorige is None or self.soort in (Wijzigingssoort.VERWIJDERD, Wijzigingssoort.HERSTELD):
            return []
        verschil = self.diff_against(vorige, included_fields=self.VELDEN, foreign_keys_are_objs=True)
        return [
            (self.LABELS.get(c.field, c.field), self._nl(c.field, c.old), self._nl(c.field, c.new))
            for c in sorted(verschil.changes, key=lambda c: self.VELDEN.index(c.field))
        ]

    @staticmethod
    def _nl(veld: str, waarde) -> str:
        if waarde is None:
            return ""
        if isinstance(waarde, list):
            namen = [str(rij["gemeente"] if veld == "gemeenten" else rij["thema"]) for rij in waarde]
            return "; ".join(sorted(namen))
        if isinstance(waarde, datetime.date):
            return datum_kort(waarde)
        if isinstance(waarde, Decimal):
            return nl_uren(waarde)
        if veld == "onderwerp" and waarde in Onderwerp.values:
            return Onderwerp(waarde).label
        return str(waarde)


class AdviesgesprekQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(verwijderd_op__isnull=True)


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
        decimal_places=2,  # quarter hours: 4,25
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
    # Every version (created, changed, deleted, restored) with who and when; the services write
    # one version per action (see ``advies.services.versies_vastleggen``).
    history = HistoricalRecords(
        verbose_name="versie van een adviesgesprek",
        m2m_fields=["gemeenten", "themas"],
        bases=[VersieWeergave],
    )

    class Meta:
        ordering = ["-datum", "-gerapporteerd_op"]
        verbose_name_plural = "adviesgesprekken"
        indexes = [
            models.Index(fields=["gerapporteerd_op"]),
            models.Index(fields=["organisatie", "datum"]),
            models.Index(fields=["adviseur", "datum"]),
        ]

    def __str__(self) -> str:
        return f"Adviesgesprek {datum_kort(self.datum)}"

    @property
    def is_verwijderd(self) -> bool:
        return self.verwijderd_op is not None


class Adviesaanvraag(models.Model):
    """A municipality asks its CMO for advice: on chosen weak basisfuncties of a result, or on the
    result as a whole (no basisfuncties). An adviser of the CMO accepts it; a session logged for it
    closes it."""

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", "Wacht op een adviseur"
        AANGENOMEN = "aangenomen", "Aangenomen door een adviseur"
        AFGESLOTEN = "afgesloten", "Afgesloten met een adviesgesprek"

    gemeente = models.ForeignKey(
        "gemeenten.Gemeente", on_delete=models.PROTECT, related_name="adviesaanvragen"
    )
    organisatie = models.ForeignKey(
        "gemeenten.Organisatie", verbose_name="CMO", on_delete=models.PROTECT, related_name="adviesaanvragen"
    )
    meting = models.ForeignKey(
        "nulmeting.Meting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    basisfuncties = models.ManyToManyField("nulmeting.Basisfunctie", blank=True, related_name="+")
    vraag = models.TextField("uw vraag")
    voorkeursperiode = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INGEDIEND)
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ingediend_op = models.DateTimeField(default=timezone.now)
    aangenomen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangenomen_op = models.DateTimeField(null=True, blank=True)
    gesprek = models.ForeignKey(
        Adviesgesprek, on_delete=models.SET_NULL, null=True, blank=True, related_name="aanvragen"
    )
    afgesloten_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-ingediend_op"]
        verbose_name_plural = "adviesaanvragen"
        indexes = [models.Index(fields=["organisatie", "status"])]

    def __str__(self) -> str:
        return f"Adviesaanvraag van {self.gemeente} ({datum_kort(timezone.localdate(self.ingediend_op))})"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.AFGESLOTEN


class Beleidsstap(models.Model):
    """One of the nine steps of a municipality's policy plan (``advies.beleidsplan.STAPPEN``) as the
    official keeps it, with the adviser's reaction. A step without a row has not begun."""

    class Status(models.TextChoices):
        NIET_BEGONNEN = "niet_begonnen", "Niet begonnen"
        BEZIG = "bezig", "Bezig"
        KLAAR = "klaar", "Klaar"

    gemeente = models.ForeignKey(
        "gemeenten.Gemeente", on_delete=models.PROTECT, related_name="beleidsstappen"
    )
    stap = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(9)])
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NIET_BEGONNEN)
    notitie = models.TextField(blank=True)
    datum = models.DateField(null=True, blank=True)
    document = models.URLField(
        "link naar een document",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Waar een stuk bij deze stap staat: de nota op de gemeentesite, een map in het documentsysteem.",
    )
    gesprekken = models.ManyToManyField(Adviesgesprek, blank=True, related_name="beleidsstappen")
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    reactie = models.TextField("reactie van de adviseur", blank=True)
    reactie_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reactie_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["gemeente", "stap"]
        verbose_name_plural = "beleidsstappen"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "stap"], name="een_rij_per_beleidsstap"),
            models.CheckConstraint(condition=Q(stap__gte=1, stap__lte=9), name="beleidsstap_een_tot_negen"),
        ]

    def __str__(self) -> str:
        return f"Stap {self.stap} van {self.gemeente}"


class Bijeenkomst(models.Model):
    """A meeting the programme held: a regional meeting for municipalities of one or more
    provinces, an adviser meeting or intervisie; logged by an adviser of the organising CMO."""

    class Soort(models.TextChoices):
        REGIONAAL = "regionaal", "Regionale bijeenkomst"
        ADVISEURS = "adviseurs", "Adviseursbijeenkomst"
        INTERVISIE = "intervisie", "Intervisie"

    datum = models.DateField()
    soort = models.CharField(max_length=20, choices=Soort.choices)
    titel = models.CharField(max_length=160)
    themas = models.ManyToManyField(Thema, verbose_name="thema's", blank=True, related_name="bijeenkomsten")
    organisatie = models.ForeignKey(
        "gemeenten.Organisatie",
        verbose_name="organiserende CMO",
        on_delete=models.PROTECT,
        related_name="bijeenkomsten",
    )
    provincies = models.ManyToManyField("gemeenten.Provincie", blank=True, related_name="bijeenkomsten")
    gemeenten = models.ManyToManyField("gemeenten.Gemeente", blank=True, related_name="bijeenkomsten")
    deelnemers = models.PositiveIntegerField(
        "aantal deelnemers", validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    verslag = models.TextField("kort verslag", blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vastgelegde_bijeenkomsten"
    )
    gerapporteerd_op = models.DateTimeField(default=timezone.now, editable=False)
    gewijzigd_op = models.DateTimeField(default=timezone.now)

    # Reports read a meeting as known on a date (its date, participants, provinces and
    # municipalities); the service writes one version per save (``advies.services.bijeenkomst_opslaan``).
    history = HistoricalRecords(
        verbose_name="versie van een bijeenkomst", m2m_fields=["provincies", "gemeenten"]
    )

    class Meta:
        ordering = ["-datum", "-gerapporteerd_op"]
        verbose_name_plural = "bijeenkomsten"
        indexes = [models.Index(fields=["gerapporteerd_op"]), models.Index(fields=["organisatie", "datum"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {datum_kort(self.datum)}: {self.titel}"
