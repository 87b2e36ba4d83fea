import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from monitorering import models as m
from tests.helhedsplaner.factories import HelhedsplanFactory


class IndikatorFactory(DjangoModelFactory):
    class Meta:
        model = m.Indikator
        django_get_or_create = ("navn",)

    navn = factory.Sequence(lambda n: f"Andel unge i uddannelse {n}")
    kode = factory.Sequence(lambda n: f"andel-unge-{n}")
    enhed = "%"
    art = m.Indikator.Art.PROCENT
    retning = m.Indikator.Retning.HOEJERE
    aggregering = m.Indikator.Aggregering.SENESTE
    kilde = m.Indikator.Kilde.REGISTERDATA


class MaalingFactory(DjangoModelFactory):
    class Meta:
        model = m.Maaling

    indikator = factory.SubFactory(IndikatorFactory)
    helhedsplan = factory.SubFactory(HelhedsplanFactory)
    periode_start = datetime.date(2019, 1, 1)
    periode_slut = datetime.date(2019, 3, 31)
    taeller = Decimal("40")
    naevner = Decimal("80")
    andel = True
    vaerdi = Decimal("50")
    kilde = m.Maaling.Kilde.IMPORT
