"""A choice of a model that no primary key can be (beyond 64 bits) is an invalid choice, not a
server error (SQLite raised OverflowError on the lookup; found by tests/test_vijandige_invoer.py)."""

import pytest

from advies.filters import GesprekkenFilter
from advies.forms import GesprekForm
from rapportage.forms import RapportAanvraagForm

TE_GROOT = str(2**63)


@pytest.mark.django_db
def test_a_key_beyond_64_bits_is_an_invalid_choice(referentiedata, adviseur_friesland, coordinator):
    form = GesprekForm(
        {"gemeenten": [TE_GROOT], "themas": [TE_GROOT], "traject": TE_GROOT}, user=adviseur_friesland
    )
    assert not form.is_valid()
    assert {"gemeenten", "themas", "traject"} <= set(form.errors)
    assert not GesprekkenFilter({"gemeente": "-" + TE_GROOT + "1"}, user=coordinator).form.is_valid()
    assert (
        "organisatie"
        in RapportAanvraagForm({"soort": "eind", "organisatie": TE_GROOT}, user=coordinator).errors
    )
    # the largest key that can exist is an ordinary (unknown) choice
    assert "traject" in GesprekForm({"traject": str(2**63 - 1)}, user=adviseur_friesland).errors
