"""Every municipality formed or enlarged by a merger between 2009 and 2012 tells one story on every
screen: when a predecessor submitted the nulmeting, its page, its official's questionnaires and
dashboard, the coordinator's overview, the dashboard map, the participation per province and the
report all say it took part — through its predecessors, whose results (with their spiegel) are
shown as theirs.

The mergers are the real ones (``referentiedata_laden``): 36 rows, 16 successors, the split of
Meerlo-Wanssum over Horst aan de Maas and Venray among them."""

import datetime
import html
import io
import re
from collections import Counter

import pytest
from django.utils import timezone

from accounts.models import User
from gemeenten.models import Gemeente, Herindeling, Organisatie
from gemeenten.selectors import opvolgers_op
from nulmeting import selectors
from nulmeting.models import Vragenlijst
from nulmeting.services import vragenlijst_sluiten
from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from rapportage.selectors import Afbakening, deelname_per_gemeente
from tests.accounts.factories import AdviseurFactory, GemeenteAccountFactory
from tests.gemeenten.factories import OrganisatieFactory
from tests.kaart_helpers import kaarten_op, titels
from tests.tweede_factor import geverifieerd_inloggen
from toolkit.export import csv_bytes
from toolkit.kaarten import indelingsdatum


def tekst(pagina: str) -> str:
    """The page as a reader sees it: tags dropped, entities and white space undone."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", pagina))).strip()


def rij_van(pagina: str, naam: str) -> str:
    """The row of the coordinator's overview for the municipality called ``naam``."""
    gevonden = re.search(
        rf'<tr><td><a href="/gemeenten/GM\d{{4}}/">{re.escape(naam)}</a></td>(.*?)</tr>', pagina, re.S
    )
    assert gevonden, naam
    return tekst(gevonden.group(1))


def label(voorganger: Gemeente) -> str:
    """How a predecessor's meting is labelled: 'Nulmeting 2009 van Sneek (opgegaan in
    Súdwest-Fryslân op 1-1-2011)', or after a change of name '(sinds 1-1-2011 Menameradiel)'."""
    stappen = list(voorganger.opgegaan_in.order_by("opvolger__naam"))
    namen = " en ".join(str(h.opvolger) for h in stappen)
    dag = f"{voorganger.geldig_tot.day}-{voorganger.geldig_tot.month}-{voorganger.geldig_tot.year}"
    if all(h.soort == Herindeling.Soort.NAAMSWIJZIGING for h in stappen):
        return f"Nulmeting 2009 van {voorganger} (sinds {dag} {namen})"
    return f"Nulmeting 2009 van {voorganger} (opgegaan in {namen} op {dag})"


@pytest.fixture
def fusies(referentiedata, nulmeting, coordinator):
    """Of every successor of a merger between 2009 and 2012, the first predecessor (by name)
    submitted the nulmeting in 2009, and the successor itself did not; then the questionnaire was
    closed, as the demo's is. Returns successor → the predecessors whose meting counts for it."""
    herindelingen = Herindeling.objects.filter(
        datum__gte=datetime.date(2009, 1, 1), datum__lte=datetime.date(2012, 12, 31)
    ).select_related("opgeheven", "opvolger")
    voorgangers: dict[Gemeente, list[Gemeente]] = {}
    for h in herindelingen:
        voorgangers.setdefault(h.opvolger, []).append(h.opgeheven)
    indieners = {min(lijst, key=lambda g: g.naam) for lijst in voorgangers.values()}
    kolommen = antwoorden_kolommen(nulmeting)
    rijen = [[g.cbs_code, "2009-10-01"] + [""] * (len(kolommen) - 2) for g in sorted(indieners, key=str)]
    metingen_importeren(io.BytesIO(csv_bytes(kolommen, rijen)), vragenlijst=nulmeting, door=None)
    vragenlijst_sluiten(vragenlijst=nulmeting, door=coordinator)
    assert len(voorgangers) == 16 and not any(
        Vragenlijst.objects.get(code="nulmeting-2009").metingen.filter(gemeente=s).exists()
        for s in voorgangers
    )
    return {
        opvolger: sorted(set(lijst) & indieners, key=lambda g: g.naam)
        for opvolger, lijst in voorgangers.items()
    }


def test_every_merged_municipality_tells_one_story(client, fusies, nulmeting, coordinator):
    vandaag = timezone.localdate()
    alle = Gemeente.objects.all()
    opvolgers = set(fusies)
    assert {g.cbs_code for g in opvolgers} >= {"GM1900", "GM1507", "GM0984", "GM1911"}

    geverifieerd_inloggen(client, coordinator)
    # the merged municipalities, all of them on the first page of the (paged) list
    overzicht = client.get("/nulmeting/overzicht/?status=ingediend").content.decode()
    (status_svg, _), _ = kaarten_op(client.get("/overzicht/").content.decode())
    kaart = {code: titel.split(": ", 1)[1] for code, titel in titels(status_svg).items()}
    status = selectors.status_per_gemeente(alle, nulmeting, indelingsdatum(vandaag))
    rapport = deelname_per_gemeente(vandaag, Afbakening(), indeling=vandaag)

    for opvolger, indieners in fusies.items():
        assert indieners, opvolger
        labels = [label(v) for v in indieners]
        links = [f'href="/nulmeting/{v.cbs_code}/nulmeting-2009/uitslag/"' for v in indieners]
        waar = f"{opvolger} ({opvolger.cbs_code})"

        # The coordinator's overview, the map, the participation maps' numbers and the report.
        assert rij_van(overzicht, opvolger.naam).startswith(
            f"{opvolger.provincie} ✔ ingediend door voorganger"
        ), waar
        assert all(label in rij_van(overzicht, opvolger.naam) for label in labels), waar
        assert kaart[opvolger.cbs_code] == "Ingediend" and status[opvolger.cbs_code] == "ingediend", waar
        assert rapport[opvolger.cbs_code] is True, waar

        # The official: questionnaires, dashboard and the municipality page, with links to the
        # predecessors' results, and no way into the closed questionnaire.
        ambtenaar = GemeenteAccountFactory(gemeente=opvolger)
        # (the reference data names no CMO for Zuid-Holland: the test gives it one)
        cmo = Organisatie.objects.filter(provincies=opvolger.provincie).first() or OrganisatieFactory(
            provincies=[opvolger.provincie]
        )
        adviseur = AdviseurFactory(organisatie=cmo)
        geverifieerd_inloggen(client, ambtenaar)
        vragenlijsten = client.get("/nulmeting/").content.decode()
        regel = tekst(vragenlijsten.split("<tbody>")[1].split("</tr>")[0]).strip()
        assert regel.startswith("Nulmeting 2009 Ingediend door voorganger"), (waar, regel)
        assert "Beginnen" not in regel and "Gesloten" not in regel, (waar, regel)
        dashboard = client.get("/overzicht/").content.decode()
        for pagina, naam in (
            (vragenlijsten, "vragenlijsten"),
            (dashboard, "dashboard"),
            (client.get(f"/gemeenten/{opvolger.cbs_code}/").content.decode(), "gemeentepagina"),
        ):
            assert all(label in tekst(pagina) for label in labels), (waar, naam)
            assert all(link in pagina for link in links), (waar, naam)
        for v in indieners:  # the official opens them: the predecessor's own result and spiegel
            uitslag = client.get(f"/nulmeting/{v.cbs_code}/nulmeting-2009/uitslag/")
            assert uitslag.status_code == 200, waar
            gelezen = tekst(uitslag.content.decode())
            assert f"Uitkomst voor {v}" in gelezen and f"Dit is de uitkomst van {v} zelf" in gelezen, waar
            nu = " en ".join(str(o) for o in opvolgers_op(v, vandaag))  # later mergers followed
            assert f"de gemeente is opgegaan in {nu}." in gelezen, waar
            goed = v.metingen.get(vragenlijst=nulmeting).scores.filter(goed_voor_elkaar=True).count()
            assert f"{v} heeft {goed} van de 13 basisfuncties" in gelezen, waar
            assert f"Provincie {v.provincie}" in gelezen and "Nederland" in gelezen, waar
        antwoord = client.get(f"/nulmeting/{opvolger.cbs_code}/nulmeting-2009/stap/1/", follow=True)
        assert "Nulmeting 2009 is gesloten" in antwoord.content.decode(), waar

        # The adviser of its province sees the same on the municipality page.
        geverifieerd_inloggen(client, adviseur)
        pagina = client.get(f"/gemeenten/{opvolger.cbs_code}/").content.decode()
        assert "Ingediend door voorganger" in pagina and all(link in pagina for link in links), waar
        assert "heeft zelf nog geen meting ingediend" in pagina, waar
        metingen = [v.metingen.get(vragenlijst=nulmeting) for v in indieners]
        nieuwste = max(metingen, key=lambda m: (m.ingediend_op, m.pk)).gemeente
        assert f"volgens de laatste meting van {nieuwste} (Nulmeting 2009) nog niet" in tekst(pagina), waar
        assert f"gesprekken met {opvolger} of een gemeente die erin is opgegaan" in tekst(pagina), waar
        geverifieerd_inloggen(client, coordinator)

    # The participation per province counts exactly the municipalities the map and the overview
    # call submitted, and the report counts the same ones.
    per_provincie = {
        r["provincie__naam"]: r["ingediend"]
        for r in selectors.deelname_per_provincie(alle, nulmeting, vandaag)
    }
    provincie_van = dict(Gemeente.objects.bestaand_op(vandaag).values_list("cbs_code", "provincie__naam"))
    op_kaart = Counter(provincie_van[c] for c, s in kaart.items() if s == "Ingediend")
    assert {p: n for p, n in per_provincie.items() if p != "Totaal" and n} == dict(op_kaart)
    assert per_provincie["Totaal"] == len(opvolgers) == sum(rapport.values())
    assert {c for c, ja in rapport.items() if ja} == {g.cbs_code for g in opvolgers}


def test_an_official_sees_only_the_results_of_their_own_predecessors(client, fusies, ambtenaar_utrecht):
    bolsward = Gemeente.objects.get(cbs_code="GM0064")  # the first of Súdwest-Fryslân's by name
    ambtenaar = GemeenteAccountFactory(gemeente=Gemeente.objects.get(cbs_code="GM1900"))
    geverifieerd_inloggen(client, ambtenaar)
    assert client.get(f"/nulmeting/{bolsward.cbs_code}/nulmeting-2009/uitslag/").status_code == 200
    assert client.get(f"/nulmeting/{bolsward.cbs_code}/nulmeting-2009/uitslag.pdf").status_code == 200
    # Not the predecessors' own pages, and not another successor's predecessors.
    assert client.get(f"/gemeenten/{bolsward.cbs_code}/").status_code == 403
    assert client.get("/nulmeting/GM0885/nulmeting-2009/uitslag/").status_code == 403  # Arcen en Velden
    geverifieerd_inloggen(client, ambtenaar_utrecht)
    assert client.get(f"/nulmeting/{bolsward.cbs_code}/nulmeting-2009/uitslag/").status_code == 403
    assert ambtenaar_utrecht.rol == User.Rol.GEMEENTE
