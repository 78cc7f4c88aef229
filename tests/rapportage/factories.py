"""A requested report, waiting to be built (``rapport_bouwen`` builds it)."""

import datetime

import factory

from rapportage.models import Rapport
from tests.accounts.factories import CoordinatorFactory


class RapportFactory(factory.django.DjangoModelFactory):
    """The eindrapportage as of 1 October 2012, for the whole country unless a province or a CMO
    is given, requested by a coordinator."""

    class Meta:
        model = Rapport

    soort = Rapport.Soort.EIND
    periode_van = datetime.date(2009, 1, 1)
    peildatum = datetime.date(2012, 10, 1)
    aangevraagd_door = factory.SubFactory(CoordinatorFactory)
