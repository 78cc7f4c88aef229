"""What the forms of every app share: the date field, the plausible range of a date, and a
service's refusal put on the form."""

import datetime
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils.deconstruct import deconstructible

from toolkit.datums import datum_kort, heeft_datumvorm, parse_datum


def fouten_op_form(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` beside the fields it names; the rest above the form."""
    if hasattr(exc, "error_dict"):
        for veld, fouten in exc.message_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, exc.messages)


class DatumInvoer(forms.DateInput):
    """A date typed as the product writes it (``3-12-2026``; ``2012-10-01`` and the other forms of
    ``toolkit.datums`` are read too). A text field rather than the browser's date picker: for a
    day that does not exist (31-2-2012) a picker sends nothing, so the form could only say the
    date was missing (decision 0017)."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "placeholder": "d-m-jjjj", "size": 12, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return datum_kort(value)
        return super().format_value(value)


class DatumVeld(forms.DateField):
    """A date read by the product's one grammar (``toolkit.datums``), with a message that says
    what is wrong: not a date at all, or a day that does not exist."""

    widget = DatumInvoer
    default_error_messages = {
        "invalid": "Vul een datum in, bijvoorbeeld 1-10-2012.",
        "bestaat_niet": "Die dag bestaat niet (%(waarde)s). Controleer de dag en de maand.",
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        tekst = str(value).strip()
        try:
            return parse_datum(tekst)
        except ValueError:
            if heeft_datumvorm(tekst):
                raise ValidationError(
                    self.error_messages["bestaat_niet"], code="bestaat_niet", params={"waarde": tekst}
                ) from None
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


@deconstructible
class DatumBereik:
    """A date no earlier than ``vanaf`` and no later than ``tot``: each a date, or a function that
    gives one when the value is checked (today, or today and a horizon), or None for no bound. ``waarom_vanaf`` and
    ``waarom_tot`` say in Dutch what the bound is ("het begin van het programma"), for the message
    beside the field. Used as a validator of a form's date field and of an import's date cell."""

    def __init__(
        self,
        vanaf: datetime.date | Callable[[], datetime.date] | None,
        tot: datetime.date | Callable[[], datetime.date] | None,
        *,
        waarom_vanaf: str = "",
        waarom_tot: str = "",
    ):
        self.vanaf, self.tot = vanaf, tot
        self.waarom_vanaf, self.waarom_tot = waarom_vanaf, waarom_tot

    def grenzen(self) -> tuple[datetime.date | None, datetime.date | None]:
        return tuple(g() if callable(g) else g for g in (self.vanaf, self.tot))

    def __call__(self, waarde) -> None:
        if waarde is None:
            return
        if isinstance(waarde, datetime.datetime):
            waarde = waarde.date()
        vanaf, tot = self.grenzen()
        if vanaf is not None and waarde < vanaf:
            waarom = f" ({self.waarom_vanaf})" if self.waarom_vanaf else ""
            raise ValidationError(
                f"Deze datum ligt te ver terug: kies een datum vanaf {datum_kort(vanaf)}{waarom}.",
                code="te_vroeg",
            )
        if tot is not None and waarde > tot:
            waarom = f" ({self.waarom_tot})" if self.waarom_tot else ""
            raise ValidationError(
                f"Deze datum ligt te ver vooruit: kies een datum tot en met {datum_kort(tot)}{waarom}.",
                code="te_laat",
            )

    def __eq__(self, ander) -> bool:
        return isinstance(ander, DatumBereik) and vars(self) == vars(ander)


class FoutenMetVeldnaam:
    """A form mixin: the messages Django gives without naming the field ("Dit veld is verplicht.",
    "Selecteer een geldige keuze. …") name it and say what to do, next to the field as in the
    summary above the form. A message a form sets itself is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            if veld.label and not isinstance(veld.widget, forms.HiddenInput):
                _noem_veld(veld, str(veld.label).rstrip(":").strip())


def _noem_veld(veld: forms.Field, naam: str) -> None:
    keuze = isinstance(veld, forms.ChoiceField | forms.ModelChoiceField | forms.ModelMultipleChoiceField)
    eigen = {
        "required": (
            f"Vink ‘{naam}’ aan om verder te gaan."
            if isinstance(veld, forms.BooleanField)
            else f"Kies bij ‘{naam}’ een van de mogelijkheden."
            if keuze
            else f"Vul ‘{naam}’ in."
        ),
        "invalid_choice": f"Kies bij ‘{naam}’ een van de mogelijkheden uit de lijst.",
        "invalid": f"Vul bij ‘{naam}’ een getal in." if isinstance(veld, forms.IntegerField) else None,
    }
    for sleutel, bericht in eigen.items():
        standaard = _django_bericht(veld, sleutel)
        if bericht and standaard is not None and str(veld.error_messages.get(sleutel)) == str(standaard):
            veld.error_messages[sleutel] = bericht
    # A text's length is checked by a validator, shared with the form class: replace it (the
    # field's list of validators is the form's own copy).
    for i, regel in enumerate(veld.validators):
        if vervanging := _validator_met_veldnaam(regel, naam):
            veld.validators[i] = vervanging


def _validator_met_veldnaam(regel, naam: str):
    """``regel`` with a message that names the field, when it still has Django's own; else None."""
    berichten = {
        MaxLengthValidator: f"Maak ‘{naam}’ korter: hoogstens %(limit_value)d tekens (nu %(show_value)d).",
        MinValueValidator: f"Vul bij ‘{naam}’ %(limit_value)s of meer in.",
        MaxValueValidator: f"Vul bij ‘{naam}’ %(limit_value)s of minder in.",
    }
    if type(regel) is EmailValidator and str(regel.message) == str(EmailValidator.message):
        return EmailValidator(message=f"Vul bij ‘{naam}’ een geldig e-mailadres in, zoals naam@gemeente.nl.")
    soort = type(regel)
    if soort in berichten and str(regel.message) == str(soort.message):
        return soort(regel.limit_value, message=berichten[soort])
    return None


def _django_bericht(veld: forms.Field, sleutel: str):
    """Django's own message ``sleutel`` for a field of this kind (None if it has none)."""
    for klasse in type(veld).__mro__:
        if sleutel in getattr(klasse, "default_error_messages", {}):
            return klasse.default_error_messages[sleutel]
    return None
