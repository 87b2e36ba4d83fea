"""Imports of measurements: preview (parse, validate, stage), confirm (write a batch in one
transaction) and undo. The file parser is :mod:`monitorering.imports`."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from helhedsplaner.models import Helhedsplan
from helhedsplaner.signals import send_on_commit
from portal.errors import Invalid

from .. import imports as parser
from ..models import ImportBatch, Importraekke, Job, Maaling
from ..signals import import_finished
from .jobs import job_fail, job_finish, job_start
from .recompute import canonical, recompute_request


def import_preview(
    *, data: bytes, filename: str, kilde: str = "", user=None, plan=None, dry_run: bool = False
) -> tuple[ImportBatch, parser.Parsed]:
    """Parse and validate a file. When every row is valid (and not ``dry_run``) it is stored
    as a previewed batch, its rows as staging rows (Importraekke), to confirm later; a file
    with problems writes nothing at all.

    Raises ImportFileError when the file as a whole cannot be read."""
    parsed = parser.parse_and_validate(data, filename, scope_plan=plan)
    batch = ImportBatch(
        filnavn=filename[:255],
        kilde=(kilde or filename)[:160],
        importeret_af=user if user is not None and user.is_authenticated else None,
        helhedsplan=plan,
        status=ImportBatch.Status.FORHAANDSVIST if parsed.ok else ImportBatch.Status.FEJLET,
        antal_raekker=parsed.antal_raekker,
        fejl="\n".join(str(p) for p in parsed.problems[: parser.MAX_REPORTED_PROBLEMS]),
    )
    if parsed.ok and not dry_run:
        batch.full_clean(exclude=["importeret_af", "helhedsplan"])
        with transaction.atomic():
            batch.save()
            parser.stage_rows(batch.pk, parsed.rows)
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
    plan_ids = {pk for pk in staged.values_list("helhedsplan_id", flat=True).distinct() if pk is not None}
    area_ids = {pk for pk in staged.values_list("boligomraade_id", flat=True).distinct() if pk is not None}
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


def _not_confirmed(reason: object) -> Invalid:
    return Invalid(_("Importen blev ikke gennemført: %(fejl)s") % {"fejl": reason})


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
                raise _not_confirmed(_("Importen er ikke klar til at blive gennemført."))
            Job.objects.filter(pk=job.pk).update(helhedsplan_id=batch.helhedsplan_id)
            write = _confirm_set_based if connection.vendor == "postgresql" else _confirm_in_memory
            new, changed, previous = write(batch, user)
            batch.status = ImportBatch.Status.GENNEMFOERT
            batch.antal_oprettet, batch.antal_opdateret = new, changed
            batch.tidligere = previous
            batch.gennemfoert = timezone.now()
            batch.save()
            for plan_id in sorted(batch_plan_ids(batch.pk)):
                recompute_request(plan_id=plan_id)
    except IntegrityError as exc:
        job_fail(job_id=job.pk, exc=exc, retrying=False)
        _announce_import(batch_id, user, ok=False, fejl=str(exc))
        raise _not_confirmed(exc) from exc
    except Exception as exc:
        job_fail(job_id=job.pk, exc=exc, retrying=False)
        _announce_import(batch_id, user, ok=False, fejl=str(exc))
        raise
    job_finish(job=job, besked=f"{new} oprettet, {changed} opdateret")
    _announce_import(batch_id, user, ok=True)
    return batch


def _announce_import(batch_id: int, user, *, ok: bool, fejl: str = "") -> None:
    """Tell the apps above (notifications) after the commit who started an import and how it
    ended; a scripted import (no user) tells nobody."""
    user_id = getattr(user, "pk", None)
    if user_id is not None:
        send_on_commit(import_finished, batch_id=batch_id, ok=ok, user_id=user_id, fejl=fejl[:500])


def _previous_values(matched: dict[int, int]) -> list[dict]:
    """The values of the measurements a batch overwrites (id → file row), in file order."""
    found = {m["pk"]: m for m in Maaling.objects.filter(pk__in=list(matched)).values(*parser.STORED_FIELDS)}
    in_file_order = sorted(matched, key=matched.__getitem__)
    return [{k: canonical(v) for k, v in found[pk].items()} for pk in in_file_order]


def _confirm_in_memory(batch: ImportBatch, user) -> tuple[int, int, list[dict]]:
    rows = parser.staged_rows(batch.pk)
    existing = parser.existing_for(rows)
    new, changed, matched = [], [], {}
    for row in rows:
        old = existing.get(parser.row_key(row))
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
# The tables the set-based confirm reads and writes.
_STAGED = Importraekke._meta.db_table
_MAALING = Maaling._meta.db_table
_MAALING_HISTORY = Maaling.history.model._meta.db_table  # type: ignore[attr-defined]
_CONFIRM_MATCH = f"""
CREATE TEMP TABLE _imp ON COMMIT DROP AS
SELECT r.raekke, r.indikator_id, r.helhedsplan_id, r.boligomraade_id, r.periode_start, r.periode_slut,
       r.vaerdi, r.taeller, r.naevner, r.andel, r.note, coalesce(mp.id, ma.id) AS maaling_id
FROM {_STAGED} r
LEFT JOIN {_MAALING} mp
    ON mp.helhedsplan_id = r.helhedsplan_id AND mp.indikator_id = r.indikator_id
   AND mp.periode_start = r.periode_start AND mp.periode_slut = r.periode_slut
LEFT JOIN {_MAALING} ma
    ON ma.boligomraade_id = r.boligomraade_id AND ma.indikator_id = r.indikator_id
   AND ma.periode_start = r.periode_start AND ma.periode_slut = r.periode_slut
WHERE r.batch_id = %(batch)s;
SELECT maaling_id, raekke FROM _imp WHERE maaling_id IS NOT NULL;
"""  # noqa: S608  # nosec B608 - SQL assembled from constants; values are bound parameters
_CONFIRM_WRITE = f"""
WITH changed AS (
    UPDATE {_MAALING} m
    SET vaerdi = i.vaerdi, taeller = i.taeller, naevner = i.naevner, andel = i.andel,
        kommentar = i.note, kilde = %(kilde)s, import_batch_id = %(batch)s
    FROM _imp i WHERE m.id = i.maaling_id
    RETURNING m.*
)
INSERT INTO {_MAALING_HISTORY} ({_HISTORY_COLUMNS})
SELECT {", ".join(_TRACKED)}, %(now)s, NULL, '~', %(user)s FROM changed;
WITH new AS (
    INSERT INTO {_MAALING}
        (indikator_id, helhedsplan_id, boligomraade_id, periode_start, periode_slut, taeller, naevner,
         andel, vaerdi, kilde, import_batch_id, statusrapport_id, kommentar)
    SELECT indikator_id, helhedsplan_id, boligomraade_id, periode_start, periode_slut, taeller, naevner,
           andel, vaerdi, %(kilde)s, %(batch)s, NULL, note
    FROM _imp WHERE maaling_id IS NULL ORDER BY raekke
    RETURNING *
)
INSERT INTO {_MAALING_HISTORY} ({_HISTORY_COLUMNS})
SELECT {", ".join(_TRACKED)}, %(now)s, NULL, '+', %(user)s FROM new;
SELECT count(*) FILTER (WHERE maaling_id IS NULL), count(maaling_id) FROM _imp;
"""  # noqa: S608  # nosec B608 - SQL assembled from constants; values are bound parameters


def _confirm_set_based(batch: ImportBatch, user) -> tuple[int, int, list[dict]]:
    params = {
        "batch": batch.pk,
        "kilde": Maaling.Kilde.IMPORT.value,
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
            raise Invalid(_("Kun en gennemført import kan fortrydes."))
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
            recompute_request(plan_id=plan_id)
    return batch
