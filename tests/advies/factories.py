"""An adviser's period at a CMO, and a logged advice session.

``AdviseurFactory`` in tests/accounts/factories.py makes the person (a user with the adviser's
role); ``AdviseurPeriodeFactory`` here the period in which they advise for their CMO."""

import datetime
from decimal import Decimal

import factory

from advies.models import Adviesgesprek, Adviseur, Onderwerp, Thema
from tests.accounts.factories import AdviseurFactory
from tests.gemeenten.factories import GemeenteFactory

# The theme ticked on a session when a test does not say which: one of its onderwerp's domain.
STANDAARD_THEMA = {
    Onderwerp.VRIJWILLIGERSWERK: "VW-VERTALEN",
    Onderwerp.MANTELZORG: "MZ-RESPIJT",
    Onderwerp.BEIDE: "MZ-RESPIJT",
}


def gemeente_van(organisatie):
    """A new municipality an adviser of ``organisatie`` may log a session for: in a province of the
    CMO; a CMO without provinces is given the new municipality's."""
    if provincie := organisatie.provincies.first():
        return GemeenteFactory(provincie=provincie)
    gemeente = GemeenteFactory()
    organisatie.provincies.add(gemeente.provincie)
    return gemeente


class AdviseurPeriodeFactory(factory.django.DjangoModelFactory):
    """An adviser active at their CMO since 1 January 2009, with no end."""

    class Meta:
        model = Adviseur

    user = factory.SubFactory(AdviseurFactory)
    organisatie = factory.LazyAttribute(lambda periode: periode.user.organisatie)
    actief_van = datetime.date(2009, 1, 1)


class AdviesgesprekFactory(factory.django.DjangoModelFactory):
    """A session on respite care, held on 1 March 2012 by an adviser for their CMO, with one
    municipality of the CMO's provinces unless ``gemeenten`` says which.

    It has no history: ``adviesgesprek_log`` writes that, and the tests of the history log
    through it."""

    class Meta:
        model = Adviesgesprek
        skip_postgeneration_save = True

    datum = datetime.date(2012, 3, 1)
    adviseur = factory.SubFactory(AdviseurFactory)
    organisatie = factory.LazyAttribute(lambda gesprek: gesprek.adviseur.organisatie)
    onderwerp = Onderwerp.MANTELZORG
    uren = Decimal("1.5")
    verslag = "Gesprek met de beleidsmedewerker Wmo over respijtzorg voor mantelzorgers."

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [gemeente_van(self.organisatie)]
        self.gemeenten.set(extracted)

    @factory.post_generation
    def themas(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = Thema.objects.filter(code=STANDAARD_THEMA[self.onderwerp])
        self.themas.set(extracted)
