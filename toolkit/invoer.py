"""What the forms of every app share: the date widget, and a service's refusal put on the form."""

from django import forms
from django.core.exceptions import ValidationError


def fouten_op_form(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` beside the fields it names; the rest above the form."""
    if hasattr(exc, "error_dict"):
        for veld, fouten in exc.message_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, exc.messages)


class DatumInvoer(forms.DateInput):
    """The browser's date picker. It reads and writes ISO dates (2012-10-01) whatever the page's
    language, so an initial value in the Dutch format (01-10-2012) would show as an empty field."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
