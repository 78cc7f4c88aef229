import datetime
import re
from decimal import Decimal

from django.utils import timezone

from advies.models import Thema
from advies.services import adviesgesprek_log
from gemeenten.models import Gemeente, Organisatie, Provincie
from rapportage import inhoud
from rapportage import selectors as s
from rapportage.bevindingen import Inleiding
from rapportage.bouwstenen import Stand, aantal, hoofdletter, werkwoord
from rapportage.correcties import Correcties
from tests.accounts.factories import AdviseurFactory
from tests.rapportage.rapportage_helpers import indienen, moment


def test_a_subtitle_keeps_the_capitals_of_the_area_it_names():
    assert hoofdletter("heel Nederland") == "Heel Nederland"
    assert hoofdletter("provincie Noord-Brabant") == "Provincie Noord-Brabant"
    assert hoofdletter("") == ""


# --- generated sentences agree with their numbers (issue 18: "correct Dutch throughout") --------

PEIL = datetime.date(2012, 10, 1)


def test_count_and_verb_agree_with_one_and_with_more():
    assert aantal(1, "gesprek", "gesprekken") == "1 gesprek"
    assert aantal(1359, "gesprek", "gesprekken") == "1.359 gesprekken"
    assert (werkwoord(1), werkwoord(0), werkwoord(2, "werd", "werden")) == ("is", "zijn", "werden")


def test_one_correction_is_said_in_the_singular_more_in_the_plural(db):
    stand = Stand(PEIL, s.Afbakening(bekend_op=timezone.now()), "heel Nederland")
    een = s.Correcties((10, 9), (20.0, 18.0), 1, 0, 0, 0, (5, 5), 0, 0)
    [zin] = Correcties(stand, een).alineas()
    assert zin.startswith("Sinds 1 oktober 2012 is 1 gesprek verwijderd.")
    twee = s.Correcties((10, 9), (20.0, 18.0), 1, 0, 1, 0, (5, 5), 0, 0)
    assert (
        Correcties(stand, twee)
        .alineas()[0]
        .startswith("Sinds 1 oktober 2012 zijn 1 gesprek verwijderd en 1 gesprek gewijzigd.")
    )


def test_a_province_and_a_cmo_take_an_article_inside_a_sentence(referentiedata):
    friesland = Provincie.objects.get(naam="Friesland")
    partoer = Organisatie.objects.get(naam="Partoer")
    assert Stand.van(PEIL, s.Afbakening.maak(provincie=friesland)).gebied_in_zin == "de provincie Friesland"
    assert (
        Stand.van(PEIL, s.Afbakening.maak(organisatie=partoer)).gebied_in_zin == "het werkgebied van Partoer"
    )
    assert Stand.van(PEIL, s.Afbakening()).gebied_in_zin == "heel Nederland"
    [inleiding] = [
        z
        for z in Inleiding(Stand.van(PEIL, s.Afbakening.maak(provincie=friesland))).alineas()
        if "Dit rapport" in z
    ]
    assert "vastgelegd voor de provincie Friesland, tot en met 1 oktober 2012" in inleiding


def test_a_month_with_one_session_and_one_nulmeting_reads_in_the_singular(referentiedata, nulmeting):
    indienen(nulmeting, [("GM0080", datetime.date(2010, 10, 4), {})])
    adviseur = AdviseurFactory(
        email="a@partoer.example.nl", organisatie=Provincie.objects.get(naam="Friesland").organisaties.get()
    )
    adviesgesprek_log(adviseur=adviseur, datum=datetime.date(2010, 10, 5), gemeenten=Gemeente.objects.filter(cbs_code="GM0080"),
                      onderwerp="mantelzorg", themas=Thema.objects.filter(code="MZ-RESPIJT"), uren=Decimal("1"),
                      verslag="v", gerapporteerd_op=moment(2010, 10, 6))  # fmt: skip
    rapport = inhoud.periode_rapportage(
        "maand",
        datetime.date(2010, 10, 1),
        datetime.date(2010, 10, 31),
        datetime.date(2010, 9, 1),
        s.Afbakening(),
    )
    tekst = " ".join(a for sectie in rapport.secties for a in sectie.alineas)
    assert (
        "In oktober 2010 is 1 adviesgesprek gevoerd en vastgelegd (0 in de maand ervoor) en is 1 nulmeting ingediend."
    ) in tekst
    assert "Tot en met 31 oktober 2010 is in totaal 1 nulmeting ingediend" in tekst
    assert "In oktober 2010 werden 0 bijeenkomsten gehouden" in tekst
    assert not re.search(r"\b1 (adviesgesprekken|nulmetingen|bijeenkomsten|deelnemers|gesprekken)\b", tekst)
