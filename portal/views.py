"""The portal's own views: health checks, error pages, the glossary and the accessibility
statement. The home page is
helhedsplaner's (``helhedsplaner/home.py``)."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import glossary
from .health import readiness


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability for load balancers; no login, no details."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok", "database": "ok"})
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)


@login_not_required
@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: database, broker and a worker heartbeat younger than
    READYZ_HEARTBEAT_MAX_AGE, each bounded to READYZ_CHECK_TIMEOUT seconds (portal/health.py).
    200 when all pass, 503 naming the failing check; no login, no addresses or secrets."""
    ready, checks = readiness()
    return JsonResponse(
        {"status": "ok" if ready else "error", "checks": checks}, status=200 if ready else 503
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return defaults.permission_denied(request, exception, template_name="403.html")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return defaults.page_not_found(request, exception, template_name="404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    return defaults.server_error(request, template_name="500.html")


@login_not_required
@require_GET
def ordliste(request: HttpRequest) -> HttpResponse:
    """The glossary (public): every domain term with an anchor that ``{% term %}`` links to."""
    return render(request, "portal/ordliste.html", {"entries": glossary.ENTRIES})


@login_not_required
@require_GET
def tilgaengelighed(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (public), as the webtilgængelighedslov requires."""
    return render(
        request,
        "portal/tilgaengelighed.html",
        {"kontakt": settings.ACCESSIBILITY_CONTACT, "opdateret": settings.ACCESSIBILITY_STATEMENT_DATE},
    )
