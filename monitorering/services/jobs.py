"""The job table's lifecycle: start (counting attempts), progress, finish and fail. Every
recompute, verification and import runs as a Job, so its state, attempts, progress, duration
and error show in the job table."""

from __future__ import annotations

import time
import traceback

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from ..models import Job

# Deliveries of one job before it is given up (a worker that dies on it every time must not
# loop forever): the first attempt and two more, whether retried or redelivered.
JOB_MAX_FORSOEG = 3


class JobOpgivet(Exception):
    """A delivery found the job's attempts used up; it marked the job failed."""


def _fault_pause() -> None:
    """Test-only hook: MONITORERING_FAULT_PAUSE seconds inside a started job, so a fault test
    can kill the worker or overrun a time limit mid-run. On PostgreSQL it is a pg_sleep, like
    a long statement: a soft time limit cannot interrupt it, only the hard limit can. 0 (off)
    by default."""
    pause = getattr(settings, "MONITORERING_FAULT_PAUSE", 0)
    if not pause:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(%s)", [pause])
    else:
        time.sleep(pause)


def job_start(*, job_id: int | None, type: str, plan_id: int | None = None) -> Job:
    """Mark a job as running (creating it when the run was not queued through a job), counting
    the attempt in its own committed transaction. A delivery that finds JOB_MAX_FORSOEG
    attempts used (the worker died on each, or retries ran out) fails the job and raises
    JobOpgivet, so the message is acknowledged instead of looping."""
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first() if job_id else None
        if job is None:
            job = Job.objects.create(type=type, helhedsplan_id=plan_id)
        if job.forsoeg >= JOB_MAX_FORSOEG:
            job.status = Job.Status.FEJLET
            job.afsluttet = now
            job.fejl = f"Opgivet efter {job.forsoeg} forsøg"
            job.besked = job.fejl
            job.save(update_fields=["status", "afsluttet", "fejl", "besked"])
        else:
            job.status = Job.Status.KOERER
            job.forsoeg += 1
            job.startet = now
            job.fejl = ""
            job.save(update_fields=["status", "forsoeg", "startet", "fejl"])
    if job.status == Job.Status.FEJLET:
        raise JobOpgivet(job.fejl)
    _fault_pause()
    return job


def job_progress(*, job: Job, fremskridt: int, besked: str = "") -> None:
    job.fremskridt = max(0, min(100, fremskridt))
    job.besked = besked[:255]
    job.save(update_fields=["fremskridt", "besked"])


def job_finish(*, job: Job, besked: str = "", fejl: str = "") -> Job:
    now = timezone.now()
    job.status = Job.Status.FAERDIG
    job.afsluttet = now
    job.varighed = (now - job.startet).total_seconds() if job.startet else None
    job.fremskridt = 100
    job.besked = besked[:255]
    job.fejl = fejl
    job.save(update_fields=["status", "afsluttet", "varighed", "fremskridt", "besked", "fejl"])
    return job


def job_fail(*, job_id: int | None, exc: BaseException, retrying: bool, reason: str = "") -> None:
    if not job_id:
        return
    now = timezone.now()
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return
    job.fejl = reason or "".join(traceback.format_exception_only(type(exc), exc)).strip()
    job.afsluttet = None if retrying else now
    job.status = Job.Status.I_KOE if retrying else Job.Status.FEJLET
    job.varighed = (now - job.startet).total_seconds() if job.startet else None
    if retrying:
        job.besked = "Midlertidig fejl – prøver igen"
    elif reason:
        job.besked = reason[:255]
    job.save(update_fields=["fejl", "afsluttet", "status", "varighed", "besked"])
