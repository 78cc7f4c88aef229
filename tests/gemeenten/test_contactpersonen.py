"""Importing contacts as Dutch offices keep them: all rows or none, every bad row listed."""

import io

import pytest
from openpyxl import Workbook

from gemeenten.models import Contactpersoon, Gemeente
from gemeenten.uitwisseling import contactpersonen_importeren
from tests.gemeenten.factories import ContactpersoonFactory
from toolkit.tabular import ImportFout

pytestmark = pytest.mark.django_db

KOP = "cbs_code;naam;e-mail;functie"


def csv(*regels: str, codering: str = "utf-8-sig", kop: str = KOP) -> bytes:
    return "\r\n".join([kop, *regels]).encode(codering)


def test_a_file_as_excel_saves_it_loads_every_contact(referentiedata):
    telling = contactpersonen_importeren(
        csv(
            "GM0080;Anke de Vries;Anke@Leeuwarden.example.nl;Beleidsmedewerker Wmo",
            "GM1900;Sjoerd Hoekstra;sjoerd@sudwest.example.nl;",
        ),
        "contacten.csv",
    )
    assert (telling.nieuw, telling.gewijzigd) == (2, 0)
    anke = Contactpersoon.objects.get(email="anke@leeuwarden.example.nl")
    assert anke.gemeente.cbs_code == "GM0080" and anke.functie == "Beleidsmedewerker Wmo"


def test_windows_1252_with_commas_and_an_email_column(referentiedata):
    data = "cbs_code,naam,email,functie\r\nGM0080,Jeroen Brouwer,jeroen@leeuwarden.example.nl,Coördinator\r\n"
    contactpersonen_importeren(data.encode("cp1252"), "contacten.csv")
    assert Contactpersoon.objects.get().functie == "Coördinator"


def test_xlsx(referentiedata):
    werkboek = Workbook()
    blad = werkboek.active
    blad.append(["cbs_code", "naam", "e-mail", "functie"])
    blad.append(["GM0344", "Fatima el Amrani", "f.elamrani@utrecht.example.nl", None])
    buffer = io.BytesIO()
    werkboek.save(buffer)
    contactpersonen_importeren(buffer.getvalue(), "contacten.xlsx")
    assert Contactpersoon.objects.get().gemeente.naam == "Utrecht"


def test_importing_again_updates_and_adds_nothing_twice(referentiedata):
    contactpersonen_importeren(csv("GM0080;Anke;anke@leeuwarden.example.nl;"), "a.csv")
    telling = contactpersonen_importeren(
        csv("GM0080;Anke de Vries;anke@leeuwarden.example.nl;Wmo", "GM0080;Bert;bert@leeuwarden.example.nl;"),
        "b.csv",
    )
    assert (telling.nieuw, telling.gewijzigd) == (1, 1)
    assert Contactpersoon.objects.get(email="anke@leeuwarden.example.nl").naam == "Anke de Vries"


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed(referentiedata):
    ContactpersoonFactory(gemeente=Gemeente.objects.get(cbs_code="GM0080"), email="bezet@example.nl")
    with pytest.raises(ImportFout) as fout:
        contactpersonen_importeren(
            csv(
                "GM1900;Goed;goed@sudwest.example.nl;",
                "GM1900;Geen adres;geen-adres;",
                "GM9999;Onbekend;onbekend@example.nl;",
                "GM1900;Dubbel;goed@sudwest.example.nl;",
                "GM1900;Bezet;bezet@example.nl;",
                "GM1900;;leeg@example.nl;",
            ),
            "contacten.csv",
        )
    assert [str(f) for f in fout.value.fouten] == [
        "regel 3, kolom 'e-mail': 'geen-adres' is geen geldig e-mailadres.",
        "regel 4, kolom 'cbs_code': Onbekende gemeentecode 'GM9999'.",
        "regel 5, kolom 'e-mail': Dit adres staat ook op regel 2.",
        "regel 6, kolom 'e-mail': Dit adres is al contactpersoon van Leeuwarden.",
        "regel 7, kolom 'naam': Vul de naam van de contactpersoon in.",
    ]
    assert list(Contactpersoon.objects.values_list("email", flat=True)) == ["bezet@example.nl"]


def test_missing_columns_are_named(referentiedata):
    with pytest.raises(ImportFout) as fout:
        contactpersonen_importeren(csv("GM0080;x", kop="cbs_code;functie"), "c.csv")
    assert str(fout.value.fouten[0]) == "c.csv, regel 1: Kolommen ontbreken: naam, e-mail."


def test_the_upload_page_lists_the_errors(login, coordinator, referentiedata):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(coordinator)
    response = client.post(
        "/gemeenten/contactpersonen/importeren/",
        {"bestand": SimpleUploadedFile("c.csv", csv("GM0080;Anke;geen-adres;"))},
    )
    assert "Er is niets geladen" in response.content.decode()
    assert (
        "regel 2, kolom &#x27;e-mail&#x27;: &#x27;geen-adres&#x27; is geen geldig e-mailadres."
        in response.content.decode()
    )
    goed = client.post(
        "/gemeenten/contactpersonen/importeren/",
        {"bestand": SimpleUploadedFile("c.csv", csv("GM0080;Anke;anke@example.nl;"))},
        follow=True,
    )
    assert "Contactpersonen geïmporteerd: 1 nieuw, 0 gewijzigd." in goed.content.decode()
