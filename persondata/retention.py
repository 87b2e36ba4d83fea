"""Retention: personal and bulky data the portal keeps only for a while.

Run nightly by the Celery task ``portal.retention`` (``persondata/tasks.py``; the name is
older than the app and kept for ``CELERY_BEAT_SCHEDULE``); each
function is idempotent and safe to run at any time. Periods come from settings
(``RETENTION_*_DAYS``, read from the environment; see README "Backups and personal data").

- Expired sessions: deleted (Django's ``clearsessions``).
- Login-attempt records of django-axes (when installed): deleted after
  ``RETENTION_LOGIN_DAYS``.
- Imports (``monitorering.ImportBatch``): after ``RETENTION_IMPORT_DAYS`` the stored rows
  and the overwritten values are deleted; the batch, its counts and its history stay. A
  completed import loses exactly what undo needs, so it becomes *arkiveret* (completed,
  can no longer be undone) and the import page says so; an undone or failed import has
  no further use for them; a preview never confirmed expires (status *fejlet*).
- Background exports (``tilsyn.Eksport``): finished or failed exports and their files are
  deleted after ``RETENTION_EXPORT_DAYS`` (the file can hold names from the audit trail).
"""

from __future__ import annotations

import datetime
import logging
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from monitorering.models import ImportBatch
from tilsyn.models import Eksport

logger = logging.getLogger(__name__)

#: django-axes' login records and the column that dates them.
LOGIN_RECORD_MODELS = [
    ("axes", "AccessAttempt", "attempt_time"),
    ("axes", "AccessLog", "attempt_time"),
    ("axes", "AccessFailureLog", "attempt_time"),
]


def _cutoff(days: int, now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=days)


def sessions_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete expired sessions (what ``manage.py clearsessions`` does); returns how many
    database sessions were expired (0 for backends without a table)."""
    engine = import_module(settings.SESSION_ENGINE)
    expired = 0
    if apps.is_installed("django.contrib.sessions") and "db" in settings.SESSION_ENGINE:
        # Local: importing the models of an app that is not installed raises.
        from django.contrib.sessions.models import Session

        expired = Session.objects.filter(expire_date__lt=now or timezone.now()).count()
    engine.SessionStore.clear_expired()
    return expired


def login_records_purge(*, days: int | None = None, now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete django-axes records older than ``days`` (default RETENTION_LOGIN_DAYS)."""
    days = settings.RETENTION_LOGIN_DAYS if days is None else days
    cutoff = _cutoff(days, now)
    deleted: dict[str, int] = {}
    for app_label, model_name, date_field in LOGIN_RECORD_MODELS:
        if not apps.is_installed(app_label):
            continue
        model = apps.get_model(app_label, model_name)
        deleted[model._meta.label], _detail = model._default_manager.filter(
            **{f"{date_field}__lt": cutoff}
        ).delete()
    return deleted


def _done_before(field: str, cutoff: datetime.datetime) -> Q:
    """``field`` before ``cutoff``; rows without it (older data) count from ``oprettet``."""
    return Q(**{f"{field}__lt": cutoff}) | Q(**{f"{field}__isnull": True, "oprettet__lt": cutoff})


def import_batches_purge(*, days: int | None = None, now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete the stored rows of imports older than ``days`` (default RETENTION_IMPORT_DAYS);
    keep each batch, its counts and history. See the module docstring for each status."""
    S = ImportBatch.Status
    days = settings.RETENTION_IMPORT_DAYS if days is None else days
    now = now or timezone.now()
    cutoff = _cutoff(days, now)
    due = ImportBatch.objects.filter(raadata_slettet__isnull=True).filter(
        Q(status=S.GENNEMFOERT) & _done_before("gennemfoert", cutoff)
        | Q(status=S.FORTRUDT) & _done_before("fortrudt", cutoff)
        | Q(status__in=[S.FEJLET, S.FORHAANDSVIST], oprettet__lt=cutoff)
    )
    counts = {"arkiveret": 0, "udloebet": 0, "renset": 0}
    reason = _("Opbevaringsregel: importens rækker slettet efter %(dage)s dage") % {"dage": days}
    for batch_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
            if batch.status == S.GENNEMFOERT:
                batch.status = S.ARKIVERET
                counts["arkiveret"] += 1
            elif batch.status == S.FORHAANDSVIST:
                batch.status = S.FEJLET
                batch.fejl = _(
                    "Forhåndsvisningen blev ikke gennemført inden for %(dage)s dage og er udløbet. "
                    "Indlæs filen igen."
                ) % {"dage": days}
                counts["udloebet"] += 1
            else:
                counts["renset"] += 1
            batch.raekker.all().delete()  # the staged rows (monitorering.Importraekke)
            batch.tidligere, batch.raadata_slettet = [], now
            batch._change_reason = reason  # type: ignore[attr-defined]
            batch.save()
    return counts


def exports_purge(*, days: int | None = None, now: datetime.datetime | None = None) -> int:
    """Delete finished and failed background exports (rows and files) older than ``days``
    (default RETENTION_EXPORT_DAYS). Queued or running exports are left alone."""
    days = settings.RETENTION_EXPORT_DAYS if days is None else days
    cutoff = _cutoff(days, now)
    old = Eksport.objects.filter(status__in=[Eksport.Status.FAERDIG, Eksport.Status.FEJLET]).filter(
        Q(afsluttet__lt=cutoff) | Q(afsluttet__isnull=True, oprettet__lt=cutoff)
    )
    deleted = 0
    for job in old:
        if job.fil:
            job.fil.delete(save=False)
        job.delete()
        deleted += 1
    return deleted


def retention_run(*, now: datetime.datetime | None = None) -> dict:
    """Everything above with the configured periods; the nightly task's one call."""
    result = {
        "sessioner": sessions_purge(now=now),
        "loginforsoeg": login_records_purge(now=now),
        "importer": import_batches_purge(now=now),
        "eksporter": exports_purge(now=now),
    }
    logger.info("Retention: %s", result)
    return result
