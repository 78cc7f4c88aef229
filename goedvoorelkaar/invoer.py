"""Widgets shared by the forms of every app."""

from django import forms


class DatumInvoer(forms.DateInput):
    """The browser's date picker. It reads and writes ISO dates (2012-10-01) whatever the page's
    language, so an initial value in the Dutch format (01-10-2012) would show as an empty field."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
