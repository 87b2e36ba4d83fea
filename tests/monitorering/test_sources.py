"""Where an indicator's values come from (README, "Monitoring: calculation rules"): plan or
area data chosen per reporting period, never pooled; a value "from a status report" exists
only with its report."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from monitorering import services
from monitorering.models import Kriteriestatus, Maaling
from tests.helhedsplaner.factories import (
    HelhedsplanFactory,
    SamarbejdsaftaleFactory,
    StatusrapportFactory,
    StrategiskMaalFactory,
    SucceskriterieFactory,
)
from tests.monitorering.factories import IndikatorFactory, MaalingFactory

pytestmark = pytest.mark.django_db
Q2_2021 = datetime.date(2021, 4, 1)


def _share_plan():
    plan = HelhedsplanFactory()
    goal = StrategiskMaalFactory(samarbejdsaftale=SamarbejdsaftaleFactory(helhedsplan=plan))
    share = IndikatorFactory(navn="Andel i job", kode="andel-i-job")
    crit = SucceskriterieFactory(strategisk_maal=goal, indikator=share)
    return plan, share, crit


def _pct(taeller: int, naevner: int) -> Decimal:
    return (Decimal(100) * taeller / naevner).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def test_plan_data_in_a_period_replaces_the_areas_even_with_other_dates():
    """Solbakken, criterion 2, mid-2021: the plan's half-year row (262 of 405) and the area's
    quarter row (1 of 50) both belong to 2. kvt. 2021; only the plan's counts."""
    plan, share, crit = _share_plan()
    MaalingFactory(
        indikator=share,
        helhedsplan=plan,
        periode_start=datetime.date(2021, 1, 1),
        periode_slut=datetime.date(2021, 6, 30),
        taeller=Decimal(262),
        naevner=Decimal(405),
        vaerdi=_pct(262, 405),
    )
    MaalingFactory(
        indikator=share,
        helhedsplan=None,
        boligomraade=plan.boligomraade,
        periode_start=datetime.date(2021, 4, 1),
        periode_slut=datetime.date(2021, 6, 30),
        taeller=Decimal(1),
        naevner=Decimal(50),
        andel=False,
        vaerdi=Decimal(2),
    )
    MaalingFactory(  # the area's value counts in a period where the plan has none
        indikator=share,
        helhedsplan=None,
        boligomraade=plan.boligomraade,
        periode_start=datetime.date(2021, 7, 1),
        periode_slut=datetime.date(2021, 9, 30),
        taeller=Decimal(30),
        naevner=Decimal(50),
        andel=False,
        vaerdi=Decimal(60),
    )
    services.plan_recompute(plan_id=plan.pk)
    rows = {r.periode_start: r.faktisk for r in Kriteriestatus.objects.filter(succeskriterie=crit)}
    assert rows[Q2_2021] == _pct(262, 405)
    assert rows[datetime.date(2021, 7, 1)] == _pct(30, 50)


def test_a_value_from_a_status_report_cannot_exist_without_its_report():
    """Solbakken, criterion 1, 3. kvt. 2020: a row of kind "statusrapport" with no report
    counted as if approved. It is refused (model validation and the database)."""
    plan, share, _crit = _share_plan()
    orphan = Maaling(
        indikator=share,
        helhedsplan=plan,
        periode_start=datetime.date(2020, 7, 1),
        periode_slut=datetime.date(2020, 9, 30),
        taeller=Decimal(9),
        naevner=Decimal(10),
        vaerdi=Decimal(90),
        kilde=Maaling.Kilde.STATUSRAPPORT,
    )
    with pytest.raises(ValidationError, match="skal høre til en statusrapport"):
        orphan.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        orphan.save()
    orphan.statusrapport = StatusrapportFactory(delaftale__helhedsplan=plan)
    orphan.full_clean()
    orphan.save()
