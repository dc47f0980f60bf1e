"""Personas shared by every test: an editor and a viewer of Los Angeles, an
editor of Seattle, and a site admin. Every page test checks access with them."""

import os

import pytest
from django.conf import settings

from cities.choices import StaffRole
from tests.factories import (
    CityFactory,
    ParticipatingCityFactory,
    StaffMemberFactory,
    UserFactory,
)


def pytest_collection_modifyitems(items):
    """Every transactional test (live server, real worker) rolls back serialized.

    A transactional test ends by flushing the database; unless it rolls back
    serialized, that flush re-creates the content types, and the next test that
    does roll back serialized then collides with them when it reloads its data.
    """
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None or "django_db_serialized_rollback" in names:
            continue
        marker = item.get_closest_marker("django_db")
        transactional = bool(marker and marker.kwargs.get("transaction")) or any(
            name in names for name in ("transactional_db", "live_server")
        )
        if transactional and not (marker and "serialized_rollback" in marker.kwargs):
            names.append("django_db_serialized_rollback")


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The Spanish pages need locale/*.mo, built from the .po files (``make messages``)
    and not committed: a fresh clone tested without make gets them here."""
    from pathlib import Path

    from django.core.management import call_command

    for po in Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            call_command("compilemessages", locale=[po.parent.parent.name], verbosity=0)


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in Spanish leaves Spanish active in the thread (LocaleMiddleware
    activates a language and nothing deactivates it): the next test, one that
    renders without a request above all, starts in the default language again."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the in-process cache outlives each
    test's database, and a page cached by one test must not answer another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Refill the reference data that the migrations load (SDG framework, topics).

    A transactional test (live server, real worker) ends by flushing every
    table, migration-loaded rows included; the tests after it need them back.
    """
    uses_db = request.node.get_closest_marker("django_db") or any(
        name in request.fixturenames for name in ("db", "transactional_db")
    )
    if not uses_db:
        return
    import importlib

    request.getfixturevalue("_django_db_helper")  # the database, as the test asked for it

    from django.apps import apps

    from cities.models import SdgGoal
    from engagements.models import Topic

    if not SdgGoal.objects.exists():
        importlib.import_module("cities.migrations.0002_load_sdg_framework").load(apps, None)
    if not Topic.objects.exists():
        importlib.import_module("engagements.migrations.0002_load_topics").load(apps, None)


@pytest.fixture
def los_angeles(db):
    return ParticipatingCityFactory(
        city=CityFactory(name="Los Angeles", country="US", region="California"),
        slug="los-angeles",
    )


@pytest.fixture
def seattle(db):
    return ParticipatingCityFactory(
        city=CityFactory(name="Seattle", country="US", region="Washington"), slug="seattle"
    )


@pytest.fixture
def editor(los_angeles):
    return StaffMemberFactory(
        user=UserFactory(username="la-editor"), city=los_angeles, role=StaffRole.EDITOR
    ).user


@pytest.fixture
def viewer(los_angeles):
    return StaffMemberFactory(
        user=UserFactory(username="la-viewer"), city=los_angeles, role=StaffRole.VIEWER
    ).user


@pytest.fixture
def other_editor(seattle):
    return StaffMemberFactory(
        user=UserFactory(username="seattle-editor"), city=seattle, role=StaffRole.EDITOR
    ).user


@pytest.fixture
def site_admin(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def other_client(client, other_editor):
    client.force_login(other_editor)
    return client


@pytest.fixture
def admin_client_(client, site_admin):
    client.force_login(site_admin)
    return client


def require_service(reason: str):
    """Skip a test whose service is missing, or fail it when CI demands services."""
    if settings.REQUIRE_SERVICES or os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture
def celery_worker_process(transactional_db):
    """A real Celery worker process on the real broker, reading the test database.

    Only in the service-backed run (PostgreSQL + Redis): SQLite's test database
    lives in this process's memory, where no other process can read it.
    """
    import subprocess
    import time
    import uuid

    from django.db import connection

    from demo.benchmark.load import worker_command
    from diplomacy.celery import app

    broker = getattr(settings, "CELERY_REAL_BROKER_URL", "")
    if connection.vendor != "postgresql" or not broker:
        require_service("a real worker needs DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL")

    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "diplomacy.settings.local",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),  # the files it writes, where the test reads
        "DEBUG": "false",
    }
    worker = subprocess.Popen(
        worker_command(queue, loglevel="INFO"),
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    old = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                pytest.fail(f"Celery worker exited early:\n{worker.stdout.read()}")
            if app.control.ping(destination=[f"{queue}@{os.uname().nodename}"], timeout=1):
                break
        else:
            pytest.fail("Celery worker did not become ready within 60 s")
        yield worker
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = old
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        # The worker holds connections to the test database; they must be gone
        # before pytest-django drops it.
        connection.close()


def wait_for(predicate, timeout=30.0, interval=0.2):
    """Poll until ``predicate()`` is truthy (for results written by another process)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    if not os.path.exists(CHROMIUM):
        require_service(f"browser tests need Debian's chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # that tests make around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A browser tab; any Content-Security-Policy violation it reports fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text} {message.location}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not violations, "The page broke its Content-Security-Policy:\n" + "\n".join(violations)


def log_in(page, live_server, username, password="secret-pass-123"):
    """Log in through the real login form."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("networkidle")
