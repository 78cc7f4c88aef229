"""Filters on the lists (django-filter): municipality, province and period, named as in the
product. A parameter no filter knows is refused (400 naming it), not silently ignored, so a typo
cannot return everything."""

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from gemeenten.models import Gemeente
from gemeenten.programma import VANAF_BEGIN
from nulmeting.models import Meting
from rapportage.models import Rapport
from rondes.models import Ronde
from toolkit.invoer import DatumVeld

ALGEMEEN = {"page", "page_size"}


def onbekende_parameters_weigeren(request, bekend: set[str]) -> None:
    """A 400 naming every query parameter outside ``bekend``: a misspelt filter is never ignored."""
    onbekend = sorted(set(request.query_params) - bekend)
    if onbekend:
        toelichting = (
            f"Bekend zijn: {', '.join(sorted(bekend))}." if bekend else "Hier horen geen parameters bij."
        )
        raise ValidationError({naam: [f"Onbekende parameter. {toelichting}"] for naam in onbekend})


class StrikteFilters(DjangoFilterBackend):
    """django-filter's backend, refusing unknown query parameters."""

    def filter_queryset(self, request, queryset, view):
        bekend = set(ALGEMEEN)
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            bekend |= set(filterset_class.base_filters)
        onbekende_parameters_weigeren(request, bekend)
        return super().filter_queryset(request, queryset, view)


class DatumFilter(django_filters.DateFilter):
    """A date in the product's one grammar (ISO 8601 ``2012-10-01`` first), within the programme."""

    field_class = DatumVeld

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [VANAF_BEGIN])
        super().__init__(*args, **kwargs)


class GemeenteFilters(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(
        field_name="cbs_code", lookup_expr="iexact", help_text="CBS-code, bijvoorbeeld GM1900."
    )
    provincie = django_filters.CharFilter(
        field_name="provincie__cbs_code", lookup_expr="iexact", help_text="CBS-code, bijvoorbeeld PV21."
    )
    bestaand_op = DatumFilter(
        method="filter_bestaand_op", help_text="Alleen de gemeenten die op deze datum bestonden."
    )

    class Meta:
        model = Gemeente
        fields = ["gemeente", "provincie", "bestaand_op"]

    def filter_bestaand_op(self, queryset, name, value):
        return queryset.bestaand_op(value)


class MetingFilters(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(field_name="gemeente__cbs_code", lookup_expr="iexact")
    provincie = django_filters.CharFilter(field_name="gemeente__provincie__cbs_code", lookup_expr="iexact")
    vragenlijst = django_filters.CharFilter(
        field_name="vragenlijst__code", help_text="Code van de vragenlijst, bijvoorbeeld nulmeting-2009."
    )
    status = django_filters.ChoiceFilter(choices=Meting.Status.choices)
    ingediend_vanaf = DatumFilter(field_name="ingediend_op__date", lookup_expr="gte")
    ingediend_tot_en_met = DatumFilter(field_name="ingediend_op__date", lookup_expr="lte")

    class Meta:
        model = Meting
        fields = ["gemeente", "provincie", "vragenlijst", "status", "ingediend_vanaf", "ingediend_tot_en_met"]


class RondeFilters(django_filters.FilterSet):
    provincie = django_filters.CharFilter(
        method="filter_provincie", help_text="Rondes met gemeenten in deze provincie."
    )
    open_op = DatumFilter(method="filter_open_op", help_text="Rondes die op deze datum open waren.")

    class Meta:
        model = Ronde
        fields = ["provincie", "open_op"]

    def filter_provincie(self, queryset, name, value):
        return queryset.filter(deelnemers__gemeente__provincie__cbs_code__iexact=value).distinct()

    def filter_open_op(self, queryset, name, value):
        return queryset.filter(opent_op__lte=value, sluit_op__gte=value)


class RapportFilters(django_filters.FilterSet):
    provincie = django_filters.CharFilter(field_name="provincie__cbs_code", lookup_expr="iexact")
    soort = django_filters.ChoiceFilter(choices=Rapport.Soort.choices)
    status = django_filters.ChoiceFilter(choices=Rapport.Status.choices)
    peildatum_vanaf = DatumFilter(field_name="peildatum", lookup_expr="gte")
    peildatum_tot_en_met = DatumFilter(field_name="peildatum", lookup_expr="lte")

    class Meta:
        model = Rapport
        fields = ["provincie", "soort", "status", "peildatum_vanaf", "peildatum_tot_en_met"]
