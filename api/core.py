"""The API's plumbing: authentication (bearer key or the portal session), the rate limit
per key, JSON errors with a Danish message and a code, cursor pagination, ``updated_since``
and ETags. The routes (``api.routes``) only read through the domain's selectors."""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from portal.params import ID_MAX, parse_id

from . import tokens

T = TypeVar("T")

#: The most rows one page may hold, and the default.
LIMIT_MAX = 200
LIMIT_DEFAULT = 50


class Fejl(Schema):
    """Every error: a stable code for programs and a Danish message for people."""

    kode: str
    besked: str


class ApiError(Exception):
    def __init__(self, status: int, kode: str, besked: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(besked)
        self.status, self.kode, self.besked, self.headers = status, kode, besked, headers or {}


def bad_param(besked: str) -> ApiError:
    return ApiError(400, "ugyldig_parameter", besked)


# --- authentication and the rate limit -------------------------------------------------------


class Caller:
    """Who calls: the user, and the key (None when the portal session is used)."""

    def __init__(self, user, noegle=None) -> None:
        self.user, self.noegle = user, noegle

    def __bool__(self) -> bool:
        return True

    @property
    def bucket(self) -> str:
        return f"noegle:{self.noegle.pk}" if self.noegle is not None else f"bruger:{self.user.pk}"


def check_rate(caller: Caller) -> None:
    """At most settings.API_RATE_LIMIT calls per key (or session user) and window; past it
    a 429 with Retry-After. A fixed window in the cache (Redis in production)."""
    calls, seconds = tokens.rate_limit()
    now = int(timezone.now().timestamp())
    window = now // seconds
    key = f"api:rate:{caller.bucket}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds + 1)
        count = 1
    if count > calls:
        retry = (window + 1) * seconds - now
        raise ApiError(
            429,
            "for_mange_kald",
            _("For mange kald: højst %(calls)d pr. %(seconds)d sekunder. Prøv igen om %(retry)d sekunder.")
            % {"calls": calls, "seconds": seconds, "retry": retry},
            {"Retry-After": str(max(retry, 1))},
        )


class BearerKey(HttpBearer):
    """``Authorization: Bearer <key>``: a personal API key (see ``api.tokens``)."""

    openapi_description = "Personlig API-nøgle fra siden Sikkerhed: Authorization: Bearer <nøgle>."

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header and not header.startswith("Bearer "):
            raise ApiError(401, "ikke_logget_ind", _("Brug headeren Authorization: Bearer <nøgle>."))
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        noegle = tokens.authenticate(token.strip())
        if noegle is None:
            raise ApiError(401, "ugyldig_noegle", _("API-nøglen er ukendt, udløbet eller tilbagekaldt."))
        caller = Caller(noegle.bruger, noegle)
        check_rate(caller)
        return caller


def session_auth(request: HttpRequest) -> Caller | None:
    """The portal session (the documentation page's own calls, a logged-in browser)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    caller = Caller(user)
    check_rate(caller)
    return caller


AUTH: list[Any] = [BearerKey(), session_auth]


def user_of(request: HttpRequest):
    return request.auth.user  # type: ignore[attr-defined]


# --- errors as JSON ----------------------------------------------------------------------------


def error_response(
    api, request: HttpRequest, status: int, kode: str, besked: str, headers=None
) -> HttpResponse:
    response = api.create_response(request, {"kode": kode, "besked": besked}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def install_handlers(api) -> None:
    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError):
        return error_response(api, request, exc.status, exc.kode, exc.besked, exc.headers)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return error_response(
            api,
            request,
            401,
            "ikke_logget_ind",
            _("Log ind, eller send en personlig API-nøgle: Authorization: Bearer <nøgle>."),
        )

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return error_response(api, request, 404, "findes_ikke", _("Findes ikke, eller du har ikke adgang."))

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        return error_response(api, request, 403, "ingen_adgang", _("Du har ikke adgang til dette."))

    @api.exception_handler(ValidationError)
    def _invalid(request, exc: ValidationError):
        fields = sorted({str(e.get("loc", ["?"])[-1]) for e in exc.errors})
        return error_response(
            api,
            request,
            400,
            "ugyldig_parameter",
            _("Ugyldig værdi i: %(fields)s.") % {"fields": ", ".join(fields)},
        )

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        if exc.status_code == 405:
            return error_response(api, request, 405, "metode_ikke_tilladt", _("API'et kan kun læses (GET)."))
        return error_response(api, request, exc.status_code, "fejl", _("Forespørgslen kunne ikke behandles."))


# Responses every list operation may give besides 200 (documented in the schema).
ERRORS: dict[int, Any] = {304: None, 400: Fejl, 401: Fejl, 404: Fejl, 429: Fejl}


# --- parameters ------------------------------------------------------------------------------


def since_param(value: str | None) -> datetime.datetime | None:
    """``updated_since``: an ISO 8601 time (a date means its midnight), years 1900-2100."""
    if value is None or value == "":
        return None
    text = value.strip()
    parsed: datetime.datetime | None = None
    try:
        parsed = parse_datetime(text)
        if parsed is None and len(text) == 10:
            parsed = parse_datetime(text + "T00:00:00")
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None or not 1900 <= parsed.year <= 2100:
        raise bad_param(_("updated_since skal være et tidspunkt i ISO 8601, fx 2026-01-31T12:00:00+01:00."))
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def changed_since(
    qs: QuerySet, since: datetime.datetime | None, model: type[Model] | None = None
) -> QuerySet:
    """Rows whose history (django-simple-history) has an entry at or after ``since``."""
    if since is None:
        return qs
    tracked: Any = model or qs.model
    history = tracked.history.model
    return qs.filter(pk__in=history.objects.filter(history_date__gte=since).values("id"))


def _encode(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def _decode(cursor: str) -> str:
    if len(cursor) > 64:
        raise bad_param(_("Ugyldig cursor; brug værdien fra feltet naeste."))
    try:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise bad_param(_("Ugyldig cursor; brug værdien fra feltet naeste.")) from None


def _next_url(request: HttpRequest, key: str) -> str:
    query = request.GET.copy()
    query["cursor"] = _encode(key)
    return request.build_absolute_uri(request.path) + "?" + query.urlencode()


def page_of_queryset(
    request: HttpRequest, qs: QuerySet, cursor: str | None, limit: int
) -> tuple[list, str | None]:
    """One page of ``qs`` in id order after the cursor, and the next page's URL (or None)."""
    qs = qs.order_by("pk")
    if cursor:
        after = parse_id(_decode(cursor))
        if after is None:
            raise bad_param(_("Ugyldig cursor; brug værdien fra feltet naeste."))
        qs = qs.filter(pk__gt=after)
    rows = list(qs[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (_next_url(request, str(rows[-1].pk)) if more else None)


def page_of_list(
    request: HttpRequest, items: Sequence[T], key: Callable[[T], str], cursor: str | None, limit: int
) -> tuple[list[T], str | None]:
    """The same over a list already in memory, ordered by ``key`` (a sortable string)."""
    ordered = sorted(items, key=key)
    if cursor:
        after = _decode(cursor)
        ordered = [i for i in ordered if key(i) > after]
    rows = ordered[:limit]
    return rows, (_next_url(request, key(rows[-1])) if len(ordered) > limit else None)


def num(value) -> float | None:
    return float(value) if value is not None else None


def ids(values: Iterable[Model]) -> list[int]:
    return [v.pk for v in values]


# --- ETag ------------------------------------------------------------------------------------


def with_etag(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A strong ETag over a successful GET's body; ``If-None-Match`` with it answers 304."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization, Cookie, Accept-Language"
    return get_conditional_response(request, etag=etag, response=response) or response


__all__ = ["ID_MAX"]
