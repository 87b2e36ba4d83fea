"""Retention: expired sessions, old login records, old import rows and old export files go."""

import datetime
import os

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from monitorering import services as monitoring_services
from monitorering.models import ImportBatch, Maaling
from persondata import retention
from persondata.tasks import retention as retention_task
from portal.errors import Invalid
from tests.monitorering.factories import MaalingFactory, stage_row
from tilsyn.models import Eksport

pytestmark = pytest.mark.django_db
NOW = timezone.now()
OLD = NOW - datetime.timedelta(days=400)


def test_expired_sessions_are_deleted_and_live_ones_kept():
    live, expired = SessionStore(), SessionStore()
    live.create()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=NOW - datetime.timedelta(seconds=1)
    )
    assert retention.sessions_purge() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


@pytest.mark.skipif(not apps.is_installed("axes"), reason="django-axes is not installed in this build")
def test_login_records_older_than_the_period_are_deleted():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    def record(model, username: str, path: str):
        extra = {"get_data": "", "post_data": "", "failures_since_start": 1} if model is AccessAttempt else {}
        common = {"user_agent": "pytest", "ip_address": "127.0.0.1", "http_accept": "*/*"}
        return model.objects.create(username=username, path_info=path, **common, **extra)

    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(pk=record(model, "gammel", "/login/").pk).update(attempt_time=OLD)
        record(model, "ny", "/ny/")
    deleted = retention.login_records_purge(days=90)
    assert deleted == {"axes.AccessAttempt": 1, "axes.AccessLog": 1, "axes.AccessFailureLog": 1}
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert list(model.objects.values_list("path_info", flat=True)) == ["/ny/"]


def _batch(plan, status, **dates):
    batch = ImportBatch.objects.create(
        filnavn="tal.csv", kilde="test", helhedsplan=plan, status=status, **dates
    )
    stage_row(batch, "x")
    return batch


def _notes(batch) -> list[str]:
    return list(batch.raekker.values_list("note", flat=True))


def test_old_completed_import_keeps_its_counts_but_can_no_longer_be_undone(client_pl_a, plan_a):
    S = ImportBatch.Status
    done = _batch(plan_a, S.GENNEMFOERT, gennemfoert=OLD, antal_oprettet=3)
    done.tidligere = [{"pk": 1}]
    done.save()
    measurement = MaalingFactory(helhedsplan=plan_a, import_batch=done)
    recent = _batch(plan_a, S.GENNEMFOERT, gennemfoert=NOW)
    undone = _batch(plan_a, S.FORTRUDT, fortrudt=OLD)
    stale_preview = _batch(plan_a, S.FORHAANDSVIST, oprettet=OLD)
    undated = _batch(plan_a, S.GENNEMFOERT, oprettet=OLD)  # older data: no completion time

    assert retention.import_batches_purge(days=180) == {"arkiveret": 2, "udloebet": 1, "renset": 1}

    done.refresh_from_db()
    assert (done.status, _notes(done), done.tidligere, done.antal_oprettet) == (S.ARKIVERET, [], [], 3)
    assert done.history.first().history_change_reason.startswith("Opbevaringsregel")
    assert Maaling.objects.filter(pk=measurement.pk, import_batch=done).exists()
    with pytest.raises(Invalid, match="Kun en gennemført import kan fortrydes"):
        monitoring_services.import_undo(batch_id=done.pk)
    page = client_pl_a.get(reverse("monitorering:import_detail", args=[plan_a.pk, done.pk])).content.decode()
    assert "kan ikke længere fortrydes" in page and 'id="fortryd"' not in page

    undated.refresh_from_db()
    assert undated.status == S.ARKIVERET
    recent.refresh_from_db()
    assert (recent.status, _notes(recent)) == (S.GENNEMFOERT, ["x"])
    undone.refresh_from_db()
    assert (undone.status, _notes(undone), undone.raadata_slettet is not None) == (S.FORTRUDT, [], True)
    stale_preview.refresh_from_db()
    assert stale_preview.status == S.FEJLET and "udløbet" in stale_preview.fejl
    # Idempotent: a second run finds nothing more to do.
    assert retention.import_batches_purge(days=180) == {"arkiveret": 0, "udloebet": 0, "renset": 0}


def test_finished_exports_and_their_files_are_deleted_after_the_period(lbf_user):
    old = Eksport.objects.create(
        art=Eksport.Art.HISTORIK,
        format="csv",
        bestilt_af=lbf_user,
        status=Eksport.Status.FAERDIG,
        afsluttet=OLD,
    )
    old.fil.save("gammel.csv", ContentFile(b"navn\nGudrun\n"))
    path = old.fil.path
    running = Eksport.objects.create(
        art=Eksport.Art.HISTORIK,
        format="csv",
        bestilt_af=lbf_user,
        status=Eksport.Status.KOERER,
        oprettet=OLD,
    )
    fresh = Eksport.objects.create(
        art=Eksport.Art.HISTORIK,
        format="csv",
        bestilt_af=lbf_user,
        status=Eksport.Status.FAERDIG,
        afsluttet=NOW,
    )
    assert retention.exports_purge(days=30) == 1
    assert set(Eksport.objects.values_list("pk", flat=True)) == {running.pk, fresh.pk}
    assert not os.path.exists(path)


def test_nightly_task_is_scheduled_and_runs_every_kind(plan_a):
    entry = settings.CELERY_BEAT_SCHEDULE["portal-retention-nightly"]
    assert entry["task"] == "portal.retention"
    assert retention_task.name == entry["task"]  # the name outlived the move to persondata
    _batch(plan_a, ImportBatch.Status.FORTRUDT, fortrudt=OLD)
    result = retention_task.delay().get()
    assert set(result) == {"sessioner", "loginforsoeg", "importer", "eksporter"}
    assert result["importer"]["renset"] == 1
