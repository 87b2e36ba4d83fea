"""Writes of the monitoring app: queuing and running recomputes, jobs, imports.

``request_recompute`` is the hook other apps call after any change that affects a plan's
indicators (registrations, report approval, success-criterion edits, imports).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import random
import traceback
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from helhedsplaner.models import Helhedsplan
from portal import outbox

from . import imports, setbased
from .dbcopy import insert_rows
from .models import (
    ImportBatch,
    Importraekke,
    Job,
    Kriteriestatus,
    Maaling,
    Planberegning,
    Statusoversigt,
)
from .selectors import PlanInputs, load_inputs, load_plan_inputs

logger = logging.getLogger(__name__)

# How long a queued run absorbs later changes: the coalescing window's upper bound if its
# message is lost (the nightly recompute_all catches up in any case).
PENDING_TTL = 600
# Deliveries of one job before it is given up (a worker that dies on it every time must not
# loop forever): the first attempt and two more, whether retried or redelivered.
JOB_MAX_FORSOEG = 3
RECOMPUTE_TASK = "monitorering.recompute_plan"


class JobOpgivet(Exception):
    """A delivery found the job's attempts used up; it marked the job failed."""


def _recompute_key(plan_id: int) -> str:
    return f"monitorering:recompute:{plan_id}"


class _QueueRecompute:
    """The on-commit callback for one plan. Two are equal for the same plan, so one
    transaction registers at most one per plan, however many changes it makes."""

    def __init__(self, plan_id: int) -> None:
        self.plan_id = plan_id

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _QueueRecompute) and other.plan_id == self.plan_id

    def __hash__(self) -> int:
        return hash(("recompute", self.plan_id))

    def __call__(self) -> None:
        _enqueue_recompute(self.plan_id)


def request_recompute(*, plan_id: int) -> None:
    """Queue ``monitorering.recompute_plan`` for the plan: an outbox row in the current
    transaction (``portal.outbox``), published once it commits.

    Coalesces bursts: one outbox row per plan while it is pending (later changes join it,
    also from other transactions) and one callback per plan per transaction; nothing on
    rollback. When the row is published, a run of the plan that is queued but not started
    absorbs it (it will read the change). A dead broker leaves the row pending; the periodic
    dispatcher publishes it when the broker is back.
    """
    connection = transaction.get_connection()
    callback = _QueueRecompute(plan_id)
    # Django keeps the pending callbacks of the open transaction in run_on_commit and drops
    # them on rollback (also of a savepoint), so looking there never sees a stale entry.
    if connection.in_atomic_block and any(entry[1] == callback for entry in connection.run_on_commit):
        return
    outbox.add(RECOMPUTE_TASK, args=[plan_id], key=_recompute_key(plan_id))
    transaction.on_commit(callback, robust=True)


def _enqueue_recompute(plan_id: int) -> None:
    """After commit: publish the plan's outbox row now (bounded; never raises)."""
    outbox.dispatch_after_commit(_recompute_key(plan_id))


def _prepare_recompute(row: Any) -> bool:
    """Outbox preparer (under the row's lock): create the job the run reports to, unless a
    run of the plan is queued and not started; that run reads after this row's changes were
    committed, so this row is dropped. A queued run older than PENDING_TTL does not count
    (its message may be lost)."""
    plan_id = row.args[0]
    job_id = row.kwargs.get("job_id")
    if job_id and Job.objects.filter(pk=job_id, status=Job.Status.I_KOE).exists():
        return True  # prepared by an earlier attempt whose publication failed
    queued = (
        Job.objects.filter(
            helhedsplan_id=plan_id,
            type=Job.Type.GENBEREGNING,
            status=Job.Status.I_KOE,
            oprettet__gte=timezone.now() - datetime.timedelta(seconds=PENDING_TTL),
        )
        .exclude(pk=job_id)
        .order_by("-oprettet")
        .first()
    )
    if queued is not None:
        row.besked = f"Samlet med job {queued.pk}"
        return False
    job = Job.objects.create(type=Job.Type.GENBEREGNING, helhedsplan_id=plan_id)
    row.kwargs = {**row.kwargs, "job_id": job.pk}
    return True


def _recompute_not_published(row: Any, exc: BaseException) -> None:
    Job.objects.filter(pk=row.kwargs.get("job_id"), status=Job.Status.I_KOE).update(
        besked="Venter på køen – sendes automatisk, når forbindelsen er tilbage"
    )


outbox.register(RECOMPUTE_TASK, outbox.Handler(prepare=_prepare_recompute, failed=_recompute_not_published))


# --- Jobs ----------------------------------------------------------------------------------


def _fault_pause() -> None:
    """Test-only hook: MONITORERING_FAULT_PAUSE seconds inside a started job, so a fault test
    can kill the worker or overrun a time limit mid-run. On PostgreSQL it is a pg_sleep, like
    a long statement: a soft time limit cannot interrupt it, only the hard limit can. 0 (off)
    by default."""
    from django.conf import settings
    from django.db import connection

    pause = getattr(settings, "MONITORERING_FAULT_PAUSE", 0)
    if not pause:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(%s)", [pause])
    else:
        import time

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


# --- Recompute -----------------------------------------------------------------------------


def compute_snapshots(inputs: PlanInputs) -> tuple[list[dict], list[dict]]:
    """The snapshot rows of one plan, computed from raw data (no writes)."""
    from . import analysis

    periods = analysis.completed(inputs.periods, inputs.today)
    rows: list[dict] = []
    # Each completed period is judged by the agreement version in force at its end.
    in_force = [inputs.version_at(p.slut) for p in periods]
    for crit in inputs.criteria:
        targets = [analysis.pick_target(crit.lineage, v) for v in in_force] if crit.lineage else None
        results = analysis.evaluate(
            crit.kriterie, periods, inputs.observations.get(crit.kriterie.id, ()), targets
        )
        for i, (period, res) in enumerate(zip(periods, results, strict=True)):
            target = targets[i] if targets else None
            rows.append(
                {
                    "succeskriterie_id": crit.kriterie.id,
                    "indsatsomraade_id": crit.indsatsomraade_id,
                    "periode_start": period.start,
                    "periode_slut": period.slut,
                    "faktisk": res.faktisk,
                    "baseline": analysis.q3(target.baseline if target else crit.kriterie.baseline),
                    "maal": analysis.q3(target.maal if target else crit.kriterie.maal),
                    "forventet": res.forventet,
                    "tolerance": res.tolerance,
                    "status": res.status,
                    "data_til": res.data_til,
                    "samarbejdsaftale_id": target.samarbejdsaftale_id if target else None,
                }
            )
    return rows, analysis.summarise(rows)


def _canonical(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def fingerprint(rows: list[dict], summaries: list[dict]) -> str:
    """A hash of the snapshot's content, independent of row ids and order. Values are
    quantised to three places when computed, so their text is canonical."""
    lines = sorted("|".join(str(row[f]) for f in SNAPSHOT_FIELDS) for row in rows)
    lines += sorted("|".join(str(v) for _k, v in sorted(row.items())) for row in summaries)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def plan_recompute(*, plan_id: int, today: datetime.date | None = None) -> Planberegning:
    """Recompute one plan's snapshots from raw data and replace them, then bump the plan's
    cache generation."""
    result = plans_recompute(plan_ids=[plan_id], today=today)
    if plan_id not in result:
        raise Helhedsplan.DoesNotExist(plan_id)
    return result[plan_id]


def plans_recompute(
    *, plan_ids: list[int], today: datetime.date | None = None, set_based: bool | None = None
) -> dict[int, Planberegning]:
    """Recompute the snapshots of these plans from raw data and replace them, in one
    transaction under row locks on their Planberegning rows (taken in id order), so two
    runs at once serialise and leave identical snapshots. Bumps each plan's generation.

    On PostgreSQL the computation runs set-based in the database (setbased.py) and writes
    only the rows that differ; elsewhere (``set_based=False``, SQLite) it runs in memory with
    analysis.py and replaces the rows. Both give identical snapshots and fingerprints."""
    have = set(
        Planberegning.objects.filter(helhedsplan_id__in=plan_ids).values_list("helhedsplan_id", flat=True)
    )
    missing = [pid for pid in plan_ids if pid not in have]
    if missing:
        existing = Helhedsplan.objects.filter(pk__in=missing).values_list("pk", flat=True)
        Planberegning.objects.bulk_create(
            [Planberegning(helhedsplan_id=pid) for pid in existing], ignore_conflicts=True
        )
    with transaction.atomic():
        locked = list(
            Planberegning.objects.select_for_update()
            .filter(helhedsplan_id__in=plan_ids)
            .order_by("helhedsplan_id")
        )
        ids = [b.helhedsplan_id for b in locked]
        if set_based is None:
            set_based = connection.vendor == "postgresql"
        if set_based:
            fingerprints = setbased.compute(ids, today or timezone.localdate())
            setbased.write(ids)
        else:
            fingerprints = _replace_in_memory(ids, today)
        now = timezone.now()
        for beregning in locked:
            beregning.generation += 1
            beregning.beregnet = now
            beregning.fingeraftryk = fingerprints[beregning.helhedsplan_id]
        Planberegning.objects.bulk_update(locked, ["generation", "beregnet", "fingeraftryk"])
    return {b.helhedsplan_id: b for b in locked}


def _replace_in_memory(ids: list[int], today: datetime.date | None) -> dict[int, str]:
    """The reference path: compute each plan with analysis.py and replace its rows."""
    inputs = load_inputs(ids, today=today)
    all_rows: list[dict] = []
    all_summaries: list[dict] = []
    fingerprints = {}
    for plan_id in ids:
        rows, summaries = compute_snapshots(inputs[plan_id])
        fingerprints[plan_id] = fingerprint(rows, summaries)
        for row in rows:
            row["helhedsplan_id"] = plan_id
        for row in summaries:
            row["helhedsplan_id"] = plan_id
        all_rows.extend(rows)
        all_summaries.extend(summaries)
    Kriteriestatus.objects.filter(helhedsplan_id__in=ids).delete()
    Statusoversigt.objects.filter(helhedsplan_id__in=ids).delete()
    insert_rows(Kriteriestatus, all_rows)
    insert_rows(Statusoversigt, all_summaries)
    return fingerprints


def plan_recompute_job(*, plan_id: int, job_id: int | None) -> dict:
    """The body of the recompute task: runs and records the job (starting it takes the job
    out of "i kø", so commits from then on queue a new run)."""
    job = job_start(job_id=job_id, type=Job.Type.GENBEREGNING, plan_id=plan_id)
    if not Helhedsplan.objects.filter(pk=plan_id).exists():
        job_finish(job=job, besked="Planen findes ikke længere")
        return {"plan_id": plan_id, "skipped": True}
    beregning = plan_recompute(plan_id=plan_id)
    rows = Kriteriestatus.objects.filter(helhedsplan_id=plan_id).count()
    job_finish(job=job, besked=f"{rows} statusrækker beregnet")
    return {"plan_id": plan_id, "generation": beregning.generation, "fingerprint": beregning.fingeraftryk}


def all_plans_recompute(*, job_id: int | None = None, chunk: int = 50, workers: int | None = None) -> dict:
    """Recompute every plan, in chunks of plans (one transaction each), reporting progress.

    On PostgreSQL, outside a transaction, ``workers`` chunks run at once, each on its own
    connection (default ``MONITORERING_RECOMPUTE_WORKERS``, 2): a chunk is an independent
    transaction under its own row locks, so the result is the same in any order."""
    job = job_start(job_id=job_id, type=Job.Type.GENBEREGN_ALLE)
    plan_ids = list(Helhedsplan.objects.order_by("pk").values_list("pk", flat=True))
    parts = [plan_ids[first : first + chunk] for first in range(0, len(plan_ids), chunk)]
    if workers is None:
        workers = getattr(settings, "MONITORERING_RECOMPUTE_WORKERS", 2)
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        workers = 1  # other connections could not see this transaction's data (tests, SQLite)
    done = 0
    for size in _run_chunks(parts, workers):
        done += size
        job_progress(
            job=job, fremskridt=round(100 * done / len(plan_ids)), besked=f"{done} af {len(plan_ids)}"
        )
    job_finish(job=job, besked=f"{len(plan_ids)} planer genberegnet")
    return {"plans": len(plan_ids)}


def _run_chunks(parts: list[list[int]], workers: int):
    """Recompute each chunk; yields each chunk's size as it finishes."""

    def recompute(part: list[int]) -> int:
        plans_recompute(plan_ids=part)
        return len(part)

    if workers <= 1:
        for part in parts:
            yield recompute(part)
        return
    from concurrent.futures import ThreadPoolExecutor, as_completed

    from django.db import connections

    def run(part: list[int]) -> int:
        try:
            return recompute(part)
        finally:
            connections.close_all()  # this thread's own connections

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="recompute") as pool:
        futures = [pool.submit(run, part) for part in parts]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


# The snapshot's key, then the value columns the set-based path compares (one list: the
# fingerprint's field order and the SQL's ROW_LINE must agree).
SNAPSHOT_FIELDS = [
    "succeskriterie_id",
    "indsatsomraade_id",
    "periode_start",
    "periode_slut",
    *setbased.SNAPSHOT_COLUMNS,
]


def snapshot_differences(plan_id: int, today: datetime.date | None = None) -> list[str]:
    """Recompute one plan in memory and list every stored snapshot row that differs."""
    inputs = load_plan_inputs(plan_id, today=today)
    rows, _summaries = compute_snapshots(inputs)
    fresh = {(r["succeskriterie_id"], r["periode_start"]): r for r in rows}
    stored = {
        (r["succeskriterie_id"], r["periode_start"]): r
        for r in Kriteriestatus.objects.filter(helhedsplan_id=plan_id).values(*SNAPSHOT_FIELDS)
    }
    diffs = []
    for key in sorted(set(fresh) | set(stored), key=lambda k: (k[0], k[1])):
        a, b = stored.get(key), fresh.get(key)
        if a is None or b is None:
            diffs.append(
                f"plan {plan_id}, kriterie {key[0]}, {key[1]}: {'mangler' if a is None else 'overflødig'}"
            )
            continue
        changed = [f for f in SNAPSHOT_FIELDS if _canonical(a[f]) != _canonical(b[f])]
        if changed:
            detail = ", ".join(f"{f}: {a[f]} ≠ {b[f]}" for f in changed)
            diffs.append(f"plan {plan_id}, kriterie {key[0]}, {key[1]}: {detail}")
    return diffs


def snapshots_verify(*, sample_size: int = 25, seed: int | None = None, job_id: int | None = None) -> dict:
    """The verification job: recompute a random sample of plans from raw data and report
    every snapshot that differs from what is stored."""
    job = job_start(job_id=job_id, type=Job.Type.KONTROL)
    plan_ids = list(Helhedsplan.objects.order_by("pk").values_list("pk", flat=True))
    rnd = random.Random(seed if seed is not None else timezone.localdate().toordinal())  # noqa: S311
    sample = sorted(rnd.sample(plan_ids, min(sample_size, len(plan_ids))))
    diffs: list[str] = []
    for i, plan_id in enumerate(sample, start=1):
        diffs.extend(snapshot_differences(plan_id))
        job_progress(job=job, fremskridt=round(100 * i / max(len(sample), 1)), besked=f"{i} af {len(sample)}")
    if diffs:
        logger.error("Snapshot verification found %d differences: %s", len(diffs), diffs[:20])
    besked = f"{len(sample)} planer kontrolleret, {len(diffs)} afvigelser"
    job_finish(job=job, besked=besked, fejl="\n".join(diffs[:500]))
    return {"plans": sample, "differences": diffs}


# --- Imports -------------------------------------------------------------------------------


def import_preview(
    *, data: bytes, filename: str, kilde: str = "", user=None, plan=None, dry_run: bool = False
) -> tuple[ImportBatch, imports.Parsed]:
    """Parse and validate a file. When every row is valid (and not ``dry_run``) it is stored
    as a previewed batch, its rows as staging rows (Importraekke), to confirm later; a file
    with problems writes nothing at all.

    Raises ImportFileError when the file as a whole cannot be read."""
    parsed = imports.parse_and_validate(data, filename, scope_plan=plan)
    batch = ImportBatch(
        filnavn=filename[:255],
        kilde=(kilde or filename)[:160],
        importeret_af=user if user is not None and user.is_authenticated else None,
        helhedsplan=plan,
        status=ImportBatch.Status.FORHAANDSVIST if parsed.ok else ImportBatch.Status.FEJLET,
        antal_raekker=parsed.antal_raekker,
        fejl="\n".join(str(p) for p in parsed.problems[: imports.MAX_REPORTED_PROBLEMS]),
    )
    if parsed.ok and not dry_run:
        batch.full_clean(exclude=["importeret_af", "helhedsplan"])
        with transaction.atomic():
            batch.save()
            imports.stage_rows(batch.pk, parsed.rows)
    return batch, parsed


def import_plan_ids(rows: list[dict]) -> set[int]:
    """The plans whose indicators the rows touch: their own, and those in the rows' areas."""
    plan_ids = {r["helhedsplan_id"] for r in rows if r.get("helhedsplan_id")}
    area_ids = {r["boligomraade_id"] for r in rows if r.get("boligomraade_id")}
    return _with_area_plans(plan_ids, area_ids)


def _with_area_plans(plan_ids: set[int], area_ids: set[int]) -> set[int]:
    if area_ids:
        plan_ids |= set(Helhedsplan.objects.filter(boligomraade_id__in=area_ids).values_list("pk", flat=True))
    return plan_ids


def batch_plan_ids(batch_id: int) -> set[int]:
    """The plans a staged batch touches (see import_plan_ids)."""
    staged = Importraekke.objects.filter(batch_id=batch_id)
    plan_ids = set(staged.exclude(helhedsplan_id=None).values_list("helhedsplan_id", flat=True).distinct())
    area_ids = set(staged.exclude(boligomraade_id=None).values_list("boligomraade_id", flat=True).distinct())
    return _with_area_plans(plan_ids, area_ids)


def _maaling_from_row(row: dict, batch: ImportBatch) -> Maaling:
    return Maaling(
        indikator_id=row["indikator_id"],
        helhedsplan_id=row["helhedsplan_id"],
        boligomraade_id=row["boligomraade_id"],
        periode_start=datetime.date.fromisoformat(row["periode_start"]),
        periode_slut=datetime.date.fromisoformat(row["periode_slut"]),
        vaerdi=Decimal(row["vaerdi"]),
        taeller=None if row["taeller"] is None else Decimal(row["taeller"]),
        naevner=None if row["naevner"] is None else Decimal(row["naevner"]),
        andel=row["andel"],
        kilde=Maaling.Kilde.IMPORT,
        kommentar=row["note"],
        import_batch=batch,
    )


MAALING_VALUE_FIELDS = ["vaerdi", "taeller", "naevner", "andel", "kommentar", "kilde", "import_batch"]
PREVIOUS_FIELDS = [
    "pk",
    "indikator_id",
    "helhedsplan_id",
    "boligomraade_id",
    "periode_start",
    "periode_slut",
    "vaerdi",
    "taeller",
    "naevner",
    "andel",
    "kommentar",
    "kilde",
    "import_batch_id",
]


def import_confirm(*, batch_id: int, user=None) -> ImportBatch:
    """Write a previewed batch: everything in one transaction, or nothing. Existing
    measurements with the same indicator, plan/area and period are updated (their old
    values kept on the batch for undo); the rest are created, each with its history record
    (who, when, created/changed). Queues a recompute of every plan the batch touches.

    On PostgreSQL set-based from the staging rows (INSERT/UPDATE … SELECT, history in the
    same statements); elsewhere through the ORM with simple-history's bulk helpers."""
    job = Job.objects.create(type=Job.Type.IMPORT, import_batch_id=batch_id, status=Job.Status.KOERER)
    job = job_start(job_id=job.pk, type=Job.Type.IMPORT)
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
            if batch.status != ImportBatch.Status.FORHAANDSVIST:
                raise ValueError("Importen er ikke klar til at blive gennemført.")
            Job.objects.filter(pk=job.pk).update(helhedsplan_id=batch.helhedsplan_id)
            write = _confirm_set_based if connection.vendor == "postgresql" else _confirm_in_memory
            new, changed, previous = write(batch, user)
            batch.status = ImportBatch.Status.GENNEMFOERT
            batch.antal_oprettet, batch.antal_opdateret = new, changed
            batch.tidligere = previous
            batch.gennemfoert = timezone.now()
            batch.save()
            for plan_id in sorted(batch_plan_ids(batch.pk)):
                request_recompute(plan_id=plan_id)
    except Exception as exc:
        job_fail(job_id=job.pk, exc=exc, retrying=False)
        raise
    job_finish(job=job, besked=f"{new} oprettet, {changed} opdateret")
    return batch


def _previous_values(matched: dict[int, int]) -> list[dict]:
    """The values of the measurements a batch overwrites (id → file row), in file order."""
    found = {m["pk"]: m for m in Maaling.objects.filter(pk__in=list(matched)).values(*PREVIOUS_FIELDS)}
    return [{k: _canonical(v) for k, v in found[pk].items()} for pk in sorted(matched, key=matched.get)]


def _confirm_in_memory(batch: ImportBatch, user) -> tuple[int, int, list[dict]]:
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    rows = imports.staged_rows(batch.pk)
    existing = imports.existing_for(rows)
    new, changed, matched = [], [], {}
    for row in rows:
        old = existing.get(imports.row_key(row))
        obj = _maaling_from_row(row, batch)
        if old is None:
            new.append(obj)
            continue
        matched[old["pk"]] = row["raekke"]
        obj.pk = old["pk"]
        changed.append(obj)
    previous = _previous_values(matched)
    bulk_create_with_history(new, Maaling, batch_size=5000, default_user=user)
    if changed:
        bulk_update_with_history(changed, Maaling, MAALING_VALUE_FIELDS, batch_size=2000, default_user=user)
    return len(new), len(changed), previous


_TRACKED = [
    "id",
    "indikator_id",
    "helhedsplan_id",
    "boligomraade_id",
    "periode_start",
    "periode_slut",
    "taeller",
    "naevner",
    "andel",
    "vaerdi",
    "kilde",
    "import_batch_id",
    "statusrapport_id",
    "kommentar",
]
_HISTORY_COLUMNS = ", ".join(
    [*_TRACKED, "history_date", "history_change_reason", "history_type", "history_user_id"]
)
_CONFIRM_MATCH = """
CREATE TEMP TABLE _imp ON COMMIT DROP AS
SELECT r.raekke, r.indikator_id, r.helhedsplan_id, r.boligomraade_id, r.periode_start, r.periode_slut,
       r.vaerdi, r.taeller, r.naevner, r.andel, r.note, coalesce(mp.id, ma.id) AS maaling_id
FROM monitorering_importraekke r
LEFT JOIN monitorering_maaling mp
    ON mp.helhedsplan_id = r.helhedsplan_id AND mp.indikator_id = r.indikator_id
   AND mp.periode_start = r.periode_start AND mp.periode_slut = r.periode_slut
LEFT JOIN monitorering_maaling ma
    ON ma.boligomraade_id = r.boligomraade_id AND ma.indikator_id = r.indikator_id
   AND ma.periode_start = r.periode_start AND ma.periode_slut = r.periode_slut
WHERE r.batch_id = %(batch)s;
SELECT maaling_id, raekke FROM _imp WHERE maaling_id IS NOT NULL;
"""
_CONFIRM_WRITE = f"""
WITH changed AS (
    UPDATE monitorering_maaling m
    SET vaerdi = i.vaerdi, taeller = i.taeller, naevner = i.naevner, andel = i.andel,
        kommentar = i.note, kilde = 'import', import_batch_id = %(batch)s
    FROM _imp i WHERE m.id = i.maaling_id
    RETURNING m.*
)
INSERT INTO monitorering_historicalmaaling ({_HISTORY_COLUMNS})
SELECT {", ".join(_TRACKED)}, %(now)s, NULL, '~', %(user)s FROM changed;
WITH new AS (
    INSERT INTO monitorering_maaling
        (indikator_id, helhedsplan_id, boligomraade_id, periode_start, periode_slut, taeller, naevner,
         andel, vaerdi, kilde, import_batch_id, statusrapport_id, kommentar)
    SELECT indikator_id, helhedsplan_id, boligomraade_id, periode_start, periode_slut, taeller, naevner,
           andel, vaerdi, 'import', %(batch)s, NULL, note
    FROM _imp WHERE maaling_id IS NULL ORDER BY raekke
    RETURNING *
)
INSERT INTO monitorering_historicalmaaling ({_HISTORY_COLUMNS})
SELECT {", ".join(_TRACKED)}, %(now)s, NULL, '+', %(user)s FROM new;
SELECT count(*) FILTER (WHERE maaling_id IS NULL), count(maaling_id) FROM _imp;
"""  # noqa: S608  # nosec B608 - SQL assembled from constants; values are bound parameters


def _confirm_set_based(batch: ImportBatch, user) -> tuple[int, int, list[dict]]:
    params = {
        "batch": batch.pk,
        "now": timezone.now(),
        "user": user.pk if user is not None and user.is_authenticated else None,
    }
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS _imp")
        cursor.execute(_CONFIRM_MATCH, params)
        previous = _previous_values(dict(cursor.fetchall()))
        cursor.execute(_CONFIRM_WRITE, params)
        new, changed = cursor.fetchone()
        cursor.execute("DROP TABLE _imp")
    return new, changed, previous


def import_undo(*, batch_id: int, user=None) -> ImportBatch:
    """Undo a completed batch as a whole: delete the measurements it created and restore the
    ones it overwrote, as far as no later batch has taken them over."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status != ImportBatch.Status.GENNEMFOERT:
            raise ValueError("Kun en gennemført import kan fortrydes.")
        restored_ids = [p["pk"] for p in batch.tidligere]
        Maaling.objects.filter(import_batch=batch).exclude(pk__in=restored_ids).delete()
        owned = {m.pk: m for m in Maaling.objects.filter(import_batch=batch, pk__in=restored_ids)}
        for prev in batch.tidligere:
            obj = owned.get(prev["pk"])
            if obj is None:
                continue
            obj.vaerdi = Decimal(prev["vaerdi"])
            obj.taeller = None if prev["taeller"] is None else Decimal(prev["taeller"])
            obj.naevner = None if prev["naevner"] is None else Decimal(prev["naevner"])
            obj.andel = prev["andel"]
            obj.kommentar = prev["kommentar"]
            obj.kilde = prev["kilde"]
            obj.import_batch_id = prev["import_batch_id"]
            obj.save()
        batch.status = ImportBatch.Status.FORTRUDT
        batch.fortrudt = timezone.now()
        batch.save()
        for plan_id in sorted(batch_plan_ids(batch.pk)):
            request_recompute(plan_id=plan_id)
    return batch
