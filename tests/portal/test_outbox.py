"""The transactional outbox: rows in the caller's transaction, coalesced per key, published
only once their transaction has committed, never lost to a dead broker."""

import threading
from unittest import mock

import pytest
from django.db import connection, transaction

from portal import outbox
from portal.celery import app
from portal.models import Udbakke
from tests.conftest import skip_unless_available

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def published(monkeypatch):
    """Celery pointed at a broker; what would be published is recorded instead."""
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(outbox, "_broker_down_until", 0.0)
    sent = []

    def publish(_connection, row):
        sent.append((row.opgave, row.args, row.kwargs))

    monkeypatch.setattr(outbox, "_publish", publish)
    return sent


def test_rows_with_a_key_coalesce_while_pending_and_rows_without_do_not(published):
    with transaction.atomic():
        outbox.add("portal.ping", key="k")
        outbox.add("portal.ping", key="k")
        outbox.add("portal.ping")
        outbox.add("portal.ping")
    assert Udbakke.objects.filter(noegle="k").get().antal == 2
    assert Udbakke.objects.count() == 3
    assert outbox.dispatch().sent == 3
    assert len(published) == 3
    outbox.add("portal.ping", key="k")  # the old row was sent: a new pending one
    assert Udbakke.objects.filter(noegle="k", sendt__isnull=True).count() == 1


def test_a_rollback_leaves_no_row():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.add("portal.ping", key="k")
        raise RuntimeError
    assert not Udbakke.objects.exists()


def test_a_dead_broker_keeps_every_row_pending_and_stops_at_the_first_failure(monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:9/0")
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")  # the environment wins over app.conf
    monkeypatch.setattr(outbox, "_broker_down_until", 0.0)
    outbox.add("portal.ping", key="a")
    outbox.add("portal.ping", key="b")
    result = outbox.dispatch()
    assert (result.sent, result.failed) == (0, 1)
    assert sorted(Udbakke.objects.filter(sendt__isnull=True).values_list("noegle", "forsoeg")) == [
        ("a", 1),
        ("b", 0),
    ]
    assert outbox.broker_presumed_down()
    assert outbox.dispatch(respect_breaker=True).failed == 0  # requests do not even try


def test_a_row_that_an_open_transaction_joined_waits_for_its_commit(published):
    """The open transaction's change must be visible to the task, so the dispatcher skips the
    row it holds (SKIP LOCKED) and publishes it only after the commit."""
    skip_unless_available(connection.vendor == "postgresql", "row locks need PostgreSQL (DATABASE_URL)")
    outbox.add("portal.ping", key="k")  # committed, pending
    joined, release = threading.Event(), threading.Event()

    def open_transaction():
        try:
            with transaction.atomic():
                outbox.add("portal.ping", key="k")
                joined.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=open_transaction)
    thread.start()
    try:
        assert joined.wait(10)
        assert outbox.dispatch().sent == 0
        assert published == []
    finally:
        release.set()
        thread.join(10)
    assert outbox.dispatch().sent == 1
    assert Udbakke.objects.get().antal == 2


def test_a_preparer_may_drop_a_row_and_a_failure_hook_hears_of_a_dead_broker(monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:9/0")
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")  # the environment wins over app.conf
    monkeypatch.setattr(outbox, "_broker_down_until", 0.0)
    failed = mock.Mock()

    def prepare(row):
        row.besked = "samlet"
        return row.args != ["drop"]

    monkeypatch.setitem(outbox._handlers, "portal.ping", outbox.Handler(prepare=prepare, failed=failed))
    outbox.add("portal.ping", args=["drop"], key="a")
    outbox.add("portal.ping", args=["keep"], key="b")
    result = outbox.dispatch()
    assert (result.dropped, result.failed) == (1, 1)
    assert Udbakke.objects.get(noegle="a").besked == "samlet"
    assert Udbakke.objects.get(noegle="a").sendt is not None
    assert Udbakke.objects.get(noegle="b").sendt is None
    assert failed.call_args.args[0].noegle == "b"


def test_the_periodic_dispatcher_publishes_pending_rows_and_forgets_old_sent_ones(published):
    import datetime

    from django.utils import timezone

    from portal.tasks import dispatch_outbox

    old = timezone.now() - datetime.timedelta(days=8)
    Udbakke.objects.create(opgave="portal.ping", noegle="old", sendt=old, oprettet=old)
    Udbakke.objects.create(opgave="portal.ping", noegle="recent", sendt=timezone.now())
    outbox.add("portal.ping", key="pending")
    assert dispatch_outbox() == {"sent": 1, "dropped": 0, "failed": 0, "errors": []}
    assert sorted(Udbakke.objects.values_list("noegle", flat=True)) == ["pending", "recent"]
    assert published == [("portal.ping", [], {})]


def test_request_path_sends_return_at_once_with_a_dead_broker(monkeypatch):
    """tilsyn's audit hook and export order go through the outbox: no error, the row waits."""
    from tests.helhedsplaner.factories import HelhedsplanFactory
    from tilsyn import services as tilsyn_services

    plan = HelhedsplanFactory()
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:9/0")
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")  # the environment wins over app.conf
    monkeypatch.setattr(outbox, "_broker_down_until", 0.0)
    with transaction.atomic():
        tilsyn_services.audit_request(plan_id=plan.pk)
        tilsyn_services.audit_request(plan_id=plan.pk)
    row = Udbakke.objects.get()  # the two changes share one pending row
    assert (row.opgave, row.args, row.antal) == ("tilsyn.audit_plan", [plan.pk], 2)
    assert (row.sendt, row.forsoeg) == (None, 1)  # tried once after commit; then the breaker
