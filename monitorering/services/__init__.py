"""Writes of the monitoring app, by concern:

- :mod:`.recompute`: queuing and running recomputes, the snapshots, the verification job;
- :mod:`.jobs`: the Job lifecycle (start, progress, finish, fail);
- :mod:`.imports`: import preview, confirm and undo (the file parser is
  :mod:`monitorering.imports`).

The names other apps and the tasks call are re-exported here.
"""

from .imports import import_confirm, import_preview, import_undo
from .jobs import JOB_MAX_FORSOEG, JobOpgivet, job_fail, job_finish, job_progress, job_start
from .recompute import (
    SNAPSHOT_FIELDS,
    all_plans_recompute,
    plan_recompute,
    plan_recompute_job,
    plans_recompute,
    recompute_request,
    snapshots_compare,
    snapshots_compute,
    snapshots_fingerprint,
    snapshots_verify,
)

__all__ = [
    "JOB_MAX_FORSOEG",
    "SNAPSHOT_FIELDS",
    "JobOpgivet",
    "all_plans_recompute",
    "import_confirm",
    "import_preview",
    "import_undo",
    "job_fail",
    "job_finish",
    "job_progress",
    "job_start",
    "plan_recompute",
    "plan_recompute_job",
    "plans_recompute",
    "recompute_request",
    "snapshots_compare",
    "snapshots_compute",
    "snapshots_fingerprint",
    "snapshots_verify",
]
