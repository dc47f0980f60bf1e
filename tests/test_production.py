"""The production smoke test: the app as shipped, started the documented way.

``bin/start release`` (migrate, collectstatic with the manifest storage) and
``bin/start web`` (gunicorn) run under ``diplomacy.settings.production`` with
DEBUG off, behind a pretend TLS proxy (``X-Forwarded-Proto: https``); the login
page and a logged-in dashboard are served with every static file resolved, the
deploy checks pass with no warning and every page carries a strict policy.
SQLite and a file cache keep it self-contained, so it runs in every CI pass.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings

from tests.test_settings import PRODUCTION_KEY

BASE_DIR = Path(settings.BASE_DIR)
STATIC_LINK = re.compile(r'(?:src|href)="(/static/[^"]+)"')
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.(?:css|js)$")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def production(tmp_path_factory):
    """A production installation: its environment and a gunicorn serving it."""
    root = tmp_path_factory.mktemp("production")
    port = _free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE would fail the deploy check.
            if k
            not in (
                "DATABASE_URL",
                "CELERY_BROKER_URL",
                "CACHE_URL",
                "DEBUG",
                "DJANGO_ALLOW_ASYNC_UNSAFE",
            )
            and not k.startswith("PYTEST")
        },
        "DJANGO_SETTINGS_MODULE": "diplomacy.settings.production",
        "SECRET_KEY": PRODUCTION_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
        "CACHE_URL": f"filecache://{root / 'cache'}",
        "STATIC_ROOT": str(root / "static"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }

    def run(*args):
        result = subprocess.run(
            args, env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
        return result

    run("bin/start", "release")
    run(
        sys.executable,
        "manage.py",
        "shell",
        "-c",
        "from tests.factories import CityFactory, ParticipatingCityFactory, StaffMemberFactory;"
        "city = ParticipatingCityFactory(city=CityFactory(name='Los Angeles', country='US'));"
        "StaffMemberFactory(user__username='la-editor', city=city)",
    )
    log = (root / "gunicorn.log").open("w")
    server = subprocess.Popen(
        ["bin/start", "web"],
        env=env,
        cwd=BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz/live", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("gunicorn did not start:\n" + (root / "gunicorn.log").read_text())
                time.sleep(0.3)
        yield {"base": base, "env": env, "run": run, "root": root}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


class Browser:
    """Just enough of a browser behind a TLS proxy: cookies, CSRF referer, no redirects."""

    def __init__(self, base):
        self.base = base
        self.cookies = SimpleCookie()

    def request(self, path, data=None):
        # The page as the browser saw it, over the proxy's https (CSRF checks the referer).
        referer = "https://" + self.base.removeprefix("http://") + path
        headers = {"X-Forwarded-Proto": "https", "Referer": referer}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        return response.status, response.headers, response.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _assert_strict_policy(headers):
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy, policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, policy


def _assert_static_files_resolve(browser, page):
    links = STATIC_LINK.findall(page)
    assert links, "the page links no static file"
    for link in links:
        assert HASHED_NAME.search(link), f"{link} is not a manifest (hashed) name"
        status, _, _ = browser.request(link)
        assert status == 200, link


def _the_login_page_is_served_with_debug_off(production):
    browser = Browser(production["base"])

    status, headers, page = browser.request("/login/")

    assert status == 200
    assert "Log in" in page
    _assert_strict_policy(headers)
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    _assert_static_files_resolve(browser, page)
    # DEBUG off: an unknown page is the plain 404, not Django's debug page.
    status, _, page = browser.request("/no-such-page/")
    assert status == 404 and "URLconf" not in page


def _a_logged_in_dashboard_is_served_with_its_static_files(production):
    browser = Browser(production["base"])
    browser.request("/login/")
    token = browser.cookies["csrftoken"].value

    status, headers, _ = browser.request(
        "/login/",
        {"username": "la-editor", "password": "secret-pass-123", "csrfmiddlewaretoken": token},
    )
    assert status == 302, headers
    status, headers, page = browser.request("/dashboard/")

    assert status == 200
    assert "Los Angeles" in page
    _assert_strict_policy(headers)
    _assert_static_files_resolve(browser, page)
    assert "/static/vendor/chartjs/chart.umd.min." in page


def _the_health_checks_answer(production):
    browser = Browser(production["base"])
    assert browser.request("/healthz/live")[0] == 200
    status, _, body = browser.request("/healthz/ready")
    assert status == 200, body


def _the_deploy_checks_find_nothing_to_warn_about(production):
    result = production["run"](
        sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert "System check identified no issues (0 silenced)." in result.stdout + result.stderr


def test_the_app_as_shipped_serves_pages_through_gunicorn_with_debug_off(production):
    """One test, so the parallel run collects the static files once."""
    _the_login_page_is_served_with_debug_off(production)
    _a_logged_in_dashboard_is_served_with_its_static_files(production)
    _the_health_checks_answer(production)
    _the_deploy_checks_find_nothing_to_warn_about(production)
