"""The board pack PDF's render time for the demo's newest board meeting of each plan.

Needs a database with the demo data (``manage.py seed_demo``); ``DATABASE_URL`` picks it
(default: the ``make run`` SQLite file). The pack's data is built once per meeting (as a
release freezes it); only the PDF rendering is timed, ``--runs`` times (default 10). Prints
the median and the fastest run in milliseconds, the pages and the size, never pass/fail.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python bench/boardpack_pdf.py
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.pop("CELERY_BROKER_URL", None)

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402

from bestyrelser.boardpack import boardpack_data  # noqa: E402
from bestyrelser.models import Moede, Organ  # noqa: E402
from bestyrelser.pdf import boardpack_pdf  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    translation.activate("da")
    boards = Organ.objects.filter(type=Organ.Type.BESTYRELSE).select_related("helhedsplan")
    for board in boards.order_by("helhedsplan__navn"):
        moede = Moede.objects.filter(organ=board).order_by("-tidspunkt").first()
        if moede is None:
            continue
        data = boardpack_data(board.helhedsplan, moede)
        boardpack_pdf(title=f"Mødepakke: {moede}", released="Frigivet", data=data)  # warm up
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            content = boardpack_pdf(title=f"Mødepakke: {moede}", released="Frigivet", data=data)
            times.append((time.perf_counter() - start) * 1000)
        pages = len(re.findall(rb"/Type /Page\b(?!s)", content))
        print(
            f"{moede}: median {statistics.median(times):.0f} ms, fastest {min(times):.0f} ms, "
            f"{pages} pages, {len(content) / 1024:.0f} KB"
        )


if __name__ == "__main__":
    main()
