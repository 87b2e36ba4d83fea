"""Benchmarks, run on demand (`make bench`). They print figures and ratios, never pass/fail.

plan_overview: time and queries to render the plan overview page for a plan with 1, 20 and
200 activities (each with registrations and participants), on a throwaway SQLite database
(or DATABASE_URL). The ratio shows how page time grows with plan size; queries must not.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def build_plan(activities: int):
    from tests.bestyrelser.factories import MedlemskabFactory, PersonFactory, UserFactory
    from tests.helhedsplaner.factories import HelhedsplanFactory, build_chain

    plan = HelhedsplanFactory()
    user = UserFactory()
    MedlemskabFactory(person=PersonFactory(user=user), organ__helhedsplan=plan)
    build_chain(plan, activities=activities)
    return plan, user


def measure(plan, user, repeat: int = 15) -> tuple[float, int]:
    client = Client()
    client.force_login(user)
    client.get(plan.get_absolute_url())  # warm up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(plan.get_absolute_url())
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(plan.get_absolute_url())
    return statistics.median(timings), len(queries)


def main() -> None:
    call_command("migrate", verbosity=0)
    results = {}
    for size in (1, 20, 200):
        plan, user = build_plan(size)
        results[size] = measure(plan, user)
    base_time, _ = results[1]
    print(f"{'activities':>10} {'median ms':>10} {'queries':>8} {'time ratio':>11}")
    for size, (seconds, queries) in results.items():
        print(f"{size:>10} {seconds * 1000:>10.1f} {queries:>8} {seconds / base_time:>10.2f}x")


if __name__ == "__main__":
    main()
