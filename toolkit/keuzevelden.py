"""Choice fields over models that refuse a value no primary key can have before they query, and
the Dutch label of a select's empty choice (``LEGE_KEUZE``: "— kies —" instead of Django's
"---------").

The keys are 64-bit integers (BigAutoField). A posted value beyond that range reached the
database as a lookup, and SQLite answers it with an OverflowError (a server error) where the
user should hear that the choice is not valid; found by tests/test_vijandige_invoer.py.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

GROOTSTE_SLEUTEL = 2**63 - 1
LEGE_KEUZE = "— kies —"


def met_lege_keuze(keuzes) -> list:
    """``keuzes`` after an empty choice labelled ``LEGE_KEUZE``, for a select that must be chosen."""
    return [("", LEGE_KEUZE), *keuzes]


def buiten_bereik(waarde) -> bool:
    """True for a whole number no primary key can be; anything else is left to Django."""
    try:
        getal = int(str(waarde).strip())
    except ValueError:
        return False
    return not -GROOTSTE_SLEUTEL - 1 <= getal <= GROOTSTE_SLEUTEL


class MeervoudigeModelKeuze(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if buiten_bereik(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class ModelKeuze(forms.ModelChoiceField):
    def __init__(self, queryset, *, empty_label=LEGE_KEUZE, **kwargs):
        super().__init__(queryset, empty_label=empty_label, **kwargs)

    def to_python(self, value):
        if value not in self.empty_values and buiten_bereik(value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)


class VeiligeKeuzes:
    """For a ``ModelAdmin``: its choice fields over models are the ones above, so the admin too
    refuses such a value with its message (a many-to-many choice of 2**63 was a server error;
    found by tests/test_beheer_onder_vuur.py). Put it before the ModelAdmin class it mixes into."""

    formfield_overrides = {
        models.ForeignKey: {"form_class": ModelKeuze},
        models.ManyToManyField: {"form_class": MeervoudigeModelKeuze},
    }
