"""An imported answer is checked by the field the online questionnaire shows for its question: what
the form refuses, the import refuses; what it accepts is stored alike."""

import pytest
from django.utils import translation

from gemeenten.models import Gemeente
from nulmeting import services
from nulmeting.forms import BasisfunctieForm
from nulmeting.models import Meting
from nulmeting.uitwisseling import antwoorden_kolommen, metingen_importeren
from toolkit.export import csv_bytes
from toolkit.tabular import Fout, ImportFout

pytestmark = pytest.mark.django_db

VRAAG = "VW-VERBINDEN-3"  # a number from 0 to 100000


def online(nulmeting, waarde: str) -> tuple[bool, dict[str, str]]:
    basisfunctie = next(b for b in nulmeting.opbouw.basisfuncties if VRAAG in [v.code for v in b.vragen])
    with translation.override("nl"):
        form = BasisfunctieForm({VRAAG: waarde}, basisfunctie=basisfunctie, origineel={})
        geldig = form.is_valid()
    return geldig, (form.waarden() if geldig else {})


def importeer(nulmeting, waarde: str) -> int:
    kolommen = antwoorden_kolommen(nulmeting)
    rij = {"cbs_code": "GM0080", "ingediend_op": "2009-10-01", VRAAG: waarde}
    bestand = csv_bytes(kolommen, [[rij.get(k, "") for k in kolommen]])
    return metingen_importeren(bestand, vragenlijst=nulmeting, door=None, naam="n.csv")


@pytest.mark.parametrize("waarde", ["24,567", "100001"])
def test_a_number_the_online_form_refuses_the_import_refuses(referentiedata, nulmeting, waarde):
    with pytest.raises(ImportFout) as exc:
        importeer(nulmeting, waarde)
    assert online(nulmeting, waarde)[0] is False
    assert [(f.regel, f.kolom) for f in exc.value.fouten] == [(2, VRAAG.lower())]
    assert not Meting.objects.exists()


@pytest.mark.parametrize("waarde", ["24,5", "1.250", "7"])
def test_a_number_the_online_form_accepts_is_stored_alike(referentiedata, nulmeting, waarde):
    assert importeer(nulmeting, waarde) == 1
    meting = Meting.objects.get(gemeente=Gemeente.objects.get(cbs_code="GM0080"))
    assert services.antwoorden_van(meting)[VRAAG] == online(nulmeting, waarde)[1][VRAAG]


def test_a_second_meting_of_a_municipality_is_refused_by_the_service(referentiedata, nulmeting, indienen):
    indienen("GM0080", nulmeting, {"VW-VERTALEN-1": "ja"})
    with pytest.raises(ImportFout) as exc:
        importeer(nulmeting, "7")
    assert exc.value.fouten == [Fout(2, "Leeuwarden heeft al een meting voor Nulmeting 2009.", "cbs_code")]
