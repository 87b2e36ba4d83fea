"""/readyz (database, broker, worker heartbeat; bounded; no secrets) and the Redis cache that
treats a dead Redis as a miss."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from portal import health
from portal.cache import TolerantRedisCache
from portal.celery import app
from portal.models import Hjerteslag
from tests.conftest import skip_unless_available
from tests.portal.test_celery_worker import DEFAULT_BROKER, _redis_reachable

pytestmark = pytest.mark.django_db(transaction=True)
DEAD_BROKER = "redis://:s3cret-password@127.0.0.1:9/0"  # the discard port refuses at once


@pytest.fixture
def live_broker(monkeypatch):
    from django.conf import settings

    url = settings.CELERY_BROKER_URL or DEFAULT_BROKER
    skip_unless_available(_redis_reachable(url), f"Redis is not reachable at {url}")
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", url)
    monkeypatch.setenv("CELERY_BROKER_URL", url)  # the environment wins over app.conf
    return url


def _ready(client):
    response = client.get(reverse("readyz"))
    return response.status_code, response.json()


def test_readyz_is_200_when_database_broker_and_a_recent_worker_answer(client, live_broker):
    Hjerteslag.objects.create(vaert="celery@a", tidspunkt=timezone.now() - datetime.timedelta(seconds=30))
    status, body = _ready(client)
    assert status == 200
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "broker": "ok",
        "worker": "ok",
        "outbox": "ok",
    }
    assert 29 <= body["checks"]["worker"]["age_s"] <= 60


def test_readyz_is_503_naming_a_dead_broker_without_its_address(client, monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", DEAD_BROKER)
    monkeypatch.setenv("CELERY_BROKER_URL", DEAD_BROKER)  # the environment wins over app.conf
    Hjerteslag.objects.create(vaert="celery@a")
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["broker"] == {"status": "error", "detail": "ConnectionError"}
    assert body["checks"]["database"]["status"] == "ok"
    text = response.content.decode()
    assert "s3cret" not in text and "127.0.0.1" not in text


def test_readyz_is_503_when_the_newest_worker_heartbeat_is_older_than_five_minutes(client, live_broker):
    Hjerteslag.objects.create(vaert="celery@old", tidspunkt=timezone.now() - datetime.timedelta(minutes=6))
    status, body = _ready(client)
    assert status == 503
    assert body["checks"]["worker"]["status"] == "error"
    assert body["checks"]["worker"]["age_s"] >= 360
    Hjerteslag.objects.all().delete()
    status, body = _ready(client)
    assert (status, body["checks"]["worker"]["detail"]) == (503, "intet hjerteslag fra en worker")


def test_readyz_is_503_when_the_database_fails(client, live_broker, monkeypatch):
    from django.db import OperationalError

    Hjerteslag.objects.create(vaert="celery@a")

    class BrokenConnection:
        vendor = "postgresql"

        def cursor(self):
            raise OperationalError("could not connect to server: password=hunter2")

    monkeypatch.setattr(health, "connection", BrokenConnection())
    status, body = _ready(client)
    assert status == 503
    assert body["checks"]["database"] == {"status": "error", "detail": "OperationalError"}
    assert "hunter2" not in str(body)


def test_a_check_that_hangs_is_cut_off_at_the_time_limit(settings):
    settings.READYZ_CHECK_TIMEOUT = 0.2

    def hangs():
        time.sleep(3)
        return {"status": "ok"}

    ready, checks = health.readiness({"database": hangs, "broker": lambda: {"status": "ok"}})
    assert not ready
    assert checks == {"database": {"status": "error", "detail": "timeout"}, "broker": {"status": "ok"}}


def test_readyz_skips_broker_and_worker_when_tasks_run_in_process(client):
    status, body = _ready(client)  # the test settings run Celery eagerly
    assert status == 200
    assert body["checks"]["broker"]["status"] == body["checks"]["worker"]["status"] == "skipped"


def test_the_worker_heartbeat_task_records_its_host():
    from portal.tasks import heartbeat

    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    gone = Hjerteslag.objects.create(vaert="celery@gone", tidspunkt=eight_days_ago)
    heartbeat.apply()
    heartbeat.apply()
    assert not Hjerteslag.objects.filter(pk=gone.pk).exists()
    assert Hjerteslag.objects.count() == 1
    assert timezone.now() - Hjerteslag.objects.get().tidspunkt < datetime.timedelta(minutes=1)


def test_the_tolerant_cache_treats_a_dead_redis_as_a_miss_and_then_skips_it():
    cache = TolerantRedisCache("redis://127.0.0.1:9/1", {"OPTIONS": {"breaker_seconds": 60}})
    assert cache.get("k", "default") == "default"
    assert cache._down_until > time.monotonic()  # skipped from now on, no further timeouts
    cache.set("k", 1)
    assert cache.add("k", 1) is False
    assert cache.get_many(["k"]) == {}
    assert cache.delete("k") is False
    assert cache.get_or_set("k", 2) == 2


def test_a_redis_cache_url_selects_the_tolerant_backend_with_short_timeouts():
    import json
    import os
    import subprocess
    import sys

    from django.conf import settings

    code = "import json; from portal.settings import base; print(json.dumps(base.CACHES['default']))"
    env = {**os.environ, "CACHE_URL": "redis://127.0.0.1:6379/1"}
    output = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    config = json.loads(output)
    assert config["BACKEND"] == "portal.cache.TolerantRedisCache"
    assert config["OPTIONS"] == {"socket_connect_timeout": 1, "socket_timeout": 1}
