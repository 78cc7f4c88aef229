import pytest

from nulmeting.models import Vragenlijst
from nulmeting.services import vragenlijsten_laden


@pytest.fixture
def nulmeting(db) -> Vragenlijst:
    """The 2009 questionnaire, loaded from its definition."""
    vragenlijsten_laden()
    return Vragenlijst.objects.get(code="nulmeting-2009")
