"""The files a coordinator imports into the register: inhabitants and contacts.

Each is an ``Import`` of ``toolkit.importeren``: every row checked by the fields of the product's
own forms and stored through ``gemeenten.services``, all or nothing. The formats are documented in
docs/importformaten.md.
"""

from django import forms

from gemeenten.forms import ContactpersoonForm
from gemeenten.models import Contactpersoon, Gemeente
from gemeenten.programma import VANAF_BEGIN
from gemeenten.services import Telling, contactpersoon_opslaan, inwonertal_opslaan
from importen.soorten import Importsoort, registreer
from toolkit.importeren import CelVeld, Import, OpzoekVeld, datum_cel, importeren
from toolkit.tabular import parse_geheel_getal

NIEUW, GEWIJZIGD = "nieuw", "gewijzigd"


def gemeente_veld(gemeenten: dict[str, Gemeente]) -> OpzoekVeld:
    """A cell holding a CBS code (``GM0344``, any case), from ``gemeenten`` by code."""
    return OpzoekVeld(gemeenten, bericht="Onbekende gemeentecode '%(sleutel)s'.")


def _telling(uitkomsten: list[str | None]) -> Telling:
    return Telling(nieuw=uitkomsten.count(NIEUW), gewijzigd=uitkomsten.count(GEWIJZIGD))


class InwonertallenImport(Import):
    verplicht = ("cbs_code", "peildatum", "inwoners")
    kolom_van = {"gemeente": "cbs_code"}

    def __init__(self, *, door=None):
        self.door = door
        self.gemeenten = {g.cbs_code: g for g in Gemeente.objects.all()}

    def velden(self, kolommen):
        return {
            "cbs_code": gemeente_veld(self.gemeenten),
            "peildatum": datum_cel(bereik=VANAF_BEGIN),
            "inwoners": CelVeld(forms.IntegerField(), lezer=parse_geheel_getal),
        }

    def sleutel(self, gegevens):
        if "cbs_code" in gegevens and "peildatum" in gegevens:
            return gegevens["cbs_code"].pk, gegevens["peildatum"]
        return None

    def dubbel(self, gegevens, eerder):
        return "cbs_code", f"Dubbel: dezelfde gemeente en peildatum als regel {eerder}."

    def opslaan(self, gegevens):
        _, nieuw, gewijzigd = inwonertal_opslaan(
            gemeente=gegevens["cbs_code"],
            peildatum=gegevens["peildatum"],
            inwoners=gegevens["inwoners"],
            door=self.door,
        )
        return NIEUW if nieuw else (GEWIJZIGD if gewijzigd else None)


def inwonertallen_importeren(bron, naam: str = "", *, door=None, voortgang=None) -> Telling:
    """Import inhabitants per municipality and reference date (cbs_code, peildatum, inwoners)."""
    return _telling(importeren(InwonertallenImport(door=door), bron, naam, voortgang))


INWONERTALLEN = registreer(
    Importsoort(
        "inwonertallen",
        uitvoeren=inwonertallen_importeren,
        gelukt=lambda t: f"Inwonertallen geïmporteerd: {t.nieuw} nieuw, {t.gewijzigd} gewijzigd.",
    )
)


CONTACT_KOLOMMEN = ["cbs_code", "naam", "e-mail", "functie"]


class ContactpersonenImport(Import):
    """Contacts: a known address at the same municipality is updated; an address twice in the
    file, or already the contact of another municipality, is an error on its row."""

    verplicht = ("cbs_code", "naam", "e-mail")
    aliassen = {"email": "e-mail"}
    kolom_van = {"email": "e-mail", "gemeente": "cbs_code"}

    def __init__(self, *, door=None):
        self.door = door
        self.gemeenten = {g.cbs_code: g for g in Gemeente.objects.all()}
        self.bestaand = {c.email: c for c in Contactpersoon.objects.all()}

    def velden(self, kolommen):
        formulier = ContactpersoonForm.base_fields
        ongeldig = "'%(value)s' is geen geldig e-mailadres."
        return {
            "cbs_code": gemeente_veld(self.gemeenten),
            "naam": CelVeld(
                formulier["naam"],
                berichten={
                    "required": "Vul de naam van de contactpersoon in.",
                    "max_length": "De naam is langer dan 120 tekens.",
                },
            ),
            "e-mail": CelVeld(formulier["email"], berichten={"invalid": ongeldig, "required": ongeldig}),
            "functie": CelVeld(
                formulier["functie"], berichten={"max_length": "De functie is langer dan 120 tekens."}
            ),
        }

    def sleutel(self, gegevens):
        return gegevens["e-mail"].lower() if gegevens.get("e-mail") else None

    def dubbel(self, gegevens, eerder):
        return "e-mail", f"Dit adres staat ook op regel {eerder}."

    def opslaan(self, gegevens):
        gemeente, email = gegevens["cbs_code"], gegevens["e-mail"].lower()
        naam, functie = gegevens["naam"], gegevens["functie"]
        bestaand = self.bestaand.get(email)
        if bestaand is not None and bestaand.gemeente_id != gemeente.pk:
            bestaand = None  # the service refuses an address of another municipality
        if bestaand is not None and (bestaand.naam, bestaand.functie) == (naam, functie):
            return None
        contactpersoon_opslaan(
            gemeente=gemeente,
            naam=naam,
            email=email,
            functie=functie,
            door=self.door,
            contactpersoon=bestaand,
        )
        return NIEUW if bestaand is None else GEWIJZIGD


def contactpersonen_importeren(bron, naam: str = "", *, door=None, voortgang=None) -> Telling:
    """Import contacts (cbs_code, naam, e-mail, functie): all rows or none."""
    return _telling(importeren(ContactpersonenImport(door=door), bron, naam, voortgang))


CONTACTPERSONEN = registreer(
    Importsoort(
        "contactpersonen",
        uitvoeren=contactpersonen_importeren,
        gelukt=lambda t: f"Contactpersonen geïmporteerd: {t.nieuw} nieuw, {t.gewijzigd} gewijzigd.",
    )
)
