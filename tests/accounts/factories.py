import factory

from accounts.models import User
from tests.gemeenten.factories import GemeenteFactory, OrganisatieFactory

WACHTWOORD = "Een-lang-test-wachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.nl")
    naam = factory.Faker("name", locale="nl_NL")
    rol = User.Rol.COORDINATOR
    password = factory.django.Password(WACHTWOORD)


class CoordinatorFactory(UserFactory):
    rol = User.Rol.COORDINATOR


class AdviseurFactory(UserFactory):
    rol = User.Rol.ADVISEUR
    organisatie = factory.SubFactory(OrganisatieFactory)


class GemeenteAccountFactory(UserFactory):
    rol = User.Rol.GEMEENTE
    gemeente = factory.SubFactory(GemeenteFactory)
