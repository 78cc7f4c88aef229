import datetime
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gemeenten import selectors
from gemeenten.models import Gemeente, Herindeling, Organisatie, Provincie
from gemeenten.services import DATA_DIR, referentiedata_laden
from toolkit.tabular import ImportFout

D = datetime.date

PER_PROVINCIE_2009 = {
    "Drenthe": 12,
    "Flevoland": 6,
    "Friesland": 31,
    "Gelderland": 56,
    "Groningen": 25,
    "Limburg": 40,
    "Noord-Brabant": 68,
    "Noord-Holland": 60,
    "Overijssel": 25,
    "Utrecht": 29,
    "Zeeland": 13,
    "Zuid-Holland": 76,
}
PER_PROVINCIE_2012 = {
    "Drenthe": 12,
    "Flevoland": 6,
    "Friesland": 27,
    "Gelderland": 56,
    "Groningen": 23,
    "Limburg": 33,
    "Noord-Brabant": 67,
    "Noord-Holland": 55,
    "Overijssel": 25,
    "Utrecht": 26,
    "Zeeland": 13,
    "Zuid-Holland": 72,
}
SUDWEST_VOORGANGERS = ["GM0064", "GM0104", "GM0091", "GM0710", "GM0683"]


def gemeente(cbs_code: str) -> Gemeente:
    return Gemeente.objects.get(cbs_code=cbs_code)


def codes(gemeenten) -> set[str]:
    return {g.cbs_code for g in gemeenten}


def aantallen() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Provincie, Gemeente, Herindeling, Organisatie)
    }


@pytest.mark.parametrize(("peildatum", "totaal"), [(D(2009, 1, 1), 441), (D(2012, 1, 1), 415)])
def test_number_of_municipalities_on_reference_dates(referentiedata, peildatum, totaal):
    assert selectors.gemeenten_op(peildatum).count() == totaal


@pytest.mark.parametrize(
    ("peildatum", "verwacht"), [(D(2009, 1, 1), PER_PROVINCIE_2009), (D(2012, 1, 1), PER_PROVINCIE_2012)]
)
def test_municipalities_per_province_on_reference_dates(referentiedata, peildatum, verwacht):
    rijen = selectors.aantal_per_provincie(Gemeente.objects.all(), peildatum)
    assert {rij["provincie__naam"]: rij["aantal"] for rij in rijen} == verwacht


@pytest.mark.parametrize("cbs_code", SUDWEST_VOORGANGERS)
def test_sudwest_fryslan_merger_takes_effect_on_1_january_2011(referentiedata, cbs_code):
    oud = gemeente(cbs_code)
    assert selectors.opvolgers_op(oud, D(2010, 12, 31)) == [oud]
    assert codes(selectors.opvolgers_op(oud, D(2011, 1, 1))) == {"GM1900"}
    assert codes(selectors.opvolgers_op(oud, D(2012, 1, 1))) == {"GM1900"}


def test_meerlo_wanssum_was_split_over_two_municipalities(referentiedata):
    opvolgers = selectors.opvolgers_op(gemeente("GM0993"), D(2012, 1, 1))
    assert [g.naam for g in opvolgers] == ["Horst aan de Maas", "Venray"]
    assert codes(opvolgers) == {"GM1507", "GM0984"}


def test_rozenburg_went_into_rotterdam_on_18_march_2010(referentiedata):
    rozenburg = gemeente("GM0600")
    assert selectors.opvolgers_op(rozenburg, D(2010, 3, 17)) == [rozenburg]
    assert codes(selectors.opvolgers_op(rozenburg, D(2010, 3, 18))) == {"GM0599"}


def test_predecessors_of_sudwest_fryslan(referentiedata):
    assert codes(selectors.voorgangers(gemeente("GM1900"))) == set(SUDWEST_VOORGANGERS)
    assert selectors.voorgangers(gemeente("GM0344")) == []


def test_sudwest_fryslan_exists_only_from_2011(referentiedata):
    sudwest, sneek = gemeente("GM1900"), gemeente("GM0091")
    assert not sudwest.bestaat_op(D(2010, 12, 31))
    assert sudwest.bestaat_op(D(2011, 1, 1))
    assert sneek.bestaat_op(D(2010, 12, 31))
    assert not sneek.bestaat_op(D(2011, 1, 1))


def test_cmo_partoer_covers_friesland(referentiedata):
    partoer = Organisatie.objects.get(naam="Partoer")
    assert [p.naam for p in partoer.provincies.all()] == ["Friesland"]


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    eerste = referentiedata_laden()
    na_eerste = aantallen()
    assert eerste["gemeenten"].nieuw == Gemeente.objects.count() == 441 + 9  # 9 new ones by 2012

    tweede = referentiedata_laden()

    assert {soort: (t.nieuw, t.gewijzigd) for soort, t in tweede.items()} == {
        "provincies": (0, 0),
        "gemeenten": (0, 0),
        "herindelingen": (0, 0),
        "cmo": (0, 0),
    }
    assert aantallen() == na_eerste


# --- malformed data: a copy of gemeenten/data with one line broken ---------------------------------


@pytest.fixture
def data_kopie(tmp_path) -> Path:
    doel = tmp_path / "data"
    shutil.copytree(DATA_DIR, doel, ignore=shutil.ignore_patterns("geo"))
    return doel


def vervang(pad: Path, oud: str, nieuw: str) -> int:
    """Replace ``oud`` by ``nieuw`` on the one line that holds it; return that line's number."""
    regels = pad.read_text(encoding="utf-8").splitlines(keepends=True)
    nummers = [i for i, regel in enumerate(regels, start=1) if oud in regel]
    assert len(nummers) == 1, f"{oud!r} is not on exactly one line of {pad.name}"
    regels[nummers[0] - 1] = regels[nummers[0] - 1].replace(oud, nieuw)
    pad.write_text("".join(regels), encoding="utf-8")
    return nummers[0]


FOUTE_REGELS = [
    pytest.param(
        "gemeenten_2009.csv", "GM0064,Bolsward", "GM64,Bolsward", "'GM64' is geen CBS-code", id="cbs"
    ),
    pytest.param(
        "gemeenten_2012.csv",
        "GM0344,Utrecht,Utrecht",
        "GM0344,Utrecht,Utrecht-Noord",
        "Onbekende provincie 'Utrecht-Noord'",
        id="provincie",
    ),
    pytest.param(
        "herindelingen_2009_2012.csv",
        "2010-03-18,GM0600",
        "2010-03-32,GM0600",
        "'2010-03-32' is geen bestaande datum",
        id="datum",
    ),
    pytest.param(
        "herindelingen_2009_2012.csv",
        "nieuw_cbs_code,nieuw_naam,soort",
        "nieuw_cbs_code,nieuw_naam,type",
        "Kolommen ontbreken: soort",
        id="kolom",
    ),
    pytest.param(
        "cmo_organisaties.csv",
        "Partoer,Friesland",
        "Partoer,Frysland",
        "Onbekende provincie 'Frysland'",
        id="cmo-provincie",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("bestand", "oud", "nieuw", "bericht"), FOUTE_REGELS)
def test_malformed_line_is_named_and_nothing_is_loaded(data_kopie, bestand, oud, nieuw, bericht):
    regel = vervang(data_kopie / bestand, oud, nieuw)

    with pytest.raises(ImportFout) as exc:
        referentiedata_laden(data_kopie)

    gevonden = [f for f in exc.value.fouten if f.bestand == bestand and f.regel == regel]
    assert gevonden, [str(f) for f in exc.value.fouten]
    assert bericht in gevonden[0].bericht
    assert f"{bestand}, regel {regel}" in str(exc.value)
    assert aantallen() == {"Provincie": 0, "Gemeente": 0, "Herindeling": 0, "Organisatie": 0}


def test_failed_reload_leaves_loaded_data_unchanged(referentiedata, data_kopie):
    vervang(data_kopie / "gemeenten_2009.csv", "GM0064,Bolsward", "GM0064,Boalsert")
    vervang(data_kopie / "herindelingen_2009_2012.csv", "2010-03-18,GM0600", "18-13-2010,GM0600")
    voor = aantallen()

    with pytest.raises(ImportFout):
        referentiedata_laden(data_kopie)

    assert gemeente("GM0064").naam == "Bolsward"
    assert aantallen() == voor


def test_reload_with_a_renamed_municipality_counts_one_change(referentiedata, data_kopie):
    vervang(data_kopie / "gemeenten_2009.csv", "GM0064,Bolsward", "GM0064,Boalsert")

    tellingen = referentiedata_laden(data_kopie)

    assert (tellingen["gemeenten"].nieuw, tellingen["gemeenten"].gewijzigd) == (0, 1)
    assert gemeente("GM0064").naam == "Boalsert"


@pytest.mark.django_db
def test_command_lists_file_and_line_of_bad_data(data_kopie):
    regel = vervang(data_kopie / "gemeenten_2009.csv", "GM0064,Bolsward", "GM64,Bolsward")

    with pytest.raises(CommandError) as exc:
        call_command("referentiedata_laden", "--data-dir", str(data_kopie))

    assert f"gemeenten_2009.csv, regel {regel}" in str(exc.value)
    assert "Niets geladen" in str(exc.value)
    assert Gemeente.objects.count() == 0


@pytest.mark.django_db
def test_command_reports_counts(capsys):
    call_command("referentiedata_laden")
    call_command("referentiedata_laden")

    uitvoer = capsys.readouterr().out
    assert "gemeenten: 450 nieuw, 0 gewijzigd" in uitvoer
    assert "gemeenten: 0 nieuw, 0 gewijzigd" in uitvoer
