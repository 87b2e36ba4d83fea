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
