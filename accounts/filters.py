"""Searching the audit trail (django-filter)."""

import django_filters
from django import forms

from accounts.models import Auditregel


class IPFilter(django_filters.CharFilter):
    field_class = forms.GenericIPAddressField


class AuditFilter(django_filters.FilterSet):
    account = django_filters.CharFilter(
        field_name="gebruiker__email", lookup_expr="icontains", label="Account (e-mailadres)"
    )
    actie = django_filters.ChoiceFilter(choices=Auditregel.Actie.choices, label="Actie", empty_label="Alle")
    resultaat = django_filters.ChoiceFilter(
        choices=Auditregel.Resultaat.choices, label="Resultaat", empty_label="Alle"
    )
    adres = IPFilter(field_name="adres", label="IP-adres")
    object_soort = django_filters.CharFilter(lookup_expr="icontains", label="Soort object")
    van = django_filters.DateFilter(
        field_name="tijdstip",
        lookup_expr="date__gte",
        label="Vanaf",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tot = django_filters.DateFilter(
        field_name="tijdstip",
        lookup_expr="date__lte",
        label="Tot en met",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Auditregel
        fields: list[str] = []
