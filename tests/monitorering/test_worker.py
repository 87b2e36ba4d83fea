"""Two real Celery workers recompute the same plan at the same time: both succeed and the
snapshots are identical to a recompute from raw data. Needs Redis and PostgreSQL (the
workers must see the test database, so the test commits its data: transactional)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from monitorering import services
from monitorering.models import Kriteriestatus, Planberegning
from monitorering.selectors import load_plan_inputs
from tests.conftest import skip_unless_available
from tests.monitorering.factories import monitored_plan
from tests.portal.test_celery_worker import DEFAULT_BROKER, _redis_reachable

BASE_DIR = Path(settings.BASE_DIR)
pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def workers(tmp_path):
    broker = settings.CELERY_BROKER_URL or DEFAULT_BROKER
    skip_unless_available(_redis_reachable(broker), f"Redis is not reachable at {broker}")
    skip_unless_available(
        connection.vendor == "postgresql", "two workers need a shared PostgreSQL test database (DATABASE_URL)"
    )
    queue = f"test-recompute-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "DATABASE_URL": _database_url(),
    }
    processes, logs = [], []
    for i in range(2):
        log_path = tmp_path / f"worker{i}.log"
        log = log_path.open("w")
        logs.append((log, log_path))
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "portal",
                    "worker",
                    "--pool=solo",
                    "-Q",
                    queue,
                    "-n",
                    f"{queue}-{i}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel=INFO",
                ],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
    try:
        yield broker, queue, processes, [p for _l, p in logs]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log, _path in logs:
            log.close()


def test_two_recomputes_of_one_plan_at_once_give_identical_snapshots(workers):
    broker, queue, processes, log_paths = workers
    plan, _crit = monitored_plan()
    client = Celery("portal-test", broker=broker, backend=broker)
    client.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"])
    results = [client.send_task("monitorering.recompute_plan", args=[plan.pk], queue=queue) for _ in range(2)]
    try:
        values = [r.get(timeout=120) for r in results]
    except Exception:
        for path in log_paths:
            print(path.read_text())
        raise
    assert all(p.poll() is None for p in processes), "a worker process died"
    assert values[0]["fingerprint"] == values[1]["fingerprint"]
    assert sorted(v["generation"] for v in values) == [1, 2]  # serialised by the row lock
    rows, summaries = services.snapshots_compute(load_plan_inputs(plan.pk))
    assert Planberegning.objects.get(helhedsplan=plan).fingeraftryk == services.snapshots_fingerprint(
        rows, summaries
    )
    assert Kriteriestatus.objects.filter(helhedsplan=plan).count() == len(rows) > 0
    assert services.snapshots_compare(plan.pk) == []
