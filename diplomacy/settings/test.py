"""Fast, deterministic settings for the test suite.

The service-backed run (CI's second pass) keeps DATABASE_URL and
CELERY_BROKER_URL from the environment; tests that need a real worker start
one themselves and are skipped, or fail under REQUIRE_SERVICES=1, without them.
"""

import atexit
import shutil
import tempfile

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, env

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# In-process tasks for ordinary tests, whatever broker the run points at; the
# worker tests queue onto the real broker explicitly.
CELERY_REAL_BROKER_URL = CELERY_BROKER_URL
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
REQUIRE_SERVICES = env.bool("REQUIRE_SERVICES", default=False)
AXES_ENABLED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Export jobs' files go to a directory of this run's own; a real worker is given the same one.
MEDIA_ROOT = env.str("MEDIA_ROOT", default="")
if not MEDIA_ROOT:
    MEDIA_ROOT = tempfile.mkdtemp(prefix="diplomacy-test-media-")
    atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
