"""Production: refuses to start without a real secret key and hosts."""

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, SECRET_KEY, env

DEBUG = False
PRODUCTION = True

# The same bar as Django's own deploy check (security.W009): 50 characters, 5 distinct.
if (
    not SECRET_KEY
    or SECRET_KEY.startswith(("dev-only", "django-insecure-"))
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Several web processes must share one cache (double-submit tokens, throttling):
# Redis, on the broker's server unless CACHE_URL says otherwise.
if "CACHE_URL" in env:
    CACHES = {"default": env.cache_url("CACHE_URL")}
elif CELERY_BROKER_URL.startswith("redis://"):
    CACHES = {
        "default": env.cache_url_config(CELERY_BROKER_URL.replace("redis://", "rediscache://", 1))
    }
else:
    raise ImproperlyConfigured("Set CACHE_URL (e.g. rediscache://host:6379/1) in production.")
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that does not answer fails a cache call in a second, not a request
    # in thirty: every cache use fails open (the double-submit guard).
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 1, "socket_timeout": 1}
    )

# Sessions stay in the database alone (one query a page): Django's cached_db
# store raises on sign-out while the cache is down, and the session it could
# not delete from the cache would sign the user in again once the cache is back.

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Probes (load balancer, orchestrator) reach the process directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live|/ready)?$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# A year, subdomains included, and eligible for the browsers' preload list.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Source maps are fetched only by a developer's tools: serving them uncompressed
# saves most of collectstatic's time (Brotli on 6 MB of maps).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
