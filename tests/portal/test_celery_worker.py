"""A real Celery worker process, a real Redis broker, a task's result coming back."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.conf import settings

from tests.conftest import skip_unless_available

BASE_DIR = Path(settings.BASE_DIR)
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"

pytestmark = pytest.mark.celery_worker


def _redis_reachable(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def broker_url() -> str:
    url = settings.CELERY_BROKER_URL or DEFAULT_BROKER
    skip_unless_available(_redis_reachable(url), f"Redis is not reachable at {url}")
    return url


@pytest.fixture
def worker(broker_url, tmp_path):
    """Start `celery -A portal worker` on a queue of its own; stop it afterwards."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": broker_url,
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{tmp_path / 'worker.sqlite3'}"),
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield queue, process, tmp_path / "worker.log"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_real_worker_runs_a_task_and_returns_its_result(broker_url, worker):
    queue, process, log_path = worker
    client = Celery("portal-test", broker=broker_url, backend=broker_url)
    client.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"])
    started = time.monotonic()
    result = client.send_task("portal.ping", queue=queue)
    try:
        value = result.get(timeout=90)
    except Exception:
        print(log_path.read_text())
        raise
    assert process.poll() is None, "the worker process died"
    assert value["pong"] is True
    assert value["database"] is True
    assert value["hostname"]
    print(f"worker round trip {time.monotonic() - started:.1f}s")


def test_ping_task_runs_eagerly_without_a_broker(db):
    from portal.tasks import ping

    assert ping.delay().get()["pong"] is True
