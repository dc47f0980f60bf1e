"""Production: refuses to start without a real secret key and hosts."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, SECRET_KEY, env

DEBUG = False
PRODUCTION = True

if not SECRET_KEY or SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 40 characters in production."
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

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=3600)
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
