"""Choice fields over models that refuse a value no primary key can have before they query.

The keys are 64-bit integers (BigAutoField). A posted value beyond that range reached the
database as a lookup, and SQLite answers it with an OverflowError (a server error) where the
user should hear that the choice is not valid; found by tests/test_vijandige_invoer.py.
"""

from django import forms
from django.core.exceptions import ValidationError

GROOTSTE_SLEUTEL = 2**63 - 1


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
    def to_python(self, value):
        if value not in self.empty_values and buiten_bereik(value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)
