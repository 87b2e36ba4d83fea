"""The recompute hook, the snapshot job, its idempotency, the verification job and the Celery settings."""

import datetime
from decimal import Decimal as D
from types import SimpleNamespace
from unittest import mock

import pytest
from celery.exceptions import Retry, SoftTimeLimitExceeded, TimeLimitExceeded
from celery.signals import task_failure
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, transaction

from helhedsplaner.models import Statusrapport
from monitorering import services, tasks
from monitorering.models import Job, Kriteriestatus, Planberegning, Sporstatus, Statusoversigt
from monitorering.selectors import load_plan_inputs
from portal import outbox
from portal.celery import app
from portal.models import Udbakke
from tests.helhedsplaner.factories import HelhedsplanFactory, StatusrapportFactory
from tests.monitorering.factories import IndikatorFactory, MaalingFactory, monitored_plan

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2020, 1, 1)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def queued():
    """Records the runs the outbox publishes (tests run Celery eagerly: apply_async)."""
    with mock.patch.object(tasks.recompute_plan, "apply_async") as apply_async:
        yield apply_async


def _plan_ids(queued):
    return sorted(call.kwargs["args"][0] for call in queued.call_args_list)


def snapshot(plan_id):
    return list(
        Kriteriestatus.objects.filter(helhedsplan_id=plan_id)
        .order_by("succeskriterie_id", "periode_start")
        .values(*services.SNAPSHOT_FIELDS)
    )


# --- The hook ------------------------------------------------------------------------------


def test_request_recompute_queues_once_per_plan_after_commit(django_capture_on_commit_callbacks, queued):
    a, b = HelhedsplanFactory(), HelhedsplanFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for _ in range(5):
            services.recompute_request(plan_id=a.pk)
        services.recompute_request(plan_id=b.pk)
        assert queued.call_count == 0  # nothing before the commit
    assert len(callbacks) == 2
    assert _plan_ids(queued) == [a.pk, b.pk]
    job = Job.objects.get(helhedsplan=a)
    assert (job.type, job.status) == (Job.Type.GENBEREGNING, Job.Status.I_KOE)
    assert queued.call_args_list[0].kwargs["kwargs"]["job_id"] in {job.pk, Job.objects.get(helhedsplan=b).pk}
    row = Udbakke.objects.get(noegle=f"monitorering:recompute:{a.pk}")
    assert (row.antal, row.sendt is not None) == (1, True)  # one row for the transaction, published


def test_request_recompute_on_rollback_queues_nothing(django_capture_on_commit_callbacks, queued):
    plan = HelhedsplanFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.recompute_request(plan_id=plan.pk)
        raise RuntimeError("rolled back")
    assert callbacks == []
    assert queued.call_count == 0
    # A later transaction still queues (no stale "already registered" state).
    with django_capture_on_commit_callbacks(execute=True):
        services.recompute_request(plan_id=plan.pk)
    assert queued.call_count == 1


@pytest.mark.django_db(transaction=True)
def test_burst_of_commits_yields_one_run_until_the_run_starts(queued):
    plan, _crit = monitored_plan()
    for _ in range(3):  # three real, separate commits
        with transaction.atomic():
            services.recompute_request(plan_id=plan.pk)
            services.recompute_request(plan_id=plan.pk)
    assert queued.call_count == 1
    services.plan_recompute_job(plan_id=plan.pk, job_id=queued.call_args.kwargs["kwargs"]["job_id"])
    with transaction.atomic():
        services.recompute_request(plan_id=plan.pk)
    assert queued.call_count == 2  # a change after the run started gets its own run


def test_nothing_is_recorded_on_rollback():
    plan = HelhedsplanFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.recompute_request(plan_id=plan.pk)
        assert Udbakke.objects.filter(sendt__isnull=True).count() == 1
        raise RuntimeError("rolled back")
    assert not Udbakke.objects.exists()
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_dead_broker_leaves_the_run_pending_in_the_outbox(monkeypatch):
    """With Celery pointed at a closed port the commit still succeeds: the job waits "i kø"
    (the dashboard's pending badge) and the outbox row stays pending for the dispatcher."""
    plan = HelhedsplanFactory()
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:9/0")  # discard port: refused
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")  # the environment wins over app.conf
    monkeypatch.setattr(outbox, "_broker_down_until", 0.0)
    with transaction.atomic():
        services.recompute_request(plan_id=plan.pk)
    job = Job.objects.get(helhedsplan=plan)
    assert job.status == Job.Status.I_KOE
    assert "Venter på køen" in job.besked
    row = Udbakke.objects.get()
    assert (row.sendt, row.forsoeg, row.kwargs) == (None, 1, {"job_id": job.pk})
    assert "OperationalError" in row.fejl
    assert outbox.broker_presumed_down()
    # A later save while the broker is presumed down joins the pending row without trying.
    with transaction.atomic():
        services.recompute_request(plan_id=plan.pk)
    row.refresh_from_db()
    assert (row.antal, row.forsoeg, Job.objects.count()) == (2, 1, 1)
    # The broker is back (eager here): the dispatcher publishes the row to the same job.
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    with mock.patch.object(tasks.recompute_plan, "apply_async") as published:
        assert outbox.dispatch().sent == 1
    assert published.call_args.kwargs == {"args": [plan.pk], "kwargs": {"job_id": job.pk}}
    assert Udbakke.objects.get().sendt is not None


def test_eager_dispatch_computes_the_snapshots(django_capture_on_commit_callbacks):
    plan, _crit = monitored_plan()
    with django_capture_on_commit_callbacks(execute=True):
        services.recompute_request(plan_id=plan.pk)
    job = Job.objects.get(helhedsplan=plan)
    assert (job.status, job.forsoeg, job.fremskridt) == (Job.Status.FAERDIG, 1, 100)
    assert job.varighed is not None
    assert Kriteriestatus.objects.filter(helhedsplan=plan).exists()


# --- The snapshots -------------------------------------------------------------------------


def test_recompute_computes_actual_expected_and_status_per_criterion_and_period():
    plan, crit = monitored_plan()
    services.plan_recompute(plan_id=plan.pk, today=TODAY)
    rows = {(r.succeskriterie_id, r.periode_start.month): r for r in Kriteriestatus.objects.all()}
    assert len(rows) == 12  # 3 criteria × 4 completed quarters
    share_q4 = rows[crit["share"].pk, 10]
    assert (share_q4.faktisk, share_q4.baseline, share_q4.maal) == (D(56), D(52), D(60))
    assert share_q4.forventet == D("53.999")  # 52 + 8 × 365/1461
    assert share_q4.status == Sporstatus.PAA_SPORET
    count = [rows[crit["count"].pk, m].faktisk for m in (1, 4, 7, 10)]
    assert count == [D(6), D(12), D(18), D(24)]  # cumulative participants from registrations
    rate = [rows[crit["rate"].pk, m] for m in (1, 4, 7, 10)]
    assert [r.status for r in rate[:3]] == [Sporstatus.INGEN_DATA] * 3
    assert (rate[3].faktisk, rate[3].status) == (D(70), Sporstatus.PAA_SPORET)  # area data, lower is better
    overall = Statusoversigt.objects.get(indsatsomraade=None, periode_start=datetime.date(2019, 10, 1))
    assert (overall.paa_sporet, overall.i_risiko, overall.ikke_paa_sporet, overall.ingen_data) == (3, 0, 0, 0)
    per_area = Statusoversigt.objects.get(
        indsatsomraade=crit["share"].strategisk_maal.indsatsomraade, periode_start=datetime.date(2019, 1, 1)
    )
    assert (per_area.paa_sporet, per_area.ingen_data) == (2, 1)


def test_plan_measurement_takes_precedence_over_the_area_measurement():
    plan, crit = monitored_plan()
    MaalingFactory(
        indikator=crit["rate"].indikator,
        helhedsplan=plan,
        periode_start=datetime.date(2019, 1, 1),
        periode_slut=datetime.date(2019, 12, 31),
        taeller=D(180),
        naevner=D(2000),
        andel=False,
        vaerdi=D(90),
    )
    services.plan_recompute(plan_id=plan.pk, today=TODAY)
    row = Kriteriestatus.objects.get(succeskriterie=crit["rate"], periode_start=datetime.date(2019, 10, 1))
    assert (row.faktisk, row.status) == (D(90), Sporstatus.IKKE_PAA_SPORET)


def test_status_report_values_count_once_the_board_approves_the_report():
    plan, crit = monitored_plan()
    reported = IndikatorFactory(
        navn="Familier på kursus",
        kode="familier",
        art="antal",
        enhed="familier",
        aggregering="seneste",
        kilde="statusrapporter",
    )
    crit["share"].indikator = reported
    crit["share"].baseline_vaerdi, crit["share"].maal_vaerdi = D(0), D(40)
    crit["share"].save()
    report = StatusrapportFactory(
        delaftale=plan.delaftaler.first(),
        periode_start=datetime.date(2019, 1, 1),
        periode_slut=datetime.date(2019, 3, 31),
        status=Statusrapport.Status.INDSENDT,
        indsendt_tidspunkt=datetime.datetime(2019, 4, 10, tzinfo=datetime.UTC),
    )
    MaalingFactory(
        indikator=reported, helhedsplan=plan, statusrapport=report, vaerdi=D(5), taeller=None, naevner=None
    )
    services.plan_recompute(plan_id=plan.pk, today=TODAY)
    row = Kriteriestatus.objects.get(succeskriterie=crit["share"], periode_start=datetime.date(2019, 1, 1))
    assert row.faktisk is None
    report.status = Statusrapport.Status.GODKENDT
    report.godkendt_tidspunkt = datetime.datetime(2019, 4, 20, tzinfo=datetime.UTC)
    report.save()
    services.plan_recompute(plan_id=plan.pk, today=TODAY)
    row = Kriteriestatus.objects.get(succeskriterie=crit["share"], periode_start=datetime.date(2019, 1, 1))
    assert row.faktisk == D(5)


def test_recompute_twice_gives_identical_snapshots_and_bumps_the_generation():
    plan, _crit = monitored_plan()
    first = services.plan_recompute(plan_id=plan.pk, today=TODAY)
    rows_1 = snapshot(plan.pk)
    summaries_1 = list(Statusoversigt.objects.order_by("periode_start", "indsatsomraade").values())
    second = services.plan_recompute(plan_id=plan.pk, today=TODAY)
    assert snapshot(plan.pk) == rows_1
    summaries_2 = list(Statusoversigt.objects.order_by("periode_start", "indsatsomraade").values())
    assert [{k: v for k, v in r.items() if k != "id"} for r in summaries_2] == [
        {k: v for k, v in r.items() if k != "id"} for r in summaries_1
    ]
    assert second.fingeraftryk == first.fingeraftryk
    assert second.generation == first.generation + 1
    assert Planberegning.objects.get(helhedsplan=plan).generation == 2


def test_recompute_replaces_snapshots_of_a_removed_criterion():
    plan, crit = monitored_plan()
    services.plan_recompute(plan_id=plan.pk, today=TODAY)
    crit["rate"].delete()
    services.plan_recompute(plan_id=plan.pk, today=TODAY)
    assert Kriteriestatus.objects.filter(helhedsplan=plan).count() == 8


def test_load_plan_inputs_reads_in_a_fixed_number_of_queries(django_assert_num_queries):
    plan, _crit = monitored_plan()
    with django_assert_num_queries(6):
        inputs = load_plan_inputs(plan.pk, today=TODAY)
        assert sum(len(v) for v in inputs.observations.values()) == 9


def test_verification_reports_a_snapshot_that_differs_from_raw_data():
    plan, crit = monitored_plan()
    services.plan_recompute(plan_id=plan.pk)
    assert services.snapshots_compare(plan.pk) == []
    Kriteriestatus.objects.filter(succeskriterie=crit["share"]).update(faktisk=D(1))
    result = services.snapshots_verify(sample_size=5, seed=1)
    assert result["plans"] == [plan.pk]
    assert result["differences"]
    assert all("faktisk" in d for d in result["differences"])
    job = Job.objects.get(type=Job.Type.KONTROL)
    assert job.status == Job.Status.FAERDIG
    assert "faktisk" in job.fejl


def test_recompute_all_recomputes_every_plan_and_reports_progress():
    plan_a, _ = monitored_plan()
    plan_b = HelhedsplanFactory()
    tasks.recompute_all.delay()
    assert Planberegning.objects.filter(helhedsplan__in=[plan_a, plan_b]).count() == 2
    job = Job.objects.get(type=Job.Type.GENBEREGN_ALLE)
    assert (job.status, job.fremskridt, job.besked) == (Job.Status.FAERDIG, 100, "2 planer genberegnet")


# --- Celery ---------------------------------------------------------------------------------


def test_transient_errors_are_retried_with_backoff_and_the_job_shows_it():
    job = Job.objects.create(type=Job.Type.GENBEREGNING)
    task = SimpleNamespace(
        request=SimpleNamespace(retries=1), max_retries=5, retry=mock.Mock(return_value=Retry("again"))
    )
    with pytest.raises(Retry):
        tasks._run(task, job.pk, mock.Mock(side_effect=OperationalError("connection refused")))
    assert 0 <= task.retry.call_args.kwargs["countdown"] <= 10  # full jitter of 5 × 2¹
    job.refresh_from_db()
    assert (job.status, job.besked) == (Job.Status.I_KOE, "Midlertidig fejl – prøver igen")
    assert "connection refused" in job.fejl


def test_other_errors_fail_the_job_at_once_without_retry():
    job = Job.objects.create(type=Job.Type.GENBEREGNING)
    task = SimpleNamespace(request=SimpleNamespace(retries=0), max_retries=5, retry=mock.Mock())
    with pytest.raises(ZeroDivisionError):
        tasks._run(task, job.pk, mock.Mock(side_effect=ZeroDivisionError("boom")))
    task.retry.assert_not_called()
    job.refresh_from_db()
    assert job.status == Job.Status.FEJLET
    assert "ZeroDivisionError: boom" in job.fejl


def test_the_last_retry_fails_the_job():
    job = Job.objects.create(type=Job.Type.GENBEREGNING)
    task = SimpleNamespace(request=SimpleNamespace(retries=5), max_retries=5, retry=mock.Mock())
    with pytest.raises(OperationalError):
        tasks._run(task, job.pk, mock.Mock(side_effect=OperationalError("still down")))
    job.refresh_from_db()
    assert job.status == Job.Status.FEJLET


@pytest.mark.parametrize(
    "name", ["monitorering.recompute_plan", "monitorering.recompute_all", "monitorering.verify_snapshots"]
)
def test_monitoring_tasks_are_idempotent_late_acked_and_time_limited(name):
    task = app.tasks[name]
    assert task.acks_late is True
    assert task.reject_on_worker_lost is True
    assert 0 < task.soft_time_limit < task.time_limit
    assert task.max_retries == tasks.MAX_RETRIES


def test_celery_settings_json_only_prefetch_one_and_connect_timeouts():
    conf = app.conf
    assert conf.accept_content == ["json"]
    assert (conf.task_serializer, conf.result_serializer) == ("json", "json")
    assert conf.worker_prefetch_multiplier == 1
    assert conf.broker_connection_timeout <= 5
    assert conf.broker_transport_options["socket_connect_timeout"] <= 5
    assert conf.broker_transport_options["visibility_timeout"] > tasks.recompute_all.time_limit
    assert conf.task_publish_retry_policy["max_retries"] <= 3
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"monitorering.recompute_all", "monitorering.verify_snapshots"} <= schedule
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"


# --- Faults: attempts, time limits ------------------------------------------------------------


def test_a_delivery_that_finds_three_attempts_used_gives_the_job_up():
    plan = HelhedsplanFactory()
    job = Job.objects.create(type=Job.Type.GENBEREGNING, helhedsplan=plan)
    for attempt in range(1, services.JOB_MAX_FORSOEG + 1):  # three deliveries that die mid-run
        started = services.job_start(job_id=job.pk, type=Job.Type.GENBEREGNING, plan_id=plan.pk)
        assert (started.status, started.forsoeg) == (Job.Status.KOERER, attempt)
    task = SimpleNamespace(request=SimpleNamespace(retries=0, timelimit=None), max_retries=2)
    body = lambda: services.plan_recompute_job(plan_id=plan.pk, job_id=job.pk)  # noqa: E731
    assert tasks._run(task, job.pk, body) == {"job_id": job.pk, "given_up": "Opgivet efter 3 forsøg"}
    job.refresh_from_db()
    assert (job.status, job.forsoeg, job.fejl) == (Job.Status.FEJLET, 3, "Opgivet efter 3 forsøg")
    assert not Kriteriestatus.objects.filter(helhedsplan=plan).exists()  # it did not run again


def test_retries_and_redeliveries_share_the_three_attempts():
    assert tasks.recompute_plan.max_retries + 1 == services.JOB_MAX_FORSOEG == 3


def test_a_run_past_its_soft_time_limit_fails_its_job_with_the_reason():
    job = Job.objects.create(type=Job.Type.GENBEREGNING)
    task = SimpleNamespace(
        request=SimpleNamespace(retries=0, timelimit=(10, 2)), max_retries=2, soft_time_limit=120
    )
    with pytest.raises(SoftTimeLimitExceeded):
        tasks._run(task, job.pk, mock.Mock(side_effect=SoftTimeLimitExceeded()))
    job.refresh_from_db()
    assert job.status == Job.Status.FEJLET
    assert job.fejl == "Tidsgrænsen på 2 s blev overskredet; kørslen blev stoppet"


def test_a_run_killed_at_its_hard_time_limit_fails_its_job_with_the_reason():
    job = Job.objects.create(type=Job.Type.GENBEREGNING, status=Job.Status.KOERER)
    task_failure.send(
        sender=tasks.recompute_plan,
        task_id="x",
        exception=TimeLimitExceeded(180),
        args=[1],
        kwargs={"job_id": job.pk},
    )
    job.refresh_from_db()
    assert (job.status, job.fejl) == (
        Job.Status.FEJLET,
        "Tidsgrænsen på 180 s blev overskredet; kørslen blev stoppet",
    )
