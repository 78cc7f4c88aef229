"""Reports 'as known on the peildatum' do not move when the data is corrected afterwards, and the
reading 'with later corrections' shows exactly those corrections (issue 15).

A small programme is stored through the services as it happened in 2011; after the peildatum
(today, in the test) sessions are deleted, edited and restored, metingen reopened and submitted
again, advisers ended and moved, a meeting and a traject changed — all through the services."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from advies.models import Adviesgesprek, Thema
from advies.services import (
    adviesgesprek_herstellen,
    adviesgesprek_log,
    adviesgesprek_verwijderen,
    adviesgesprek_wijzigen,
    adviestraject_opslaan,
    adviseur_beeindigen,
    adviseur_toevoegen,
    adviseur_verplaatsen,
    bijeenkomst_opslaan,
)
from advies.uitwisseling import GESPREK_KOLOMMEN
from gemeenten.models import Gemeente, Organisatie, Provincie
from nulmeting.models import Meting, Vragenlijst
from nulmeting.services import eenmeting_openen, meting_heropenen, meting_indienen
from nulmeting.uitwisseling import antwoorden_kolommen
from rapportage import weergave
from rapportage.bouwen import inhoud_voor, rapport_bouwen
from rapportage.selectors import Afbakening
from rapportage.services import rapport_aanvragen
from rondes.services import ronde_heropenen, ronde_openen, ronde_sluiten
from tests.nulmeting.antwoorden import alles_goed
from tests.rapportage.rapportage_helpers import elk_blad_is_zijn_tabel, indienen, moment, pdf_tekst
from tests.tweede_factor import geverifieerd_inloggen
from toolkit.export import csv_bytes

D = datetime.date
PEIL = D(2011, 6, 30)
RAPPORTEN = [("eind", PEIL, PEIL), ("maand", D(2011, 6, 1), PEIL), ("kwartaal", D(2011, 4, 1), PEIL)]
GEMEENTEN = ["GM0080", "GM0090", "GM0093", "GM0098", "GM0014", "GM0037"]  # Friesland and Groningen


def cijfers(soort, van, peildatum, bekend_op=None) -> dict:
    return inhoud_voor(soort, van, peildatum, Afbakening(bekend_op=bekend_op)).cijfers


def cijfers_en_tabellen(soort, van, peildatum) -> tuple[dict, list]:
    """The report as known on the peildatum: its JSON, and every table (some are not in the JSON,
    such as the trajecten's hours)."""
    inhoud = inhoud_voor(soort, van, peildatum, Afbakening())
    return inhoud.cijfers, [(t.blad, t.rijen) for t in inhoud.tabellen]


def tabel(inhoud, nummer: str):
    [gevonden] = [t for t in inhoud.tabellen if t.nummer == nummer]
    return gevonden


@pytest.fixture
def programma(referentiedata, nulmeting, coordinator):
    """Two advisers, ten sessions in spring 2011, six nulmetingen and two eenmetingen, a traject and
    a meeting, each stored when it happened."""
    adviseurs = [
        adviseur_toevoegen(naam=naam, email=f"{naam.lower()}@example.nl", organisatie=Organisatie.objects.get(naam=cmo),
                           actief_van=D(2010, 1, 1), door=None, vastgelegd_op=moment(2010, 1, 1))
        for naam, cmo in (("Anna", "Partoer"), ("Bram", "Partoer"))
    ]  # fmt: skip
    gesprekken = []
    for i in range(10):
        gehouden = D(2011, 4 + i % 3, 1 + 2 * i)
        with time_machine.travel(moment(gehouden.year, gehouden.month, gehouden.day, 17), tick=False):
            gesprekken.append(
                adviesgesprek_log(
                    adviseur=adviseurs[i % 2].user,
                    datum=gehouden,
                    gemeenten=Gemeente.objects.filter(cbs_code=GEMEENTEN[i % 4]),
                    onderwerp="mantelzorg",
                    themas=Thema.objects.filter(code="MZ-RESPIJT"),
                    uren=Decimal("2"),
                    verslag=f"Gesprek {i}.",
                )
            )
    with time_machine.travel(moment(2011, 1, 3), tick=False):
        ronde = ronde_openen(
            vragenlijst=nulmeting,
            naam="Nulmeting noorden",
            opent_op=D(2011, 1, 3),
            sluit_op=D(2011, 12, 31),
            provincies=Provincie.objects.filter(naam__in=["Friesland", "Groningen"]),
            door=coordinator,
        )
    indienen(
        nulmeting, [(code, D(2011, 3, 1 + i), alles_goed(nulmeting)) for i, code in enumerate(GEMEENTEN)]
    )
    eenmeting = eenmeting_openen(
        basis=nulmeting, code="eenmeting-2011", naam="Eenmeting 2011", door=coordinator
    )
    indienen(
        eenmeting, [(code, D(2011, 5, 2 + i), alles_goed(eenmeting)) for i, code in enumerate(GEMEENTEN[:2])]
    )
    anna = adviseurs[0].user
    with time_machine.travel(moment(2011, 3, 1), tick=False):
        traject = adviestraject_opslaan(
            door=anna, gemeenten=Gemeente.objects.filter(cbs_code="GM0080"), titel="Mantelzorg Leeuwarden",
            onderwerp="mantelzorg", status="lopend", doel="Doel.", werkwijze="Werkwijze.", inzet_uren=Decimal("10"),
            tijdspad="Voorjaar.", verwachte_opbrengst="Beleid.", borging="Raad.",
        )  # fmt: skip
    with time_machine.travel(moment(2011, 5, 11), tick=False):
        bijeenkomst = bijeenkomst_opslaan(
            door=anna, datum=D(2011, 5, 10), soort="regionaal", titel="Regiobijeenkomst Friesland", themas=[],
            provincies=Provincie.objects.filter(naam="Friesland"),
            gemeenten=Gemeente.objects.filter(cbs_code__in=GEMEENTEN[:2]), deelnemers=25,
        )  # fmt: skip
    return {
        "adviseurs": adviseurs,
        "gesprekken": gesprekken,
        "coordinator": coordinator,
        "traject": traject,
        "bijeenkomst": bijeenkomst,
        "ronde": ronde,
    }


def corrigeren(programma) -> None:
    """Everyday corrections made today, after the peildatum, through the services."""
    coordinator, gesprekken = programma["coordinator"], programma["gesprekken"]
    bijeenkomst, traject = programma["bijeenkomst"], programma["traject"]
    # The meeting gets more participants and Heerenveen (GM0074), reached by nothing else.
    bijeenkomst_opslaan(
        door=coordinator, bijeenkomst=bijeenkomst, datum=bijeenkomst.datum, soort=bijeenkomst.soort,
        titel=bijeenkomst.titel, themas=[], provincies=Provincie.objects.filter(naam="Friesland"),
        gemeenten=Gemeente.objects.filter(cbs_code__in=[*GEMEENTEN[:2], "GM0074"]), deelnemers=40,
    )  # fmt: skip
    adviestraject_opslaan(
        door=coordinator, traject=traject, gemeenten=traject.gemeenten.all(), inzet_uren=Decimal("16")
    )
    for gesprek in gesprekken[:2]:
        adviesgesprek_verwijderen(gesprek=gesprek, door=coordinator)
    adviesgesprek_verwijderen(gesprek=gesprekken[2], door=coordinator)
    adviesgesprek_herstellen(gesprek=gesprekken[2], door=coordinator)
    for gesprek in gesprekken[3:5]:
        adviesgesprek_wijzigen(
            gesprek=gesprek,
            door=coordinator,
            versie=gesprek.versie,
            uren=Decimal("5.5"),
            onderwerp="beide",
            themas=Thema.objects.filter(code__in=["MZ-RESPIJT", "VW-VERTALEN"]),
            gemeenten=Gemeente.objects.filter(cbs_code__in=["GM0080", "GM0014"]),
        )
    for code in GEMEENTEN[:2]:
        meting = Meting.objects.get(gemeente__cbs_code=code, vragenlijst__soort="nulmeting")
        meting_heropenen(meting=meting, door=coordinator, reden="Een antwoord was verkeerd overgenomen.")
    meting_indienen(
        meting=Meting.objects.get(gemeente__cbs_code=GEMEENTEN[0], vragenlijst__soort="nulmeting"),
        door=coordinator,
    )
    meting_heropenen(
        meting=Meting.objects.get(gemeente__cbs_code=GEMEENTEN[1], vragenlijst__soort="eenmeting"),
        door=coordinator,
        reden="De verkeerde gemeente.",
    )
    # A round for Utrecht opened today, dated back to before the peildatum; the northern round
    # closed and opened again until next month.
    ronde_openen(
        vragenlijst=programma["ronde"].vragenlijst, naam="Nulmeting Utrecht", opent_op=D(2011, 5, 1),
        sluit_op=D(2011, 9, 30), provincies=Provincie.objects.filter(naam="Utrecht"), door=coordinator,
    )  # fmt: skip
    ronde_sluiten(ronde=programma["ronde"], door=coordinator)
    ronde_heropenen(
        ronde=programma["ronde"],
        door=coordinator,
        sluit_op=timezone.localdate() + datetime.timedelta(days=30),
    )
    anna, bram = programma["adviseurs"]
    adviseur_beeindigen(periode=anna, per=D(2011, 5, 1), door=coordinator)
    adviseur_verplaatsen(
        periode=bram, naar=Organisatie.objects.get(naam="Stamm"), per=D(2011, 2, 1), door=coordinator
    )


@pytest.mark.parametrize(("soort", "van", "peildatum"), RAPPORTEN)
def test_a_report_as_known_on_the_peildatum_is_the_same_after_corrections(programma, soort, van, peildatum):
    voor = cijfers_en_tabellen(soort, van, peildatum)
    corrigeren(programma)
    assert cijfers_en_tabellen(soort, van, peildatum) == voor
    voor, _ = voor
    assert voor["lezing"] == "zoals_bekend"
    if soort != "eind":  # the round's response too: two of its metingen were reopened since, and
        # the round for Utrecht, opened since with an earlier opening date, is not in it
        assert list(voor["rondes"]) == ["Nulmeting noorden"]
        assert voor["rondes"]["Nulmeting noorden"]["totaal"] == len(GEMEENTEN)
        gecorrigeerd = cijfers(soort, van, peildatum, bekend_op=timezone.now())
        assert list(gecorrigeerd["rondes"]) == ["Nulmeting noorden", "Nulmeting Utrecht"]
        # two reopened; the one submitted again, today, was not in by the peildatum
        assert gecorrigeerd["rondes"]["Nulmeting noorden"]["totaal"] == len(GEMEENTEN) - 2


@pytest.mark.parametrize(("soort", "van", "peildatum"), RAPPORTEN)
def test_with_later_corrections_the_report_lists_exactly_those_changes(programma, soort, van, peildatum):
    corrigeren(programma)
    nu = timezone.now()
    gecorrigeerd = cijfers(soort, van, peildatum, bekend_op=nu)
    assert gecorrigeerd["lezing"] == "met_correcties"
    assert gecorrigeerd["correcties"] == {
        "gesprekken": {"zoals_bekend": 10, "met_correcties": 8},
        "uren": {"zoals_bekend": 20.0, "met_correcties": 23.0},
        "metingen": {"zoals_bekend": 6, "met_correcties": 4},
        "verwijderd": 2,
        "gewijzigd": 3,  # two edited, one deleted and restored (a new version, the same numbers)
        "buiten_periode": 0,
        "later_vastgelegd": 0,
        "heropend": 2,
        "metingen_later": 0,
        "eenmetingen": {"zoals_bekend": 2, "met_correcties": 1},
        "eenmetingen_heropend": 1,
        "eenmetingen_later": 0,
        "adviseurs": {"zoals_bekend": 2, "met_correcties": 1},  # Anna ended on 1 May, Bram moved
        "perioden_gewijzigd": 2,  # both ended
        "perioden_later": 1,  # Bram's period at Stamm, from 1 February
        "bijeenkomsten": {"zoals_bekend": 1, "met_correcties": 1},
        "deelnemers": {"zoals_bekend": 25, "met_correcties": 40},
        "bijeenkomsten_gewijzigd": 1,
        "bijeenkomsten_buiten_periode": 0,
        "bijeenkomsten_later": 0,
        "bereikt": {"zoals_bekend": 6, "met_correcties": 7},  # Heerenveen, at the meeting
        "trajecten": {"zoals_bekend": 1, "met_correcties": 1},
        "begroot": {"zoals_bekend": 10.0, "met_correcties": 16.0},
        "trajecten_gewijzigd": 1,
        "trajecten_buiten_gebied": 0,
        "trajecten_later": 0,
    }


def test_the_corrected_reading_counts_what_is_known_now(programma):
    corrigeren(programma)
    gecorrigeerd = inhoud_voor("eind", PEIL, PEIL, Afbakening(bekend_op=timezone.now()))
    zoals_bekend = inhoud_voor("eind", PEIL, PEIL, Afbakening())
    assert Adviesgesprek.objects.actief().filter(datum__lte=PEIL).count() == 8
    assert gecorrigeerd.cijfers["correcties"]["gesprekken"]["met_correcties"] == 8
    tekst = " ".join(gecorrigeerd.secties[-1].alineas)
    assert "2 gesprekken verwijderd" in tekst and "3 gesprekken gewijzigd" in tekst
    assert "2 nulmetingen heropend" in tekst and "10 → 8" in tekst
    assert "met latere correcties tot en met" in gecorrigeerd.ondertitel
    assert "zoals bekend op 30 juni 2011" in zoals_bekend.ondertitel
    assert [t.titel for t in gecorrigeerd.tabellen][-2:] == [
        "Wat sinds de peildatum veranderde",
        "Wat er sinds de peildatum gebeurde",
    ]
    assert not [t for t in zoals_bekend.tabellen if t.soort == "Correcties"]


def test_a_meeting_and_a_traject_changed_later_count_as_they_stood_and_the_corrections_say_so(programma):
    corrigeren(programma)
    zoals_bekend = inhoud_voor("kwartaal", D(2011, 4, 1), PEIL, Afbakening())
    gecorrigeerd = inhoud_voor("kwartaal", D(2011, 4, 1), PEIL, Afbakening(bekend_op=timezone.now()))
    assert zoals_bekend.cijfers["bereik"]["bijeenkomsten"] == {"aantal": 1, "deelnemers": 25}
    assert gecorrigeerd.cijfers["bereik"]["bijeenkomsten"] == {"aantal": 1, "deelnemers": 40}
    assert [r[:3] for r in tabel(zoals_bekend, "13").rijen] == [["Mantelzorg Leeuwarden", "Partoer", 10.0]]
    assert [r[:3] for r in tabel(gecorrigeerd, "13").rijen] == [["Mantelzorg Leeuwarden", "Partoer", 16.0]]
    [alinea] = gecorrigeerd.secties[-1].alineas
    assert "1 bijeenkomst gewijzigd" in alinea and "1 adviestraject gewijzigd" in alinea
    assert "deelnemers aan bijeenkomsten: 25 → 40" in alinea and "bereikte gemeenten: 6 → 7" in alinea
    assert "begrote uren van de adviestrajecten: 10 → 16" in alinea
    assert "bijeenkomsten:" not in alinea.replace("deelnemers aan bijeenkomsten:", "")  # 1 → 1 is not news


def test_the_corrections_name_advisers_ended_and_moved_and_an_eenmeting_reopened(programma):
    corrigeren(programma)
    gecorrigeerd = inhoud_voor("eind", PEIL, PEIL, Afbakening(bekend_op=timezone.now()))
    [alinea] = gecorrigeerd.secties[-1].alineas
    assert "2 adviseursperioden beëindigd of gewijzigd" in alinea
    assert "1 adviseursperiode later vastgelegd" in alinea and "adviseurs in de pool: 2 → 1" in alinea
    assert "1 eenmeting heropend" in alinea and "ingediende eenmetingen: 2 → 1" in alinea
    gebeurd = dict(tabel(gecorrigeerd, "C.2").rijen)
    assert gebeurd["Adviseursperioden beëindigd of gewijzigd"] == 2
    assert gebeurd["Adviseursperioden later vastgelegd"] == 1
    assert gebeurd["Eenmetingen heropend"] == 1 and gebeurd["Eenmetingen later ingevoerd"] == 0
    totalen = {rij[0]: rij[1:] for rij in tabel(gecorrigeerd, "C.1").rijen}
    assert totalen["Adviseurs in de pool op de peildatum"] == [2, 1, -1]


def test_a_province_counts_only_the_changes_within_it(programma):
    """The meeting and the traject were for Friesland: a report on Groningen lists neither."""
    corrigeren(programma)
    groningen = Afbakening.maak(provincie=Provincie.objects.get(naam="Groningen"), bekend_op=timezone.now())
    correcties = inhoud_voor("eind", PEIL, PEIL, groningen).cijfers["correcties"]
    assert correcties["bijeenkomsten"] == {"zoals_bekend": 0, "met_correcties": 0}
    assert (correcties["bijeenkomsten_gewijzigd"], correcties["trajecten_gewijzigd"]) == (0, 0)
    friesland = Afbakening.maak(provincie=Provincie.objects.get(naam="Friesland"), bekend_op=timezone.now())
    correcties = inhoud_voor("eind", PEIL, PEIL, friesland).cijfers["correcties"]
    assert (correcties["bijeenkomsten_gewijzigd"], correcties["trajecten_gewijzigd"]) == (1, 1)


def test_the_corrections_are_in_the_html_the_pdf_and_the_xlsx(programma):
    corrigeren(programma)
    inhoud = inhoud_voor("maand", D(2011, 6, 1), PEIL, Afbakening(bekend_op=timezone.now()))
    [alinea] = inhoud.secties[-1].alineas
    bestanden = weergave.bestanden(inhoud, formaten=("html", "pdf", "xlsx"))
    for tekst in (bestanden["html"].decode(), " ".join(pdf_tekst(bestanden["pdf"]))):
        assert "Correcties sinds de peildatum" in tekst and alinea in tekst
        assert "Wat er sinds de peildatum gebeurde" in tekst and "Adviestrajecten gewijzigd" in tekst
    elk_blad_is_zijn_tabel(inhoud, bestanden["xlsx"])
    werkboek = load_workbook(io.BytesIO(bestanden["xlsx"]), read_only=True)
    gebeurd = dict(werkboek["Correcties C.2"].iter_rows(min_row=2, max_col=2, values_only=True))
    assert (gebeurd["Bijeenkomsten gewijzigd"], gebeurd["Adviestrajecten gewijzigd"]) == (1, 1)
    assert gebeurd["Gesprekken verwijderd"] == 2


def test_an_upload_after_the_peildatum_leaves_the_report_as_known_and_is_a_later_correction(
    programma, client, coordinator
):
    """Sessions and a meting held before the peildatum but uploaded today were not known on it:
    the report as known stays as it was, and with corrections they are counted as logged later."""
    voor = {soort: cijfers_en_tabellen(soort, van, peildatum) for soort, van, peildatum in RAPPORTEN}
    geverifieerd_inloggen(client, coordinator)
    thema = Thema.objects.get(code="MZ-RESPIJT").naam
    gesprekken = [
        [datum, "", "anna@example.nl", "GM0080", "mantelzorg", thema, "1,5", "Laat ingevoerd gesprek."]
        for datum in ("2011-05-10", "2011-05-12")
    ]
    antwoord = client.post(
        "/advies/gesprekken/importeren/",
        {"bestand": SimpleUploadedFile("laat.csv", csv_bytes(GESPREK_KOLOMMEN, gesprekken))},
    )
    assert (
        antwoord.status_code == 302
        and Adviesgesprek.objects.filter(verslag="Laat ingevoerd gesprek.").count() == 2
    )
    lijst = Vragenlijst.objects.get(code="nulmeting-2009")
    kolommen = antwoorden_kolommen(lijst)
    meting = [["GM0085", "2011-05-10"] + [""] * (len(kolommen) - 2)]
    antwoord = client.post(
        f"/nulmeting/importeren/?vragenlijst={lijst.code}",
        {"bestand": SimpleUploadedFile("laat.csv", csv_bytes(kolommen, meting))},
    )
    assert antwoord.status_code == 302 and Meting.objects.filter(gemeente__cbs_code="GM0085").exists()

    for soort, van, peildatum in RAPPORTEN:
        assert cijfers_en_tabellen(soort, van, peildatum) == voor[soort], soort
        correcties = cijfers(soort, van, peildatum, bekend_op=timezone.now())["correcties"]
        assert (correcties["later_vastgelegd"], correcties["metingen_later"]) == (2, 1), soort
        assert correcties["gesprekken"] == {"zoals_bekend": 10, "met_correcties": 12}, soort
        assert correcties["metingen"] == {"zoals_bekend": 6, "met_correcties": 7}, soort


def test_a_report_on_a_day_not_yet_over_counts_what_was_known_when_it_was_asked_for(programma):
    """Asked for at noon on the peildatum and built again later that day (a retry, a worker that
    was busy), the report keeps the numbers of noon and says so; without the cap it would grow."""
    with time_machine.travel(moment(2011, 6, 30, 12), tick=False):
        rapport = rapport_aanvragen(soort="eind", peildatum=PEIL, door=programma["coordinator"])
    with time_machine.travel(moment(2011, 6, 30, 15), tick=False):
        adviesgesprek_log(
            adviseur=programma["adviseurs"][0].user,
            datum=PEIL,
            gemeenten=Gemeente.objects.filter(cbs_code="GM0074"),  # Heerenveen: not reached before
            onderwerp="mantelzorg",
            themas=Thema.objects.filter(code="MZ-RESPIJT"),
            uren=Decimal("3"),
            verslag="Middaggesprek.",
        )
    with time_machine.travel(moment(2011, 6, 30, 16), tick=False):
        gebouwd = rapport_bouwen(rapport.pk)
    tot_de_middag = inhoud_voor("eind", PEIL, PEIL, Afbakening(uiterlijk=moment(2011, 6, 30, 12)))
    assert gebouwd.cijfers == tot_de_middag.cijfers
    assert (gebouwd.cijfers["lezing"], gebouwd.cijfers["bekend_op"]) == (
        "zoals_bekend",
        "2011-06-30T12:00:00+02:00",
    )
    bereik_nu = cijfers("eind", PEIL, PEIL)["bereik"]
    assert (gebouwd.cijfers["bereik"]["totaal"]["adviesgesprek"], bereik_nu["totaal"]["adviesgesprek"]) == (
        4,
        5,
    )
    html = gebouwd.html.read().decode()
    assert "zoals bekend op 30 juni 2011 om 12:00 uur: wat er na dat moment nog is gewijzigd" in html
    assert "bekend_op" not in cijfers("eind", PEIL, PEIL), "a day over: as before"
