"""Operational tasks of the portal itself: ping, the outbox dispatcher, the worker heartbeat."""

import datetime
import logging
import socket

from celery import shared_task
from celery.signals import worker_ready
from django.db import close_old_connections, connection
from django.utils import timezone

from . import outbox
from .models import Hjerteslag, Udbakke

logger = logging.getLogger(__name__)


@shared_task(name="portal.ping", soft_time_limit=10, time_limit=20)
def ping() -> dict:
    """Round-trip check for a worker: answers with its host and whether it reaches the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        database_ok = cursor.fetchone()[0] == 1
    return {"pong": True, "hostname": socket.gethostname(), "database": database_ok}


@shared_task(name="portal.dispatch_outbox", ignore_result=True, soft_time_limit=60, time_limit=90)
def dispatch_outbox() -> dict:
    """Publish the outbox rows a dead broker (or a crash after commit) left pending."""
    Udbakke.objects.filter(sendt__lt=timezone.now() - KEEP).delete()
    return outbox.dispatch().as_dict()


# Sent outbox rows and heartbeats of workers gone this long are deleted.
KEEP = datetime.timedelta(days=7)


def record_heartbeat(hostname: str) -> None:
    now = timezone.now()
    Hjerteslag.objects.update_or_create(vaert=hostname[:200], defaults={"tidspunkt": now})
    Hjerteslag.objects.filter(tidspunkt__lt=now - KEEP).delete()


@shared_task(name="portal.heartbeat", bind=True, ignore_result=True, soft_time_limit=20, time_limit=30)
def heartbeat(self) -> None:
    """Every minute from beat: the worker that runs it is alive and reaches the database."""
    record_heartbeat(self.request.hostname or socket.gethostname())


@worker_ready.connect
def _on_worker_ready(sender=None, **_kwargs) -> None:
    """A starting worker says it is alive and publishes what the outbox holds."""
    try:
        record_heartbeat(getattr(sender, "hostname", None) or socket.gethostname())
        result = outbox.dispatch()
        if result.sent or result.failed:
            logger.info("Outbox at worker start: %s", result.as_dict())
    except Exception:
        logger.exception("Start-up heartbeat or outbox dispatch failed")
    finally:
        close_old_connections()
