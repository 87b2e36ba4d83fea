"""Celery tasks of LBF's audit. Thin and idempotent: ids in, one service call."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="tilsyn.audit_plan", soft_time_limit=60, time_limit=90, acks_late=True)
def audit_plan(plan_id: int) -> int:
    """Replace the plan's findings and summary row."""
    return services.plan_audit(plan_id=plan_id).antal_fund


@shared_task(name="tilsyn.audit_all", soft_time_limit=3300, time_limit=3600, acks_late=True)
def audit_all() -> int:
    return services.plans_audit()


@shared_task(name="tilsyn.run_export", soft_time_limit=600, time_limit=660, acks_late=True)
def run_export(eksport_id: int) -> str:
    return services.eksport_run(eksport_id=eksport_id).status
