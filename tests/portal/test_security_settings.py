"""Headers from django-csp and portal/security.py, and the production settings:
`check --deploy` passes, HSTS and secure, HttpOnly, SameSite cookies are on."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

POLICY = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
}
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
    "SECRET_KEY": "q8V#k2!pZr7mT0w$Lx4nB9cYe6Hs1DfGj3uKa5oRi-Wl^NtQv_Mz",
    "ALLOWED_HOSTS": "portal.example.dk",
    "DATABASE_URL": "postgres://portal@db.example:5432/portal",
    "CELERY_BROKER_URL": "redis://redis.example:6379/0",
}


def _run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def _prod_env(**extra):
    drop = {"SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"}
    return {**{k: v for k, v in os.environ.items() if k not in drop}, **PROD_ENV, **extra}


@pytest.mark.django_db
def test_the_csp_from_django_csp_is_the_portals_policy(client, board_member_a):
    configured = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert {f"{name} {' '.join(values)}" for name, values in configured.items()} == POLICY
    for response in (client.get(reverse("login")), client.get(reverse("healthz"))):
        directives = {d.strip() for d in response["Content-Security-Policy"].split(";")}
        assert directives == POLICY
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_authenticated_pages_are_never_stored(client, board_member_a):
    client.force_login(board_member_a)
    for url in (reverse("home"), reverse("security")):
        assert client.get(url)["Cache-Control"] == "no-store"


def test_check_deploy_passes_under_prod_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], _prod_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_when_hsts_is_switched_off():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        _prod_env(SECURE_HSTS_SECONDS="0", SESSION_COOKIE_SECURE="false"),
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W012" in result.stderr


def test_prod_settings_set_hsts_secure_cookies_and_two_factor():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({n: getattr(s, n) for n in ("
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT', "
        "'SECURE_PROXY_SSL_HEADER', 'SECURE_CONTENT_TYPE_NOSNIFF', 'X_FRAME_OPTIONS', "
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', "
        "'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY', 'CSRF_COOKIE_SAMESITE', 'PORTAL_2FA_REQUIRED', "
        "'SESSION_ENGINE', 'PORTAL_SESSION_IDLE_SECONDS', 'PORTAL_SESSION_MAX_SECONDS')}))"
    )
    result = _run(["-c", code], _prod_env())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    for cookie in ("SESSION", "CSRF"):
        assert values[f"{cookie}_COOKIE_SECURE"] is True
        assert values[f"{cookie}_COOKIE_HTTPONLY"] is True
        assert values[f"{cookie}_COOKIE_SAMESITE"] == "Lax"
    assert values["PORTAL_2FA_REQUIRED"] is True
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert (values["PORTAL_SESSION_IDLE_SECONDS"], values["PORTAL_SESSION_MAX_SECONDS"]) == (1800, 43200)


def test_session_limits_and_hsts_follow_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.PORTAL_SESSION_IDLE_SECONDS, s.PORTAL_SESSION_MAX_SECONDS)"
    )
    env = _prod_env(SECURE_HSTS_SECONDS="600", PORTAL_SESSION_IDLE_MINUTES="15", PORTAL_SESSION_MAX_HOURS="8")
    result = _run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "600 900 28800"
