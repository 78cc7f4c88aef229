"""Imports of historical advice data from spreadsheets: the adviser pool and the sessions.

Each is an ``Import`` of ``toolkit.importeren``: a row is read by the fields of the product's forms
and stored through ``advies.services`` (``adviseur_toevoegen``; the sessions all in one call of
``adviesgesprekken_loggen``), whose rules are the import's rules; any error stores nothing, and
every problem is listed with its line. Column formats are documented in docs/importformaten.md.
"""

from decimal import Decimal

from django import forms
from django.utils import timezone

from accounts.models import User
from advies.forms import AdviseurForm, GesprekForm
from advies.models import Thema
from advies.services import (
    GesprekkenGeweigerd,
    adviesgesprekken_loggen,
    adviseur_toevoegen,
)
from gemeenten.models import Gemeente, Organisatie
from gemeenten.programma import TOT_HORIZON, VANAF_BEGIN
from importen.soorten import Importsoort, registreer
from toolkit.datums import begin_van
from toolkit.getallen import nl_getal
from toolkit.importeren import CelVeld, Import, LijstVeld, OpzoekVeld, datum_cel, importeren, moment_cel
from toolkit.tabular import parse_decimaal

GESPREK_KOLOMMEN = [
    "datum",
    "gerapporteerd_op",
    "adviseur",
    "gemeenten",
    "onderwerp",
    "themas",
    "uren",
    "verslag",
]
ADVISEUR_KOLOMMEN = ["naam", "e-mail", "cmo", "actief_van", "actief_tot"]


def _uren(cel) -> Decimal:
    return parse_decimaal(cel).quantize(Decimal("0.1"))


def _kleine_letters(cel) -> str:
    return str(cel).strip().lower()


class GesprekkenImport(Import):
    """Historical sessions, logged by ``door`` on behalf of the adviser in each row."""

    verplicht = tuple(GESPREK_KOLOMMEN)

    def __init__(self, *, door: User | None = None, bekend_sinds=None):
        self.door, self.bekend_sinds = door, bekend_sinds
        self.adviseurs = {u.email.lower(): u for u in User.objects.filter(rol=User.Rol.ADVISEUR)}
        self.gemeenten = {g.cbs_code: g for g in Gemeente.objects.all()}
        self.themas = {t.naam.lower(): t for t in Thema.objects.all()}

    def velden(self, kolommen):
        formulier = GesprekForm.base_fields
        onbekend_onderwerp = "Onbekend onderwerp '%(value)s'; kies vrijwilligerswerk, mantelzorg of beide."
        return {
            "datum": datum_cel(bereik=VANAF_BEGIN),
            "gerapporteerd_op": moment_cel(required=False, bereik=VANAF_BEGIN),
            "adviseur": OpzoekVeld(
                self.adviseurs, bericht="Onbekende adviseur '%(value)s'.", sleutel=str.lower
            ),
            "gemeenten": LijstVeld(self.gemeenten, bericht="Onbekende gemeentecode(s): %(sleutels)s."),
            "onderwerp": CelVeld(
                formulier["onderwerp"],
                lezer=_kleine_letters,
                berichten={"invalid_choice": onbekend_onderwerp, "required": onbekend_onderwerp},
            ),
            "themas": LijstVeld(self.themas, bericht="Onbekend thema: %(waarden)s.", sleutel=str.lower),
            "uren": CelVeld(forms.DecimalField(), lezer=_uren),
            "verslag": CelVeld(formulier["verslag"], berichten={"required": "Het verslag ontbreekt."}),
            "vervolgafspraken": CelVeld(formulier["vervolgafspraken"]),
        }

    def opslaan_alle(self, rijen):
        """Every row in one call of the service: a file of 10,000 rows in seconds."""
        try:
            gesprekken = list(rijen.values())
            return adviesgesprekken_loggen(
                gesprekken, geimporteerd=True, door=self.door, bekend_sinds=self.bekend_sinds
            ), {}
        except GesprekkenGeweigerd as exc:
            regels = list(rijen)
            return [], {regels[i]: fout for i, fout in exc.fouten.items()}


def gesprekken_importeren(
    bron, naam: str = "", *, door: User | None = None, voortgang=None, bekend_sinds=None
) -> int:
    """Import historical sessions; returns how many. Columns: see ``GESPREK_KOLOMMEN``.
    ``bekend_sinds`` dates their versions (``adviesgesprekken_loggen``)."""
    return len(importeren(GesprekkenImport(door=door, bekend_sinds=bekend_sinds), bron, naam, voortgang))


def _gesprekken_uploaden(bron, naam: str, *, door: User, voortgang) -> int:
    """An upload on the page: known from the moment it is stored, so a report as known on an
    earlier date does not change and lists the sessions among its later corrections."""
    return gesprekken_importeren(bron, naam, door=door, voortgang=voortgang, bekend_sinds=timezone.now())


GESPREKKEN = registreer(
    Importsoort(
        "adviesgesprekken",
        uitvoeren=_gesprekken_uploaden,
        gelukt=lambda aantal: f"{nl_getal(aantal)} adviesgesprekken geïmporteerd.",
    )
)


class AdviseursImport(Import):
    """The adviser pool: a row per period at a CMO; a new person gets an account."""

    verplicht = tuple(ADVISEUR_KOLOMMEN)
    kolom_van = {"email": "e-mail", "organisatie": "cmo"}

    def __init__(self, *, door: User | None = None):
        self.door = door
        self.organisaties = {o.naam.lower(): o for o in Organisatie.objects.all()}

    def velden(self, kolommen):
        formulier = AdviseurForm.base_fields
        ongeldig = "'%(value)s' is geen geldig e-mailadres."
        return {
            "naam": CelVeld(formulier["naam"], berichten={"required": "De naam ontbreekt."}),
            "e-mail": CelVeld(formulier["email"], berichten={"invalid": ongeldig, "required": ongeldig}),
            "cmo": OpzoekVeld(self.organisaties, bericht="Onbekende CMO '%(value)s'.", sleutel=str.lower),
            "actief_van": datum_cel(bereik=TOT_HORIZON),
            "actief_tot": datum_cel(required=False, bereik=TOT_HORIZON),
        }

    def sleutel(self, gegevens):
        if gegevens.get("e-mail") and gegevens.get("actief_van"):
            return gegevens["e-mail"].lower(), gegevens["actief_van"]
        return None

    def dubbel(self, gegevens, eerder):
        return "e-mail", f"Dezelfde adviseur en begindatum als regel {eerder}."

    def opslaan(self, gegevens):
        return adviseur_toevoegen(
            naam=gegevens["naam"],
            email=gegevens["e-mail"],
            organisatie=gegevens["cmo"],
            actief_van=gegevens["actief_van"],
            actief_tot=gegevens["actief_tot"],
            door=self.door,
            vastgelegd_op=begin_van(gegevens["actief_van"]),
        )


def adviseurs_importeren(bron, naam: str = "", *, door: User | None = None) -> int:
    """Import the adviser pool (naam, e-mail, cmo, actief_van, actief_tot); returns how many periods."""
    return len(importeren(AdviseursImport(door=door), bron, naam))
