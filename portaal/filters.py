"""The filters of the nulmeting overview: by name, province, status and round (decision 0023).
It lives in ``portaal`` because a round (``rondes``) is one of its filters."""

import django_filters

from accounts.permissions import provincies_van
from gemeenten.models import Gemeente, Provincie
from nulmeting import selectors as nulmeting_selectors
from rondes.models import Ronde
from rondes.permissions import zichtbare_rondes
from toolkit.filters import FilterFormulier, KeuzeFilter


class GemeentenStandFilter(django_filters.FilterSet):
    """Over ``nulmeting.selectors.overzicht_queryset`` (its status columns)."""

    naam = django_filters.CharFilter(label="Naam", lookup_expr="icontains")
    provincie = KeuzeFilter(label="Provincie", queryset=Provincie.objects.none(), empty_label="Alle")
    status = django_filters.ChoiceFilter(
        label="Stand",
        choices=list(nulmeting_selectors.STATUSSEN.items()),
        empty_label="Alle",
        method="met_status",
    )
    ronde = KeuzeFilter(
        label="In de ronde", queryset=Ronde.objects.none(), empty_label="Alle", method="in_ronde"
    )

    class Meta:
        model = Gemeente
        fields = []
        form = FilterFormulier

    def __init__(self, data, *, queryset, user, vragenlijst):
        super().__init__(data, queryset=queryset)
        self.filters["provincie"].queryset = provincies_van(user)
        self.filters["ronde"].queryset = (
            zichtbare_rondes(user).filter(vragenlijst=vragenlijst).order_by("-opent_op")
        )

    def met_status(self, queryset, naam, status: str):
        return nulmeting_selectors.met_status_filter(queryset, status)

    def in_ronde(self, queryset, naam, ronde: Ronde):
        return queryset.filter(pk__in=ronde.deelnemers.values("gemeente_id"))

    @property
    def gekozen(self) -> bool:
        """Whether any filter was chosen (the export then follows them)."""
        return self.form.is_valid() and any(self.form.cleaned_data.get(n) for n in self.filters)
