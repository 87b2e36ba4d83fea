"""Redis dies under a running portal: pages keep serving, a save returns at once with the
recompute waiting in the outbox (and says so), and once Redis is back the recompute is
dispatched by the worker's embedded beat (the outbox dispatcher every 20 s) without anyone
doing anything. The web side is this test process (Django test client) with Celery and a
tolerant Redis cache pointed at a private redis-server; the worker is a real one with -B."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from monitorering.models import Job
from portal import outbox
from portal.celery import app
from portal.models import Hjerteslag, Udbakke
from tests.monitorering.factories import monitored_plan

from . import procs

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def web_on_private_redis(private_redis, settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{private_redis['port']}/1",
        }
    }
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", private_redis["url"])
    monkeypatch.setenv("CELERY_BROKER_URL", private_redis["url"])  # the environment wins over app.conf
    monkeypatch.setattr(outbox, "_broker_down_until", 0.0)
    return private_redis


@pytest.fixture
def worker_with_beat(private_redis, tmp_path):
    log_path = tmp_path / "worker.log"
    process = procs.start_worker(private_redis["url"], log_path, beat=True)
    try:
        yield process, log_path
    finally:
        procs.stop(process)


def _wait_job(job, status, timeout, what):
    def check():
        job.refresh_from_db()
        return job.status == status

    return procs.wait_until(check, timeout, interval=0.2, what=what)


def test_with_redis_down_pages_serve_saves_return_and_work_is_dispatched_when_it_is_back(
    web_on_private_redis, worker_with_beat, client, lbf_user
):
    redis_server = web_on_private_redis
    worker, log_path = worker_with_beat
    plan, _crit = monitored_plan()
    client.force_login(lbf_user)
    recompute = reverse("monitorering:plan_recompute", args=[plan.pk])
    dashboard = reverse("bestyrelser:dashboard", args=[plan.pk])
    try:
        procs.wait_until(Hjerteslag.objects.exists, 90, what="the worker's start-up heartbeat")
        # Redis up: a save is published at once and the worker runs it.
        assert client.post(recompute).status_code == 302
        first = Job.objects.get(helhedsplan=plan)
        _wait_job(first, Job.Status.FAERDIG, 60, "the recompute with Redis up")

        procs.stop(redis_server["process"])
        assert not procs.port_open(redis_server["port"])

        anonymous = Client()
        assert anonymous.get(reverse("login")).status_code == 200
        assert anonymous.get(reverse("healthz")).status_code == 200
        assert client.get(dashboard).status_code == 200
        ready = anonymous.get(reverse("readyz"))
        assert ready.status_code == 503
        assert ready.json()["checks"]["broker"]["status"] == "error"

        started = time.monotonic()
        response = client.post(recompute, follow=True)
        save_seconds = time.monotonic() - started
        assert response.status_code == 200
        assert "køen kan ikke nås lige nu" in response.content.decode()
        assert save_seconds < 2.0
        started = time.monotonic()
        assert client.post(recompute).status_code == 302  # presumed down: no wait at all
        second_save_seconds = time.monotonic() - started

        pending = Job.objects.filter(helhedsplan=plan).exclude(pk=first.pk).get()
        assert pending.status == Job.Status.I_KOE
        row = Udbakke.objects.get(sendt__isnull=True)
        assert (row.args, row.kwargs["job_id"], row.antal) == ([plan.pk], pending.pk, 2)
        page = client.get(dashboard)
        assert page.status_code == 200
        assert "Genberegning afventer" in page.content.decode()

        redis_server["process"] = procs.start_redis(redis_server["port"], redis_server["dir"])
        back = time.monotonic()
        _wait_job(pending, Job.Status.FAERDIG, 90, "the pending recompute after Redis came back")
        dispatched_after = time.monotonic() - back
    except AssertionError:
        print(log_path.read_text()[-8000:])
        raise
    print(
        f"save with Redis down {save_seconds:.2f}s (next save {second_save_seconds:.2f}s); "
        f"recompute finished {dispatched_after:.1f}s after Redis was back"
    )
    assert dispatched_after < 60
    row.refresh_from_db()
    assert row.sendt is not None
    assert Job.objects.filter(helhedsplan=plan).count() == 2  # the two saves while down: one run
    assert worker.poll() is None
