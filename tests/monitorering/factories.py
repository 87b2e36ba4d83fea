import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from monitorering import models as m
from tests.helhedsplaner.factories import (
    AktivitetFactory,
    AktivitetsregistreringFactory,
    DelaftaleFactory,
    DelmaalFactory,
    DeltagertalFactory,
    HelhedsplanFactory,
    IndsatsomraadeFactory,
    SamarbejdsaftaleFactory,
    StrategiskMaalFactory,
    SucceskriterieFactory,
)


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


class JobFactory(DjangoModelFactory):
    class Meta:
        model = m.Job

    type = m.Job.Type.GENBEREGNING
    helhedsplan = factory.SubFactory(HelhedsplanFactory)


def monitored_plan(plan=None, *, today_quarters: int = 4):
    """A plan (2019-2022, quarterly) with an approved agreement and three criteria: a
    register percentage (higher is better), a cumulative activity count, and a rate
    (lower is better) measured for the plan's area. Returns (plan, criteria by kind)."""
    plan = plan or HelhedsplanFactory()
    area = IndsatsomraadeFactory(kode="uddannelse-og-beskaeftigelse", navn="Uddannelse og beskæftigelse")
    aftale = SamarbejdsaftaleFactory(helhedsplan=plan)
    goal = StrategiskMaalFactory(samarbejdsaftale=aftale, indsatsomraade=area)
    share = IndikatorFactory(navn="Andel 18-29 i job", kode="job-18-29")
    count = IndikatorFactory(
        navn="Unge i fritidsjob",
        kode="fritidsjob",
        art=m.Indikator.Art.ANTAL,
        enhed="personer",
        aggregering=m.Indikator.Aggregering.KUMULATIV,
        kilde=m.Indikator.Kilde.AKTIVITETER,
    )
    rate = IndikatorFactory(
        navn="Anmeldelser pr. 1.000",
        kode="anmeldelser",
        art=m.Indikator.Art.RATE,
        enhed="pr. 1.000",
        retning=m.Indikator.Retning.LAVERE,
    )
    crit = {
        "share": SucceskriterieFactory(strategisk_maal=goal, indikator=share),
        "count": SucceskriterieFactory(
            strategisk_maal=goal,
            indikator=count,
            beskrivelse="100 unge i fritidsjob",
            baseline_vaerdi=Decimal(0),
            baseline_dato=None,
            maal_vaerdi=Decimal(100),
            maal_dato=None,
        ),
        "rate": SucceskriterieFactory(
            strategisk_maal=goal,
            indikator=rate,
            beskrivelse="Færre anmeldelser",
            baseline_vaerdi=Decimal(80),
            maal_vaerdi=Decimal(60),
        ),
    }
    delmaal = DelmaalFactory(delaftale=DelaftaleFactory(helhedsplan=plan))
    aktivitet = AktivitetFactory(delmaal=delmaal)
    count.aktiviteter.add(aktivitet)
    for q in range(today_quarters):
        start = datetime.date(2019, 1 + 3 * q, 1)
        slut = datetime.date(2019, 3 + 3 * q, 28)
        MaalingFactory(
            indikator=share,
            helhedsplan=plan,
            periode_start=start,
            periode_slut=slut,
            taeller=Decimal(53 + q),
            naevner=Decimal(100),
            vaerdi=Decimal(53 + q),
        )
        reg = AktivitetsregistreringFactory(aktivitet=aktivitet, dato=start + datetime.timedelta(days=10))
        DeltagertalFactory(registrering=reg, antal=6)
    MaalingFactory(
        indikator=rate,
        helhedsplan=None,
        boligomraade=plan.boligomraade,
        periode_start=datetime.date(2019, 1, 1),
        periode_slut=datetime.date(2019, 12, 31),
        taeller=Decimal(140),
        naevner=Decimal(2000),
        andel=False,
        vaerdi=Decimal(70),
    )
    return plan, crit


def stage_row(batch, note: str) -> None:
    """One staged row of a previewed import (monitorering.Importraekke)."""
    m.Importraekke.objects.create(
        batch=batch,
        raekke=2,
        indikator_id=1,
        indikator="x",
        periode_start=datetime.date(2024, 1, 1),
        periode_slut=datetime.date(2024, 3, 31),
        vaerdi=1,
        note=note,
    )
