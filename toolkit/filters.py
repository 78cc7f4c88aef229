"""django-filter's filters with the project's own fields: a date typed as ``d-m-jjjj``
(``toolkit.invoer.DatumVeld``) and choices that refuse an out-of-range id with a Dutch message
instead of a database error (``toolkit.keuzevelden``). List pages build their FilterSets from
these (decision 0023)."""

import django_filters
from django import forms

from toolkit.invoer import DatumVeld
from toolkit.keuzevelden import ModelKeuze

PER_PAGINA = 25


class FilterFormulier(forms.Form):
    """A FilterSet's form (``Meta.form``): its fields' ids start with ``filter_``, so they never
    clash with a form on the same page that has a field of the same name (the adviser pool)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)


class DatumFilter(django_filters.DateFilter):
    field_class = DatumVeld


class KeuzeFilter(django_filters.ModelChoiceFilter):
    field_class = ModelKeuze


def zoekterm(request) -> str:
    """The list's query string without its page number: kept in the paging links and the export."""
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()
