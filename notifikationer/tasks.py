"""Celery tasks of notifications. Thin: ids and ISO dates in, one service call each."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import daily, events, services

RETRY = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "max_retries": 5,
    "acks_late": True,
    "reject_on_worker_lost": True,
}

#: SMTP retries: 1, 2, 4, 8, 16 minutes, then the failure is recorded as permanent.
MAIL_RETRIES = 5


@shared_task(name="notifikationer.deliver", bind=True, soft_time_limit=60, time_limit=90, acks_late=True)
def deliver(self, afsendelse_id: int) -> str:
    final = self.request.retries >= MAIL_RETRIES
    try:
        return services.deliver(afsendelse_id=afsendelse_id, final=final)
    except services.TransientMailError as exc:
        if self.request.is_eager:
            # No worker (development, tests): no waiting in-process; the row stays queued
            # for the next daily run to retry.
            return "i_koe"
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries, max_retries=MAIL_RETRIES) from exc


@shared_task(name="notifikationer.event", soft_time_limit=120, time_limit=180, **RETRY)
def event(name: str, payload: dict) -> int:
    return events.handle(name, payload)


@shared_task(name="notifikationer.send_daily", soft_time_limit=600, time_limit=660, **RETRY)
def send_daily(today: str | None = None) -> int:
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return len(daily.run(day))
