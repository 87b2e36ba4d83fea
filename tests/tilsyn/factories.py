"""A plan that keeps every LBF rule on ``TODAY``, to break one rule at a time."""

import datetime
from decimal import Decimal

from django.utils import timezone

from bestyrelser.models import Medlemskab, Moede, Organ
from helhedsplaner.models import Aftalestatus, Budgetpost, Statusrapport
from helhedsplaner.periods import reporting_periods
from tests.bestyrelser.factories import MedlemskabFactory, OrganFactory
from tests.helhedsplaner.factories import (
    BudgetpostFactory,
    DelaftaleFactory,
    DelmaalFactory,
    ForvaltningFactory,
    HelhedsplanFactory,
    IndsatsomraadeFactory,
    SamarbejdsaftaleFactory,
    StatusrapportFactory,
    StrategiskMaalFactory,
    SucceskriterieFactory,
)

TODAY = datetime.date(2020, 6, 15)


def _aware(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def compliant_plan(plan=None, *, today: datetime.date = TODAY):
    """Plan 2019-2022 in the 2015-18 round: approved agreement with one complete goal per
    area, current delaftaler, a board of leaders with a formand that met 3 times in 2019,
    a 25 % local budget share, and every ended period reported on time."""
    plan = plan or HelhedsplanFactory()
    area = IndsatsomraadeFactory(kode="uddannelse", navn="Uddannelse og beskæftigelse")
    aftale = SamarbejdsaftaleFactory(helhedsplan=plan)
    goal = StrategiskMaalFactory(samarbejdsaftale=aftale, nummer=1, indsatsomraade=area, titel="Flere i job")
    kriterie = SucceskriterieFactory(strategisk_maal=goal)
    delaftale = DelaftaleFactory(
        helhedsplan=plan, indsatsomraade=area, senest_opdateret=today - datetime.timedelta(days=30)
    )
    delmaal = DelmaalFactory(delaftale=delaftale, nummer=1, strategiske_maal=[goal])
    for kilde, beloeb in (
        (Budgetpost.Kilde.LBF, 7500),
        (Budgetpost.Kilde.KOMMUNE, 1250),
        (Budgetpost.Kilde.BOLIGORGANISATION, 1250),
    ):
        BudgetpostFactory(helhedsplan=plan, kilde=kilde, beloeb=Decimal(beloeb))
    board = Organ.objects.filter(helhedsplan=plan, type=Organ.Type.BESTYRELSE).first() or OrganFactory(
        helhedsplan=plan, navn=f"Bestyrelse {plan.pk}"
    )
    R, N = Medlemskab.Repraesenterer, Medlemskab.Niveau
    MedlemskabFactory(
        organ=board,
        rolle=Medlemskab.Rolle.FORMAND,
        repraesenterer=R.KOMMUNE,
        forvaltning=ForvaltningFactory(kommune=plan.kommune),
        niveau=N.DIREKTOER,
        organisation="",
    )
    for org in plan.boligorganisationer.all():
        MedlemskabFactory(
            organ=board, repraesenterer=R.BOLIGORGANISATION, boligorganisation=org, niveau=N.DIREKTOER
        )
    for month in (3, 6, 10):
        Moede.objects.create(organ=board, tidspunkt=_aware(datetime.date(2019, month, 5)), status="afholdt")
    for p in reporting_periods(plan, until=today):
        StatusrapportFactory(
            delaftale=delaftale,
            periode_start=p.start,
            periode_slut=p.slut,
            status=Statusrapport.Status.INDSENDT,
            indsendt_tidspunkt=_aware(p.slut + datetime.timedelta(days=5)),
        )
    return {
        "plan": plan,
        "aftale": aftale,
        "goal": goal,
        "kriterie": kriterie,
        "delaftale": delaftale,
        "delmaal": delmaal,
        "board": board,
        "area": area,
    }


def draft_version(plan, aftale, *, version: int, status=Aftalestatus.KLADDE):
    return SamarbejdsaftaleFactory(
        helhedsplan=plan,
        version=version,
        status=status,
        godkendt_tidspunkt=None,
        problemkompleks=aftale.problemkompleks,
    )
