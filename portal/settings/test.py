"""Fast, deterministic tests. DATABASE_URL and CELERY_BROKER_URL still apply."""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Test uploads only (never served); nosec B108: a fixed path under /tmp is fine for tests.
MEDIA_ROOT = env.path("MEDIA_ROOT", default="/tmp/boligsocial-test-media")  # nosec B108
# Tests run tasks eagerly unless a test starts a real worker itself.
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Login, sessions, headers: two-factor is off for the suite; its own tests turn it on.
PORTAL_2FA_REQUIRED = False
# Each test run makes its own database and cache: no query for a namespace, so that query
# counts do not depend on which test is first in a process (tests/portal/test_cache_namespace.py
# clears it).
CACHE_NAMESPACE = env("CACHE_NAMESPACE", default="test")
