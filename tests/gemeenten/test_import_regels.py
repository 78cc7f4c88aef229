"""Imported contacts and inhabitants meet the rules of the services and the forms a user's input
goes through, with the same refusals."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gemeenten.models import Contactpersoon, Gemeente, Inwonertal
from gemeenten.services import contactpersoon_opslaan, inwonertal_opslaan
from gemeenten.uitwisseling import CONTACT_KOLOMMEN, contactpersonen_importeren, inwonertallen_importeren
from toolkit.export import csv_bytes
from toolkit.tabular import Fout, ImportFout

pytestmark = pytest.mark.django_db


def test_an_address_of_another_municipality_is_refused_as_on_the_contact_form(referentiedata, coordinator):
    leeuwarden, sudwest = Gemeente.objects.get(cbs_code="GM0080"), Gemeente.objects.get(cbs_code="GM1900")
    contactpersoon_opslaan(gemeente=leeuwarden, naam="Anke", email="anke@example.nl", door=coordinator)
    with pytest.raises(ValidationError) as online:
        contactpersoon_opslaan(gemeente=sudwest, naam="Anke", email="anke@example.nl", door=coordinator)
    with pytest.raises(ImportFout) as exc:
        contactpersonen_importeren(csv_bytes(CONTACT_KOLOMMEN, [["GM1900", "Anke", "Anke@Example.nl", ""]]))
    assert online.value.message_dict == {"email": ["Dit adres is al contactpersoon van Leeuwarden."]}
    assert exc.value.fouten == [Fout(2, "Dit adres is al contactpersoon van Leeuwarden.", "e-mail")]
    assert Contactpersoon.objects.get().gemeente == leeuwarden


def test_a_name_longer_than_the_contact_form_allows_is_refused(referentiedata):
    with pytest.raises(ImportFout) as exc:
        contactpersonen_importeren(csv_bytes(CONTACT_KOLOMMEN, [["GM1900", "x" * 121, "x@example.nl", ""]]))
    assert exc.value.fouten == [Fout(2, "De naam is langer dan 120 tekens.", "naam")]


def test_no_inhabitants_is_refused_by_the_model_rule_the_service_applies(referentiedata, coordinator):
    with pytest.raises(ValidationError) as direct:
        inwonertal_opslaan(
            gemeente=Gemeente.objects.get(cbs_code="GM1900"),
            peildatum=datetime.date(2012, 1, 1),
            inwoners=0,
            door=coordinator,
        )
    with pytest.raises(ImportFout) as exc:
        inwonertallen_importeren(b"cbs_code;peildatum;inwoners\nGM1900;1-1-2012;0\n", "i.csv")
    assert direct.value.message_dict == {"inwoners": ["Het aantal inwoners moet groter zijn dan 0."]}
    assert exc.value.fouten == [Fout(2, "Het aantal inwoners moet groter zijn dan 0.", "inwoners")]
    assert not Inwonertal.objects.exists()


def test_only_a_coordinator_or_a_management_command_imports_inhabitants(referentiedata, adviseur_friesland):
    with pytest.raises(PermissionDenied):
        inwonertallen_importeren(b"cbs_code;peildatum;inwoners\nGM1900;1-1-2012;5\n", door=adviseur_friesland)
    assert not Inwonertal.objects.exists()
