"""The transactional outbox: Celery tasks that survive a dead broker.

``add`` writes a row (``portal.models.Udbakke``) in the caller's transaction: a rollback
leaves nothing, a commit leaves a *pending* row that is published later, whatever state
Redis is in. Rows with the same key coalesce (one pending row per key: later changes only
bump it). ``dispatch`` publishes pending rows, each under a row lock taken with ``SKIP
LOCKED``, so a row that an open transaction has just written or bumped is left alone until
that transaction commits (its change must be visible to the task), and two dispatchers never
publish the same row at once. It runs:

- right after the commit that added the row (``dispatch(keys=…)``), bounded to
  ``OUTBOX_PUBLISH_TIMEOUT`` seconds with no retries, and skipped for ``OUTBOX_BREAKER_SECONDS``
  after a failure, so a request never waits long for a dead broker;
- every ``OUTBOX_DISPATCH_INTERVAL`` seconds from beat (task ``portal.dispatch_outbox``) and
  once when a worker starts, which publishes whatever a dead broker left behind.

A task can register a *preparer* (``register``) that runs under the row lock before the first
publication: it may create the job row the task reports to, or drop the row because an
already queued run will see the change anyway (coalescing across transactions).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .celery import app
from .models import Udbakke

logger = logging.getLogger(__name__)


@dataclass
class Handler:
    # Runs under the row lock in its own transaction before publishing. Returns False to drop
    # the row (marked sent without publishing; ``row.besked`` says why). May edit row.kwargs.
    prepare: Callable[[Udbakke], bool] | None = None
    # Runs after a failed publication (own transaction), e.g. to tell the user it waits.
    failed: Callable[[Udbakke, BaseException], None] | None = None


_handlers: dict[str, Handler] = {}


def register(task_name: str, handler: Handler) -> None:
    _handlers[task_name] = handler


@dataclass
class Result:
    sent: int = 0
    dropped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"sent": self.sent, "dropped": self.dropped, "failed": self.failed, "errors": self.errors}


# --- Writing ----------------------------------------------------------------------------------


def add(task_name: str, *, args: Iterable = (), kwargs: dict | None = None, key: str = "") -> int | None:
    """Record ``task_name(*args, **kwargs)`` to be published once the current transaction
    commits. With ``key``, joins the pending row of that key if there is one. Returns the new
    row's id (None when it joined a pending row)."""
    args = list(args)
    kwargs = dict(kwargs or {})
    if not key:
        return Udbakke.objects.create(opgave=task_name, args=args, kwargs=kwargs).pk
    for _attempt in range(3):
        now = timezone.now()
        # The UPDATE locks the pending row until this transaction ends, so no dispatcher
        # publishes it before our change is committed (they skip locked rows).
        if Udbakke.objects.filter(noegle=key, sendt__isnull=True).update(antal=F("antal") + 1, aendret=now):
            return None
        try:
            with transaction.atomic():
                return Udbakke.objects.create(opgave=task_name, noegle=key, args=args, kwargs=kwargs).pk
        except IntegrityError:
            continue  # another transaction committed a pending row for the key meanwhile: join it
    raise RuntimeError(f"Could not record the outbox row {key}")


def send(task_name: str, *, args: Iterable = (), kwargs: dict | None = None, key: str = "") -> None:
    """``add`` the task and publish it right after the commit (the replacement for
    ``task.delay``/``delay_on_commit`` on request paths: a dead broker costs at most
    OUTBOX_PUBLISH_TIMEOUT and loses nothing)."""
    pk = add(task_name, args=args, kwargs=kwargs, key=key)
    if key:
        transaction.on_commit(lambda: dispatch_after_commit(key), robust=True)
    elif pk is not None:
        transaction.on_commit(lambda: dispatch_after_commit(ids=[pk]), robust=True)


# --- Publishing -------------------------------------------------------------------------------

_broker_down_until = 0.0


def broker_presumed_down() -> bool:
    return time.monotonic() < _broker_down_until


def _trip_breaker() -> None:
    global _broker_down_until
    _broker_down_until = time.monotonic() + settings.OUTBOX_BREAKER_SECONDS


def _reset_breaker() -> None:
    global _broker_down_until
    _broker_down_until = 0.0


def _eager() -> bool:
    return bool(app.conf.task_always_eager)


def _connection():
    """A broker connection for publishing that gives up fast: short socket timeouts and no
    reconnection attempts (the default retries for seconds)."""
    timeout = settings.OUTBOX_PUBLISH_TIMEOUT
    return app.connection_for_write(
        connect_timeout=timeout,
        transport_options={"socket_connect_timeout": timeout, "socket_timeout": timeout, "max_retries": 0},
    )


def _publish(connection, row: Udbakke) -> None:
    # ignore_result: the Job rows carry the outcome, and subscribing to the result store
    # would retry a dead Redis for ~20 s.
    app.send_task(
        row.opgave,
        args=row.args,
        kwargs=row.kwargs,
        connection=connection,
        retry=False,
        ignore_result=True,
    )


def _pending(keys: list[str] | None, ids: list[int] | None, limit: int, min_age: float) -> list[int]:
    qs = Udbakke.objects.filter(sendt__isnull=True)
    if keys is not None:
        qs = qs.filter(noegle__in=keys)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    if min_age:
        qs = qs.filter(aendret__lte=timezone.now() - timedelta(seconds=min_age))
    return list(qs.order_by("oprettet", "id").values_list("pk", flat=True)[:limit])


def _claim(pk: int) -> Udbakke | None:
    return Udbakke.objects.select_for_update(skip_locked=True).filter(pk=pk, sendt__isnull=True).first()


def _prepare(pk: int, result: Result) -> bool:
    """Run the row's preparer in its own transaction; False when the row is gone or dropped."""
    with transaction.atomic():
        row = _claim(pk)
        if row is None:
            return False
        handler = _handlers.get(row.opgave)
        if handler is None or handler.prepare is None:
            return True
        if handler.prepare(row):
            row.save(update_fields=["kwargs", "besked"])
            return True
        row.sendt = timezone.now()
        row.save(update_fields=["sendt", "besked", "kwargs"])
        result.dropped += 1
        return False


def _publish_one(pk: int, connection, result: Result) -> bool:
    """Publish one row under its lock and mark it sent; False when the broker failed."""
    with transaction.atomic():
        row = _claim(pk)
        if row is None:
            return True
        row.forsoeg += 1
        try:
            _publish(connection, row)
        except Exception as exc:  # the broker is down or unreachable
            row.fejl = f"{type(exc).__name__}: {exc}"[:2000]
            row.save(update_fields=["forsoeg", "fejl"])
            failure = exc
        else:
            row.sendt = timezone.now()
            row.fejl = ""
            row.save(update_fields=["forsoeg", "fejl", "sendt"])
            result.sent += 1
            return True
    result.failed += 1
    result.errors.append(row.fejl)
    handler = _handlers.get(row.opgave)
    if handler is not None and handler.failed is not None:
        try:
            handler.failed(row, failure)
        except Exception:
            logger.exception("Outbox failure hook of %s failed", row.opgave)
    return False


def _run_eagerly(pk: int, result: Result) -> None:
    """No broker (development, tests): mark the row sent, then run the task in-process."""
    with transaction.atomic():
        row = _claim(pk)
        if row is None:
            return
        row.sendt = timezone.now()
        row.forsoeg += 1
        row.save(update_fields=["sendt", "forsoeg"])
    result.sent += 1
    try:
        if row.opgave not in app.tasks:
            app.loader.import_default_modules()  # the apps' tasks modules (autodiscovery)
        app.tasks[row.opgave].apply_async(args=row.args, kwargs=row.kwargs)
    except Exception:
        logger.exception("Eager run of %s failed", row.opgave)


def dispatch(
    *,
    keys: list[str] | None = None,
    ids: list[int] | None = None,
    limit: int = 500,
    min_age: float = 0,
    respect_breaker: bool = False,
) -> Result:
    """Publish up to ``limit`` pending rows (only those with ``keys`` or ``ids`` when given),
    oldest first. Stops at the first broker failure; the rows stay pending for the next try."""
    result = Result()
    if respect_breaker and broker_presumed_down():
        return result
    ids = _pending(keys, ids, limit, min_age)
    if not ids:
        return result
    if _eager():
        for pk in ids:
            if _prepare(pk, result):
                _run_eagerly(pk, result)
        return result
    connection = _connection()
    try:
        for pk in ids:
            if not _prepare(pk, result):
                continue
            if not _publish_one(pk, connection, result):
                _trip_breaker()
                logger.warning("Broker unreachable; %d outbox rows left pending", len(ids) - result.sent)
                break
        else:
            _reset_breaker()
    finally:
        with contextlib.suppress(Exception):  # closing a dead connection may fail; nothing to do
            connection.release()
    return result


def dispatch_after_commit(key: str | None = None, *, ids: list[int] | None = None) -> Result:
    """The request path: publish the row just committed, then a few older pending rows left
    by an earlier outage. Never raises and never waits long for a dead broker."""
    try:
        result = dispatch(keys=None if key is None else [key], ids=ids, respect_breaker=True)
        if result.sent and not result.failed:
            dispatch(limit=settings.OUTBOX_OPPORTUNISTIC_BATCH, min_age=30, respect_breaker=True)
        return result
    except Exception:
        logger.exception("Outbox dispatch of %s failed; the periodic dispatcher will retry", key or ids)
        return Result(failed=1)


def backlog() -> tuple[int, float | None]:
    """Pending rows and the age in seconds of the oldest (for /readyz)."""
    qs = Udbakke.objects.filter(sendt__isnull=True)
    oldest = qs.order_by("oprettet").values_list("oprettet", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest else None
    return qs.count(), age
