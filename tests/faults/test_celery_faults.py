"""Celery faults against a real prefork worker and a private Redis: a worker process killed
mid-run, a task that dies every time, soft and hard time limits. The worker runs with
MONITORERING_FAULT_PAUSE, so every started job waits 4 s in a pg_sleep before it computes
(test only; like a long SQL statement, a soft time limit cannot interrupt it)."""

import signal
import time

import pytest
from celery import Celery

from monitorering import services
from monitorering.models import Job, Kriteriestatus, Planberegning
from monitorering.selectors import load_plan_inputs
from tests.monitorering.factories import monitored_plan

from . import procs

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]
PAUSE = 4


@pytest.fixture(scope="module")
def worker(private_redis, tmp_path_factory):
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    process = procs.start_worker(private_redis["url"], log_path, env={"MONITORERING_FAULT_PAUSE": str(PAUSE)})
    client = Celery("faults-client", set_as_current=False)  # shared_task proxies keep portal.celery.app
    client.conf.update(task_serializer="json", accept_content=["json"])
    # An explicit connection: CELERY_BROKER_URL in the environment (CI) would win over broker=.
    connection = client.connection_for_write(private_redis["url"])
    try:
        procs.wait_until(lambda: "ready" in log_path.read_text(), 90, what="the worker to be ready")
        yield {
            "process": process,
            "client": client,
            "connection": connection,
            "log": log_path,
            "port": private_redis["port"],
        }
    finally:
        procs.stop(process)
        connection.release()
        client.close()


def _job(plan):
    return Job.objects.create(type=Job.Type.GENBEREGNING, helhedsplan=plan)


def _wait_job(job, predicate, timeout, what):
    def check():
        job.refresh_from_db()
        return predicate(job)

    return procs.wait_until(check, timeout, what=what)


def _send(worker, plan, job, **options):
    return worker["client"].send_task(
        "monitorering.recompute_plan",
        args=[plan.pk],
        kwargs={"job_id": job.pk},
        connection=worker["connection"],
        ignore_result=True,
        **options,
    )


def _expected_fingerprint(plan):
    rows, summaries = services.snapshots_compute(load_plan_inputs(plan.pk))
    return services.snapshots_fingerprint(rows, summaries), len(rows)


def _dump(worker):
    print(worker["log"].read_text()[-6000:])


def test_a_worker_killed_mid_recompute_is_redelivered_and_completes_once(worker):
    plan, _crit = monitored_plan()
    fingerprint, rows = _expected_fingerprint(plan)
    job = _job(plan)
    _send(worker, plan, job)
    try:
        _wait_job(job, lambda j: j.status == Job.Status.KOERER and j.forsoeg == 1, 30, "the first attempt")
        victim = procs.pool_child(worker["process"])
        import os

        os.kill(victim, signal.SIGKILL)
        killed = time.monotonic()
        took = _wait_job(job, lambda j: j.status == Job.Status.FAERDIG, 60, "the redelivered run to finish")
    except AssertionError:
        _dump(worker)
        raise
    print(f"redelivered and finished {time.monotonic() - killed:.1f}s after SIGKILL (waited {took:.1f}s)")
    assert worker["process"].poll() is None, "the worker itself died"
    assert job.forsoeg == 2  # the killed attempt and the redelivery
    beregning = Planberegning.objects.get(helhedsplan=plan)
    assert beregning.generation == 1  # computed once: the killed attempt wrote nothing
    assert beregning.fingeraftryk == fingerprint
    assert Kriteriestatus.objects.filter(helhedsplan=plan).count() == rows > 0
    assert services.snapshots_compare(plan.pk) == []
    procs.wait_until(lambda: procs.redis_queue_empty(worker["port"]), 10, what="the message to be acked")


def test_a_task_that_dies_every_time_is_given_up_after_three_attempts(worker):
    import os

    plan, _crit = monitored_plan()
    job = _job(plan)
    _send(worker, plan, job)
    try:
        for attempt in (1, 2, 3):
            _wait_job(
                job,
                lambda j, n=attempt: j.status == Job.Status.KOERER and j.forsoeg == n,
                30,
                f"attempt {attempt}",
            )
            os.kill(procs.pool_child(worker["process"]), signal.SIGKILL)
        _wait_job(job, lambda j: j.status == Job.Status.FEJLET, 30, "the job to be given up")
        procs.wait_until(lambda: procs.redis_queue_empty(worker["port"]), 10, what="the message to be acked")
    except AssertionError:
        _dump(worker)
        raise
    assert (job.forsoeg, job.fejl) == (3, "Opgivet efter 3 forsøg")
    time.sleep(1)  # nothing is delivered again
    job.refresh_from_db()
    assert (job.status, job.forsoeg) == (Job.Status.FEJLET, 3)
    assert not Kriteriestatus.objects.filter(helhedsplan=plan).exists()
    assert worker["process"].poll() is None


def test_a_run_past_its_soft_time_limit_is_failed_with_the_reason(worker):
    plan, _crit = monitored_plan()
    job = _job(plan)
    # The soft limit's exception arrives when the statement returns, long before the hard one.
    _send(worker, plan, job, soft_time_limit=1, time_limit=20)
    try:
        _wait_job(job, lambda j: j.status == Job.Status.FEJLET, 30, "the soft limit to fail the job")
        procs.wait_until(lambda: procs.redis_queue_empty(worker["port"]), 10, what="the message to be acked")
    except AssertionError:
        _dump(worker)
        raise
    assert job.fejl == "Tidsgrænsen på 1 s blev overskredet; kørslen blev stoppet"
    assert job.forsoeg == 1
    assert not Kriteriestatus.objects.filter(helhedsplan=plan).exists()


def test_a_run_past_its_hard_time_limit_is_failed_with_the_reason(worker):
    plan, _crit = monitored_plan()
    job = _job(plan)
    # The soft limit (1 s) cannot interrupt the statement; the pool kills the process at 2 s.
    _send(worker, plan, job, soft_time_limit=1, time_limit=2)
    try:
        _wait_job(job, lambda j: j.status == Job.Status.FEJLET, 30, "the hard limit to fail the job")
        procs.wait_until(lambda: procs.redis_queue_empty(worker["port"]), 10, what="the message to be acked")
    except AssertionError:
        _dump(worker)
        raise
    assert job.fejl == "Tidsgrænsen på 2 s blev overskredet; kørslen blev stoppet"
    time.sleep(1)
    job.refresh_from_db()
    assert (job.status, job.forsoeg) == (Job.Status.FEJLET, 1)  # acknowledged, not redelivered
    assert worker["process"].poll() is None
