import datetime
from decimal import Decimal

import pytest

from advies.models import Thema
from advies.services import adviesgesprek_log
from gemeenten.models import Gemeente


@pytest.fixture
def gesprek_friesland(adviseur_friesland):
    """A joint session of the Friesland adviser with Súdwest-Fryslân and Leeuwarden."""
    return adviesgesprek_log(
        adviseur=adviseur_friesland,
        datum=datetime.date(2012, 3, 1),
        gemeenten=Gemeente.objects.filter(cbs_code__in=["GM1900", "GM0080"]),
        onderwerp="beide",
        themas=Thema.objects.filter(code__in=["VW-VERTALEN", "MZ-RESPIJT"]),
        uren=Decimal("2.5"),
        verslag="Gesprek over de nieuwe nota.",
    )
