"""gunicorn with production settings, and the HTTP load the benchmark puts on it."""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The URL of the database this process uses, for the server to use the same one."""
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def server_env(*, broker_url: str, secret_key: str, **extra: str) -> dict:
    """The environment of the benchmark's server processes (gunicorn and the worker):
    production settings on this process's database. ``extra`` adds variables
    (a queue of their own, where files go, the export limit)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "diplomacy.settings.bench",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": HOST,
        "DEBUG": "false",
        **extra,
    }


@contextmanager
def gunicorn(*, workers: int = 2, env: dict):
    """gunicorn's default sync workers and timeout, on a free port, with ``server_env``."""
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "diplomacy.wsgi:application",
        f"--workers={workers}",
        f"--bind={HOST}:{port}",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(port, "/bench/hello").status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start; see its output above")
            time.sleep(0.3)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def worker_command(queue: str, *, loglevel: str, quiet: bool = False) -> list[str]:
    """A Celery worker (solo pool) of the project's app serving ``queue`` alone, named
    after it: the benchmark's and the service-backed tests' own worker."""
    return [
        sys.executable,
        "-m",
        "celery",
        *(["--quiet"] if quiet else []),  # no banner; warnings still show
        "-A",
        "diplomacy",
        "worker",
        "--pool=solo",
        f"--loglevel={loglevel}",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]


@contextmanager
def celery_worker(*, env: dict):
    """One Celery worker process (solo pool) on ``env``'s queue, as production runs them."""
    queue = env["CELERY_TASK_DEFAULT_QUEUE"]
    command = worker_command(queue, loglevel="WARNING", quiet=True)
    worker = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)
    try:
        from engagements.tasks import run_export_job

        app = run_export_job.app  # the project's Celery app, on the same broker
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[f"{queue}@{socket.gethostname()}"], timeout=1):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Celery worker did not start; see its output above")
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


@dataclass
class Answer:
    status: int
    size: int
    body: bytes = b""
    cut: bool = False
    location: str = ""


def get(port: int, path: str, headers=None, *, keep_body=False, timeout=300) -> Answer:
    client = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        client.request("GET", path, headers={"Host": HOST, **(headers or {})})
        response = client.getresponse()
        try:
            body, cut = response.read(), False
        except http.client.IncompleteRead as error:  # the server stopped mid-stream
            body, cut = error.partial, True
        location = response.getheader("Location", "")
        return Answer(response.status, len(body), body if keep_body else b"", cut, location)
    finally:
        client.close()


@dataclass
class Measure:
    p50_ms: float
    throughput: float  # requests a second at `concurrency` connections
    status: int
    failures: int = 0  # requests the server dropped (a worker killed at its timeout)


def attempt(port, path, headers) -> bool:
    try:
        return get(port, path, headers).status < 500
    except (OSError, http.client.HTTPException):
        return False


def measure(
    port: int, path: str, headers: dict, *, requests: int, seconds: float, concurrency: int
):
    """p50 latency at one connection, then throughput at ``concurrency`` for ``seconds``."""
    first = get(port, path, headers)  # warms the server's caches, and checks the page answers
    samples, failures = [], 0
    for _ in range(requests):
        started = time.perf_counter()
        failures += not attempt(port, path, headers)
        samples.append((time.perf_counter() - started) * 1000)
    stop = time.monotonic() + seconds

    def hammer(_):
        done = failed = 0
        while time.monotonic() < stop:
            ok = attempt(port, path, headers)
            done += ok
            failed += not ok
        return done, failed

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        outcomes = list(pool.map(hammer, range(concurrency)))
    elapsed = time.monotonic() - started
    failures += sum(failed for _, failed in outcomes)
    done = sum(ok for ok, _ in outcomes)
    return Measure(statistics.median(samples), done / elapsed, first.status, failures)
