"""The report request form asks only what the chosen kind needs (every field labelled with its
kind, the others ignored), with month names and quarters K1–K4, defaults inside the programme's
period, file names that read as what they are, and an HTML report that links back into the app."""

import datetime
import re
from urllib.parse import urljoin

import pytest
import time_machine
from django.urls import reverse

from rapportage import weergave
from rapportage.bouwen import inhoud_voor
from rapportage.models import Rapport
from rapportage.selectors import Afbakening
from tests.rapportage.factories import RapportFactory

pytestmark = pytest.mark.django_db


def test_months_have_dutch_names_and_quarters_read_k1_to_k4(login, coordinator):
    html = login(coordinator).get("/rapportage/").content.decode()
    assert (
        '<option value="10">oktober</option>' in html
        or '<option value="10" selected>oktober</option>' in html
    )
    assert "K2 (april–juni)</option>" in html
    assert '<option value="13"' not in html


@pytest.mark.parametrize(
    ("vandaag", "peildatum", "jaar", "maand", "kwartaal"),
    [
        (datetime.date(2026, 12, 3), "31-12-2012", 2012, 12, 4),  # after the programme: its last day
        (datetime.date(2011, 5, 20), "20-5-2011", 2011, 5, 2),  # during: today
    ],
)
def test_defaults_lie_inside_the_programmes_period(
    login, coordinator, vandaag, peildatum, jaar, maand, kwartaal
):
    with time_machine.travel(datetime.datetime.combine(vandaag, datetime.time(12)), tick=False):
        form = login(coordinator).get("/rapportage/").context["form"]
    assert form["peildatum"].value().strftime("%-d-%-m-%Y") == peildatum
    assert (form["jaar"].value(), form["maand"].value(), form["kwartaal"].value()) == (jaar, maand, kwartaal)


def test_each_period_field_says_which_kind_it_belongs_to(login, coordinator):
    html = login(coordinator).get("/rapportage/").content.decode()
    assert '<form method="post" novalidate data-soortkeuze>' in html
    for veld, soorten in (
        ("peildatum", "eind"),
        ("jaar", "maand kwartaal"),
        ("maand", "maand"),
        ("kwartaal", "kwartaal"),
    ):
        blok = html.split(f'data-toon-bij="{soorten}"')
        assert len(blok) > 1 and f'id="id_{veld}"' in "".join(b[:2000] for b in blok[1:]), veld
    assert "Maand (maandrapportage)" in html and "Kwartaal (kwartaalrapportage)" in html


def test_fields_of_another_kind_are_ignored_even_when_wrong(login, coordinator):
    response = login(coordinator).post(
        "/rapportage/",
        {"soort": "maand", "jaar": "2010", "maand": "10", "peildatum": "31-2-2012", "kwartaal": "9"},
    )
    assert response.status_code == 302
    rapport = Rapport.objects.get()
    assert (rapport.soort, rapport.periode_van) == ("maand", datetime.date(2010, 10, 1))


@pytest.mark.parametrize(
    ("data", "veld", "bericht"),
    [
        ({"soort": "eind", "peildatum": ""}, "peildatum", "Vul bij Peildatum de dag in"),
        (
            {"soort": "maand", "jaar": "2010", "maand": ""},
            "maand",
            "Kies bij Maand de maand van het rapport.",
        ),
        (
            {"soort": "kwartaal", "jaar": "", "kwartaal": "2"},
            "jaar",
            "Vul bij Jaar het jaar van de periode in",
        ),
        ({"soort": "kwartaal", "jaar": "2008", "kwartaal": "2"}, "jaar", "vul bij Jaar 2009 of later in"),
        # the same with later corrections asked for: nothing is queued either
        (
            {"soort": "maand", "jaar": "2010", "maand": "", "lezing": "met_correcties"},
            "maand",
            "Kies bij Maand de maand van het rapport.",
        ),
        (
            {"soort": "kwartaal", "jaar": "", "kwartaal": "2", "lezing": "met_correcties"},
            "jaar",
            "Vul bij Jaar het jaar van de periode in",
        ),
        (
            {"soort": "eind", "peildatum": "", "lezing": "met_correcties"},
            "peildatum",
            "Vul bij Peildatum de dag in",
        ),
        (
            {"soort": "kwartaal", "jaar": "2011", "kwartaal": "7"},
            "kwartaal",
            "Kies bij Kwartaal een kwartaal uit de lijst.",
        ),
    ],
)
def test_a_missing_or_wrong_period_names_the_field_and_keeps_the_input(
    login, coordinator, data, veld, bericht
):
    response = login(coordinator).post("/rapportage/", data)
    assert response.status_code == 200 and not Rapport.objects.exists()
    form = response.context["form"]
    assert any(bericht in fout for fout in form.errors[veld]), form.errors
    html = response.content.decode()
    assert f'href="#id_{veld}"' in html  # the summary links to the field
    if data.get("jaar"):
        assert f'value="{data["jaar"]}"' in html


@pytest.mark.parametrize(
    ("soort", "van", "peildatum", "naam"),
    [
        ("kwartaal", datetime.date(2011, 4, 1), datetime.date(2011, 6, 30), "kwartaalrapportage-2011-K2"),
        ("kwartaal", datetime.date(2012, 10, 1), datetime.date(2012, 12, 31), "kwartaalrapportage-2012-K4"),
        ("maand", datetime.date(2010, 10, 1), datetime.date(2010, 10, 31), "maandrapportage-2010-10"),
        ("eind", datetime.date(2009, 1, 1), datetime.date(2012, 10, 1), "eindrapportage-2012-10-01"),
    ],
)
def test_file_names_read_as_what_they_are(soort, van, peildatum, naam):
    rapport = RapportFactory(soort=soort, periode_van=van, peildatum=peildatum)
    assert rapport.bestandsnaam == naam


def test_a_quarter_reads_as_a_quarter_in_its_title():
    rapport = RapportFactory(
        soort="kwartaal", periode_van=datetime.date(2011, 4, 1), peildatum=datetime.date(2011, 6, 30)
    )
    assert str(rapport).startswith("Kwartaalrapportage tweede kwartaal 2011")


def test_the_html_report_links_back_into_the_app_on_screen_only(referentiedata):
    inhoud = inhoud_voor("maand", datetime.date(2010, 10, 1), datetime.date(2010, 10, 31), Afbakening.maak())
    html = weergave.html(inhoud, in_de_app=True)
    terug = re.search(r'<a href="([^"]+)">← Terug naar dit rapport in Goed voor Elkaar</a>', html).group(1)
    alle = re.search(r'<a href="([^"]+)">Alle rapportages</a>', html).group(1)
    # relative to the address the app serves the page at
    pagina = reverse("rapportage:download", args=[7, "html"])
    assert urljoin(pagina, terug) == reverse("rapportage:detail", args=[7])
    assert urljoin(pagina, alle) == reverse("rapportage:lijst")
    assert "@media print { nav.terug { display: none; } }" in html
    assert "Terug naar dit rapport" not in weergave.html(inhoud)  # the command line's file has none
