"""Processes that fault tests start, stop and kill themselves: a private redis-server, a
Celery worker, a PostgreSQL cluster, on free loopback ports. Every wait is bounded."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(
    predicate: Callable[[], object], timeout: float, interval: float = 0.1, what: str = ""
) -> float:
    """Poll until ``predicate()`` is truthy; return the seconds it took. Fails after ``timeout``."""
    started = time.monotonic()
    while True:
        try:
            if predicate():
                return time.monotonic() - started
        except Exception:  # noqa: S110 - a service that is still starting may raise; keep polling
            pass
        if time.monotonic() - started > timeout:
            raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what or predicate}")
        time.sleep(interval)


def stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Stop a process this test started (never anything else); kill it if it lingers."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


# --- Redis -----------------------------------------------------------------------------------


def redis_server_binary() -> str | None:
    return shutil.which("redis-server")


def start_redis(port: int, workdir: Path) -> subprocess.Popen:
    """A throw-away redis-server (no persistence) on 127.0.0.1:port."""
    process = subprocess.Popen(
        [
            redis_server_binary() or "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: redis_ping(port), 15, what=f"redis-server on port {port}")
    except AssertionError:
        stop(process)
        raise
    return process


def redis_ping(port: int) -> bool:
    import redis

    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        return bool(client.ping())
    finally:
        client.close()


# --- Celery worker ---------------------------------------------------------------------------


def worker_database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker(
    broker: str, log_path: Path, *, beat: bool = False, env: dict | None = None
) -> subprocess.Popen:
    """A prefork worker (one child: time limits and SIGKILL need a pool process) on the
    test database and a private broker."""
    full_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DJANGO_DEBUG": "0",
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "DATABASE_URL": worker_database_url(),
        **(env or {}),
    }
    full_env.pop("CACHE_URL", None)
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "portal",
        "worker",
        "--pool=prefork",
        "--concurrency=1",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=INFO",
        "-n",
        f"faults-{os.getpid()}-{time.monotonic_ns()}@%h",
    ]
    if beat:
        command += ["-B", "--schedule", str(log_path.with_suffix(".schedule"))]
    log = log_path.open("w")
    process = subprocess.Popen(command, cwd=BASE_DIR, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    return process


def children(pid: int) -> list[int]:
    """The direct children of a process (here: the worker's pool processes)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may contain spaces, so split after the last ")".
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def pool_child(worker: subprocess.Popen) -> int:
    """The one pool process of a --concurrency=1 prefork worker started without beat."""
    kids = children(worker.pid)
    if len(kids) != 1:
        raise AssertionError(f"expected one pool process of {worker.pid}, found {kids}")
    return kids[0]


def redis_queue_empty(port: int) -> bool:
    """No task message waiting or delivered-but-unacknowledged on the private broker."""
    import redis

    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1, socket_timeout=1)
    try:
        return client.llen("celery") == 0 and client.hlen("unacked") == 0
    finally:
        client.close()


# --- PostgreSQL ------------------------------------------------------------------------------


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def as_postgres(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class Cluster:
    """A PostgreSQL cluster of the test's own in a temporary directory, on a free port,
    controlled only through pg_ctl on its own data directory."""

    def __init__(self, root: Path, port: int) -> None:
        self.bin = postgres_bin()
        self.root = root
        self.data = root / "data"
        self.port = port
        self.log = root / "postgres.log"

    def _run(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(
            as_postgres([str(self.bin / args[0]), *args[1:]]),
            check=True,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "-N")

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c synchronous_commit=off"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def cleanup(self) -> None:
        """Stop the cluster however it is; as a last resort kill its own postmaster (the pid in
        its own data directory), never any other PostgreSQL."""
        if not self.running():
            return
        try:
            self.stop("immediate")
        except (subprocess.SubprocessError, OSError):
            try:
                pid = int((self.data / "postmaster.pid").read_text().split()[0])
                os.kill(pid, signal.SIGKILL)
            except (OSError, ValueError, IndexError):
                pass

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"
