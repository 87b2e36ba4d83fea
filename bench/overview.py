"""LBF's overview of every plan at ten times national scale (`make bench`, after bench/scale.py
has generated the data; needs PostgreSQL).

Measures, side by side in one run, the median server time of the overview (/tilsyn/) for every
sort key in both directions, on the first page, a middle page and the last page, and divides
each by the median of a minimal logged-in page that renders the base template (the 404 page).
Prints every figure and the worst; goal: the worst ≤ 3.0. Writes bench/results/overview.json
and merges ``ratios.lbf_overview_over_minimal_worst`` into bench/results/latest.json.

Uses the benchmark database of bench/scale.py (BENCH_DATABASE_URL overrides). Prints figures,
never pass/fail.
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/boligsocial_bench"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.pop("CELERY_BROKER_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.common import median_seconds  # noqa: E402

REPEAT = 9
PER_PAGE = 25


def main() -> None:
    from helhedsplaner.models import Helhedsplan
    from tilsyn.selectors import SORTS

    plans = Helhedsplan.objects.count()
    if not plans:
        print("No plans in the benchmark database: run `make bench-scale` (bench/scale.py) first.")
        return
    user, _ = get_user_model().objects.get_or_create(username="bench-lbf")
    user.groups.add(Group.objects.get_or_create(name=settings.LBF_GROUP_NAME)[0])
    client = Client()
    client.force_login(user)

    last = (plans + PER_PAGE - 1) // PER_PAGE
    pages = sorted({1, (last + 1) // 2, last})
    url = reverse("tilsyn:overview")
    minimal_before = median_seconds(client, "/findes-ikke/", 404, repeat=21)
    timings: dict[str, float] = {}
    for key in SORTS:
        for sort in (key, f"-{key}"):
            for page in pages:
                query = f"sort={sort}&side={page}"
                timings[query] = median_seconds(client, f"{url}?{query}", 200, repeat=REPEAT)
    # The minimal page measured before and after, so a machine that slowed down in between
    # shows in the figures instead of flattering the ratios.
    minimal = statistics.median([minimal_before, median_seconds(client, "/findes-ikke/", 404, repeat=21)])
    worst_key = max(timings, key=lambda k: timings[k])
    result = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "plans": plans,
        "pages": pages,
        "load_average_after": os.getloadavg(),
        "minimal_page_median_s": round(minimal, 4),
        "overview_median_s": {k: round(v, 4) for k, v in timings.items()},
        "worst": worst_key,
        "ratio_worst_to_minimal": round(timings[worst_key] / minimal, 2),
        "ratio_median_to_minimal": round(statistics.median(timings.values()) / minimal, 2),
    }
    print(f"plans in database:        {plans:,} ({last} pages of {PER_PAGE})")
    print(f"minimal page, median:     {minimal * 1000:8.1f} ms")
    for key, seconds in timings.items():
        print(f"/tilsyn/?{key:32} {seconds * 1000:8.1f} ms  ratio {seconds / minimal:5.2f}")
    print(f"worst: {worst_key}, ratio {result['ratio_worst_to_minimal']:.2f}  (goal ≤ 3.0)")
    print(f"median over sorts and pages, ratio {result['ratio_median_to_minimal']:.2f}")
    out = ROOT / "bench" / "results" / "overview.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    from bench.common import merge_latest

    merge_latest({"ratios": {"lbf_overview_over_minimal_worst": result["ratio_worst_to_minimal"]}})


if __name__ == "__main__":
    main()
