import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from helhedsplaner import models as m


class IndsatsomraadeFactory(DjangoModelFactory):
    class Meta:
        model = m.Indsatsomraade
        django_get_or_create = ("kode",)

    navn = factory.Sequence(lambda n: f"Indsatsområde {n}")
    kode = factory.Sequence(lambda n: f"omraade-{n}")


class BevillingsperiodeFactory(DjangoModelFactory):
    class Meta:
        model = m.Bevillingsperiode
        django_get_or_create = ("navn",)

    navn = "2015-18-midlerne"
    start_aar = 2015
    slut_aar = 2018
    regulativ_dato = datetime.date(2015, 3, 19)


class KommuneFactory(DjangoModelFactory):
    class Meta:
        model = m.Kommune

    navn = factory.Sequence(lambda n: f"Testkommune {n}")
    region = m.Region.SYDDANMARK

    @factory.lazy_attribute_sequence
    def kommunekode(self, n):
        """The next of the 1,000 three-digit codes that no kommune has yet: the sequence runs
        on over the whole suite, and a test's data may hold real kommuner (615 is Horsens)."""
        taken = set(m.Kommune.objects.values_list("kommunekode", flat=True))
        return next(code for i in range(1000) if (code := f"{(n + i) % 1000:03d}") not in taken)


class ForvaltningFactory(DjangoModelFactory):
    class Meta:
        model = m.Forvaltning
        skip_postgeneration_save = True

    kommune = factory.SubFactory(KommuneFactory)
    navn = factory.Sequence(lambda n: f"Børne- og Ungeforvaltningen {n}")
    omraade = m.Forvaltning.Omraade.BOERN_UNGE

    @factory.post_generation
    def fagomraader(self, create, extracted, **kwargs):
        """Further fagområder: ``ForvaltningFactory(fagomraader=["social"])``."""
        if create and extracted:
            from bestyrelser.models import Forvaltningsomraade

            for omraade in extracted:
                Forvaltningsomraade.objects.create(forvaltning=self, omraade=omraade)


class BoligorganisationFactory(DjangoModelFactory):
    class Meta:
        model = m.Boligorganisation

    navn = factory.Sequence(lambda n: f"Boligselskabet {n}")


class BoligomraadeFactory(DjangoModelFactory):
    class Meta:
        model = m.Boligomraade

    navn = factory.Sequence(lambda n: f"Testparken {n}")
    kommune = factory.SubFactory(KommuneFactory)
    antal_beboere = 1800


class HelhedsplanFactory(DjangoModelFactory):
    class Meta:
        model = m.Helhedsplan
        skip_postgeneration_save = True

    navn = factory.Sequence(lambda n: f"Helhedsplan {n}")
    boligomraade = factory.SubFactory(BoligomraadeFactory)
    kommune = factory.SelfAttribute("boligomraade.kommune")
    bevillingsperiode = factory.SubFactory(BevillingsperiodeFactory)
    startdato = datetime.date(2019, 1, 1)
    slutdato = datetime.date(2022, 12, 31)
    status = m.Helhedsplan.Status.I_GANG

    @factory.post_generation
    def boligorganisationer(self, create, extracted, **kwargs):
        if create:
            self.boligorganisationer.set(extracted or [BoligorganisationFactory()])


class BudgetpostFactory(DjangoModelFactory):
    class Meta:
        model = m.Budgetpost

    helhedsplan = factory.SubFactory(HelhedsplanFactory)
    aar = 2019
    kilde = m.Budgetpost.Kilde.LBF
    beloeb = Decimal("3000000")


class SamarbejdsaftaleFactory(DjangoModelFactory):
    class Meta:
        model = m.Samarbejdsaftale

    helhedsplan = factory.SubFactory(HelhedsplanFactory)
    version = 1
    status = m.Aftalestatus.GODKENDT
    problemkompleks = "Høj ledighed og lav uddannelsesgrad blandt unge."
    gyldig_fra = factory.SelfAttribute("helhedsplan.startdato")
    gyldig_til = factory.SelfAttribute("helhedsplan.slutdato")
    godkendt_tidspunkt = factory.LazyFunction(
        lambda: datetime.datetime(2018, 12, 1, 12, 0, tzinfo=datetime.UTC)
    )


class StrategiskMaalFactory(DjangoModelFactory):
    class Meta:
        model = m.StrategiskMaal

    samarbejdsaftale = factory.SubFactory(SamarbejdsaftaleFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    titel = factory.Sequence(lambda n: f"Flere unge i uddannelse {n}")
    problem = "For få unge gennemfører en ungdomsuddannelse."
    maalgruppe = "Unge 15-25 år"


class SucceskriterieFactory(DjangoModelFactory):
    class Meta:
        model = m.Succeskriterie

    strategisk_maal = factory.SubFactory(StrategiskMaalFactory)
    beskrivelse = "Andelen af 18-29-årige i uddannelse eller job stiger"
    baseline_vaerdi = Decimal("52.0")
    baseline_dato = datetime.date(2018, 12, 31)
    maal_vaerdi = Decimal("60.0")
    maal_dato = datetime.date(2022, 12, 31)


class DelaftaleFactory(DjangoModelFactory):
    class Meta:
        model = m.Delaftale

    helhedsplan = factory.SubFactory(HelhedsplanFactory)
    indsatsomraade = factory.SubFactory(IndsatsomraadeFactory)
    formaal = "At styrke børn og unges skolegang og overgang til uddannelse."
    status = m.Aftalestatus.GODKENDT
    gyldig_fra = factory.SelfAttribute("helhedsplan.startdato")
    gyldig_til = factory.SelfAttribute("helhedsplan.slutdato")


class DelmaalFactory(DjangoModelFactory):
    class Meta:
        model = m.Delmaal
        skip_postgeneration_save = True

    delaftale = factory.SubFactory(DelaftaleFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    titel = factory.Sequence(lambda n: f"Flere børn deltager i lektiehjælp {n}")
    status = m.Delmaal.Status.PAA_SPORET

    @factory.post_generation
    def strategiske_maal(self, create, extracted, **kwargs):
        if create and extracted:
            self.strategiske_maal.set(extracted)


class MaalgruppeFactory(DjangoModelFactory):
    class Meta:
        model = m.Maalgruppe
        django_get_or_create = ("navn",)

    navn = factory.Sequence(lambda n: f"Målgruppe {n}")


class SamarbejdspartnerFactory(DjangoModelFactory):
    class Meta:
        model = m.Samarbejdspartner

    helhedsplan = factory.SubFactory(HelhedsplanFactory)
    navn = factory.Sequence(lambda n: f"Forening {n}")
    type = m.Samarbejdspartner.Type.FORENING


class AktivitetFactory(DjangoModelFactory):
    class Meta:
        model = m.Aktivitet
        skip_postgeneration_save = True

    delmaal = factory.SubFactory(DelmaalFactory)
    navn = factory.Sequence(lambda n: f"Lektiecafé {n}")
    startdato = datetime.date(2019, 2, 1)
    status = m.Aktivitet.Status.I_GANG

    @factory.post_generation
    def maalgrupper(self, create, extracted, **kwargs):
        if create and extracted:
            self.maalgrupper.set(extracted)

    @factory.post_generation
    def samarbejdspartnere(self, create, extracted, **kwargs):
        if create and extracted:
            self.samarbejdspartnere.set(extracted)


class AktivitetsregistreringFactory(DjangoModelFactory):
    class Meta:
        model = m.Aktivitetsregistrering

    aktivitet = factory.SubFactory(AktivitetFactory)
    dato = datetime.date(2019, 3, 5)
    timer = Decimal("2.5")


class DeltagertalFactory(DjangoModelFactory):
    class Meta:
        model = m.Deltagertal

    registrering = factory.SubFactory(AktivitetsregistreringFactory)
    maalgruppe = factory.SubFactory(MaalgruppeFactory)
    antal = 12


class StatusrapportFactory(DjangoModelFactory):
    class Meta:
        model = m.Statusrapport

    delaftale = factory.SubFactory(DelaftaleFactory)
    periode_start = datetime.date(2019, 1, 1)
    periode_slut = datetime.date(2019, 3, 31)


def build_chain(plan, activities: int):
    """A plan with the whole chain and ``activities`` activities, each with related rows."""
    from bestyrelser.models import Organ
    from tests.bestyrelser.factories import MedlemskabFactory, OrganFactory, PersonFactory
    from tests.monitorering.factories import IndikatorFactory

    aftale = SamarbejdsaftaleFactory(helhedsplan=plan)
    goal = StrategiskMaalFactory(samarbejdsaftale=aftale, titel="Flere unge i job og uddannelse")
    SucceskriterieFactory(
        strategisk_maal=goal,
        beskrivelse="Andelen af 18-29-årige i uddannelse eller job stiger",
        indikator=IndikatorFactory(navn="Andel 18-29-årige i uddannelse eller job"),
    )
    StrategiskMaalFactory(samarbejdsaftale=aftale, titel="Større tryghed i området")
    delaftale = DelaftaleFactory(helhedsplan=plan)
    delmaal = DelmaalFactory(delaftale=delaftale, titel="Unge i fritidsjob", strategiske_maal=[goal])
    group = MaalgruppeFactory(navn="Unge 13-17 år")
    for i in range(activities):
        aktivitet = AktivitetFactory(
            delmaal=delmaal,
            navn=f"Lommepengejob hold {i + 1}",
            maalgrupper=[group],
            samarbejdspartnere=[SamarbejdspartnerFactory(helhedsplan=plan)],
            ansvarlig=PersonFactory(navn=f"Medarbejder {i}"),
        )
        DeltagertalFactory(
            registrering=AktivitetsregistreringFactory(aktivitet=aktivitet), maalgruppe=group, antal=7
        )
    board = plan.organer.filter(type=Organ.Type.BESTYRELSE).first()
    group_organ = OrganFactory(
        helhedsplan=plan,
        navn="Følgegruppe for uddannelse",
        type=Organ.Type.FOELGEGRUPPE,
        rapporterer_til=board,
    )
    group_organ.daekker.add(delaftale)
    MedlemskabFactory(organ=group_organ, person=PersonFactory(navn="Jens Følgesen"))
    return goal, delmaal


def report_setup(plan, *, covered: bool = True, users: dict | None = None):
    """A delaftale of ``plan`` with two delmål, a criterion reported through status reports,
    an optional følgegruppe that covers it, and a draft report for the first quarter."""
    from bestyrelser.models import Organ
    from monitorering.models import Indikator
    from tests.bestyrelser.factories import OrganFactory
    from tests.monitorering.factories import IndikatorFactory

    aftale = SamarbejdsaftaleFactory(helhedsplan=plan)
    goal = StrategiskMaalFactory(samarbejdsaftale=aftale, titel="Stærkere familier")
    delaftale = DelaftaleFactory(helhedsplan=plan)
    goal.indsatsomraade = delaftale.indsatsomraade
    goal.save()
    d1 = DelmaalFactory(delaftale=delaftale, nummer=1, titel="Forældre styrkes", strategiske_maal=[goal])
    d2 = DelmaalFactory(delaftale=delaftale, nummer=2, titel="Flere i netværk", strategiske_maal=[goal])
    indikator = IndikatorFactory(
        navn="Familier i forældrekursus",
        kode="familier",
        art=Indikator.Art.ANTAL,
        enhed="familier",
        retning=Indikator.Retning.HOEJERE,
        kilde=Indikator.Kilde.STATUSRAPPORTER,
        aggregering=Indikator.Aggregering.KUMULATIV,
        min_plausibel=Decimal(0),
        max_plausibel=Decimal(100),
    )
    kriterie = SucceskriterieFactory(
        strategisk_maal=goal,
        indikator=indikator,
        beskrivelse="60 familier gennemfører kursus",
        baseline_vaerdi=Decimal(0),
        maal_vaerdi=Decimal(60),
    )
    organ = None
    if covered:
        board = Organ.objects.filter(helhedsplan=plan, type=Organ.Type.BESTYRELSE).first()
        organ = OrganFactory(
            helhedsplan=plan,
            navn="Følgegruppe for familier",
            type=Organ.Type.FOELGEGRUPPE,
            rapporterer_til=board,
        )
        organ.daekker.add(delaftale)
    rapport = StatusrapportFactory(delaftale=delaftale)
    return {
        "delaftale": delaftale,
        "delmaal": [d1, d2],
        "goal": goal,
        "kriterie": kriterie,
        "rapport": rapport,
        "organ": organ,
    }
