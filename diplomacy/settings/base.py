"""Settings shared by every mode, read from the environment (django-environ).

Unset variables fall back to safe development defaults: a SQLite file in the
project and Celery tasks run in-process, so a fresh machine needs no server.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
# True only in diplomacy.settings.production; seed_demo refuses to run there.
PRODUCTION = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "django_filters",
    "simple_history",
    "axes",
    "django_celery_beat",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "csp",
    "cities",
    "engagements",
    "missions",
    "visits",
    "reviews",
    "transparency",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language chosen with /i18n/setlang/, else the browser's (English or Spanish).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "diplomacy.middleware.RejectNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in user's saved language, their city's date formats and time zone.
    "cities.middleware.UserLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes goes last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "diplomacy.urls"
WSGI_APPLICATION = "diplomacy.wsgi.application"
ASGI_APPLICATION = "diplomacy.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cities.context_processors.staff_city",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# DATABASE_URL unset: the embedded SQLite file. Set: PostgreSQL via psycopg 3.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Opening a PostgreSQL connection per request cut a simple page's
    # throughput by 7-8x when measured; keep connections and check them.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's default cost of a random page read (4) assumes spinning disks;
    # with the working set in memory or on SSD it picked a hash join over every
    # delegation (32 ms) to refresh one month of a city's report instead of an
    # index lookup per engagement (9 ms). 1.1 is the usual setting for SSDs.
    # Leave POSTGRES_RANDOM_PAGE_COST empty where the server sets it, or behind a
    # pooler that refuses startup options (PgBouncer).
    if random_page_cost := env.str("POSTGRES_RANDOM_PAGE_COST", default="1.1"):
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            f"-c random_page_cost={float(random_page_cost)}"
        )
    INSTALLED_APPS.append("django.contrib.postgres")
else:
    # SQLite: wait for a writer instead of failing at once, and use WAL so
    # readers never block on the Celery worker writing reports.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # The model backend, loading the user with their city in the same query.
    "cities.backends.StaffBackend",
    # Only for sessions signed in before StaffBackend: a session names its backend,
    # and one not listed here is signed out. It authenticates nobody StaffBackend
    # refused (the same checks), at the cost of a second password hash on a failure.
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Staff invitations (set-password links) go out through Django's email backends:
# EMAIL_URL such as smtp+tls://user:password@smtp.example.org:587; printed by default.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Diplomacy Desk <noreply@localhost>")

LANGUAGE_CODE = "en-us"
# The public visit-request page, its emails and briefing packs speak both.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Day-first English, month-first U.S. English and Spanish dates (a city's pages
# use its country's: "en-us" in Los Angeles); read before Django's own formats.
FORMAT_MODULE_PATH = ["diplomacy.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files the app writes (export jobs' files); never served as static files: each
# is downloaded through a view that checks who asked for it.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://"),
}
# How long a city's public page and open data are served from the cache.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=300)
# How long a dashboard's rendered figures stay in the cache. Never stale: their key
# changes when a report is rebuilt; this only bounds what superseded entries hold.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=6 * 3600)
# How long a list's rendered filter panel is reused for the same city, language and
# filters: a staff member or topic added meanwhile shows in its choices this late.
FILTER_PANEL_CACHE_SECONDS = env.int("FILTER_PANEL_CACHE_SECONDS", default=60)

# --- Celery ---------------------------------------------------------------
# CELERY_BROKER_URL unset: tasks run in-process (eager), nothing else to run.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="diplomacy")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis keeps a task a dead worker had taken (acks late) until this many seconds
# pass, then hands it to another worker. Longer than any task runs or waits for
# a retry (2 minutes at most); refreshes do not wait for it (the sweeper).
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=900)
# A web process queues after commit and must not hang on a broker that is down:
# short timeouts and one quick retry, then the write answers and the sweeper
# (REPORT_REFRESH_RESEND_AFTER) queues what was missed.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {
        "max_retries": 2,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
    }
}
# Pending report refreshes older than this are queued again by the sweeper (beat, every minute).
REPORT_REFRESH_RESEND_AFTER = env.int("REPORT_REFRESH_RESEND_AFTER", default=60)

# --- Login throttling (django-axes) ---------------------------------------
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out user may try again after 15 minutes
# Two separate counters: one username tried from many addresses (guessing from a
# botnet) and one address trying many usernames (password spraying) both lock.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client's address as the proxy in front of the app saw it (see diplomacy.client_ip).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "diplomacy.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"

# --- Email ------------------------------------------------------------------
# The console by default; EMAIL_URL (smtp://user:pass@host:587, with
# +tls/+ssl) sends through a real server.
if env.str("EMAIL_URL", default=""):
    globals().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Diplomacy Desk <desk@localhost>")
# The address the public pages and emails link back to (emails have no request).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- Public visit requests: abuse limits without a third-party service --------
VISIT_REQUEST_MIN_FILL_SECONDS = env.int("VISIT_REQUEST_MIN_FILL_SECONDS", default=4)
VISIT_REQUEST_MAX_FILL_SECONDS = 24 * 3600
VISIT_REQUEST_RATE_LIMIT = env.int("VISIT_REQUEST_RATE_LIMIT", default=5)  # per address
VISIT_REQUEST_RATE_WINDOW_SECONDS = 3600
# Behind a proxy, the header holding the sender's address (HTTP_X_FORWARDED_FOR):
# its last entry, which the proxy appended, is counted. Unset: REMOTE_ADDR.
VISIT_REQUEST_ADDRESS_HEADER = env.str("VISIT_REQUEST_ADDRESS_HEADER", default="")
# --- Content-Security-Policy (django-csp) ----------------------------------
# Scripts, styles, images and fonts come only from this site: no inline <script>,
# no style="…" attributes, no CDN. JavaScript may still set element.style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# A deleted engagement, partner, tie or commitment waits this long in its city's
# trash, where editors can restore it, before the daily purge removes it.
TRASH_RETENTION_DAYS = env.int("TRASH_RETENTION_DAYS", default=90)

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="diplomacy-demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

from .api import *  # noqa: E402, F403 - REST API and OpenAPI settings
