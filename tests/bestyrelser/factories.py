import datetime

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from bestyrelser import models as m
from tests.helhedsplaner.factories import HelhedsplanFactory


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger {n}")
    password = factory.PostGenerationMethodCall("set_password", "hemmelig-kode-123")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = m.Person

    navn = factory.Sequence(lambda n: f"Person {n}")
    stilling = "Direktør"


class OrganFactory(DjangoModelFactory):
    class Meta:
        model = m.Organ

    helhedsplan = factory.SubFactory(HelhedsplanFactory)
    navn = factory.Sequence(lambda n: f"Boligsocial bestyrelse {n}")
    type = m.Organ.Type.BESTYRELSE


class MedlemskabFactory(DjangoModelFactory):
    class Meta:
        model = m.Medlemskab

    person = factory.SubFactory(PersonFactory)
    organ = factory.SubFactory(OrganFactory)
    rolle = m.Medlemskab.Rolle.MEDLEM
    repraesenterer = m.Medlemskab.Repraesenterer.ANDET
    organisation = "Lokalpolitiet"
    niveau = m.Medlemskab.Niveau.CHEF
    fra = datetime.date(2018, 1, 1)
    til = None
