"""The load test's server (bench/load.py): production-like, but plain HTTP on loopback.

Why not ``prod``: prod sends session and CSRF cookies only over HTTPS (and may redirect to it
and require a second factor for LBF staff), and the load test talks plain HTTP to gunicorn on
127.0.0.1 with no TLS proxy in front, so every login would fail. Why not ``dev``: DEBUG on
records every SQL query in memory and renders error pages with tracebacks; ``test`` uses a fast
insecure password hasher. So this module takes ``base`` and sets what production has that
matters for speed (DEBUG off, persistent connections, the real password hasher, JSON logs, a
real broker and cache when given) and nothing that needs TLS.

Only for benchmark databases: DATABASE_URL must be set and name a database with "bench" in
its name (``load_users`` also refuses any database not made by ``generate_scale``).
"""

from django.core.exceptions import ImproperlyConfigured

from portal.requestid import logging_config

from .base import *  # noqa: F403
from .base import LOG_LEVEL, STORAGES, env

_url = env.str("DATABASE_URL", default="")
if "bench" not in _url.rsplit("/", 1)[-1]:
    raise ImproperlyConfigured(
        "portal.settings.bench is only for benchmark databases: set DATABASE_URL to one whose name "
        "contains 'bench' (e.g. postgres://postgres@127.0.0.1:5432/boligsocial_bench)."
    )

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="bench-only-insecure-key-for-loopback-load-tests")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Plain HTTP on loopback: cookies must travel without TLS.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
# LBF staff log in with a password only here (prod requires TOTP; see the auth settings).
PORTAL_2FA_REQUIRED = False
# Static files straight from the finders: no collectstatic before a bench run (the load test
# requests pages, not static files).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
