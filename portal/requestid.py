"""Request ids and structured logs.

Every request gets an id: a sane incoming ``X-Request-ID`` (from the reverse proxy) is kept,
anything else is replaced by a fresh uuid4 hex. The id is stored on the request
(``request.request_id``), in a context variable for the duration of the request, and sent back
as the ``X-Request-ID`` response header. :class:`RequestContextFilter` puts it on every log
record (``request_id``), so all lines one request caused can be found together, and
:class:`RequestIdMiddleware` writes one access line per request (``portal.access``: method,
path, status, duration_ms, user_id).

Celery tasks get the same treatment through signals: a task published while a request runs
carries that request's id in its headers, and while a task runs its records carry
``request_id`` (the publishing request's id, else the task id), ``task_id`` and ``task_name``.

``logging_config(fmt, level)`` builds the ``LOGGING`` dict for settings: ``fmt="json"`` writes
one JSON object per line (python-json-logger), ``"text"`` a readable line for development.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from celery import signals

if TYPE_CHECKING:  # settings import this module: keep its import free of Django machinery
    from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
# What a proxy may hand us: 8-64 letters, digits, dot, dash, underscore, colon. Anything
# longer or with other characters (spaces, quotes, newlines: log injection) is replaced.
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
# URL keyword arguments whose values are secrets (the survey's one-time answer link).
REDACTED_URL_KWARGS = frozenset({"token"})
REDACTED = "[skjult]"

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
_task: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar("task", default=None)

access_logger = logging.getLogger("portal.access")


def current_request_id() -> str | None:
    return _request_id.get()


def sane_request_id(value: str | None) -> str | None:
    """``value`` if it is a usable request id, else None."""
    if value and _SANE_ID.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    return uuid.uuid4().hex


def _logged_path(request: HttpRequest) -> str:
    """The path without query string, with secret URL arguments (tokens) masked."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name in REDACTED_URL_KWARGS & set(match.kwargs):
            value = str(match.kwargs[name])
            if value:
                path = path.replace(value, REDACTED)
    return path


class RequestIdMiddleware:
    """Outermost middleware: assigns the request id, logs one access line per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = sane_request_id(request.META.get(META_KEY)) or new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            self.log_access(request, response.status_code, started, response.headers.get("X-Portal-Cache"))
            return response
        finally:
            _request_id.reset(token)

    @staticmethod
    def log_access(request: HttpRequest, status: int, started: float, cache: str | None = None) -> None:
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        path = _logged_path(request)
        access_logger.info(
            "%s %s %s %.1fms",
            request.method,
            path,
            status,
            duration_ms,
            extra={
                "method": request.method,
                "path": path,
                "status": status,
                "duration_ms": duration_ms,
                "user_id": user_id,
                # A page with a cached part says whether it was a hit (X-Portal-Cache).
                **({"cache": cache} if cache else {}),
            },
        )


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` (``-`` outside requests and tasks) and, inside a Celery task,
    ``task_id`` and ``task_name`` to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)  # django.request's records carry it
        if not hasattr(record, "request_id"):
            # Django logs 4xx/5xx responses after the middleware has returned: take the id
            # from the request itself then.
            record.request_id = _request_id.get() or getattr(request, "request_id", None) or "-"
        if request is not None and hasattr(request, "path"):
            path = _logged_path(request)
            if path != request.path:  # a secret in the URL: mask it in the message too
                record.msg = record.getMessage().replace(request.path, path)
                record.args = None
            record.request = f"{request.method} {path}"
        task = _task.get()
        if task is not None and not hasattr(record, "task_id"):
            record.task_id, record.task_name = task
        return True


# --- Celery ---------------------------------------------------------------------------------

_task_tokens: dict[str, tuple[contextvars.Token, contextvars.Token]] = {}


def _before_task_publish(headers: dict | None = None, **_: Any) -> None:
    request_id = _request_id.get()
    if headers is not None and request_id and "request_id" not in headers:
        headers["request_id"] = request_id


def _task_prerun(task_id: str | None = None, task: Any = None, **_: Any) -> None:
    if not task_id:
        return
    incoming = None
    if task is not None:  # a worker merges message headers into the request; eager apply does not
        headers = getattr(task.request, "headers", None) or {}
        incoming = sane_request_id(getattr(task.request, "request_id", None) or headers.get("request_id"))
    # An eagerly run task (dev, tests) runs inside the request and keeps its id.
    request_id = incoming or _request_id.get() or task_id
    name = getattr(task, "name", "") or ""
    _task_tokens[task_id] = (_request_id.set(request_id), _task.set((task_id, name)))


def _task_postrun(task_id: str | None = None, **_: Any) -> None:
    tokens = _task_tokens.pop(task_id or "", None)
    if tokens is None:
        return
    request_token, task_token = tokens
    try:
        _task.reset(task_token)
        _request_id.reset(request_token)
    except ValueError:  # set in another context (should not happen); fall back to clearing
        _task.set(None)
        _request_id.set(None)


def connect_celery_signals() -> None:
    """Called once from portal/celery.py."""
    signals.before_task_publish.connect(_before_task_publish, weak=False, dispatch_uid="portal-request-id")
    signals.task_prerun.connect(_task_prerun, weak=False, dispatch_uid="portal-request-id")
    signals.task_postrun.connect(_task_postrun, weak=False, dispatch_uid="portal-request-id")


# --- LOGGING --------------------------------------------------------------------------------

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
# JSON: these fields first, then every extra (method, path, status, duration_ms, user_id,
# cache, task_id, task_name, exc_info); "timestamp" is ISO 8601 in UTC.
JSON_FIELDS = "%(levelname)s %(name)s %(message)s %(request_id)s"


def logging_config(fmt: str = "text", level: str = "INFO") -> dict[str, Any]:
    """The ``LOGGING`` dict: one console handler on stderr, the request filter on it."""
    fmt = fmt.lower()
    if fmt not in ("json", "text"):
        raise ValueError(f"LOG_FORMAT must be 'json' or 'text', not {fmt!r}")
    formatters: dict[str, Any] = {
        "text": {"format": TEXT_FORMAT},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
            "json_ensure_ascii": False,
        },
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "portal.requestid.RequestContextFilter"}},
        "formatters": formatters,
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "filters": ["request_context"],
                "formatter": fmt,
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's default config sends django.* to its own console handler only with
            # DEBUG on; route it through ours (propagate) and never to e-mail.
            "django": {"handlers": [], "level": level, "propagate": True},
            # One access line per request is ours; runserver's own would duplicate it.
            "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
            # Celery gives celery.task (get_task_logger) its own plain handler unless it has one.
            "celery.task": {"handlers": ["console"], "level": level, "propagate": False},
            # fontTools logs some 50 INFO lines per font it subsets for a board pack PDF.
            "fontTools": {"handlers": [], "level": "WARNING", "propagate": True},
        },
    }
