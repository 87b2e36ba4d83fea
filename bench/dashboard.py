"""The board dashboard at ten times national scale (`make bench`, after bench/scale.py has
generated the data; needs PostgreSQL).

Measures in one run and prints, with the raw times:

1. the dashboard's median server time for one plan, cold (cache emptied before every
   request) and warm (the cached page), each ÷ the median time of a minimal logged-in page
   that renders the base template (the 404 page) — goal for cold ≤ 3.0;
2. the time to release (freeze) a board pack for that plan;
3. the read API's ``plans/`` (first page of every plan an LBF key sees, with a personal API
   key) ÷ the same minimal page.

Uses the benchmark database of bench/scale.py (BENCH_DATABASE_URL overrides). Writes
bench/results/dashboard.json and merges ``dashboard_cold_over_minimal`` into the ``ratios``
of bench/results/latest.json (other keys kept). Prints figures, never pass/fail.
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import sys
import time
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
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.common import median_seconds  # noqa: E402  (15 requests after a warming one)


def cold() -> None:
    """Forget everything cached between requests: the shared cache and per-process memos."""
    from django.core.cache import cache

    cache.clear()


def main() -> None:
    from bestyrelser.dashboard import dashboard_data
    from bestyrelser.models import Medlemskab, Moede, Organ, Person
    from bestyrelser.services import boardpack_release
    from helhedsplaner.models import Helhedsplan
    from monitorering.services import plan_recompute

    call_command("migrate", verbosity=0)
    plan = (
        Helhedsplan.objects.annotate(n=Count("samarbejdsaftaler__strategiske_maal__succeskriterier"))
        .order_by("-n", "pk")
        .first()
    )
    if plan is None:
        print("No plans in the benchmark database: run `make bench-scale` (bench/scale.py) first.")
        return
    if not plan.kriteriestatus.exists():
        plan_recompute(plan_id=plan.pk)
    user, _ = get_user_model().objects.get_or_create(username="bench-lbf")
    user.groups.add(Group.objects.get_or_create(name=settings.LBF_GROUP_NAME)[0])
    client = Client()
    client.force_login(user)

    url = reverse("bestyrelser:dashboard", args=[plan.pk])
    # Interleaved, so that a change in the machine's load shows in both.
    minimal_before = median_seconds(client, "/findes-ikke/", 404)
    dashboard_cold = median_seconds(client, url, 200, before=cold)
    dashboard = median_seconds(client, url, 200)
    minimal = statistics.median([minimal_before, median_seconds(client, "/findes-ikke/", 404)])

    from api.tokens import key_create

    noegle, raw = key_create(user=user, navn="bench")
    try:
        api_client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
        api_plans = median_seconds(api_client, reverse("api:plan_list"), 200)
    finally:
        noegle.delete()

    board, _ = Organ.objects.get_or_create(
        helhedsplan=plan, type=Organ.Type.BESTYRELSE, defaults={"navn": f"Bestyrelse {plan.pk}"}
    )
    with transaction.atomic():
        # The bench user chairs the board for the measurement; rolled back afterwards.
        moede = Moede.objects.create(organ=board, tidspunkt=timezone.now())
        Medlemskab.objects.create(
            person=Person.objects.create(navn="Bench formand", user=user),
            organ=board,
            rolle=Medlemskab.Rolle.FORMAND,
            repraesenterer=Medlemskab.Repraesenterer.ANDET,
            niveau=Medlemskab.Niveau.DIREKTOER,
            fra=datetime.date(2000, 1, 1),
        )
        start = time.perf_counter()
        boardpack_release(user=user, moede=moede, data=dashboard_data(plan, moede=moede))
        release = time.perf_counter() - start
        transaction.set_rollback(True)  # leave the benchmark database as it was

    result = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "plans": Helhedsplan.objects.count(),
        "plan_id": plan.pk,
        "criteria_of_plan": plan.n,
        "dashboard_cold_median_s": round(dashboard_cold, 4),
        "dashboard_median_s": round(dashboard, 4),
        "minimal_page_median_s": round(minimal, 4),
        "ratio_dashboard_cold_to_minimal": round(dashboard_cold / minimal, 2),
        "ratio_dashboard_to_minimal": round(dashboard / minimal, 2),
        "pack_release_s": round(release, 4),
        "api_plans_median_s": round(api_plans, 4),
        "ratio_api_plans_to_minimal": round(api_plans / minimal, 2),
    }
    print(f"plans in database:           {result['plans']:,}")
    print(f"plan measured:               #{plan.pk} with {plan.n} success criteria")
    print(f"dashboard cold, median:      {dashboard_cold * 1000:8.1f} ms  (cache emptied before each)")
    print(f"dashboard warm, median:      {dashboard * 1000:8.1f} ms  (the cached page)")
    print(f"minimal page, median:        {minimal * 1000:8.1f} ms")
    print(f"ratio cold ÷ minimal:        {result['ratio_dashboard_cold_to_minimal']:8.2f}  (goal ≤ 3.0)")
    print(f"ratio warm ÷ minimal:        {result['ratio_dashboard_to_minimal']:8.2f}")
    print(f"board pack release:          {release * 1000:8.1f} ms")
    print(
        f"API plans/, median:          {api_plans * 1000:8.1f} ms  (first page of {result['plans']:,} plans)"
    )
    print(f"ratio plans/ ÷ minimal:      {result['ratio_api_plans_to_minimal']:8.2f}")
    out = ROOT / "bench" / "results" / "dashboard.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    from bench.common import merge_latest

    merge_latest({"ratios": {"dashboard_cold_over_minimal": result["ratio_dashboard_cold_to_minimal"]}})


if __name__ == "__main__":
    main()
