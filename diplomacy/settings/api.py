"""REST API, OpenAPI schema and interop settings, imported at the end of ``base``.

Scripts authenticate with a per-user token (``Authorization: Token …``), the
browser with its session. Every endpoint needs a signed-in user; which records
they reach and whether they may change them is decided by
``cities.api.permissions`` through the same scoping door as the pages.
"""

import environ

_env = environ.Env()

REST_FRAMEWORK = {
    # Token first, so an anonymous request is answered 401 with a
    # WWW-Authenticate header rather than a bare 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # JSON first (a nested body too deep to read is a 400), then the forms DRF reads by default.
    "DEFAULT_PARSER_CLASSES": [
        "cities.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "cities.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "cities.api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Diplomacy Desk API",
    "DESCRIPTION": (
        "The international work of city governments: partners, engagements, "
        "delegations, sister-city ties, commitments and reports. Every record "
        "belongs to one participating city; another city's records answer 404."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from our own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Files of at least this many rows are previewed and imported by a Celery job.
IMPORT_ASYNC_ROW_THRESHOLD = _env.int("IMPORT_ASYNC_ROW_THRESHOLD", default=2000)
# Uploads larger than this are refused before they are read.
IMPORT_MAX_UPLOAD_BYTES = _env.int("IMPORT_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
# An import holds at most this many rows; an XLSX may expand to at most this many
# bytes and cells when opened (checked from its zip directory, before parsing).
IMPORT_MAX_ROWS = _env.int("IMPORT_MAX_ROWS", default=50_000)
IMPORT_MAX_XLSX_EXPANDED_BYTES = _env.int("IMPORT_MAX_XLSX_EXPANDED_BYTES", default=200_000_000)
IMPORT_MAX_CELLS = _env.int("IMPORT_MAX_CELLS", default=2_000_000)
# A list export of at most this many rows streams in the request (well within
# gunicorn's 30 s timeout); a larger one is written by a Celery job and
# downloaded from its page (engagements/exports.py).
EXPORT_STREAM_MAX_ROWS = _env.int("EXPORT_STREAM_MAX_ROWS", default=50_000)
# A workbook is written whole before its first byte is sent, at about half the
# CSV's rows a second: it is a job from fewer rows (the lower of the two limits).
EXPORT_XLSX_STREAM_MAX_ROWS = _env.int("EXPORT_XLSX_STREAM_MAX_ROWS", default=20_000)
if min(EXPORT_STREAM_MAX_ROWS, EXPORT_XLSX_STREAM_MAX_ROWS) < 0:
    raise ValueError(
        "EXPORT_STREAM_MAX_ROWS and EXPORT_XLSX_STREAM_MAX_ROWS must be 0 or more"
        " (0: every export is a job)."
    )
# An export job's file is deleted this many days after it was written.
EXPORT_RETENTION_DAYS = _env.int("EXPORT_RETENTION_DAYS", default=7)
# How long an API client's Idempotency-Key is remembered (a retried create answers
# as the first did, creating nothing new), in seconds.
IDEMPOTENCY_KEY_TTL = _env.int("IDEMPOTENCY_KEY_TTL", default=24 * 3600)
