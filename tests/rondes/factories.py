"""A round of the nulmeting and the municipalities in its target group.

``ronde_openen`` works the target group out from the provinces and the opening date; a round
from here has the target group a test gives it as ``gemeenten`` (none unless given)."""

import datetime

import factory

from rondes.models import Deelnemer, Ronde
from tests.accounts.factories import CoordinatorFactory
from tests.gemeenten.factories import GemeenteFactory
from tests.nulmeting.factories import nulmeting_2009


class RondeFactory(factory.django.DjangoModelFactory):
    """A round of the nulmeting 2009, opened by a coordinator, open for eight weeks from Monday
    4 March 2013."""

    class Meta:
        model = Ronde
        skip_postgeneration_save = True

    vragenlijst = factory.LazyFunction(nulmeting_2009)
    naam = factory.Sequence(lambda n: f"Nulmeting 2013, ronde {n + 1}")
    opent_op = datetime.date(2013, 3, 4)
    sluit_op = factory.LazyAttribute(lambda ronde: ronde.opent_op + datetime.timedelta(weeks=8))
    aangemaakt_door = factory.SubFactory(CoordinatorFactory)

    @factory.post_generation
    def provincies(self, create, extracted, **kwargs):
        if create and extracted:
            self.provincies.set(extracted)

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create and extracted:
            for gemeente in extracted:
                DeelnemerFactory(ronde=self, gemeente=gemeente)


class DeelnemerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deelnemer

    ronde = factory.SubFactory(RondeFactory)
    gemeente = factory.SubFactory(GemeenteFactory)
    vragenlijst = factory.LazyAttribute(lambda deelnemer: deelnemer.ronde.vragenlijst)
