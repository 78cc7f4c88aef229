"""The numbers behind the nulmeting's maps: status per municipality, % 'goed' per province."""

import datetime
import io

from accounts.services import uitnodiging_maken
from gemeenten.models import Gemeente
from nulmeting import selectors, services
from nulmeting.afscherming import Aandeel, groepscijfers
from nulmeting.models import Basisfunctie
from nulmeting.spiegel import spiegel
from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from tests.nulmeting.antwoorden import goed_of_niet
from toolkit.export import csv_bytes

OP_2012 = datetime.date(2012, 1, 1)


def importeren(nulmeting, *rijen: tuple[str, str]):
    kolommen = antwoorden_kolommen(nulmeting)
    data = [[code, datum] + [""] * (len(kolommen) - 2) for code, datum in rijen]
    metingen_importeren(io.BytesIO(csv_bytes(kolommen, data)), vragenlijst=nulmeting, door=None)


def test_the_status_of_every_municipality(referentiedata, nulmeting, coordinator, mailoutbox):
    uitnodiging_maken(email="a@leeuwarden.example.nl", gemeente=Gemeente.objects.get(cbs_code="GM0080"),
                      door=coordinator, basis_url="http://testserver/")  # fmt: skip
    uitnodiging_maken(email="a@opsterland.example.nl", gemeente=Gemeente.objects.get(cbs_code="GM0086"),
                      door=coordinator, basis_url="http://testserver/")  # fmt: skip
    services.antwoorden_opslaan(gemeente=Gemeente.objects.get(cbs_code="GM0086"), vragenlijst=nulmeting,
                                waarden={"VW-VERTALEN-1": "ja"}, origineel={}, door=coordinator)  # fmt: skip
    importeren(nulmeting, ("GM0091", "2009-10-01"))  # Sneek, in Súdwest-Fryslân since 2011

    nu = selectors.status_per_gemeente(Gemeente.objects.all(), nulmeting, OP_2012)
    assert len(nu) == 415 and set(nu.values()) <= set(selectors.STATUSSEN)
    assert (nu["GM0080"], nu["GM0086"], nu["GM1900"], nu["GM0344"]) == (
        "uitgenodigd",
        "concept",
        "ingediend",  # through its predecessor, as the reports count it
        "niet_uitgenodigd",
    )
    in_2009 = selectors.status_per_gemeente(Gemeente.objects.all(), nulmeting, datetime.date(2009, 1, 1))
    assert len(in_2009) == 441 and in_2009["GM0091"] == "ingediend" and "GM1900" not in in_2009
    friesland = Gemeente.objects.filter(provincie__naam="Friesland")
    assert len(selectors.status_per_gemeente(friesland, nulmeting, OP_2012)) == 27


def test_the_spiegel_and_its_map_count_per_province_alike(referentiedata, nulmeting, indienen, coordinator):
    """The figures per province (``groepscijfers``, exact for a coordinator) are those of the
    spiegel's rows: one function for table, map and figure."""
    opbouw = nulmeting.opbouw
    eerste = opbouw.basisfuncties[0].code
    indienen("GM0080", nulmeting, goed_of_niet(opbouw, {eerste}))
    indienen("GM0086", nulmeting, goed_of_niet(opbouw, set()))
    indienen("GM0344", nulmeting, goed_of_niet(opbouw, {eerste}))
    basisfunctie = Basisfunctie.objects.get(code=eerste)
    cijfers = groepscijfers(nulmeting, coordinator)
    assert cijfers.van("PV21", basisfunctie.pk) == Aandeel(50, 2, exact=True)
    assert cijfers.van("PV26", basisfunctie.pk) == Aandeel(100, 1, exact=True)
    meting = nulmeting.metingen.get(gemeente__cbs_code="GM0080")
    rij = next(r for r in spiegel(meting, cijfers) if r.basisfunctie == basisfunctie)
    assert rij.provincie == cijfers.van("PV21", basisfunctie.pk)
