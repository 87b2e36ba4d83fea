"""Celery tasks of the indicator engine. Thin: primitive arguments, one service call each.

Every task here is idempotent (recompute-and-replace), so they run with ``acks_late`` and
``reject_on_worker_lost``: a worker that dies mid-run leaves the message to be redelivered.
Only transient errors (database connection, broker/cache connection) are retried, with
exponential backoff; anything else fails the job at once with its error. A job gets at most
``services.JOB_MAX_FORSOEG`` deliveries in all (retries and redeliveries after a lost worker):
the delivery that finds them used marks the job failed and is acknowledged. A run past its
soft time limit fails its job with the reason; past the hard limit the worker kills it and the
``task_failure`` handler below records the reason.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from celery.signals import task_failure
from celery.utils.time import get_exponential_backoff_interval
from django.db import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from . import services

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
)
MAX_RETRIES = services.JOB_MAX_FORSOEG - 1
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True, "max_retries": MAX_RETRIES}


def _run(task: Any, job_id: int | None, body: Any) -> Any:
    try:
        return body()
    except services.JobOpgivet as exc:
        return {"job_id": job_id, "given_up": str(exc)}
    except TRANSIENT_ERRORS as exc:
        retrying = task.request.retries < task.max_retries
        services.job_fail(job_id=job_id, exc=exc, retrying=retrying)
        if not retrying:
            raise
        countdown = get_exponential_backoff_interval(
            factor=5, retries=task.request.retries, maximum=300, full_jitter=True
        )
        raise task.retry(exc=exc, countdown=countdown) from exc
    except SoftTimeLimitExceeded as exc:
        limit = task.request.timelimit[1] if task.request.timelimit else None
        limit = limit or task.soft_time_limit
        services.job_fail(job_id=job_id, exc=exc, retrying=False, reason=_time_limit_reason(limit))
        raise
    except Exception as exc:
        services.job_fail(job_id=job_id, exc=exc, retrying=False)
        raise


def _time_limit_reason(seconds: Any) -> str:
    return f"Tidsgrænsen på {seconds} s blev overskredet; kørslen blev stoppet"


@task_failure.connect
def _hard_time_limit(sender=None, exception=None, kwargs=None, **_extra: Any) -> None:
    """Past the hard limit the pool kills the process running the task, so the task cannot
    record it; the worker's main process sends task_failure and this marks the job."""
    if not isinstance(exception, TimeLimitExceeded) or not getattr(sender, "name", "").startswith(
        "monitorering."
    ):
        return
    job_id = (kwargs or {}).get("job_id")
    seconds = exception.args[0] if exception.args else sender.time_limit
    services.job_fail(job_id=job_id, exc=exception, retrying=False, reason=_time_limit_reason(seconds))


@shared_task(name="monitorering.recompute_plan", bind=True, soft_time_limit=120, time_limit=180, **IDEMPOTENT)
def recompute_plan(self, plan_id: int, job_id: int | None = None) -> dict:
    return _run(self, job_id, lambda: services.plan_recompute_job(plan_id=plan_id, job_id=job_id))


@shared_task(
    name="monitorering.recompute_all", bind=True, soft_time_limit=3300, time_limit=3600, **IDEMPOTENT
)
def recompute_all(self, job_id: int | None = None) -> dict:
    return _run(self, job_id, lambda: services.all_plans_recompute(job_id=job_id))


@shared_task(
    name="monitorering.verify_snapshots", bind=True, soft_time_limit=900, time_limit=960, **IDEMPOTENT
)
def verify_snapshots(self, sample_size: int = 25, job_id: int | None = None) -> dict:
    return _run(self, job_id, lambda: services.snapshots_verify(sample_size=sample_size, job_id=job_id))
