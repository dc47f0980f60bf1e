"""The benchmark's server: production settings, plus the floor views of bench_urls.

Two differences, both outside what a page costs: plain HTTP (the benchmark talks
to gunicorn directly, where production sits behind a TLS proxy), and static files
by name rather than from collectstatic's manifest (the benchmark fetches no
static file, and collecting them would add a minute to every run).
"""

from .production import *  # noqa: F403
from .production import STORAGES

ROOT_URLCONF = "diplomacy.bench_urls"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
