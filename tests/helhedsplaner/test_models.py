"""The database enforces the domain's invariants, whatever path writes the row."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from bestyrelser.models import Medlemskab, Organ
from helhedsplaner.models import Delmaalstatus
from tests.bestyrelser.factories import MedlemskabFactory, OrganFactory
from tests.helhedsplaner.factories import (
    AktivitetFactory,
    AktivitetsregistreringFactory,
    DelaftaleFactory,
    DelmaalFactory,
    DeltagertalFactory,
    HelhedsplanFactory,
    IndsatsomraadeFactory,
    StatusrapportFactory,
)
from tests.monitorering.factories import MaalingFactory

pytestmark = pytest.mark.django_db


def violates(factory, **kwargs) -> bool:
    try:
        with transaction.atomic():
            factory(**kwargs)
    except IntegrityError:
        return True
    return False


def test_only_one_delaftale_per_plan_and_indsatsomraade():
    plan = HelhedsplanFactory()
    omraade = IndsatsomraadeFactory(navn="Tryghed og trivsel", kode="tryghed-og-trivsel")
    DelaftaleFactory(helhedsplan=plan, indsatsomraade=omraade)
    assert violates(DelaftaleFactory, helhedsplan=plan, indsatsomraade=omraade)


def test_plan_must_end_after_it_starts():
    assert violates(
        HelhedsplanFactory, startdato=datetime.date(2020, 1, 1), slutdato=datetime.date(2019, 1, 1)
    )


def test_activity_cannot_end_before_it_starts():
    assert violates(AktivitetFactory, startdato=datetime.date(2020, 5, 1), slutdato=datetime.date(2020, 4, 1))
    assert not violates(AktivitetFactory, startdato=datetime.date(2020, 5, 1), slutdato=None)


def test_participant_counts_and_hours_cannot_be_negative():
    assert violates(DeltagertalFactory, antal=-1)
    assert violates(AktivitetsregistreringFactory, timer=Decimal("-0.5"))


def test_share_numerator_cannot_exceed_denominator():
    assert violates(MaalingFactory, andel=True, taeller=Decimal("90"), naevner=Decimal("80"))
    # A rate (not a share) may have more events than the population it is counted over.
    assert not violates(
        MaalingFactory, andel=False, taeller=Decimal("90"), naevner=Decimal("80"), vaerdi=Decimal("1125")
    )


def test_measurement_belongs_to_a_plan_or_an_area_not_both():
    plan = HelhedsplanFactory()
    assert violates(MaalingFactory, helhedsplan=plan, boligomraade=plan.boligomraade)
    assert violates(MaalingFactory, helhedsplan=None, boligomraade=None)


def test_one_bestyrelse_per_plan_but_many_groups():
    plan = HelhedsplanFactory()
    OrganFactory(helhedsplan=plan, type=Organ.Type.BESTYRELSE)
    assert violates(OrganFactory, helhedsplan=plan, type=Organ.Type.BESTYRELSE)
    OrganFactory(helhedsplan=plan, type=Organ.Type.FOELGEGRUPPE)
    assert not violates(OrganFactory, helhedsplan=plan, type=Organ.Type.FOELGEGRUPPE)


def test_municipal_member_must_name_the_forvaltning():
    assert violates(MedlemskabFactory, repraesenterer=Medlemskab.Repraesenterer.KOMMUNE, forvaltning=None)


def test_membership_cannot_end_before_it_starts():
    assert violates(MedlemskabFactory, fra=datetime.date(2020, 1, 1), til=datetime.date(2019, 1, 1))


def test_delmaal_status_other_than_on_track_needs_an_explanation():
    rapport = StatusrapportFactory()
    delmaal = DelmaalFactory(delaftale=rapport.delaftale)
    assert violates(
        Delmaalstatus.objects.create,
        statusrapport=rapport,
        delmaal=delmaal,
        status=Delmaalstatus.Status.FORSINKET,
        forklaring="",
    )
    Delmaalstatus.objects.create(
        statusrapport=rapport, delmaal=delmaal, status=Delmaalstatus.Status.PAA_SPORET
    )


def test_status_report_unique_per_delaftale_and_period():
    rapport = StatusrapportFactory()
    assert violates(StatusrapportFactory, delaftale=rapport.delaftale, periode_start=rapport.periode_start)
