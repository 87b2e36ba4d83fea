"""Readiness checks for ``/readyz``: database, broker and a live worker, each bounded in time.

Every check runs in its own thread (its own database connection, closed afterwards) and the
view waits at most ``READYZ_CHECK_TIMEOUT`` seconds for all of them together; a check still
running then counts as failed ("timeout"). Results name the check and its state and carry no
addresses, credentials or error messages (only an exception's class name).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from .celery import app
from .models import Hjerteslag
from .outbox import backlog

OK, ERROR, SKIPPED = "ok", "error", "skipped"
Check = Callable[[], dict]


def _broker_configured() -> bool:
    return bool(app.conf.broker_url) and not app.conf.task_always_eager


def check_database() -> dict:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            timeout_ms = int(settings.READYZ_CHECK_TIMEOUT * 1000)
            cursor.execute(f"SET statement_timeout = {timeout_ms}")
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": OK}


def check_broker() -> dict:
    if not _broker_configured():
        return {"status": SKIPPED, "detail": "ingen broker (opgaver køres i processen)"}
    url = app.conf.broker_url
    timeout = settings.READYZ_CHECK_TIMEOUT / 2
    if url.startswith(("redis://", "rediss://")):
        # Local: the Redis client is needed only when the broker is Redis.
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        client = redis.Redis.from_url(
            url, socket_connect_timeout=timeout, socket_timeout=timeout, retry=Retry(NoBackoff(), 0)
        )
        try:
            client.ping()
        finally:
            client.close()
    else:
        with app.connection_for_write(connect_timeout=timeout) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
    return {"status": OK}


def check_worker() -> dict:
    if not _broker_configured():
        return {"status": SKIPPED, "detail": "ingen worker (opgaver køres i processen)"}
    newest = Hjerteslag.objects.order_by("-tidspunkt").values_list("tidspunkt", flat=True).first()
    if newest is None:
        return {"status": ERROR, "detail": "intet hjerteslag fra en worker"}
    age = round((timezone.now() - newest).total_seconds())
    if age > settings.READYZ_HEARTBEAT_MAX_AGE:
        return {"status": ERROR, "age_s": age, "detail": "seneste hjerteslag er for gammelt"}
    return {"status": OK, "age_s": age}


def check_outbox() -> dict:
    """Informational: tasks waiting for the broker. Never fails readiness on its own."""
    pending, oldest = backlog()
    return {"status": OK, "pending": pending, "oldest_s": None if oldest is None else round(oldest)}


CHECKS: dict[str, Check] = {
    "database": check_database,
    "broker": check_broker,
    "worker": check_worker,
    "outbox": check_outbox,
}
INFORMATIONAL = {"outbox"}


def _runner(check: Check, box: dict) -> Callable[[], None]:
    def run() -> None:
        try:
            box["result"] = check()
        except Exception as exc:  # any failure is the check's state, by its class name only
            box["result"] = {"status": ERROR, "detail": type(exc).__name__}
        finally:
            connections.close_all()

    return run


def readiness(checks: dict[str, Check] | None = None) -> tuple[bool, dict]:
    checks = CHECKS if checks is None else checks
    boxes: dict[str, dict] = {name: {} for name in checks}
    threads = {
        name: threading.Thread(target=_runner(check, boxes[name]), name=f"readyz-{name}", daemon=True)
        for name, check in checks.items()
    }
    for thread in threads.values():
        thread.start()
    deadline = time.monotonic() + settings.READYZ_CHECK_TIMEOUT
    results = {}
    for name, thread in threads.items():
        thread.join(max(0.0, deadline - time.monotonic()))
        results[name] = boxes[name].get("result") or {"status": ERROR, "detail": "timeout"}
    ready = all(r["status"] != ERROR for name, r in results.items() if name not in INFORMATIONAL)
    return ready, results
