"""The recompute: queuing a plan's recompute, computing its snapshots with the indicator engine
(:mod:`monitorering.engine`) and storing them, whole runs in chunks, and the verification job.

``recompute_request`` is the hook other apps call after any change that affects a plan's
indicators (registrations, report approval, success-criterion edits, imports).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import random
from concurrent.futures import ThreadPoolExecutor, as_completed
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from helhedsplaner.models import Helhedsplan
from portal import outbox

from .. import engine
from ..dbcopy import insert_rows
from ..inputs import input_stamps
from ..models import Job, Kriteriestatus, Planberegning, Statusoversigt
from ..selectors import PlanInputs, load_inputs, load_plan_inputs
from .jobs import job_finish, job_progress, job_start

logger = logging.getLogger(__name__)

# How long a queued run absorbs later changes: the coalescing window's upper bound if its
# message is lost (the nightly recompute_all catches up in any case).
PENDING_TTL = 600
RECOMPUTE_TASK = "monitorering.recompute_plan"


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


def recompute_request(*, plan_id: int) -> None:
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


# --- Snapshots ----------------------------------------------------------------------------


def snapshots_compute(inputs: PlanInputs) -> tuple[list[dict], list[dict]]:
    """The snapshot rows of one plan, computed from raw data (no writes)."""
    periods = engine.completed(inputs.periods, inputs.today)
    rows: list[dict] = []
    # Each completed period is judged by the agreement version in force at its end.
    in_force = [inputs.version_at(p.slut) for p in periods]
    for crit in inputs.criteria:
        targets = [engine.pick_target(crit.lineage, v) for v in in_force] if crit.lineage else None
        results = engine.evaluate(
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
                    "baseline": engine.q3(target.baseline if target else crit.kriterie.baseline),
                    "maal": engine.q3(target.maal if target else crit.kriterie.maal),
                    "forventet": res.forventet,
                    "tolerance": res.tolerance,
                    "status": res.status,
                    "data_til": res.data_til,
                    "samarbejdsaftale_id": target.samarbejdsaftale_id if target else None,
                }
            )
    return rows, engine.summarise(rows)


def canonical(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def snapshots_fingerprint(rows: list[dict], summaries: list[dict]) -> str:
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
    *,
    plan_ids: list[int],
    today: datetime.date | None = None,
    set_based: bool | None = None,
    stamps: dict[int, str] | None = None,
) -> dict[int, Planberegning]:
    """Recompute the snapshots of these plans from raw data and replace them, in one
    transaction under row locks on their Planberegning rows (taken in id order), so two
    runs at once serialise and leave identical snapshots. Bumps each plan's generation.

    On PostgreSQL the computation runs set-based in the database (engine.sql) and writes
    only the rows that differ; elsewhere (``set_based=False``, SQLite) it runs in memory with
    engine.reference and replaces the rows. Both give identical snapshots and fingerprints.

    Stores each plan's input stamp (monitorering.inputs) with the result: ``stamps`` if the
    caller read them (before this call, so a change committed in between only costs a
    needless recompute next time), else read here before computing."""
    today = today or timezone.localdate()
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
        if stamps is None:
            stamps = input_stamps(ids, today)
        if set_based is None:
            set_based = connection.vendor == "postgresql"
        if set_based:
            fingerprints = engine.sql.compute(ids, today)
            engine.sql.write(ids)
        else:
            fingerprints = _replace_in_memory(ids, today)
        now = timezone.now()
        for beregning in locked:
            beregning.generation += 1
            beregning.beregnet = now
            beregning.fingeraftryk = fingerprints[beregning.helhedsplan_id]
            beregning.inddata = stamps.get(beregning.helhedsplan_id, "")
        Planberegning.objects.bulk_update(locked, ["generation", "beregnet", "fingeraftryk", "inddata"])
    return {b.helhedsplan_id: b for b in locked}


def _replace_in_memory(ids: list[int], today: datetime.date) -> dict[int, str]:
    """The reference path: compute each plan with engine.reference and replace its rows."""
    inputs = load_inputs(ids, today=today)
    all_rows: list[dict] = []
    all_summaries: list[dict] = []
    fingerprints = {}
    for plan_id in ids:
        rows, summaries = snapshots_compute(inputs[plan_id])
        fingerprints[plan_id] = snapshots_fingerprint(rows, summaries)
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


def all_plans_recompute(
    *,
    job_id: int | None = None,
    chunk: int = 50,
    workers: int | None = None,
    force: bool = False,
    today: datetime.date | None = None,
) -> dict:
    """Recompute every plan whose inputs changed since its last run (all of them with
    ``force``), in chunks of plans (one transaction each), reporting progress.

    First the input stamps of all plans are read (monitorering.inputs, set-based); a plan
    whose stamp equals the one stored with its snapshots is skipped: its snapshots would come
    out identical. On PostgreSQL, outside a transaction, ``workers`` chunks run at once, each
    on its own connection (default ``MONITORERING_RECOMPUTE_WORKERS``, 2): a chunk is an
    independent transaction under its own row locks, so the result is the same in any order.
    The stamps are read with the same parallelism, split by plan."""
    job = job_start(job_id=job_id, type=Job.Type.GENBEREGN_ALLE)
    today = today or timezone.localdate()
    plan_ids = list(Helhedsplan.objects.order_by("pk").values_list("pk", flat=True))
    if workers is None:
        workers = getattr(settings, "MONITORERING_RECOMPUTE_WORKERS", 2)
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        workers = 1  # other connections could not see this transaction's data (tests, SQLite)
    stamps: dict[int, str] = {}
    for part in _in_parallel(
        lambda ids: input_stamps(ids, today), [plan_ids[i::workers] for i in range(workers)], workers
    ):
        stamps.update(part)
    stored = dict(Planberegning.objects.values_list("helhedsplan_id", "inddata"))
    todo = [pid for pid in plan_ids if force or not stored.get(pid) or stored[pid] != stamps.get(pid)]
    parts = [todo[first : first + chunk] for first in range(0, len(todo), chunk)]

    def recompute(part: list[int]) -> int:
        plans_recompute(plan_ids=part, today=today, stamps={pid: stamps.get(pid, "") for pid in part})
        return len(part)

    done = 0
    for size in _in_parallel(recompute, parts, workers):
        done += size
        job_progress(job=job, fremskridt=round(100 * done / len(todo)), besked=f"{done} af {len(todo)}")
    skipped = len(plan_ids) - len(todo)
    besked = f"{len(todo)} planer genberegnet"
    job_finish(job=job, besked=besked + (f", {skipped} uændrede sprunget over" if skipped else ""))
    return {"plans": len(plan_ids), "recomputed": len(todo), "skipped": skipped}


def _in_parallel(func, parts: list, workers: int):
    """``func`` of each part, on ``workers`` threads with their own connections (in this
    thread when 1); yields each result as it finishes."""
    if workers <= 1:
        for part in parts:
            yield func(part)
        return

    def run(part):
        try:
            return func(part)
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
    *engine.sql.SNAPSHOT_COLUMNS,
]


def snapshots_compare(plan_id: int, today: datetime.date | None = None) -> list[str]:
    """Recompute one plan in memory and list every stored snapshot row that differs."""
    inputs = load_plan_inputs(plan_id, today=today)
    rows, _summaries = snapshots_compute(inputs)
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
        changed = [f for f in SNAPSHOT_FIELDS if canonical(a[f]) != canonical(b[f])]
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
        diffs.extend(snapshots_compare(plan_id))
        job_progress(job=job, fremskridt=round(100 * i / max(len(sample), 1)), besked=f"{i} af {len(sample)}")
    if diffs:
        logger.error("Snapshot verification found %d differences: %s", len(diffs), diffs[:20])
    besked = f"{len(sample)} planer kontrolleret, {len(diffs)} afvigelser"
    job_finish(job=job, besked=besked, fejl="\n".join(diffs[:500]))
    return {"plans": sample, "differences": diffs}
