"""Every write needs POST and a CSRF token; every page sends the security headers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import db_fingerprint
from .table import CASES
from .urls import case_url

pytestmark = pytest.mark.django_db

# One persona who may do it (the first in this order), for each row.
PREFERENCE = ("projektleder", "formand", "board_member", "group_member", "lbf", "admin", "member_b", "anon")


def _who(allowed) -> str:
    return next(p for p in PREFERENCE if p in allowed)


# RFC 8058 one-click unsubscribe: the mail client POSTs with no session and no CSRF token; the
# secret token in the URL is the authority, and the POST can only turn mail of one kind off.
CSRF_EXEMPT = {"notifikationer:afmeld": "notifikationer/views.py"}


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.post and c.name not in CSRF_EXEMPT], ids=lambda c: c.id
)
def test_post_without_csrf_token_is_refused_and_changes_nothing(world, case):
    persona = _who(case.post)
    client = world.client(persona, enforce_csrf_checks=True)
    before = db_fingerprint()
    response = client.post(case_url(case, world), {"tekst": "x", "kommentar": "x", "titel": "x"})
    assert response.status_code == 403, f"{case.id} as {persona}: {response.status_code}"
    assert b"CSRF" in response.content or b"403" in response.content
    assert db_fingerprint() == before


def test_no_view_is_exempt_from_csrf():
    root = Path(settings.BASE_DIR)
    skip = {".venv", "node_modules", ".git", "staticfiles", "media"}
    offenders = []
    for path in root.rglob("*.py"):
        parts = set(path.relative_to(root).parts)
        if parts & skip or path.resolve() == Path(__file__).resolve():
            continue
        if "csrf_exempt" in path.read_text(encoding="utf-8", errors="ignore"):
            offenders.append(str(path.relative_to(root)))
    assert sorted(offenders) == sorted(CSRF_EXEMPT.values())


def _check_headers(response, *, authenticated: bool, what: str, revalidate: bool = False) -> None:
    csp = response.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d for d in (part.strip() for part in csp.split(";")) if d}
    assert "object-src 'none'" in directives.get("object-src", ""), f"{what}: {csp!r}"
    assert directives.get("base-uri") == "base-uri 'none'", f"{what}: {csp!r}"
    assert directives.get("frame-ancestors") == "frame-ancestors 'none'", f"{what}: {csp!r}"
    assert "unsafe-eval" not in csp, what
    script = directives.get("script-src") or directives.get("default-src", "")
    assert script and "'unsafe-inline'" not in script, f"{what}: {script!r}"
    assert response.get("Referrer-Policy") in {"same-origin", "strict-origin", "no-referrer"}, what
    assert response.get("X-Content-Type-Options") == "nosniff", what
    assert response.get("X-Frame-Options") == "DENY", what
    if authenticated:
        cache = response.get("Cache-Control", "")
        if revalidate:  # the API: ETag/If-None-Match, so the client may keep it but must ask again
            assert "no-store" in cache or ("private" in cache and "no-cache" in cache), f"{what}: {cache!r}"
        else:
            assert "no-store" in cache, f"{what}: {cache!r}"


@pytest.mark.parametrize("case", [c for c in CASES if c.get and c.get - {"anon"}], ids=lambda c: c.id)
def test_every_page_sends_the_security_headers(world, case):
    persona = _who(case.get - {"anon"})
    response = world.client(persona).get(case_url(case, world))
    assert response.status_code in {200, 302, 400, 409, 410}, f"{case.id}: {response.status_code}"
    _check_headers(
        response, authenticated=True, what=f"{case.id} as {persona}", revalidate=case.name.startswith("api:")
    )


@pytest.mark.parametrize("name", ["login", "enighed:tak", "enighed:svar_token"])
def test_public_pages_send_the_security_headers(world, name):
    case = next(c for c in CASES if c.name == name)
    response = world.client("anon").get(case_url(case, world))
    assert response.status_code == 200
    _check_headers(response, authenticated=False, what=name)
    if name != "login":
        return
    # The login form's page must not be cached either: it carries a CSRF token.
    assert re.search(r"no-store|private|no-cache", response.get("Cache-Control", "")), response.get(
        "Cache-Control"
    )


def test_the_world_sessions_outlive_a_slow_run(world):
    """The personas' sessions are made once per package; a run slower than the idle timeout
    (a busy CI machine) must not turn every later page into the login page."""
    import datetime

    from django.urls import reverse
    from django.utils import timezone
    from freezegun import freeze_time

    later = timezone.now() + datetime.timedelta(hours=2)
    page = reverse("helhedsplaner:plan_detail", args=[world.plan_a.pk])
    with freeze_time(later):
        response = world.client("projektleder").get(page)
    assert response.status_code == 200
