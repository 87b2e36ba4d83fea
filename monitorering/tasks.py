"""Celery tasks of the indicator engine. Thin: primitive arguments, one service call each.

Every task here is idempotent (recompute-and-replace), so they run with ``acks_late`` and
``reject_on_worker_lost``: a worker that dies mid-run leaves the message to be redelivered.
Only transient errors (database connection, broker/cache connection) are retried, with
exponential backoff; anything else fails the job at once with its error.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
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
MAX_RETRIES = 5
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True, "max_retries": MAX_RETRIES}


def _run(task: Any, job_id: int | None, body: Any) -> Any:
    try:
        return body()
    except TRANSIENT_ERRORS as exc:
        retrying = task.request.retries < task.max_retries
        services.job_fail(job_id=job_id, exc=exc, retrying=retrying)
        if not retrying:
            raise
        countdown = get_exponential_backoff_interval(
            factor=5, retries=task.request.retries, maximum=300, full_jitter=True
        )
        raise task.retry(exc=exc, countdown=countdown) from exc
    except (Exception, SoftTimeLimitExceeded) as exc:
        services.job_fail(job_id=job_id, exc=exc, retrying=False)
        raise


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
