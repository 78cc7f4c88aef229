import pytest

from gemeenten.models import Gemeente
from nulmeting import services
from nulmeting.models import Vragenlijst
from tests.accounts.factories import GemeenteAccountFactory

# --- Users and submitted metingen --------------------------------------------------------------


@pytest.fixture
def collega_sudwest(ambtenaar_sudwest):
    """A second official of Súdwest-Fryslân, working on the same meting (and the first gets a name)."""
    ambtenaar_sudwest.naam = "Anna de Vries"
    ambtenaar_sudwest.save(update_fields=["naam"])
    return GemeenteAccountFactory(
        email="collega@sudwest.example.nl", naam="Bert Bakker", gemeente=ambtenaar_sudwest.gemeente
    )


@pytest.fixture
def indienen(coordinator):
    """Fill in and submit a meting through the services, as a coordinator may on behalf of anyone."""

    def _indienen(gemeente: Gemeente | str, vragenlijst: Vragenlijst, antwoorden: dict[str, str], door=None):
        if isinstance(gemeente, str):
            gemeente = Gemeente.objects.get(cbs_code=gemeente)
        door = door or coordinator
        meting, conflicten = services.antwoorden_opslaan(
            gemeente=gemeente, vragenlijst=vragenlijst, waarden=antwoorden, origineel={}, door=door
        )
        assert conflicten == []
        return services.meting_indienen(meting=meting, door=door)

    return _indienen
