"""What a browser downloads for a board dashboard (`make bench`; needs Chromium and the
benchmark database of bench/scale.py, BENCH_DATABASE_URL overrides).

Serves the portal as production does (collectstatic into a temporary folder with whitenoise's
CompressedManifestStaticFilesStorage, DEBUG off) on a local live server, opens the dashboard
of the plan with the most success criteria twice in one headless Chromium profile, and prints
the bytes on the wire (compressed, headers included; Chrome DevTools' encodedDataLength):

1. first visit, empty cache — goal ≤ 600 kB;
2. repeat visit — goal ≤ 60 kB.

Writes the top-level keys ``dashboard_first_visit_kb_gzip`` and ``dashboard_repeat_visit_kb``
into bench/results/latest.json (other keys kept). Prints figures, never pass/fail.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/boligsocial_bench"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.pop("CELERY_BROKER_URL", None)
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from portal.staticfinders import basic_bundle  # noqa: E402
from tests.transfer import production_static, serve, visit  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def main() -> None:
    from playwright.sync_api import sync_playwright

    from helhedsplaner.models import Helhedsplan

    plan = (
        Helhedsplan.objects.annotate(n=Count("samarbejdsaftaler__strategiske_maal__succeskriterier"))
        .order_by("-n", "pk")
        .first()
    )
    if plan is None:
        print("No plans in the benchmark database: run `make bench-scale` (bench/scale.py) first.")
        return
    user, _ = get_user_model().objects.get_or_create(username="bench-lbf")
    user.groups.add(Group.objects.get_or_create(name=settings.LBF_GROUP_NAME)[0])
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    try:
        with production_static(root), serve() as base, sync_playwright() as p:
            chromium = p.chromium.launch(
                executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"],
            )
            context = chromium.new_context()
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])
            url = base + reverse("bestyrelser:dashboard", args=[plan.pk])
            first = visit(context, url)
            repeat = visit(context, url)
            chromium.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
        Session.objects.filter(session_key=session).delete()

    bundle = "basic (plotly.js-basic-dist-min)" if basic_bundle() else "full (plotly Python package)"
    print(f"plan measured:                #{plan.pk} with {plan.n} success criteria, {first.charts} charts")
    print(f"plotly.js bundle:             {bundle}")
    print(f"first visit, compressed:      {first.kb:8.1f} kB  (goal ≤ 600)")
    print(f"repeat visit:                 {repeat.kb:8.1f} kB  (goal ≤ 60)")
    for name, size in sorted(first.bytes_by_url.items(), key=lambda item: -item[1])[:5]:
        print(f"  {size / 1000:8.1f} kB  {name.replace(base, '')[:90]}")
    if first.errors or repeat.errors:
        print("console errors:", first.errors + repeat.errors)

    from bench.common import merge_latest

    merge_latest({"dashboard_first_visit_kb_gzip": first.kb, "dashboard_repeat_visit_kb": repeat.kb})


if __name__ == "__main__":
    main()
