"""Operational tasks of the portal itself."""

import socket

from celery import shared_task
from django.db import connection


@shared_task(name="portal.ping", soft_time_limit=10, time_limit=20)
def ping() -> dict:
    """Round-trip check for a worker: answers with its host and whether it reaches the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        database_ok = cursor.fetchone()[0] == 1
    return {"pong": True, "hostname": socket.gethostname(), "database": database_ok}


@shared_task(name="portal.retention", soft_time_limit=1800, time_limit=1900, acks_late=True)
def retention() -> dict:
    """Nightly: delete expired sessions, old login records, old import rows and exports."""
    from . import retention as service

    return service.retention_run()
