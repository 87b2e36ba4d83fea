"""Settings shared by every environment.

One django-environ ``env`` reads the process environment. No secrets live here;
``dev`` and ``test`` supply throw-away values and ``prod`` requires real ones.
Setting ``DATABASE_URL`` switches any settings module to that database (e.g.
PostgreSQL) and ``CELERY_BROKER_URL`` switches Celery to a real broker (Redis).
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from portal.requestid import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Third party
    "bootstrap",  # django-bootstrap-static: Bootstrap 5 CSS/JS served from the package
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "django_celery_beat",
    # Login, sessions, headers (portal/auth*.py, portal/sessions.py, portal/security.py)
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    # The read API (api/): django-ninja's docs page and its Swagger UI files, served locally
    "ninja",
    # Ours, in layers (docs/architecture.md "Layers"; `make lint-imports` checks them):
    # portal at the bottom, the domain apps, then the apps on top that may know them all.
    "portal",
    "helhedsplaner",
    "bestyrelser",
    "monitorering",
    "tilsyn",
    "enighed",
    "notifikationer",
    "persondata",
    "demo",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages travel gzipped (a dashboard's HTML with its figures' JSON: ~65 kB raw, a fifth of
    # that gzipped). Below whitenoise, which serves static files precompressed; Django pads
    # the gzip header with random bytes against BREACH-style length attacks.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Login, sessions, headers: idle/absolute session limits, then the second factor.
    "portal.sessions.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.auth.TwoFactorMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes must come last (it turns a locked-out login into the lockout page).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.roles",
            ],
            # |dato, |dato_lang, |tal, |navn everywhere (portal/formatting.py).
            "builtins": ["portal.templatetags.formatering", "portal.templatetags.hjaelp"],
        },
    },
]

# Embedded default is SQLite; DATABASE_URL (e.g. postgres://user@host/db) overrides it.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A persistent connection that died (database restarted) is replaced before a request uses it.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=True))
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Login, sessions, headers (README "Login and sessions") -------------------------------
# Passwords: at least 12 characters, not a common password, not the name of a plan or area.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "helhedsplaner.passwords.PlanNameValidator"},
]
# django-axes checks the lockout before the password; the throttle slows guessing on one
# username from many addresses (portal/auth.py); ModelBackend then checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "portal.auth.UsernameThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock out after 5 failures from one address, and for a username from one address; 15
# minutes. Never by username alone: anyone could then keep a named account locked. Guessing
# one username from many addresses meets a growing delay instead (at most
# PORTAL_LOGIN_DELAY_MAX_SECONDS per attempt), which the right password also waits out.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
PORTAL_LOGIN_DELAY_MAX_SECONDS = env.float("PORTAL_LOGIN_DELAY_MAX_SECONDS", default=8.0)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.auth.lockout_response"  # registration/lockout.html
AXES_HTTP_RESPONSE_CODE = 429
# The client's address is REMOTE_ADDR; X-Forwarded-For counts only behind as many trusted
# proxies as PORTAL_TRUSTED_PROXY_COUNT says (0: never trusted, a client can't dodge the lock).
PORTAL_TRUSTED_PROXY_COUNT = env.int("PORTAL_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "portal.auth.client_ip"
# Sessions live in the database; they end after 30 minutes idle or 12 hours after login
# (portal/sessions.py), and at logout or when the user is deactivated (portal/auth.py).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
PORTAL_SESSION_IDLE_SECONDS = env.int("PORTAL_SESSION_IDLE_MINUTES", default=30) * 60
PORTAL_SESSION_MAX_SECONDS = env.int("PORTAL_SESSION_MAX_HOURS", default=12) * 3600
SESSION_COOKIE_AGE = PORTAL_SESSION_MAX_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Two-factor (TOTP) is required for LBF staff, staff and superusers when this is on; anyone
# else may enrol from "Sikkerhed". prod turns it on by default; dev and test leave it off.
PORTAL_2FA_REQUIRED = env.bool("PORTAL_2FA_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Boligsocial Portal"
OTP_TOTP_THROTTLE_FACTOR = 1
# django-csp 4: the same policy the portal has always sent (no inline scripts, no eval;
# inline styles because plotly.js writes its own style elements).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# --- end login, sessions, headers ---------------------------------------------------------

# Internationalisation: Danish first, English selectable. Source strings are Danish
# (the product's language and its domain vocabulary); locale/en holds English.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# Our date styles (prose "1. januar 2019", tables "01.01.2019"): portal/formats/<lang>/.
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.js comes from the plotly package's own bundled file.
    "portal.staticfinders.PlotlyFinder",
]
# The partial plotly.js bundle (scatter, bar, pie) if it lives elsewhere than
# node_modules/plotly.js-basic-dist-min/; without either, the full bundle is served.
PLOTLY_BASIC_PATH = env("PLOTLY_BASIC_PATH", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names with far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: JSON only. Without CELERY_BROKER_URL tasks run eagerly in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A dead Redis must never hang a web request.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 3,
    "socket_timeout": 5,
    # Must exceed the longest hard time limit: acks_late tasks are redelivered after it.
    "visibility_timeout": 3900,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 3
# Publishing must give up quickly too (the default retries for ~minutes).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
# The monitoring tasks are idempotent; they set acks_late/reject_on_worker_lost themselves
# (monitorering/tasks.py), so a lost worker's message is redelivered.
CELERY_TASK_ACKS_LATE = False
CELERY_TASK_REJECT_ON_WORKER_LOST = False
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Installed into django-celery-beat's tables by the DatabaseScheduler when beat starts.
# The outbox (portal/outbox.py): publishing gives up after OUTBOX_PUBLISH_TIMEOUT seconds with
# no retries, a failure skips publishing from requests for OUTBOX_BREAKER_SECONDS, and beat
# runs the dispatcher every OUTBOX_DISPATCH_INTERVAL seconds for rows a dead broker left.
OUTBOX_PUBLISH_TIMEOUT = env.float("OUTBOX_PUBLISH_TIMEOUT", default=1.0)
OUTBOX_BREAKER_SECONDS = env.float("OUTBOX_BREAKER_SECONDS", default=10.0)
OUTBOX_DISPATCH_INTERVAL = env.int("OUTBOX_DISPATCH_INTERVAL", default=20)
OUTBOX_OPPORTUNISTIC_BATCH = 10
# /readyz: a worker must have written a heartbeat within this many seconds.
READYZ_HEARTBEAT_MAX_AGE = env.int("READYZ_HEARTBEAT_MAX_AGE", default=300)
READYZ_CHECK_TIMEOUT = env.float("READYZ_CHECK_TIMEOUT", default=2.0)
# Test-only: seconds a started monitoring job sleeps (fault tests kill it mid-run). Keep 0.
MONITORERING_FAULT_PAUSE = env.float("MONITORERING_FAULT_PAUSE", default=0)
CELERY_BEAT_SCHEDULE = {
    "portal-outbox-dispatch": {
        "task": "portal.dispatch_outbox",
        "schedule": OUTBOX_DISPATCH_INTERVAL,
        "options": {"expires": OUTBOX_DISPATCH_INTERVAL},
    },
    "portal-worker-heartbeat": {
        "task": "portal.heartbeat",
        "schedule": 60.0,
        "options": {"expires": 60},
    },
    "enighed-close-due-nightly": {
        "task": "enighed.close_due",
        "schedule": crontab(hour=1, minute=30),
    },
    "monitorering-recompute-all-nightly": {
        "task": "monitorering.recompute_all",
        "schedule": crontab(hour=2, minute=15),
    },
    "monitorering-verify-snapshots-nightly": {
        "task": "monitorering.verify_snapshots",
        "schedule": crontab(hour=4, minute=30),
        "kwargs": {"sample_size": 25},
    },
    "tilsyn-audit-all-nightly": {
        "task": "tilsyn.audit_all",
        "schedule": crontab(hour=3, minute=15),
    },
}

# The cache holds rendered dashboards; set CACHE_URL to a shared cache (e.g.
# redis://host:6379/1) when more than one web process runs. A Redis cache is the tolerant
# subclass: an unreachable Redis is a miss (1 s timeouts, no retries), never a server error.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES["default"]["BACKEND"] = "portal.cache.TolerantRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update({"socket_connect_timeout": 1, "socket_timeout": 1})
# Keys carry a namespace of the database, so a shared cache never serves another (or a
# regenerated) database's entries (portal.cache.namespace).
CACHES["default"].setdefault("KEY_FUNCTION", "portal.cache.make_key")
# A fixed namespace instead (no query for it), where every process knows it is alone with
# its database.
CACHE_NAMESPACE = env("CACHE_NAMESPACE", default="")

# The read API (api/): calls allowed per personal key (or session user) and window,
# "<calls>/<seconds>"; past it 429 with Retry-After.
API_RATE_LIMIT = env("API_RATE_LIMIT", default="600/60")

# LBF's audit (tilsyn): thresholds of the compliance rules (tilsyn/rules.py). The co-financing
# minimum is data: Bevillingsperiode.min_medfinansiering_pct per funding round.
COMPLIANCE_DELAFTALE_MAX_ALDER_DAGE = env.int("COMPLIANCE_DELAFTALE_MAX_ALDER_DAGE", default=365)
COMPLIANCE_MIN_BESTYRELSESMOEDER_PR_AAR = env.int("COMPLIANCE_MIN_BESTYRELSESMOEDER_PR_AAR", default=3)
COMPLIANCE_LEDELSESNIVEAUER = env.list("COMPLIANCE_LEDELSESNIVEAUER", default=["direktoer", "chef"])
COMPLIANCE_PLANPERIODE_AAR = env.int("COMPLIANCE_PLANPERIODE_AAR", default=4)
COMPLIANCE_PLANPERIODE_TOLERANCE_DAGE = env.int("COMPLIANCE_PLANPERIODE_TOLERANCE_DAGE", default=31)
# A plan may start up to this many years after its funding round's last year.
COMPLIANCE_START_EFTER_RUNDE_AAR = env.int("COMPLIANCE_START_EFTER_RUNDE_AAR", default=1)
# Exports with more rows than this run as a background job with a download link.
TILSYN_EKSPORT_MAX_DIREKTE_RAEKKER = env.int("TILSYN_EKSPORT_MAX_DIREKTE_RAEKKER", default=5000)

# Roles: LBF staff are members of this group.
LBF_GROUP_NAME = "Landsbyggefonden"

# The accessibility statement (/hjaelp/tilgaengelighed/, webtilgængelighedsloven): who to
# write to about a barrier, and the day the statement was last reviewed (ISO date).
ACCESSIBILITY_CONTACT = env("ACCESSIBILITY_CONTACT", default="tilgaengelighed@boligsocialportal.dk")
ACCESSIBILITY_STATEMENT_DATE = datetime.date.fromisoformat(
    env("ACCESSIBILITY_STATEMENT_DATE", default="2026-12-03")
)

# --- Logging and request ids (portal/requestid.py) -------------------------------------------
# Every request gets an X-Request-ID (a sane incoming one is kept) that every log record
# carries; one access line per request (portal.access). LOG_FORMAT=json writes one JSON object
# per line (the default in prod.py), "text" a readable line (dev and test).
MIDDLEWARE.insert(0, "portal.requestid.RequestIdMiddleware")  # outermost: times everything
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
# Celery workers log through this LOGGING too (task_id and task_name on each record).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# --- end logging ------------------------------------------------------------------------------

# Meeting papers: size limit per uploaded file (types are checked by content in the service).
BILAG_MAX_BYTES = env.int("BILAG_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# The municipal departments (Forvaltning.Omraade) a board should include when the plan
# has goals in an indsatsområde (by its code). Used by the board-composition check.
FORVALTNINGER_PR_INDSATSOMRAADE = {
    "tryghed-og-trivsel": ["social", "kultur_fritid"],
    "kriminalpraeventiv-indsats": ["boern_unge", "social"],
    "uddannelse-og-beskaeftigelse": ["beskaeftigelse", "skole"],
    "forebyggelse-og-foraeldreansvar": ["familie", "boern_unge", "sundhed"],
}

# --- Backups and personal data (GDPR) --------------------------------------------------------
# Where `make backup` writes pg_dump files (gitignored); BACKUP_FILE= overrides per run.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
# Retention (persondata/retention.py, nightly task portal.retention): login-attempt records
# (django-axes), the raw rows of finished imports and finished export files are deleted
# after this many days. Expired sessions are deleted every night.
RETENTION_LOGIN_DAYS = env.int("RETENTION_LOGIN_DAYS", default=90)
RETENTION_IMPORT_DAYS = env.int("RETENTION_IMPORT_DAYS", default=180)
RETENTION_EXPORT_DAYS = env.int("RETENTION_EXPORT_DAYS", default=30)
CELERY_BEAT_SCHEDULE["portal-retention-nightly"] = {
    "task": "portal.retention",
    "schedule": crontab(hour=3, minute=45),
}

# --- Notifications (notifikationer/) ------------------------------------------------------------
# Links in mails are absolute: SITE_URL is where users reach the portal.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Boligsocial Portal <noreply@example.org>")
# Time-based notices (deadlines, meeting digests, LBF's queue) and the daily digests, once a day.
CELERY_BEAT_SCHEDULE["notifikationer-send-daily"] = {
    "task": "notifikationer.send_daily",
    "schedule": crontab(hour=6, minute=30),
}
