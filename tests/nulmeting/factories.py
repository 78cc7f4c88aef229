"""A municipality's meting of the nulmeting 2009. The questionnaire is never made up: it is the one
loaded from its definition. A submitted meting from here has no scores; a test that needs them
submits through ``meting_indienen``, which computes them."""

import factory
from django.utils import timezone

from nulmeting.models import Meting, Vragenlijst
from nulmeting.services import vragenlijsten_laden
from tests.gemeenten.factories import GemeenteFactory


def nulmeting_2009() -> Vragenlijst:
    """The nulmeting 2009, loaded from its definition (once; loading again changes nothing)."""
    vragenlijsten_laden()
    return Vragenlijst.objects.get(code="nulmeting-2009")


class MetingFactory(factory.django.DjangoModelFactory):
    """A concept meting; ``ingediend=True`` for one submitted now (``ingediend_op`` to say when)."""

    class Meta:
        model = Meting

    gemeente = factory.SubFactory(GemeenteFactory)
    vragenlijst = factory.LazyFunction(nulmeting_2009)

    class Params:
        ingediend = factory.Trait(
            status=Meting.Status.INGEDIEND,
            ingediend_op=factory.LazyFunction(timezone.now),
        )
