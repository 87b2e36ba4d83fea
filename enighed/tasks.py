"""Celery tasks of the agreement survey. Thin: primitive arguments, one service call each,
idempotent (sent e-mails are claimed row by row; the analysis replaces its snapshot)."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services

RETRY = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "max_retries": 5,
    "acks_late": True,
    "reject_on_worker_lost": True,
}


@shared_task(name="enighed.send_invitations", soft_time_limit=300, time_limit=360, **RETRY)
def send_invitations(maaling_id: int, base_url: str) -> int:
    return services.invitations_send(maaling_id=maaling_id, base_url=base_url)


@shared_task(name="enighed.send_reminders", soft_time_limit=300, time_limit=360, **RETRY)
def send_reminders(maaling_id: int, requested_at: str, base_url: str) -> int:
    return services.reminders_send(maaling_id=maaling_id, requested_at=requested_at, base_url=base_url)


@shared_task(name="enighed.analyse_survey", soft_time_limit=120, time_limit=180, **RETRY)
def analyse_survey(maaling_id: int) -> int:
    return services.analysis_run(maaling_id=maaling_id).pk


@shared_task(name="enighed.close_due", soft_time_limit=300, time_limit=360, **RETRY)
def close_due() -> int:
    """Nightly: close surveys whose closing date has passed (which queues their analysis)."""
    return services.enighedsmaaling_close_due()
