"""The filters of the session list (and its export) and of the adviser pool, as django-filter
FilterSets over what the user may see (decision 0023). Each list's choices are limited to what
the user may see (``accounts.permissions``, ``advies.permissions``)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from accounts.permissions import provincies_van, zichtbare_gemeenten, zichtbare_organisaties
from advies import selectors
from advies.models import Adviesgesprek, Adviseur, Onderwerp, Thema
from advies.permissions import adviseurs_van, mag_verwijderde_gesprekken_zien
from gemeenten.forms import GemeenteKeuzeVeld
from gemeenten.models import Gemeente, Organisatie, Provincie
from toolkit.filters import DatumFilter, FilterFormulier, KeuzeFilter


class GemeenteFilter(django_filters.ModelChoiceFilter):
    field_class = GemeenteKeuzeVeld


class GesprekkenFilter(django_filters.FilterSet):
    van = DatumFilter(field_name="datum", lookup_expr="gte", label="Van")
    tot = DatumFilter(field_name="datum", lookup_expr="lte", label="Tot en met")
    provincie = KeuzeFilter(
        label="Provincie", queryset=Provincie.objects.none(), method="in_provincie", empty_label="Alle"
    )
    organisatie = KeuzeFilter(label="CMO", queryset=Organisatie.objects.none(), empty_label="Alle")
    adviseur = KeuzeFilter(label="Adviseur", queryset=Organisatie.objects.none(), empty_label="Alle")
    gemeente = GemeenteFilter(
        label="Gemeente", queryset=Gemeente.objects.none(), method="met_gemeente", empty_label="Alle"
    )
    onderwerp = django_filters.ChoiceFilter(label="Onderwerp", choices=Onderwerp.choices, empty_label="Alle")
    thema = KeuzeFilter(
        label="Thema", queryset=Thema.objects.order_by("volgorde"), method="met_thema", empty_label="Alle"
    )
    verwijderd = django_filters.BooleanFilter(
        label="Alleen verwijderde gesprekken", widget=forms.CheckboxInput, method="alleen_verwijderd"
    )

    class Meta:
        model = Adviesgesprek
        fields = []
        form = FilterFormulier

    def __init__(self, data, *, user, mijn: bool = False):
        """``data`` is the query string (always bound: no filter chosen still hides deleted
        sessions); ``mijn`` keeps an adviser's own sessions."""
        gesprekken = selectors.gesprekken_voor_lijst(
            user,
            selectors.GesprekFilter(
                met_verwijderde=True, adviseur_id=user.pk if mijn and user.is_adviseur else None
            ),
        )
        super().__init__(data, queryset=gesprekken)
        organisaties = zichtbare_organisaties(user)
        self.filters["provincie"].queryset = provincies_van(user)
        self.filters["organisatie"].queryset = organisaties
        self.filters["adviseur"].queryset = adviseurs_van(organisaties).order_by("naam")
        self.filters["gemeente"].queryset = (
            zichtbare_gemeenten(user).select_related("provincie").order_by("naam")
        )
        if user.is_gemeente:
            for naam in ("provincie", "organisatie", "adviseur", "gemeente"):
                del self.filters[naam]
        if not mag_verwijderde_gesprekken_zien(user):
            del self.filters["verwijderd"]

    def in_provincie(self, queryset, naam, provincie):
        return selectors.met_gemeenten(queryset, Q(gemeente__provincie=provincie))

    def met_gemeente(self, queryset, naam, gemeente):
        return selectors.met_gemeenten(queryset, Q(gemeente=gemeente))

    def met_thema(self, queryset, naam, thema):
        return queryset.filter(
            pk__in=Adviesgesprek.themas.through.objects.filter(thema=thema).values("adviesgesprek_id")
        )

    def alleen_verwijderd(self, queryset, naam, ja: bool):
        return queryset.filter(verwijderd_op__isnull=not ja)


class AdviseursFilter(django_filters.FilterSet):
    """The pool's periods by name or e-mail address, CMO and whether the period runs today."""

    ACTIEF, BEEINDIGD = "actief", "beeindigd"

    naam = django_filters.CharFilter(label="Naam of e-mailadres", method="met_naam")
    organisatie = KeuzeFilter(label="CMO", queryset=Organisatie.objects.order_by("naam"), empty_label="Alle")
    stand = django_filters.ChoiceFilter(
        label="Periode",
        choices=[(ACTIEF, "Nu actief"), (BEEINDIGD, "Beëindigd")],
        empty_label="Alle",
        method="met_stand",
    )

    class Meta:
        model = Adviseur
        fields = []
        form = FilterFormulier

    def __init__(self, data):
        super().__init__(data, queryset=selectors.adviseurs_voor_lijst())

    def met_naam(self, queryset, naam, tekst: str):
        return queryset.filter(Q(user__naam__icontains=tekst) | Q(user__email__icontains=tekst))

    def met_stand(self, queryset, naam, stand: str):
        actief = Adviseur.objects.actief_op(timezone.localdate()).values("pk")
        if stand == self.ACTIEF:
            return queryset.filter(pk__in=actief)
        return queryset.exclude(pk__in=actief)
