"""Production mode refuses to start with development secrets."""

import os
import subprocess
import sys

from django.conf import settings


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
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="desk.example.org",
        CACHE_URL="rediscache://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stderr


def test_static_files_collect_under_production_settings(tmp_path):
    """The manifest storage refuses a file that names one we don't ship (a source map):
    without a manifest, every page of a production install is a 500."""
    collect = (
        "import django; django.setup();"
        "from django.conf import settings; from django.core.management import call_command;"
        f"settings.STATIC_ROOT = {str(tmp_path)!r};"
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", collect],
        env={
            **{k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "CACHE_URL")},
            "DJANGO_SETTINGS_MODULE": "diplomacy.settings.production",
            "SECRET_KEY": "k" * 50,
            "ALLOWED_HOSTS": "desk.example.org",
            "CACHE_URL": "rediscache://127.0.0.1:6379/1",  # named, never reached here
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()
