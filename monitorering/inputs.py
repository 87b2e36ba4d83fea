"""The recompute's input stamps: per plan, a fingerprint of everything its snapshots are
computed from, so the nightly run can skip the plans whose inputs have not changed.

A plan's stamp covers: the plan's dates, frequency and area; its agreement versions; the
criteria of every version (targets, lineage, indicator and that indicator's definition); the
indicator-activity links of its activities; its activities' registrations with their
participant totals; its own measurements and those of its area (with the status of the report
a value belongs to); and, as of ``today``, the number of completed periods and the current
agreement version (the two things a date changes). The source of the code that computes
snapshots is part of every stamp, so a deployment with changed rules recomputes everything.

The stamp is a hash of the rows' content, not of change times: it is equal exactly when the
rows are (up to a 64-bit hash collision), whichever path wrote them and whenever
they were committed. On PostgreSQL each part is one ``GROUP BY`` over all plans (or over
``plan_ids``), hashing each row in the database; elsewhere the same querysets are hashed in
Python. Each part is defined once, as a queryset, for both.
"""

# ruff: noqa: S608 - the SQL wraps querysets Django compiled; values go in as parameters

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import F, QuerySet

from helhedsplaner.models import Aktivitetsregistrering, Helhedsplan, Samarbejdsaftale, Succeskriterie

from . import engine
from .models import Indikator, Maaling

# The source of the code that computes snapshots (the engine's rules and SQL, the reference
# path's input loading and driver, the agreement-in-force rule, these stamps): a change to it
# changes every stamp, so a deployment with changed rules recomputes everything.
_APP = Path(__file__).resolve().parent
_SOURCES = [
    *sorted((_APP / "engine").glob("*.py")),
    _APP / "inputs.py",
    _APP / "selectors.py",
    _APP / "services" / "recompute.py",
    _APP.parent / "helhedsplaner" / "models" / "agreements.py",
]
ENGINE_SOURCE = hashlib.sha256(b"".join(path.read_bytes() for path in _SOURCES)).hexdigest()

PLAN_KEY = "stamp_plan"
_MAALING_FIELDS = [
    "id",
    "indikator_id",
    "periode_start",
    "periode_slut",
    "vaerdi",
    "taeller",
    "naevner",
    "statusrapport_id",
    "statusrapport__status",
]


def _parts() -> dict[str, tuple[QuerySet, str]]:
    """Each part of a stamp: a queryset of the rows (a ``stamp_plan`` column first) and the
    path from its model to the plan (``boligomraade_id`` for the area's measurements, which are
    hashed per area and added to each plan of the area)."""
    link = Indikator.aktiviteter.through
    activity_plan = "aktivitet__delmaal__delaftale__helhedsplan_id"

    def rows(qs: QuerySet, path: str, *fields: str) -> tuple[QuerySet, str]:
        qs = qs.filter(**{f"{path}__isnull": False}).annotate(**{PLAN_KEY: F(path)}).values(PLAN_KEY, *fields)
        return qs.order_by(), path  # no sort: the digest does not depend on the order

    return {
        "plan": rows(
            Helhedsplan.objects.all(),
            "id",
            "startdato",
            "slutdato",
            "rapporteringsfrekvens",
            "boligomraade_id",
        ),
        "aftale": rows(
            Samarbejdsaftale.objects.all(),
            "helhedsplan_id",
            *["id", "version", "status", "gyldig_fra", "godkendt_tidspunkt"],
        ),
        "kriterie": rows(
            Succeskriterie.objects.all(),
            "strategisk_maal__samarbejdsaftale__helhedsplan_id",
            *["id", "strategisk_maal_id", "strategisk_maal__samarbejdsaftale_id"],
            *["strategisk_maal__indsatsomraade_id", "indikator_id", "forgaenger_id"],
            *["baseline_vaerdi", "baseline_dato", "maal_vaerdi", "maal_dato", "tolerance_pct"],
            *["indikator__art", "indikator__aggregering", "indikator__retning", "indikator__kilde"],
        ),
        "kobling": rows(link.objects.all(), activity_plan, "id", "indikator_id", "aktivitet_id"),
        # One row per registration and participant count (a registration without any: one).
        "registrering": rows(
            Aktivitetsregistrering.objects.all(),
            activity_plan,
            *["id", "aktivitet_id", "dato", "timer", "deltagertal__id", "deltagertal__antal"],
        ),
        "maaling": rows(Maaling.objects.all(), "helhedsplan_id", *_MAALING_FIELDS),
        "omraade": rows(Maaling.objects.all(), "boligomraade_id", *_MAALING_FIELDS),
    }


def input_stamps(plan_ids: Iterable[int] | None, today: datetime.date) -> dict[int, str]:
    """Per plan (every plan, or those in ``plan_ids``), the stamp of its recompute's inputs as
    of ``today``. A fixed number of queries for any number of plans."""
    plans = Helhedsplan.objects.all()
    ids = None if plan_ids is None else list(plan_ids)
    if ids is not None:
        plans = plans.filter(pk__in=ids)
    plan_rows = list(
        plans.values_list("pk", "startdato", "slutdato", "rapporteringsfrekvens", "boligomraade_id")
    )
    areas = {area for *_rest, area in plan_rows if area is not None}
    digests: dict[str, dict[int, str]] = {}
    for name, (qs, path) in _parts().items():
        if name == "omraade":
            qs = qs.filter(boligomraade_id__in=areas) if ids is not None else qs
        elif ids is not None:
            qs = qs.filter(**{f"{path}__in": ids})
        digests[name] = _digest_sql(qs) if connection.vendor == "postgresql" else _digest_python(qs)
    current = Samarbejdsaftale.objects.filter(helhedsplan_id__in=[p[0] for p in plan_rows]).current_by_plan(
        today
    )
    stamps = {}
    for pk, start, slut, frekvens, area in plan_rows:
        completed = len(engine.completed(engine.plan_periods(start, slut, frekvens), today))
        aftale = current.get(pk)
        text = "\n".join(
            [
                ENGINE_SOURCE,
                settings.TIME_ZONE,
                f"perioder:{completed}",
                f"aktuel:{aftale.pk if aftale else None}",
                *(f"{name}:{digests[name].get(area if name == 'omraade' else pk, '-')}" for name in digests),
            ]
        )
        stamps[pk] = hashlib.sha256(text.encode()).hexdigest()
    return stamps


# Per column type (PostgreSQL type OID): the 64-bit hash of a value, seeded by the column's
# position so equal values in two columns differ. Others hash their text.
_INTEGERS = {20, 21, 23}  # int8, int2, int4
_HASH_BY_TYPE = {
    **dict.fromkeys(_INTEGERS, "hashint8extended({col}::bigint, {seed})"),
    1700: "hash_numeric_extended({col}, {seed})",  # numeric: equal values hash equal
    1082: "hashint8extended({col} - date '2000-01-01', {seed})",  # date
}
_HASH_TEXT = "hashtextextended({col}::text, {seed})"


def _digest_sql(qs: QuerySet) -> dict[int, str]:
    """Per plan (or area): the number of rows and the sum of their 64-bit hashes (the XOR of
    their columns' hashes, NULL hashing as 0), in SQL."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) t LIMIT 0", params)  # nosec B608 - the column types
        columns = [(col.name, col.type_code) for col in cursor.description]
        row_hash = " # ".join(
            "coalesce({}, 0)".format(
                _HASH_BY_TYPE.get(type_code, _HASH_TEXT).format(
                    col=f"t.{connection.ops.quote_name(name)}", seed=i
                )
            )
            for i, (name, type_code) in enumerate(columns)
        )
        cursor.execute(
            f"SELECT t.{PLAN_KEY}, count(*)::text || ':' || sum(({row_hash})::numeric)::text "
            f"FROM ({sql}) t GROUP BY t.{PLAN_KEY}",  # nosec B608
            params,
        )
        return dict(cursor.fetchall())


def _digest_python(qs: QuerySet) -> dict[int, str]:
    """The same as :func:`_digest_sql`, hashing in Python (SQLite's functions have no hash)."""
    count: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    for row in qs:
        key = row[PLAN_KEY]
        text = "|".join(_text(row[k]) for k in sorted(row))
        count[key] += 1
        total[key] += int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big", signed=True)
    return {key: f"{count[key]}:{total[key]}" for key in count}


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)
