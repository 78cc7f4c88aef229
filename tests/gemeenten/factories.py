import factory

from gemeenten.models import Contactpersoon, Gemeente, Herindeling, Organisatie, Provincie


class ProvincieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provincie
        django_get_or_create = ["cbs_code"]

    cbs_code = factory.Sequence(lambda n: f"PV{40 + n % 60:02d}")
    naam = factory.Sequence(lambda n: f"Provincie {n}")


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ["cbs_code"]

    cbs_code = factory.Sequence(lambda n: f"GM{5000 + n:04d}")
    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    provincie = factory.SubFactory(ProvincieFactory)


class HerindelingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Herindeling

    opgeheven = factory.SubFactory(GemeenteFactory)
    opvolger = factory.SubFactory(GemeenteFactory)
    soort = Herindeling.Soort.SAMENVOEGING


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ["naam"]
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"CMO {n}")

    @factory.post_generation
    def provincies(self, create, extracted, **kwargs):
        if create and extracted:
            self.provincies.set(extracted)


class ContactpersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contactpersoon

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"contact{n}@gemeente.example.nl")
    functie = "Beleidsmedewerker Wmo"
