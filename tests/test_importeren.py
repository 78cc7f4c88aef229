"""The one import pipeline (toolkit/importeren.py), on a small import of provinces: all or nothing,
one error list by line and column, a service's refusal on its row, and the command base."""

import io

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command, load_command_class

from gemeenten.models import Provincie
from toolkit.export import csv_bytes
from toolkit.importeren import CelVeld, Import, ImportCommando, importeren
from toolkit.tabular import Fout, ImportFout

pytestmark = pytest.mark.django_db

CODES = ["PV90", "PV91", "PV92", "PV93", "PV94", "PV95"]


def provincie_toevoegen(*, cbs_code: str, naam: str) -> Provincie:
    """A service that writes first and refuses afterwards, as a service may halfway through."""
    provincie = Provincie.objects.create(cbs_code=cbs_code, naam=naam)
    if naam == "Atlantis":
        raise ValidationError({"cbs_code": "Deze provincie heeft nooit bestaan."})
    return provincie


class ProvinciesImport(Import):
    verplicht = ("code", "naam")
    aliassen = {"provincie": "naam"}
    kolom_van = {"cbs_code": "code"}

    def velden(self, kolommen):
        return {
            "code": CelVeld(
                forms.CharField(max_length=4), berichten={"max_length": "'%(value)s' is te lang."}
            ),
            "naam": CelVeld(forms.CharField(), berichten={"required": "De naam ontbreekt."}),
        }

    def sleutel(self, gegevens):
        return gegevens.get("code")

    def dubbel(self, gegevens, eerder):
        return "code", f"Deze code staat ook op regel {eerder}."

    def opslaan(self, gegevens):
        return provincie_toevoegen(cbs_code=gegevens["code"], naam=gegevens["naam"])


def nieuwe_provincies() -> list[str]:
    return list(Provincie.objects.filter(cbs_code__in=CODES).values_list("cbs_code", flat=True))


def test_a_good_file_stores_every_row_through_the_service():
    bestand = csv_bytes(["code", "provincie"], [["PV90", "Noordzee"], ["PV91", "Waddeneilanden"]])
    opgeslagen = importeren(ProvinciesImport(), bestand, "p.csv")
    assert [p.naam for p in opgeslagen] == ["Noordzee", "Waddeneilanden"]
    assert sorted(nieuwe_provincies()) == ["PV90", "PV91"]


def test_a_mixed_file_stores_nothing_and_lists_every_error_by_line_and_column():
    bestand = csv_bytes(
        ["naam", "code"],
        [
            ["Noordzee", "PV90"],  # 2: good, and stored until line 5 turns out wrong
            ["Te lang", "PV9100"],  # 3
            ["Dubbel", "PV90"],  # 4: the code of line 2
            ["Atlantis", "PV92"],  # 5: written by the service, then refused by it
            ["", "PV9300"],  # 6: two errors, in the order of the columns
            ["Waddeneilanden", "PV94"],  # 7: good
        ],
    )
    with pytest.raises(ImportFout) as exc:
        importeren(ProvinciesImport(), bestand, "p.csv")
    assert exc.value.fouten == [
        Fout(3, "'PV9100' is te lang.", "code"),
        Fout(4, "Deze code staat ook op regel 2.", "code"),
        Fout(5, "Deze provincie heeft nooit bestaan.", "code"),
        Fout(6, "De naam ontbreekt.", "naam"),
        Fout(6, "'PV9300' is te lang.", "code"),
    ]
    assert str(exc.value.fouten[0]) == "regel 3, kolom 'code': 'PV9100' is te lang."
    assert nieuwe_provincies() == []


@pytest.mark.parametrize(
    ("kolommen", "rijen", "fout"),
    [
        (["code"], [["PV90"]], Fout(1, "Kolommen ontbreken: naam.", bestand="p.csv")),
        (["code", "naam"], [], Fout(None, "Het bestand bevat geen rijen.", bestand="p.csv")),
    ],
)
def test_a_file_without_its_columns_or_rows_is_refused_as_a_whole(kolommen, rijen, fout):
    with pytest.raises(ImportFout) as exc:
        importeren(ProvinciesImport(), csv_bytes(kolommen, rijen), "p.csv")
    assert exc.value.fouten == [fout]


# --- The command base ----------------------------------------------------------------------------


class ProvinciesCommando(ImportCommando):
    def importeer(self, bestand, **opties):
        return importeren(ProvinciesImport(), bestand, bestand.name)

    def gelukt(self, provincies) -> str:
        return f"{len(provincies)} provincies toegevoegd."


def test_the_command_base_reports_what_was_stored(tmp_path):
    pad = tmp_path / "p.csv"
    pad.write_bytes(csv_bytes(["code", "naam"], [["PV90", "Noordzee"]]))
    uitvoer = io.StringIO()
    call_command(ProvinciesCommando(), str(pad), stdout=uitvoer)
    assert uitvoer.getvalue() == "1 provincies toegevoegd.\n"
    assert nieuwe_provincies() == ["PV90"]


def test_the_command_base_lists_every_error_and_stores_nothing(tmp_path):
    pad = tmp_path / "p.csv"
    pad.write_bytes(csv_bytes(["code", "naam"], [["PV90", "Noordzee"], ["PV91", "Atlantis"], ["PV92", ""]]))
    with pytest.raises(CommandError) as exc:
        call_command(ProvinciesCommando(), str(pad))
    assert str(exc.value) == (
        "Niets geïmporteerd:\n"
        "regel 3, kolom 'code': Deze provincie heeft nooit bestaan.\n"
        "regel 4, kolom 'naam': De naam ontbreekt."
    )
    assert nieuwe_provincies() == []


@pytest.mark.parametrize(
    ("app", "naam"),
    [
        ("gemeenten", "import_inwoners"),
        ("gemeenten", "import_contactpersonen"),
        ("nulmeting", "import_nulmeting"),
        ("advies", "import_adviseurs"),
        ("advies", "import_gesprekken"),
    ],
)
def test_every_import_command_is_built_on_the_command_base(app, naam):
    assert isinstance(load_command_class(app, naam), ImportCommando)


# --- The upload pages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "kop", "tekst"),
    [
        ("/gemeenten/inwonertallen/", "Inwonertallen laden", ">Laden</button>"),
        ("/gemeenten/contactpersonen/importeren/", "Contactpersonen importeren", ">Importeren</button>"),
        ("/nulmeting/importeren/", "Historische metingen importeren", "<p>Er is nog geen vragenlijst.</p>"),
        ("/advies/gesprekken/importeren/", "Historische adviesgesprekken importeren", ">Importeren</button>"),
    ],
)
def test_the_four_upload_pages_are_one_page(login, coordinator, url, kop, tekst):
    response = login(coordinator).get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "importeren.html" in [t.name for t in response.templates]
    assert f'<h1 class="h3">{kop}</h1>' in html
    assert tekst in html
