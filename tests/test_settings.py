"""Production mode refuses to start with development secrets."""

import os
import subprocess
import sys

from django.conf import settings

# A key of the shape production accepts (50+ characters, not a repeated one).
PRODUCTION_KEY = "production-smoke-test-key-0123456789-abcdefghijklmnopq"


def run_production(**env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **{k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "CACHE_URL")},
            "DJANGO_SETTINGS_MODULE": "diplomacy.settings.production",
            **env,
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = run_production(ALLOWED_HOSTS="desk.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret_key_hosts_and_a_shared_cache():
    result = run_production(
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="desk.example.org",
        CACHE_URL="rediscache://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr


# Collecting the static files and serving pages with them: tests/test_production.py.
