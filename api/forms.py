import datetime

from django import forms
from django.conf import settings
from django.utils import timezone

from accounts.models import User
from toolkit.invoer import DatumVeld, FoutenMetVeldnaam
from toolkit.keuzevelden import ModelKeuze


def _standaard_einde() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=settings.API_SLEUTEL_STANDAARD_DAGEN)


class GebruikerKeuze(ModelKeuze):
    def label_from_instance(self, gebruiker) -> str:
        return f"{gebruiker.email} ({gebruiker.get_rol_display()})"


class SleutelForm(FoutenMetVeldnaam, forms.Form):
    gebruiker = GebruikerKeuze(
        label="Account",
        queryset=User.objects.filter(is_active=True).order_by("email"),
        help_text="De sleutel ziet precies wat dit account ziet.",
    )
    naam = forms.CharField(
        label="Waarvoor",
        max_length=120,
        help_text="Bijvoorbeeld 'Power BI provincie Fryslân'.",
        error_messages={"required": "Vul in waarvoor de sleutel dient, zodat u hem later herkent."},
    )
    verloopt_op = DatumVeld(
        label="Geldig tot en met",
        initial=_standaard_einde,
        help_text=f"Hoogstens {settings.API_SLEUTEL_MAX_DAGEN} dagen vooruit.",
    )
