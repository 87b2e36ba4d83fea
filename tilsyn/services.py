"""Writes of LBF's audit: the per-plan audit (findings + summary row, replaced as a whole)
and background exports. Agreement versions live in :mod:`helhedsplaner.versioning`."""

from __future__ import annotations

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhedsplaner.access import get_plan_for_user
from helhedsplaner.models import Helhedsplan
from helhedsplaner.selectors import overdue_reports
from helhedsplaner.services import plan_audit_request
from helhedsplaner.signals import send_on_commit
from portal import outbox
from portal.access import is_lbf_staff
from portal.errors import NotAllowed, ServiceError

from . import exports, rules
from .models import Alvor, Eksport, Fund, Planoversigt
from .signals import export_finished

logger = logging.getLogger(__name__)


def plan_audit(*, plan_id: int, today: datetime.date | None = None) -> Planoversigt:
    """Run every rule on the plan and replace its findings and summary row in one
    transaction. Idempotent: running it twice leaves the same rows."""
    today = today or timezone.localdate()
    plan = Helhedsplan.objects.select_related("bevillingsperiode").get(pk=plan_id)
    findings = rules.evaluate(plan, today)
    overdue = len(overdue_reports([plan], today=today))
    now = timezone.now()
    with transaction.atomic():
        # Lock the plan row so two runs for one plan serialise.
        Helhedsplan.objects.select_for_update().filter(pk=plan_id).first()
        Fund.objects.filter(helhedsplan_id=plan_id).delete()
        Fund.objects.bulk_create(
            Fund(
                helhedsplan_id=plan_id,
                regel=f.regel,
                alvor=f.alvor,
                besked=f.besked,
                link=f.link,
                beregnet=now,
            )
            for f in findings
        )
        summary, _created = Planoversigt.objects.update_or_create(
            helhedsplan_id=plan_id,
            defaults={
                "antal_fund": len(findings),
                "antal_brud": sum(1 for f in findings if f.alvor == Alvor.FEJL),
                "rapporter_overskredet": overdue,
                "regler_med_fund": sorted({f.regel for f in findings}),
                "beregnet": now,
            },
        )
    return summary


def plans_audit(*, today: datetime.date | None = None) -> int:
    ids = list(Helhedsplan.objects.order_by("pk").values_list("pk", flat=True))
    for plan_id in ids:
        plan_audit(plan_id=plan_id, today=today)
    return len(ids)


def audit_request(*, plan_id: int) -> None:
    """Queue the plan's audit through the outbox (portal/outbox.py): published after the
    current transaction commits (nothing on rollback), one pending audit per plan; a dead
    broker never fails or slows the request, the row waits for the dispatcher."""
    plan_audit_request(plan_id=plan_id)


def _require_lbf(user) -> None:
    if not (user.is_superuser or is_lbf_staff(user)):
        raise NotAllowed(_("Kun Landsbyggefonden har adgang til dette."))


# --- Background exports --------------------------------------------------------------------


def eksport_request(*, user, art: str, format: str, parametre: dict, plan_id: int | None = None) -> Eksport:
    """Order an export to be made in the background; the file is linked when done."""
    job = Eksport(art=art, format=format, parametre=parametre, helhedsplan_id=plan_id, bestilt_af=user)
    if job.kun_lbf:
        _require_lbf(user)
    if plan_id is not None:
        get_plan_for_user(user, plan_id)  # 404 for a plan the user may not see
    if format not in Eksport.Format.values or art not in Eksport.Art.values:
        raise ServiceError(_("Ukendt eksport."))
    job.full_clean()
    job.save()
    outbox.send("tilsyn.run_export", args=[job.pk])
    return job


def eksport_run(*, eksport_id: int) -> Eksport:
    """Build the export's file. Safe to run twice: a finished export is left alone (and
    announces nothing again). Who ordered it is told after the commit how it ended."""
    job = Eksport.objects.select_related("bestilt_af").get(pk=eksport_id)
    if job.status == Eksport.Status.FAERDIG:
        return job
    job.status, job.fremskridt = Eksport.Status.KOERER, 5
    job.save(update_fields=["status", "fremskridt"])
    try:
        table = exports.build_table(
            job.art, user=job.bestilt_af, plan_id=job.helhedsplan_id, params=job.parametre
        )
        job.fremskridt = 60
        job.save(update_fields=["fremskridt"])
        data, _content_type, filename = exports.render(table, job.format)
        job.fil.save(filename, ContentFile(data), save=False)
        job.antal_raekker = len(table.rows)
        job.status, job.fremskridt, job.afsluttet = Eksport.Status.FAERDIG, 100, timezone.now()
        job.fejl = ""  # a rerun that succeeds leaves no earlier failure behind
        job.save(update_fields=["fil", "antal_raekker", "status", "fremskridt", "afsluttet", "fejl"])
    except Exception as exc:
        job.status, job.fejl, job.afsluttet = Eksport.Status.FEJLET, str(exc)[:2000], timezone.now()
        job.save(update_fields=["status", "fejl", "afsluttet"])
        _announce_export(job, ok=False)
        raise
    _announce_export(job, ok=True)
    return job


def _announce_export(job: Eksport, *, ok: bool) -> None:
    """Tell the apps beside this one (notifications) after the commit how the export ended."""
    fejl = "" if ok else job.fejl[:500]
    send_on_commit(export_finished, eksport_id=job.pk, ok=ok, user_id=job.bestilt_af_id, fejl=fejl)
