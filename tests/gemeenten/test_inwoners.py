import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gemeenten.models import Inwonertal
from gemeenten.uitwisseling import inwonertallen_importeren
from tests.accounts.factories import CoordinatorFactory
from toolkit.tabular import ImportFout

PEILDATUM = datetime.date(2012, 1, 1)


def inwoners() -> dict[str, int]:
    return {
        i.gemeente.cbs_code: i.inwoners
        for i in Inwonertal.objects.filter(peildatum=PEILDATUM).select_related("gemeente")
    }


def xlsx(*rijen) -> bytes:
    werkboek = Workbook()
    for rij in rijen:
        werkboek.active.append(list(rij))
    inhoud = io.BytesIO()
    werkboek.save(inhoud)
    return inhoud.getvalue()


GOEDE_BESTANDEN = [
    pytest.param(
        b"cbs_code;peildatum;inwoners\nGM1900;1-1-2012;83.591\nGM0344;2012-01-01;316275\n",
        "inwoners.csv",
        id="puntkomma-nl-datum-duizendtallen",
    ),
    pytest.param(
        b"cbs_code,peildatum,inwoners\r\nGM1900,2012-01-01,83591\r\nGM0344,1-1-2012,316.275\r\n",
        "inwoners.csv",
        id="komma-crlf",
    ),
    pytest.param(
        "\ufeffCBS_code;Peildatum;Inwoners\nGM1900;01-01-2012;83.591\nGM0344;1/1/2012;316.275\n".encode(),
        "inwoners.csv",
        id="utf8-bom-hoofdletters",
    ),
    pytest.param(
        "gemeente;cbs_code;peildatum;inwoners\nSúdwest-Fryslân;GM1900;1-1-2012;83.591\n"
        "Utrecht;GM0344;1-1-2012;316.275\n".encode("cp1252"),
        "inwoners.csv",
        id="windows-1252",
    ),
    pytest.param(
        xlsx(
            ["cbs_code", "peildatum", "inwoners"],
            ["GM1900", datetime.datetime(2012, 1, 1), 83591],
            ["GM0344", "1-1-2012", "316.275"],
        ),
        "inwoners.xlsx",
        id="xlsx",
    ),
]


@pytest.mark.parametrize(("inhoud", "naam"), GOEDE_BESTANDEN)
def test_import_reads_the_files_offices_have(referentiedata, inhoud, naam):
    telling = inwonertallen_importeren(inhoud, naam)

    assert (telling.nieuw, telling.gewijzigd) == (2, 0)
    assert inwoners() == {"GM1900": 83591, "GM0344": 316275}


def test_import_twice_changes_nothing_and_a_new_figure_replaces_the_old(referentiedata):
    bestand = b"cbs_code;peildatum;inwoners\nGM1900;1-1-2012;83.591\nGM0344;1-1-2012;316.275\n"
    inwonertallen_importeren(bestand, "inwoners.csv")

    tweede = inwonertallen_importeren(bestand, "inwoners.csv")
    assert (tweede.nieuw, tweede.gewijzigd) == (0, 0)
    assert Inwonertal.objects.count() == 2

    derde = inwonertallen_importeren(bestand.replace(b"83.591", b"83.600"), "inwoners.csv")
    assert (derde.nieuw, derde.gewijzigd) == (0, 1)
    assert inwoners() == {"GM1900": 83600, "GM0344": 316275}


FOUT_BESTAND = (
    b"cbs_code;peildatum;inwoners\n"
    b"GM1900;1-1-2012;83.591\n"  # 2: fine
    b"GM9999;1-1-2012;1000\n"  # 3: unknown municipality
    b"GM0344;31-2-2012;316.275\n"  # 4: no such date
    b"GM0344;1-1-2012;-5\n"  # 5: negative
    b"GM0363;1-1-2012;0\n"  # 6: zero
    b"\n"  # 7: empty, skipped
    b"GM1900;2012-01-01;83591\n"  # 8: same municipality and date as line 2
)


def test_file_with_bad_rows_imports_nothing_and_lists_every_bad_row(referentiedata):
    with pytest.raises(ImportFout) as exc:
        inwonertallen_importeren(FOUT_BESTAND, "inwoners.csv")

    fouten = {(f.regel, f.kolom): f.bericht for f in exc.value.fouten}
    assert fouten == {
        (3, "cbs_code"): "Onbekende gemeentecode 'GM9999'.",
        (4, "peildatum"): "'31-2-2012' is geen bestaande datum.",
        (5, "inwoners"): "Het aantal inwoners moet groter zijn dan 0.",
        (6, "inwoners"): "Het aantal inwoners moet groter zijn dan 0.",
        (8, "cbs_code"): "Dubbel: dezelfde gemeente en peildatum als regel 2.",
    }
    assert Inwonertal.objects.count() == 0


def test_a_peildatum_before_the_programme_is_refused_beside_its_line(referentiedata):
    """The plausible range of every date of the programme (gemeenten/programma.py); the year 1
    was read and stored before (issue 16)."""
    bestand = b"cbs_code;peildatum;inwoners\nGM1900;0001-01-01;83.591\nGM0344;31-12-2008;316.275\nGM0363;1-1-2009;1\n"
    with pytest.raises(ImportFout) as exc:
        inwonertallen_importeren(bestand, "inwoners.csv")
    fouten = {(f.regel, f.kolom): f.bericht for f in exc.value.fouten}
    te_vroeg = "Deze datum ligt te ver terug: kies een datum vanaf 1-1-2009 (het begin van het programma)."
    assert fouten == {(2, "peildatum"): te_vroeg, (3, "peildatum"): te_vroeg}
    assert Inwonertal.objects.count() == 0


@pytest.mark.parametrize(
    ("inhoud", "bericht"),
    [
        (b"cbs_code;datum;aantal\nGM1900;1-1-2012;83591\n", "Kolommen ontbreken: peildatum, inwoners."),
        (b"cbs_code;peildatum;inwoners\n", "Het bestand bevat geen rijen."),
        (b"cbs_code;peildatum;inwoners\nGM1900;1-1-2012;83,5\n", "'83,5' is geen geheel getal."),
    ],
)
def test_unusable_file_is_refused_with_a_reason(referentiedata, inhoud, bericht):
    with pytest.raises(ImportFout) as exc:
        inwonertallen_importeren(inhoud, "inwoners.csv")
    assert bericht in str(exc.value)
    assert Inwonertal.objects.count() == 0


# --- the coordinator's upload page ----------------------------------------------------------------

URL = "/gemeenten/inwonertallen/"


def upload(client, inhoud: bytes, naam: str = "inwoners.csv"):
    return client.post(URL, {"bestand": SimpleUploadedFile(naam, inhoud)})


def test_coordinator_uploads_a_file(referentiedata, login):
    client = login(CoordinatorFactory())
    response = upload(client, b"cbs_code;peildatum;inwoners\nGM1900;1-1-2012;83.591\n")

    assert response.status_code == 302
    pagina = client.get(response.url).content.decode()
    assert "Inwonertallen geïmporteerd: 1 nieuw, 0 gewijzigd." in pagina
    assert inwoners() == {"GM1900": 83591}


def test_upload_with_errors_shows_every_row_in_dutch_and_stores_nothing(referentiedata, login):
    client = login(CoordinatorFactory())
    response = upload(client, FOUT_BESTAND)

    assert response.status_code == 200
    pagina = response.content.decode()
    assert "Er is niets geladen. Verbeter deze 5 fouten:" in pagina
    for regel in (3, 4, 5, 6, 8):
        assert f"regel {regel}, kolom" in pagina
    assert "regel 2," not in pagina
    assert "Onbekende gemeentecode &#x27;GM9999&#x27;." in pagina
    assert Inwonertal.objects.count() == 0


def test_upload_that_is_not_csv_or_xlsx_is_refused_at_the_field(referentiedata, login):
    client = login(CoordinatorFactory())
    response = upload(client, b"cbs_code;peildatum;inwoners\nGM1900;1-1-2012;83591\n", naam="inwoners.txt")

    assert response.status_code == 200
    assert response.context["form"].errors["bestand"] == [
        "Kies een CSV-bestand of een Excel-bestand (.xlsx)."
    ]
    assert 'id="error_1_id_bestand"' in response.content.decode()
    assert Inwonertal.objects.count() == 0


@pytest.mark.parametrize("wie", ["adviseur_friesland", "ambtenaar_sudwest"])
def test_only_a_coordinator_may_upload(request, login, wie):
    client = login(request.getfixturevalue(wie))

    assert client.get(URL).status_code == 403
    assert upload(client, b"cbs_code;peildatum;inwoners\nGM1900;1-1-2012;83591\n").status_code == 403
    assert Inwonertal.objects.count() == 0


def test_anonymous_upload_page_redirects_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")
