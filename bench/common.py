"""What the benchmark scripts share: bench/results/latest.json is written by several of them
(scale.py, dashboard.py, overview.py, browser.py), each adding its own keys."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

LATEST = Path(__file__).resolve().parent / "results" / "latest.json"


def merge_latest(updates: dict[str, Any]) -> Path:
    """Read-modify-write latest.json: top-level keys are replaced, except dicts (``ratios``,
    ``raw_seconds``, …), which are merged key by key, so figures other scripts wrote stay."""
    merged = json.loads(LATEST.read_text()) if LATEST.exists() else {}
    for key, value in updates.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    LATEST.parent.mkdir(exist_ok=True)
    LATEST.write_text(json.dumps(merged, indent=2) + "\n")
    return LATEST


def median_seconds(
    client: Any, url: str, expected: int, *, repeat: int = 15, before: Callable[[], None] | None = None
) -> float:
    """The median time of ``repeat`` GETs of ``url`` by the Django test ``client`` after one
    warming GET, each answering ``expected``; ``before`` runs untimed before each (e.g. to
    empty the cache for a cold measurement)."""
    client.get(url)  # warm connections and template caches
    times = []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == expected, (url, response.status_code)  # noqa: S101
    return statistics.median(times)
