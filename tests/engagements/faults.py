"""Real faults for the outage tests: a Redis of our own to stop and start, a Celery
worker to SIGKILL, and a TCP proxy in front of PostgreSQL to cut.

Nothing here touches the shared PostgreSQL or Redis: the Redis runs on a port of
this test run's own (6390, 6391 for a second xdist worker), and the database is cut
at the proxy (5450, 5451) that the worker reaches it through, while the shared
server keeps running.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import kombu.pools
from django.conf import settings
from django.db import connection

from diplomacy.celery import app
from tests.conftest import require_service

# One port of each per pytest-xdist worker (gw0, gw1: `make test` runs two), so
# fault tests running side by side never stop each other's Redis.
_WORKER_INDEX = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_PORT = 6390 + _WORKER_INDEX
PROXY_PORT = 5450 + _WORKER_INDEX


@contextlib.contextmanager
def publishing_to(broker_url: str, queue: str | None = None):
    """Queue this process's tasks onto ``broker_url`` for real (not in-process)."""
    old = (app.conf.broker_url, app.conf.task_default_queue, app.conf.task_always_eager)
    old_environ = os.environ.get("CELERY_BROKER_URL")
    _forget_connections()
    # Celery reads the broker from the environment before its own settings.
    os.environ["CELERY_BROKER_URL"] = broker_url
    app.conf.broker_url = broker_url
    app.conf.task_default_queue = queue or old[1]
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        _forget_connections()
        app.conf.broker_url, app.conf.task_default_queue, app.conf.task_always_eager = old
        if old_environ is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = old_environ


def _forget_connections():
    # Each test's Redis is new on the same port: no connection to an old one may be reused.
    kombu.pools.reset()
    app._pool = None
    with contextlib.suppress(AttributeError, KeyError):
        app.__dict__["amqp"]._producer_pool = None


def _port_answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class OwnRedis:
    """A throwaway redis-server on a port of our own, stopped and started at will."""

    def __init__(self, port: int = REDIS_PORT):
        if not shutil.which("redis-server"):
            require_service("the fault tests need redis-server to run a Redis of their own")
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self):
        if _port_answers(self.port):
            raise RuntimeError(f"port {self.port} is taken: another Redis would be stopped")
        self.process = subprocess.Popen(
            [
                "redis-server",
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--loglevel", "warning"),
            ],
            stdout=subprocess.DEVNULL,
        )
        _wait(lambda: _port_answers(self.port), "Redis did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def database_url(port: int | None = None) -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{port or db['PORT'] or 5432}/{db['NAME']}"
    )


class Worker:
    """A real Celery worker process (solo pool) on our Redis, reading the test database."""

    def __init__(self, broker_url: str, db_url: str, queue: str, **env):
        self.queue = queue
        self.name = f"{queue}@{os.uname().nodename}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "diplomacy.settings.local",
            "DATABASE_URL": db_url,
            "CELERY_BROKER_URL": broker_url,
            "CELERY_RESULT_BACKEND": broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "DEBUG": "false",
            **env,
        }
        self.process = None
        # Kept open for the worker's life; removed by the system when closed.
        self.output = tempfile.TemporaryFile()  # noqa: SIM115

    def start(self, *, wait: bool = True):
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", "diplomacy", "worker", "--pool=solo"),
                *("--loglevel=INFO", "-Q", self.queue, "-n", f"{self.queue}@%h"),
                *("--without-gossip", "--without-mingle", "--without-heartbeat"),
            ],
            env=self.env,
            cwd=settings.BASE_DIR,
            # A file, not a pipe: a worker whose pipe nobody reads blocks once it fills.
            stdout=self.output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if wait:
            _wait(
                lambda: (
                    self.process.poll() is not None
                    or app.control.ping(destination=[self.name], timeout=1)
                ),
                "the Celery worker did not become ready",
                timeout=60,
            )
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited:\n{self.log()}")

    def kill(self):
        """SIGKILL: no warm shutdown, nothing acknowledged or handed back."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def log(self) -> str:
        """Everything the worker printed so far."""
        self.output.seek(0)
        return self.output.read().decode(errors="replace")


def new_queue() -> str:
    return f"faults-{uuid.uuid4().hex[:12]}"


class DatabaseProxy:
    """A TCP proxy in front of PostgreSQL; ``cut()`` makes the database unreachable.

    Cutting closes every open connection and refuses new ones, as a database
    restart does, for whoever connects through the proxy (the worker) only.
    """

    def __init__(self, port: int = PROXY_PORT):
        db = connection.settings_dict
        self.upstream = (db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
        self.port = port
        self.listener = None
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(32)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self):
        listener, self.listener = self.listener, None
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def stop(self):
        if self.listener:
            self.cut()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self.lock:
                self.sockets.update((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            with self.lock:
                for sock in (source, target):
                    self.sockets.discard(sock)
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
                    sock.close()


def _wait(predicate, message, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise RuntimeError(message)
