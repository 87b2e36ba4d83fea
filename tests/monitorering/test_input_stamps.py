"""The nightly recompute skips a plan only while its inputs are unchanged: each kind of input,
changed by any path, makes it recompute that plan (and only that plan); a date that
completes a period does too; ``force`` recomputes all. Runs on SQLite and PostgreSQL."""

import datetime
from decimal import Decimal as D

import pytest

from helhedsplaner.models import Aftalestatus, Deltagertal, Statusrapport, Succeskriterie
from monitorering import services
from monitorering.inputs import input_stamps
from monitorering.models import Indikator, Job, Kriteriestatus, Maaling, Planberegning
from tests.helhedsplaner.factories import (
    AktivitetsregistreringFactory,
    SamarbejdsaftaleFactory,
    StatusrapportFactory,
)
from tests.monitorering.factories import IndikatorFactory, MaalingFactory, monitored_plan

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2020, 1, 1)


@pytest.fixture
def plans():
    """Two monitored plans, both computed as of TODAY (so both carry a stamp)."""
    a, crit_a = monitored_plan()
    b, _crit_b = monitored_plan()
    assert a.boligomraade_id != b.boligomraade_id
    result = services.all_plans_recompute(today=TODAY)
    assert result == {"plans": 2, "recomputed": 2, "skipped": 0}
    return a, crit_a, b


def generations():
    return dict(Planberegning.objects.values_list("helhedsplan_id", "generation"))


def run_again(today=TODAY, **kwargs):
    """The nightly run; returns the plans it recomputed, after checking that every plan's
    stored snapshots equal a fresh computation (nothing that would change was skipped)."""
    before = generations()
    services.all_plans_recompute(today=today, **kwargs)
    after = generations()
    for plan_id in after:
        assert services.snapshots_compare(plan_id, today=today) == [], plan_id
    return {pid for pid in after if after[pid] != before.get(pid)}


def test_nothing_changed_skips_every_plan(plans):
    assert run_again() == set()
    job = Job.objects.filter(type=Job.Type.GENBEREGN_ALLE).order_by("-pk").first()
    assert job.besked == "0 planer genberegnet, 2 uændrede sprunget over"


def test_force_recomputes_every_plan(plans):
    a, _crit, b = plans
    assert run_again(force=True) == {a.pk, b.pk}


def _share_measurement(plan, crit):
    return Maaling.objects.filter(helhedsplan=plan, indikator=crit["share"].indikator).order_by(
        "periode_start"
    )


def test_a_changed_measurement_recomputes_its_plan_only(plans):
    a, crit, _b = plans
    _share_measurement(a, crit).filter(periode_start=datetime.date(2019, 10, 1)).update(
        vaerdi=D(40), taeller=D(40)
    )
    assert run_again() == {a.pk}
    row = Kriteriestatus.objects.get(succeskriterie=crit["share"], periode_start=datetime.date(2019, 10, 1))
    assert row.faktisk == D(40)


def test_an_added_measurement_recomputes_its_plan(plans):
    a, crit, _b = plans
    MaalingFactory(
        indikator=crit["rate"].indikator,
        helhedsplan=a,
        periode_start=datetime.date(2019, 1, 1),
        periode_slut=datetime.date(2019, 12, 31),
        taeller=D(180),
        naevner=D(2000),
        andel=False,
        vaerdi=D(90),
    )
    assert run_again() == {a.pk}


def test_a_deleted_measurement_recomputes_its_plan(plans):
    a, crit, _b = plans
    _share_measurement(a, crit).last().delete()
    assert run_again() == {a.pk}


def test_a_changed_area_measurement_recomputes_the_plans_of_the_area(plans):
    a, _crit, _b = plans
    Maaling.objects.filter(boligomraade=a.boligomraade).update(vaerdi=D(75), taeller=D(150))
    assert run_again() == {a.pk}


def test_changed_participants_of_a_registration_recompute_its_plan(plans):
    a, _crit, _b = plans
    Deltagertal.objects.filter(registrering__aktivitet__delmaal__delaftale__helhedsplan=a).filter(
        registrering__dato__lt=datetime.date(2019, 4, 1)
    ).update(antal=9)
    assert run_again() == {a.pk}


def test_a_new_registration_recomputes_its_plan(plans):
    a, _crit, _b = plans
    aktivitet = a.delaftaler.first().delmaal.first().aktiviteter.first()
    AktivitetsregistreringFactory(aktivitet=aktivitet, dato=datetime.date(2019, 5, 5))
    assert run_again() == {a.pk}


def test_a_changed_target_recomputes_its_plan(plans):
    a, crit, _b = plans
    Succeskriterie.objects.filter(pk=crit["share"].pk).update(maal_vaerdi=D(90))
    assert run_again() == {a.pk}


def test_a_changed_indicator_definition_recomputes_the_plans_that_use_it(plans):
    a, crit, _b = plans
    own = IndikatorFactory(navn="Kun plan A", kode="kun-a")
    Succeskriterie.objects.filter(pk=crit["share"].pk).update(indikator=own)
    Maaling.objects.filter(helhedsplan=a, indikator=crit["share"].indikator).update(indikator=own)
    assert run_again() == {a.pk}
    Indikator.objects.filter(pk=own.pk).update(retning=Indikator.Retning.LAVERE)
    assert run_again() == {a.pk}


def test_approving_the_report_of_a_value_recomputes_its_plan(plans):
    a, crit, _b = plans
    report = StatusrapportFactory(
        delaftale=a.delaftaler.first(),
        periode_start=datetime.date(2019, 1, 1),
        periode_slut=datetime.date(2019, 3, 31),
        status=Statusrapport.Status.INDSENDT,
        indsendt_tidspunkt=datetime.datetime(2019, 4, 10, tzinfo=datetime.UTC),
    )
    MaalingFactory(
        indikator=crit["rate"].indikator,
        helhedsplan=a,
        statusrapport=report,
        kilde=Maaling.Kilde.STATUSRAPPORT,
        periode_start=datetime.date(2019, 1, 1),
        periode_slut=datetime.date(2019, 3, 31),
        taeller=None,
        naevner=None,
        vaerdi=D(50),
    )
    assert run_again() == {a.pk}
    Statusrapport.objects.filter(pk=report.pk).update(
        status=Statusrapport.Status.GODKENDT,
        godkendt_tidspunkt=datetime.datetime(2019, 4, 20, tzinfo=datetime.UTC),
    )
    assert run_again() == {a.pk}


def test_a_completed_quarter_recomputes_and_a_plain_day_does_not(plans):
    a, _crit, b = plans
    assert run_again(today=datetime.date(2020, 3, 31)) == set()  # the quarter ends that day
    assert run_again(today=datetime.date(2020, 4, 1)) == {a.pk, b.pk}
    assert Kriteriestatus.objects.filter(helhedsplan=a, periode_start=datetime.date(2020, 1, 1)).count() == 3


def test_a_new_agreement_version_taking_effect_recomputes_its_plan(plans):
    a, _crit, _b = plans
    SamarbejdsaftaleFactory(
        helhedsplan=a,
        version=2,
        status=Aftalestatus.GODKENDT,
        gyldig_fra=datetime.date(2020, 2, 15),
        godkendt_tidspunkt=datetime.datetime(2019, 12, 1, 12, 0, tzinfo=datetime.UTC),
    )
    assert run_again() == {a.pk}  # a new version: the agreements changed
    assert run_again(today=datetime.date(2020, 2, 15)) == {a.pk}  # it takes effect: the current one changes
    assert run_again(today=datetime.date(2020, 2, 16)) == set()


def test_a_single_plan_run_stores_its_stamp_so_a_change_undone_is_not_missed(plans):
    a, crit, _b = plans
    measurement = _share_measurement(a, crit).first()
    Maaling.objects.filter(pk=measurement.pk).update(vaerdi=D(1))
    services.plan_recompute(plan_id=a.pk, today=TODAY)  # the queued run after the change
    assert run_again() == set()
    Maaling.objects.filter(pk=measurement.pk).update(vaerdi=measurement.vaerdi)  # undone
    assert run_again() == {a.pk}


def test_one_plans_stamp_is_the_same_read_alone_or_with_all(plans):
    a, _crit, b = plans
    every = input_stamps(None, TODAY)
    assert input_stamps([a.pk], TODAY) == {a.pk: every[a.pk]}
    assert every[a.pk] != every[b.pk]
    assert Planberegning.objects.get(helhedsplan=a).inddata == every[a.pk]


def test_changed_engine_code_recomputes_every_plan(plans, monkeypatch):
    a, _crit, b = plans
    monkeypatch.setattr("monitorering.inputs.ENGINE_SOURCE", "a deployment with other rules")
    assert run_again() == {a.pk, b.pk}
