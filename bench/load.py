"""Load test: gunicorn on the ten-times-scale data, driven by Locust (`make bench-load`).

1. Checks the benchmark database (default ``postgres://postgres@127.0.0.1:5432/boligsocial_bench``,
   BENCH_DATABASE_URL overrides; its name must contain "bench") and creates the load users in it
   (``manage.py load_users``, idempotent; refuses any database not made by generate_scale).
2. Starts gunicorn (``LOAD_WORKERS`` sync workers, default 4) on a free port of 127.0.0.1 with
   ``portal.settings.bench`` (production-like, plain HTTP; see that module for why not prod)
   and one Celery worker, both on Redis ``LOAD_REDIS_URL`` (default DB 6) as broker and cache.
3. Empties the task queue and the outbox first (the run starts from an empty queue), then runs
   Locust headless for ``LOAD_SECONDS`` (default 120) with ``LOAD_USERS`` (default 100) users
   with 1-4 s think time (bench/locustfile.py), from the separate venv bench/.venv-load.
4. The capacity run (``LOAD_CAPACITY=0`` skips it): the same mix with no think time, in steps
   of 1, 2, 4, 8, 16 and 32 users for ``LOAD_STEP_SECONDS`` (default 20) each; prints each
   step's request rate and p95, and the rate at which p95 passes 1 s.
5. Stops everything, removes what the test wrote (``load_users --cleanup``), prints requests
   per second, error rate and p95 overall and per page, the load average before and after, and
   writes bench/results/load.json.

Exits non-zero if any request failed. Every request goes to 127.0.0.1 only.
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
LOCUST = Path(os.environ.get("LOCUST", ROOT / "bench" / ".venv-load" / "bin" / "locust"))
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/boligsocial_bench")
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/6")
USERS = int(os.environ.get("LOAD_USERS", "100"))
SPAWN_RATE = float(os.environ.get("LOAD_SPAWN_RATE", "2"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "120"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "4"))
PLANS_WITH_USERS = int(os.environ.get("LOAD_PLANS", "50"))
CAPACITY = os.environ.get("LOAD_CAPACITY", "1") != "0"
CAPACITY_STEPS = (1, 2, 4, 8, 16, 32)
STEP_SECONDS = int(os.environ.get("LOAD_STEP_SECONDS", "20"))
P95_LIMIT_MS = 1000
RESULT = ROOT / "bench" / "results" / "load.json"


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
            "DATABASE_URL": DB_URL,
            "CELERY_BROKER_URL": REDIS_URL,
            "CELERY_RESULT_BACKEND": REDIS_URL,
            "CACHE_URL": REDIS_URL,
            "PORTAL_2FA_REQUIRED": "0",
            "LOG_FORMAT": "json",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def manage(*args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [str(VENV_BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=server_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout.strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn stopped during start-up (see its log)")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit(f"gunicorn did not answer /healthz within {seconds:.0f} s")


def stop(process: subprocess.Popen | None, seconds: float = 30) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def data_size() -> dict[str, int]:
    import psycopg2

    tables = {
        "plans": "helhedsplaner_helhedsplan",
        "success_criteria": "helhedsplaner_succeskriterie",
        "measurements": "monitorering_maaling",
        "activity_registrations": "helhedsplaner_aktivitetsregistrering",
        "criterion_status_rows": "monitorering_kriteriestatus",
        "audit_overview_rows": "tilsyn_planoversigt",
    }
    conn = psycopg2.connect(DB_URL)
    try:
        with conn.cursor() as cur:
            sizes = {}
            for key, table in tables.items():
                cur.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
                sizes[key] = cur.fetchone()[0]
            cur.execute(
                "SELECT (date_part('year', age(slutdato + 1, startdato)))::int "
                "FROM helhedsplaner_helhedsplan GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
            )
            row = cur.fetchone()
            sizes["years_per_plan"] = row[0] if row else 0
    finally:
        conn.close()
    return sizes


def read_stats(prefix: Path) -> tuple[dict, list[dict]]:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))  # noqa: SIM115

    def figures(row: dict) -> dict:
        count = int(row["Request Count"])
        failures = int(row["Failure Count"])
        return {
            "requests": count,
            "failures": failures,
            "error_rate": round(failures / count, 4) if count else 0.0,
            "rps": round(float(row["Requests/s"]), 2),
            "median_ms": float(row["Median Response Time"]),
            "mean_ms": round(float(row["Average Response Time"]), 1),
            "p95_ms": float(row["95%"]) if row["95%"] not in ("N/A", "") else None,
            "p99_ms": float(row["99%"]) if row["99%"] not in ("N/A", "") else None,
            "max_ms": round(float(row["Max Response Time"]), 1),
        }

    overall = next(figures(r) for r in rows if r["Name"] == "Aggregated")
    pages = [
        {"page": r["Name"], "method": r["Type"], **figures(r)} for r in rows if r["Name"] != "Aggregated"
    ]
    return overall, sorted(pages, key=lambda p: -p["requests"])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def server_log_summary(path: Path) -> dict:
    """From the server's own JSON access lines: counts by status class, and the time spent in
    Django per URL pattern (duration_ms), which excludes the wait for a free gunicorn worker
    that the client-side figures include."""
    statuses: dict[str, int] = {}
    durations: dict[str, list[float]] = {}
    lines = with_id = 0
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            record = json.loads(raw)
        except ValueError:
            continue
        lines += 1
        if record.get("request_id") not in (None, "-"):
            with_id += 1
        if record.get("logger") == "portal.access":
            key = f"{record['status'] // 100}xx"
            statuses[key] = statuses.get(key, 0) + 1
            pattern = f"{record['method']} {re.sub(r'/[0-9]+', '/<id>', record['path'])}"
            durations.setdefault(pattern, []).append(record["duration_ms"])
    every = [d for values in durations.values() for d in values]
    return {
        "json_lines": lines,
        "lines_with_request_id": with_id,
        "access_lines_by_status": statuses,
        "server_time_ms": {
            "all": {
                "requests": len(every),
                "median": percentile(every, 0.5) if every else None,
                "p95": percentile(every, 0.95) if every else None,
            },
            **{
                pattern: {
                    "requests": len(values),
                    "median": percentile(values, 0.5),
                    "p95": percentile(values, 0.95),
                }
                for pattern, values in sorted(durations.items(), key=lambda kv: -len(kv[1]))
            },
        },
    }


def empty_queue() -> dict[str, int]:
    """Remove queued tasks and undelivered outbox rows left by earlier runs or by generating
    the data, so the measured run competes with nothing it did not cause itself."""
    import psycopg2
    import redis

    broker = redis.Redis.from_url(REDIS_URL)
    lists = [name for name in broker.scan_iter("celery*") if broker.type(name) == b"list"]
    queued = sum(int(broker.llen(name)) for name in lists)
    broker.flushdb()
    conn = psycopg2.connect(DB_URL)
    try:
        with conn, conn.cursor() as cur:
            cur.execute("SELECT to_regclass('portal_udbakke')")
            table = cur.fetchone()[0]
            outbox = 0
            if table:
                cur.execute("DELETE FROM portal_udbakke")
                outbox = cur.rowcount
    finally:
        conn.close()
    return {"broker_messages_removed": queued, "outbox_rows_removed": outbox}


def run_locust(host: str, users_file: Path, prefix: Path, users: int, seconds: int, think: bool) -> int:
    done = subprocess.run(  # noqa: S603
        [
            str(LOCUST),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(SPAWN_RATE if think else users),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            *os.environ.get("LOAD_CLASSES", "").split(),  # e.g. "Projektleder" to try one kind
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "LOAD_USERS_FILE": str(users_file),
            **({} if think else {"LOAD_NO_THINK": "1"}),
        },
        timeout=seconds + 120,
        check=False,
    )
    return done.returncode


def capacity_run(host: str, users_file: Path, work: Path) -> dict:
    """Closed-loop users without think time, doubling: the request rate each step sustains and
    its p95; the capacity is the highest rate whose p95 stayed within 1 s."""
    steps = []
    for users in CAPACITY_STEPS:
        run_locust(host, users_file, work / f"capacity-{users}", users, STEP_SECONDS, think=False)
        overall, _ = read_stats(work / f"capacity-{users}")
        figures = {k: overall[k] for k in ("rps", "p95_ms", "median_ms", "error_rate")}
        steps.append({"users": users, **figures})
        print(
            f"  capacity step {users:>3} users: {overall['rps']:7.1f} req/s, "
            f"p95 {overall['p95_ms'] or 0:6.0f} ms, errors {overall['error_rate']:.2%}",
            flush=True,
        )
        if (overall["p95_ms"] or 0) > P95_LIMIT_MS:
            break
    within = [s for s in steps if (s["p95_ms"] or 0) <= P95_LIMIT_MS]
    passed = next((s for s in steps if (s["p95_ms"] or 0) > P95_LIMIT_MS), None)
    return {
        "step_seconds": STEP_SECONDS,
        "steps": steps,
        "rps_within_p95_1s": max((s["rps"] for s in within), default=None),
        "rps_where_p95_passes_1s": passed["rps"] if passed else None,
        "users_where_p95_passes_1s": passed["users"] if passed else None,
    }


def main() -> int:
    dbname = DB_URL.rsplit("/", 1)[-1]
    if "bench" not in dbname:
        sys.exit(f"{dbname!r} is not a benchmark database (its name must contain 'bench').")
    if not LOCUST.exists():
        sys.exit(f"{LOCUST} not found: run `make bench-load` (it installs bench/requirements-load.txt).")
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    users_file = work / "users.json"
    print(manage("load_users", "--plans", str(PLANS_WITH_USERS), "--out", str(users_file)))
    size = data_size()
    print(f"data: {json.dumps(size)}")
    emptied = empty_queue()
    print(f"emptied before the run: {emptied}")

    port = free_port()
    host = f"http://127.0.0.1:{port}"
    server_log = work / "server.log"
    worker_log = work / "worker.log"
    env = server_env()
    gunicorn = worker = None
    load_before = os.getloadavg()
    try:
        with open(server_log, "w") as out:
            gunicorn = subprocess.Popen(  # noqa: S603
                [
                    str(VENV_BIN / "gunicorn"),
                    "portal.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(WORKERS),
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "10",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        with open(worker_log, "w") as out:
            worker = subprocess.Popen(  # noqa: S603
                [
                    str(VENV_BIN / "celery"),
                    "-A",
                    "portal",
                    "worker",
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--hostname",
                    f"bench-load-{port}@%h",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_healthy(host, gunicorn)
        print(f"gunicorn ({WORKERS} workers) on {host}; Locust: {USERS} users for {SECONDS} s")
        started = time.monotonic()
        locust_exit = run_locust(host, users_file, work / "locust", USERS, SECONDS, think=True)
        elapsed = time.monotonic() - started
        load_after = os.getloadavg()
        capacity = None
        if CAPACITY:
            print(f"capacity run: no think time, {STEP_SECONDS} s per step", flush=True)
            capacity = capacity_run(host, users_file, work)
    finally:
        load_end = os.getloadavg()
        stop(gunicorn)
        stop(worker, seconds=60)
    print(manage("load_users", "--cleanup"))

    overall, pages = read_stats(work / "locust")
    failures_csv = work / "locust_failures.csv"
    failures = list(csv.DictReader(open(failures_csv, encoding="utf-8"))) if failures_csv.exists() else []  # noqa: SIM115
    result = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "users": USERS,
        "spawn_rate_per_s": SPAWN_RATE,
        "think_time_s": [1.0, 4.0],
        "duration_s": SECONDS,
        "locust_wall_s": round(elapsed, 1),
        "server": f"gunicorn, {WORKERS} sync workers, portal.settings.bench, 127.0.0.1; 1 Celery worker",
        "database": dbname,
        "data": size,
        "plans_with_load_users": PLANS_WITH_USERS,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "loadavg_1m_before": round(load_before[0], 2),
            "loadavg_1m_after": round(load_after[0], 2),
            "loadavg_1m_after_capacity_run": round(load_end[0], 2),
        },
        "overall": overall,
        "pages": pages,
        "failures": [
            {"method": f["Method"], "name": f["Name"], "error": f["Error"], "count": int(f["Occurrences"])}
            for f in failures
        ],
        "server_log": server_log_summary(server_log),
        "capacity": capacity,
        "emptied_before_run": emptied,
        "locust_exit_code": locust_exit,
    }
    RESULT.parent.mkdir(exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    print(f"\nLoad test: {USERS} users, {SECONDS} s, {size['plans']:,} plans ({dbname})")
    print(
        f"overall: {overall['rps']:.1f} req/s, {overall['requests']:,} requests, "
        f"error rate {overall['error_rate']:.2%}, p95 {overall['p95_ms']:.0f} ms, "
        f"median {overall['median_ms']:.0f} ms"
    )
    width = max(len(p["page"]) for p in pages) + 2
    print(f"{'page':<{width}}{'requests':>9}{'req/s':>8}{'errors':>8}{'median':>9}{'p95':>8}{'max':>8}  (ms)")
    for p in pages:
        print(
            f"{p['page']:<{width}}{p['requests']:>9}{p['rps']:>8.2f}{p['failures']:>8}"
            f"{p['median_ms']:>9.0f}{(p['p95_ms'] or 0):>8.0f}{p['max_ms']:>8.0f}"
        )
    print(
        f"load average (1 min): {load_before[0]:.2f} before, {load_after[0]:.2f} after the run, "
        f"{load_end[0]:.2f} after the capacity run ({os.cpu_count()} CPUs)"
    )
    if capacity:
        print(
            f"capacity: ≤ {capacity['rps_within_p95_1s']} req/s with p95 within 1 s; p95 passed 1 s at "
            f"{capacity['rps_where_p95_passes_1s']} req/s "
            f"({capacity['users_where_p95_passes_1s']} users without think time)"
        )
    for f in result["failures"]:
        print(f"FAILED {f['count']}× {f['method']} {f['name']}: {f['error']}")
    log = result["server_log"]
    print(
        f"server log: {log['json_lines']} JSON lines, {log['lines_with_request_id']} with a request id, "
        f"status classes {log['access_lines_by_status']}"
    )
    print("time inside Django (from the access lines; no wait for a free worker):")
    for pattern, figures in log["server_time_ms"].items():
        print(
            f"  {pattern:<44}{figures['requests']:>6}"
            f"  median {figures['median']:>7.0f}  p95 {figures['p95']:>7.0f}"
        )
    print(f"written to {RESULT.relative_to(ROOT)}")
    if os.environ.get("LOAD_KEEP_LOGS"):
        print(f"logs kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if overall["failures"] or locust_exit else 0


if __name__ == "__main__":
    sys.exit(main())
