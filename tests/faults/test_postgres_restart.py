"""PostgreSQL restarts under load: gunicorn serves the portal from a cluster of the test's own
(initdb, the migrated schema; CONN_MAX_AGE 60, CONN_HEALTH_CHECKS on); a few threads request
/healthz and a logged-in page for about 20 s while the cluster is stopped and started. Errors
may occur only while it is down; from 5 s after it accepts connections again every request
succeeds. Then a quiet restart: the first requests after it find their persistent connections
dead, and the health check replaces them before use (no error at all)."""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from tests.conftest import skip_unless_available

from . import procs

pytestmark = pytest.mark.faults
LOAD_SECONDS = 20
RESTART_AT = 6
THREADS = 4
GRACE = 5.0


def _manage(*args: str, env: dict, timeout: float = 180) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=procs.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=timeout,
    ).stdout


@pytest.fixture
def cluster():
    skip_unless_available(
        procs.postgres_bin() is not None, "PostgreSQL server binaries (initdb) are not installed"
    )
    skip_unless_available(
        os.geteuid() != 0 or shutil.which("runuser") is not None,
        "runuser is needed to run initdb as postgres",
    )
    root = Path(tempfile.mkdtemp(prefix="faults-pg-"))
    pg = procs.Cluster(root, procs.free_port())
    try:
        began = time.monotonic()
        pg.init()
        pg.start()
        print(f"initdb + start {time.monotonic() - began:.1f}s")
        yield pg
    finally:
        pg.cleanup()
        shutil.rmtree(root, ignore_errors=True)


def _copy_database(source: dict, cluster: procs.Cluster, name: str) -> None:
    dump = subprocess.Popen(
        [
            str(cluster.bin / "pg_dump"),
            "--no-owner",
            "--no-privileges",
            "-h",
            source["HOST"] or "127.0.0.1",
            "-p",
            str(source["PORT"] or 5432),
            "-U",
            source["USER"],
            source["NAME"],
        ],
        stdout=subprocess.PIPE,
        env={**os.environ, "PGPASSWORD": source.get("PASSWORD") or ""},
    )
    restore = subprocess.run(
        [
            str(cluster.bin / "psql"),
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            str(cluster.port),
            "-U",
            "postgres",
            "-d",
            name,
        ],
        stdin=dump.stdout,
        stdout=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    dump.stdout.close()
    assert dump.wait(timeout=60) == 0 and restore.returncode == 0, "copying the schema failed"


@pytest.fixture
def portal_on(cluster, tmp_path, transactional_db):
    """The portal migrated into the cluster and served by gunicorn; yields (base URL, cookie)."""
    conn = psycopg2.connect(host="127.0.0.1", port=cluster.port, user="postgres", dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("CREATE DATABASE portal")
    conn.close()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": cluster.url("portal"),
        "CONN_MAX_AGE": "60",
        "CONN_HEALTH_CHECKS": os.environ.get("FAULTS_CONN_HEALTH_CHECKS", "True"),
    }
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL"):
        env.pop(name, None)
    began = time.monotonic()
    source = connection.settings_dict if connection.vendor == "postgresql" else None
    if source is not None:
        # The schema pytest-django already migrated, copied (pg_dump | psql): a migrate of its
        # own takes 30-80 s on a busy machine, the copy ~2 s. Same migrations, same tables.
        _copy_database(source, cluster, "portal")
        how = "copied from the migrated test database"
    else:
        _manage("migrate", "--noinput", "-v", "0", env=env)
        how = "migrated"
    print(f"schema {how} in {time.monotonic() - began:.1f}s")
    session = _manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; from django.contrib.sessions.backends.db import "
        "SessionStore; u = User.objects.create_user('faults', password='x'); s = SessionStore(); "
        "s['_auth_user_id'] = str(u.pk); s['_auth_user_backend'] = "
        "'django.contrib.auth.backends.ModelBackend'; s['_auth_user_hash'] = u.get_session_auth_hash(); "
        "s.create(); print(s.session_key)",
        env=env,
    ).split()[-1]
    port = procs.free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            str(THREADS),
            "--worker-class",
            "gthread",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
        ],
        cwd=procs.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    base = f"http://127.0.0.1:{port}"
    try:
        procs.wait_until(lambda: _get(base + "/healthz", "")[0] == 200, 60, what="gunicorn to serve")
        yield base, f"sessionid={session}", server
    finally:
        procs.stop(server)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (to the login page) is an answer of its own, not followed


_opener = urllib.request.build_opener(_NoRedirect)


def _get(url: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with _opener.open(request, timeout=10) as response:
            response.read()
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError as exc:
        return 0, type(exc).__name__


def test_a_postgresql_restart_under_load_errors_only_while_it_is_down(cluster, portal_on):
    base, cookie, server = portal_on
    assert _get(base + "/", cookie)[0] == 200  # logged in: the home page, not the login redirect
    results: list[tuple[float, str, int]] = []
    lock = threading.Lock()
    started = time.monotonic()
    stop_at = started + LOAD_SECONDS

    def load(n: int) -> None:
        paths = ["/healthz", "/"]
        i = n
        while time.monotonic() < stop_at:
            path = paths[i % 2]
            i += 1
            status, _detail = _get(base + path, cookie)
            with lock:
                results.append((time.monotonic() - started, path, status))
            time.sleep(0.05)

    threads = [threading.Thread(target=load, args=(n,), daemon=True) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    time.sleep(RESTART_AT)
    down = time.monotonic() - started
    cluster.stop("fast")
    time.sleep(1)
    cluster.start()  # returns once it accepts connections
    up = time.monotonic() - started
    for thread in threads:
        thread.join(LOAD_SECONDS + 15)
    assert not any(thread.is_alive() for thread in threads)

    errors = [(t, path, status) for t, path, status in results if status != 200]
    late = [e for e in errors if e[0] > up + GRACE or e[0] < down]
    after = [r for r in results if r[0] > up + GRACE]
    window = f"{errors[0][0]:.2f}-{errors[-1][0]:.2f}s" if errors else "none"
    print(
        f"{len(results)} requests; PostgreSQL down at {down:.2f}s, accepting again at {up:.2f}s; "
        f"{len(errors)} errors in {window} ({sorted({e[2] for e in errors})}); "
        f"{len(after)} requests from {up + GRACE:.1f}s, all 200: {not late}"
    )
    assert not late, f"errors outside the restart window: {late[:10]}"
    assert len(after) >= 20
    assert {path for _t, path, _s in after} == {"/healthz", "/"}

    # Quiet restart: nothing is requested while it is down, so every pooled connection is
    # stale afterwards; the health check must replace them before the first query.
    cluster.stop("fast")
    cluster.start()
    quiet = [_get(base + path, cookie)[0] for path in ("/", "/healthz") * THREADS]
    assert quiet == [200] * len(quiet)
    assert server.poll() is None
