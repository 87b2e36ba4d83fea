"""The indicator engine at ten times national scale (`make bench`; needs PostgreSQL).

Generates (once; deterministic) 1,500 plans × 8 years into a separate database, default
``postgres://postgres@127.0.0.1:5432/boligsocial_bench`` (BENCH_DATABASE_URL overrides; never
the test database), then measures in the same run and prints, with the raw times:

1. the GROUP BY floor: one plain SQL GROUP BY that computes the same per-period sums directly
   in PostgreSQL, run serially and split by plan id ranges over as many connections as the
   recompute uses (MONITORERING_RECOMPUTE_WORKERS); then ``recompute_all`` twice: a first run
   on empty snapshot tables (this script truncates them in its own bench database) and a
   steady run straight after (nothing changed: every plan is skipped by its input stamp),
   each ÷ the floor of the same parallelism (goals ≤ 3.0 and ≤ 0.5; ÷ the serial floor too);
2. one plan's recompute after one measurement it uses really changed (goal < 1 s; the
   change is undone afterwards, and the count of runs whose snapshots changed printed);
3. a 100,000-row CSV through the real import path (preview + confirm) in rows/s, and ÷ a fair
   PostgreSQL COPY of the same typed rows into the real target table, monitorering_maaling
   (its indexes, constraints and trigger, the deferred FK checks run before the rollback),
   goal ≤ 3.0 — also printed: the old baseline, the same COPY without the FK checks, and the
   oldest, a COPY of the file as text into an unindexed TEMP table;
4. the peak memory (max RSS) of the worker process that ran recompute_all.

Writes everything to bench/results/latest.json (merged: other benchmarks' keys stay). Prints
figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/boligsocial_bench"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.pop("CELERY_BROKER_URL", None)  # recomputes queued by the import are not part of it

import django  # noqa: E402
import psycopg2  # noqa: E402

IMPORT_ROWS = 100_000
IMPORT_INDICATORS = 10

FLOOR_SQL = """
WITH obs AS (
    SELECT m.helhedsplan_id AS plan_id, m.indikator_id,
           ((date_part('year', m.periode_slut) - date_part('year', p.startdato)) * 12
             + date_part('month', m.periode_slut) - date_part('month', p.startdato))::int / 3 AS q,
           m.vaerdi AS v, m.taeller AS t, m.naevner AS n
    FROM monitorering_maaling m JOIN helhedsplaner_helhedsplan p ON p.id = m.helhedsplan_id
    WHERE p.id BETWEEN %(lo)s AND %(hi)s
    UNION ALL
    SELECT d.helhedsplan_id, ia.indikator_id,
           ((date_part('year', r.dato) - date_part('year', p.startdato)) * 12
             + date_part('month', r.dato) - date_part('month', p.startdato))::int / 3,
           dt.antal, NULL, NULL
    FROM helhedsplaner_aktivitetsregistrering r
    JOIN helhedsplaner_deltagertal dt ON dt.registrering_id = r.id
    JOIN monitorering_indikator_aktiviteter ia ON ia.aktivitet_id = r.aktivitet_id
    JOIN helhedsplaner_aktivitet a ON a.id = r.aktivitet_id
    JOIN helhedsplaner_delmaal dm ON dm.id = a.delmaal_id
    JOIN helhedsplaner_delaftale d ON d.id = dm.delaftale_id
    JOIN helhedsplaner_helhedsplan p ON p.id = d.helhedsplan_id
    WHERE p.id BETWEEN %(lo)s AND %(hi)s
)
SELECT plan_id, indikator_id, q, sum(v), sum(t), sum(n), count(*)
FROM obs GROUP BY plan_id, indikator_id, q
"""


def ensure_database(url: str) -> None:
    dbname = url.rsplit("/", 1)[1]
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{dbname}"')
    admin.close()


def timed(func, repeat: int = 1) -> tuple[object, float]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times)


def phase_recompute_all() -> None:
    """Run in a child process: the worker doing the nightly job (for its peak memory)."""
    django.setup()
    from monitorering import services

    started = time.perf_counter()
    result = services.all_plans_recompute(chunk=50)
    seconds = time.perf_counter() - started
    # VmHWM is this process image's own peak RSS (ru_maxrss would include the parent's
    # memory at fork time, which survives exec on Linux).
    status = Path("/proc/self/status").read_text()
    hwm_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    print(json.dumps({"seconds": seconds, "peak_rss_kb": hwm_kb, **result}))


def recompute_run() -> dict:
    """``recompute_all`` in a child process (the worker); its time, peak memory and counts."""
    started = time.perf_counter()
    child = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--phase", "recompute-all"], capture_output=True, text=True, check=True
    )
    return {**json.loads(child.stdout.strip().splitlines()[-1]), "wall": time.perf_counter() - started}


def snapshots_truncate() -> None:
    """Empty the snapshot tables of the bench database, so the next run is a first run."""
    from django.db import connection

    from monitorering.models import Kriteriestatus, Planberegning, Statusoversigt

    tables = [m._meta.db_table for m in (Kriteriestatus, Statusoversigt, Planberegning)]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)}")  # noqa: S608 - table names from the models


def _floor_once(url: str, lo: int, hi: int) -> int:
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(FLOOR_SQL, {"lo": lo, "hi": hi})
        rows = len(cursor.fetchall())
    conn.close()
    return rows


def floor_seconds(workers: int) -> dict:
    """The GROUP BY floor, serially and split by plan id ranges over ``workers`` connections
    at once (the recompute's parallelism); the median of three runs of each after a warm-up."""
    from concurrent.futures import ThreadPoolExecutor

    from helhedsplaner.models import Helhedsplan

    url = os.environ["DATABASE_URL"]
    ids = list(Helhedsplan.objects.order_by("pk").values_list("pk", flat=True))
    size = -(-len(ids) // workers)
    ranges = [(part[0], part[-1]) for part in (ids[i : i + size] for i in range(0, len(ids), size))]
    rows = _floor_once(url, ids[0], ids[-1])  # warm the cache once
    serial, parallel = [], []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for _ in range(3):
            started = time.perf_counter()
            _floor_once(url, ids[0], ids[-1])
            serial.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert sum(pool.map(lambda r: _floor_once(url, *r), ranges)) == rows  # noqa: S101
            parallel.append(time.perf_counter() - started)
    return {"serial": statistics.median(serial), "parallel": statistics.median(parallel), "rows": rows}


def one_plan_after_one_change() -> dict:
    """One plan's recompute after one measurement it uses really changed (its tæller and
    værdi lowered by one), five times; each change is undone (and recomputed) afterwards.
    Also counts how many of the changes changed the plan's snapshots."""
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from helhedsplaner.models import Succeskriterie
    from monitorering import services
    from monitorering.models import Maaling

    used = Succeskriterie.objects.filter(
        indikator_id=OuterRef("indikator_id"),
        strategisk_maal__samarbejdsaftale__helhedsplan_id=OuterRef("helhedsplan_id"),
    )
    candidates = (
        Maaling.objects.filter(
            helhedsplan__isnull=False,
            statusrapport__isnull=True,
            periode_slut__lt=timezone.localdate(),
            taeller__gte=1,
        )
        .filter(Exists(used))
        .order_by("pk")
    )
    rnd = random.Random(7)  # noqa: S311
    times, changed = [], 0
    for _ in range(5):
        m = candidates[rnd.randrange(1000)]
        plan_id, taeller = m.helhedsplan_id, m.taeller
        assert plan_id is not None and taeller is not None  # noqa: S101 - the filter above
        before = services.plan_recompute(plan_id=plan_id).fingeraftryk
        try:
            Maaling.objects.filter(pk=m.pk).update(taeller=taeller - 1, vaerdi=m.vaerdi - 1)
            started = time.perf_counter()
            after = services.plan_recompute(plan_id=plan_id).fingeraftryk
            times.append(time.perf_counter() - started)
            changed += after != before
        finally:
            Maaling.objects.filter(pk=m.pk).update(taeller=taeller, vaerdi=m.vaerdi)
            services.plan_recompute(plan_id=plan_id)
    return {"seconds": statistics.median(times), "changed": changed, "runs": len(times)}


def import_file(path: Path, typed_path: Path) -> None:
    """The 100,000-row file as a user uploads it (sagsnummer, indicator code, Danish dates and
    numbers), and the same rows typed as monitorering_maaling stores them (for the COPY floor)."""
    from helhedsplaner.models import Helhedsplan
    from monitorering.models import Indikator

    codes = []
    for i in range(IMPORT_INDICATORS):
        ind, _ = Indikator.objects.get_or_create(
            kode=f"skala-import-{i + 1}",
            defaults={
                "navn": f"skala-import-{i + 1}",
                "enhed": "%",
                "art": "procent",
                "retning": "hoejere",
                "aggregering": "seneste",
                "kilde": "registerdata",
            },
        )
        codes.append(ind.kode)
    plans = list(Helhedsplan.objects.order_by("pk").values_list("lbf_sagsnummer", "startdato", "pk"))
    ids = dict(Indikator.objects.filter(kode__in=codes).values_list("kode", "pk"))
    rnd = random.Random(20151819)  # noqa: S311
    from monitorering.engine.rules import add_months

    lines = ["plan;indikator;periode_start;periode_slut;vaerdi;taeller;naevner;note"]
    typed = [";".join(TYPED_COLUMNS)]
    per_plan = IMPORT_ROWS // len(plans) + 1
    for sag, start, plan_id in plans:
        for k in range(per_plan):
            if len(lines) > IMPORT_ROWS:
                break
            code = codes[k % IMPORT_INDICATORS]
            q = k // IMPORT_INDICATORS
            p_start = add_months(start, 3 * q)
            p_end = add_months(start, 3 * q + 3) - datetime.timedelta(days=1)
            naevner = rnd.randint(1000, 4000)
            taeller = rnd.randint(0, naevner)
            value = f"{100 * taeller / naevner:.1f}".replace(".", ",")
            dk_t, dk_n = f"{taeller:,}".replace(",", "."), f"{naevner:,}".replace(",", ".")
            lines.append(f"{sag};{code};{p_start:%d-%m-%Y};{p_end:%d-%m-%Y};{value};{dk_t};{dk_n};")
            typed.append(
                f"{ids[code]};{plan_id};{p_start.isoformat()};{p_end.isoformat()};"
                f'{100 * taeller / naevner:.1f};{taeller};{naevner};t;import;""'  # "" is '', not NULL
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    typed_path.write_text("\n".join(typed) + "\n", encoding="utf-8")


TYPED_COLUMNS = [
    "indikator_id",
    "helhedsplan_id",
    "periode_start",
    "periode_slut",
    "vaerdi",
    "taeller",
    "naevner",
    "andel",
    "kilde",
    "kommentar",
]


def copy_floors(path: Path, typed_path: Path) -> dict:
    """Three COPY baselines of the same 100,000 rows:

    - ``fair``: the typed rows into the real target table, monitorering_maaling (its
      indexes, constraints and trigger), with its deferred foreign-key checks run
      (``SET CONSTRAINTS ALL IMMEDIATE``) before the rollback, as the import's commit runs them;
    - ``old``: the same without the foreign-key checks (the baseline before issue 17);
    - ``text_temp``: the file as text into an unindexed TEMP table (the oldest baseline)."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE copy_floor (plan text, indikator text, periode_start text, periode_slut text, "
            "vaerdi text, taeller text, naevner text, note text)"
        )
        started = time.perf_counter()
        with path.open("rb") as handle:
            cursor.cursor.copy_expert(
                "COPY copy_floor FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', ENCODING 'UTF8')",
                handle,
            )
        text_s = time.perf_counter() - started
        cursor.execute("DROP TABLE copy_floor")
    out = {"text_temp": text_s}
    for name, check in (("old", False), ("fair", True)):
        with transaction.atomic(), connection.cursor() as cursor:
            started = time.perf_counter()
            with typed_path.open("rb") as handle:
                cursor.cursor.copy_expert(
                    f"COPY monitorering_maaling ({', '.join(TYPED_COLUMNS)}) FROM STDIN "
                    "WITH (FORMAT csv, HEADER true, DELIMITER ';', ENCODING 'UTF8')",
                    handle,
                )
            if check:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            out[name] = time.perf_counter() - started
            transaction.set_rollback(True)
    return out


def import_and_copy(path: Path, typed_path: Path) -> dict:
    from monitorering import services
    from monitorering.models import ImportBatch, Maaling

    Maaling.objects.filter(indikator__kode__startswith="skala-import-").delete()
    ImportBatch.objects.all().delete()
    copies = copy_floors(path, typed_path)
    queued = []
    services.recompute._enqueue_recompute = queued.append  # the recompute is queued work, not the import path
    data = path.read_bytes()
    (batch, parsed), preview_s = timed(lambda: services.import_preview(data=data, filename=path.name))
    assert parsed.ok, parsed.problems[:5]
    _, confirm_s = timed(lambda: services.import_confirm(batch_id=batch.pk))
    rows = len(parsed.rows)
    services.import_undo(batch_id=batch.pk)
    return {
        "rows": rows,
        "preview_s": preview_s,
        "confirm_s": confirm_s,
        "import_s": preview_s + confirm_s,
        "copy_s": copies["old"],
        "copy_fair_s": copies["fair"],
        "copy_text_temp_s": copies["text_temp"],
        "plans_queued_for_recompute": len(set(queued)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=1500)
    parser.add_argument("--years", type=int, default=8)
    parser.add_argument("--seed", type=int, default=20151819)
    parser.add_argument("--phase", default="")
    args = parser.parse_args()
    if args.phase == "recompute-all":
        phase_recompute_all()
        return
    ensure_database(os.environ["DATABASE_URL"])
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from helhedsplaner.models import Aktivitetsregistrering, Helhedsplan
    from monitorering.models import Kriteriestatus, Maaling

    call_command("migrate", verbosity=0)
    generate_s = None
    if Helhedsplan.objects.count() != args.plans:
        print(f"Generating {args.plans} plans × {args.years} years (once) …", flush=True)
        _, generate_s = timed(
            lambda: call_command(
                "generate_scale",
                plans=args.plans,
                years=args.years,
                seed=args.seed,
                replace=True,
                verbosity=0,
            )
        )
    counts = {
        "plans": Helhedsplan.objects.count(),
        "measurements": Maaling.objects.count(),
        "activity_registrations": Aktivitetsregistrering.objects.count(),
    }
    print(f"Data: {counts}", flush=True)

    from django.conf import settings

    workers = getattr(settings, "MONITORERING_RECOMPUTE_WORKERS", 2)
    floor = floor_seconds(workers)
    floor_s = floor["parallel"]
    print(
        f"GROUP BY floor: {floor['serial']:.2f} s serially, {floor_s:.2f} s on {workers} connections "
        f"({floor['rows']} plan×indicator×quarter rows)",
        flush=True,
    )

    snapshots_truncate()
    first = recompute_run()
    snapshot_rows = Kriteriestatus.objects.count()
    print(
        f"recompute_all, first run (empty snapshot tables): {first['seconds']:.1f} s "
        f"({first['recomputed']} plans, {snapshot_rows} snapshot rows)",
        flush=True,
    )
    steady = recompute_run()
    print(
        f"recompute_all, steady (nothing changed): {steady['seconds']:.2f} s "
        f"({steady['recomputed']} recomputed, {steady['skipped']} skipped)",
        flush=True,
    )
    recompute_s, wall_s, peak_kb = (
        first["seconds"],
        first["wall"],
        max(first["peak_rss_kb"], steady["peak_rss_kb"]),
    )

    one = one_plan_after_one_change()
    one_s = one["seconds"]
    print(
        f"one plan after one change: {one_s * 1000:.0f} ms ({one['changed']} of {one['runs']} changes "
        "changed the plan's snapshots)",
        flush=True,
    )

    path = ROOT / "bench" / "results" / "import-100k.csv"
    typed_path = ROOT / "bench" / "results" / "import-100k-typed.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    import_file(path, typed_path)
    imp = import_and_copy(path, typed_path)
    path.unlink()
    typed_path.unlink()

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    import pandas

    result = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1),
        },
        "versions": {
            "python": platform.python_version(),
            "django": django.get_version(),
            "postgresql": pg_version,
            "pandas": pandas.__version__,
        },
        "data": {**counts, "snapshot_rows": snapshot_rows, "generate_s": generate_s},
        "recompute_workers": workers,
        "raw_seconds": {
            "group_by_floor": floor_s,
            "group_by_floor_serial": floor["serial"],
            "recompute_all": recompute_s,
            "recompute_all_process_wall": wall_s,
            "recompute_all_steady": steady["seconds"],
            "one_plan_after_one_change": one_s,
            "import_preview": imp["preview_s"],
            "import_confirm": imp["confirm_s"],
            "import_total": imp["import_s"],
            "copy_same_rows_into_maaling": imp["copy_s"],
            "copy_same_rows_into_maaling_fk_checked": imp["copy_fair_s"],
            "copy_same_file_into_temp_text_table": imp["copy_text_temp_s"],
        },
        # Over the floor run with the recompute's parallelism (the serial floor: *_serial_floor).
        "ratios": {
            "recompute_all_over_group_by_floor": recompute_s / floor_s,
            "recompute_first_over_floor": recompute_s / floor_s,
            "recompute_steady_over_floor": steady["seconds"] / floor_s,
            "recompute_first_over_serial_floor": recompute_s / floor["serial"],
            "recompute_steady_over_serial_floor": steady["seconds"] / floor["serial"],
            "import_over_fair_copy": imp["import_s"] / imp["copy_fair_s"],
            "import_over_copy": imp["import_s"] / imp["copy_s"],
            "import_over_copy_into_temp_text_table": imp["import_s"] / imp["copy_text_temp_s"],
        },
        "import_rows": imp["rows"],
        "import_rows_per_second": imp["rows"] / imp["import_s"],
        "worker_peak_rss_mb": round(peak_kb / 1024, 1),
    }
    print()
    print(f"Machine: {result['machine']}")
    print(f"Versions: {result['versions']}")
    ratios = result["ratios"]
    print(
        f"(1) recompute_all, first run {recompute_s:.1f} s ÷ GROUP BY floor on {workers} connections "
        f"{floor_s:.2f} s = {ratios['recompute_first_over_floor']:.2f}  (goal ≤ 3.0; ÷ the serial floor "
        f"{floor['serial']:.2f} s: {ratios['recompute_first_over_serial_floor']:.2f})"
    )
    print(
        f"    steady (nothing changed) {steady['seconds']:.2f} s ÷ the same floor = "
        f"{ratios['recompute_steady_over_floor']:.2f}  (goal ≤ 0.5; ÷ the serial floor: "
        f"{ratios['recompute_steady_over_serial_floor']:.2f})"
    )
    print(f"(2) one plan after one change: {one_s * 1000:.0f} ms  (goal < 1 s)")
    print(
        f"(3) import {imp['rows']} rows: {imp['import_s']:.1f} s (preview {imp['preview_s']:.1f} s + confirm "
        f"{imp['confirm_s']:.1f} s) = {result['import_rows_per_second']:.0f} rows/s; "
        f"COPY into monitorering_maaling with its FK checks {imp['copy_fair_s']:.2f} s; ratio "
        f"{ratios['import_over_fair_copy']:.2f}  (goal ≤ 3.0)"
    )
    print(
        f"    (old baseline: the same COPY without the FK checks {imp['copy_s']:.2f} s; ratio "
        f"{ratios['import_over_copy']:.2f})"
    )
    print(
        f"    (old baseline: COPY of the file into a TEMP text table {imp['copy_text_temp_s']:.3f} s; "
        f"ratio {result['ratios']['import_over_copy_into_temp_text_table']:.0f})"
    )
    print(f"(4) worker peak memory (max RSS of the recompute_all process): {result['worker_peak_rss_mb']} MB")
    from bench.common import merge_latest

    # Keys other benchmarks write (bench/dashboard.py's ratios, …) survive.
    out = merge_latest(result)
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
